"""Reading a verified package's data files strictly and checking them against each other.

Runs after every file's hash matched the signed manifest, and before anything is written to
the workspace: the JSON is parsed with the guarded parser, every object read with strict
schemas, every answer checked against its LKE definition, every evidence reference matched
with a file in the package (or one the sender left out because the receiver has it), and the
sender's audit events checked link by link up to the head the manifest names.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..identity import canonical
from ..lke.loader import available_definitions, load_definition
from ..lke.model import Definition
from ..scoring import InvalidAnswer, coerce_answer
from ..storage.audit import GENESIS, event_hash
from .fields import malformed
from .limits import Limits
from .manifest import Manifest
from .payload import AnswerData, AssessmentData, AuditData, parse_assessments, parse_audit
from .reasons import PackageRefused, Reason

ASSESSMENTS, AUDIT = "data/assessments.json", "data/audit.json"


@dataclass(frozen=True)
class Contents:
    assessments: tuple[AssessmentData, ...]
    audit: AuditData | None


def _json(data: dict[str, bytes], path: str, limits: Limits) -> object:
    try:
        return canonical.loads_canonical(data[path], limits.data_bytes, limits.json_depth)
    except canonical.JsonRejected as bad:
        raise PackageRefused(Reason(bad.kind), f"{path}: {bad.problem}") from None


def load(manifest: Manifest, data: dict[str, bytes], limits: Limits) -> Contents:
    expected = {ASSESSMENTS} | ({AUDIT} if manifest.kind == "sync" else set())
    if set(data) != expected:
        raise malformed(f"data files {sorted(data)}, expected {sorted(expected)}")
    assessments = tuple(parse_assessments(_json(data, ASSESSMENTS, limits)))
    audit = parse_audit(_json(data, AUDIT, limits)) if AUDIT in data else None
    _check_units(manifest, assessments)
    for a in assessments:
        check_assessment(manifest, a, _definition(a.lke))
    _check_evidence(manifest, assessments)
    if audit is not None:
        check_audit(manifest, audit)
    return Contents(assessments, audit)


def _definition(lke: str) -> Definition:
    if lke not in available_definitions():
        raise PackageRefused(Reason.UNSUPPORTED_VERSION, f"LKE {lke} is unknown here")
    return load_definition(lke)


def _check_units(manifest: Manifest, assessments: tuple[AssessmentData, ...]) -> None:
    listed = sorted((u.code, u.year, u.lke) for u in manifest.units)
    found = sorted((a.unit.code, a.year, a.lke) for a in assessments)
    if listed != found or len({u.code for u in manifest.units}) != len(listed):
        raise malformed("the units in the data differ from the manifest's")
    if sorted(set(manifest.lke)) != list(manifest.lke) or set(manifest.lke) != {
        a.lke for a in assessments
    }:
        raise malformed("the manifest's LKE list differs from the units'")


def check_assessment(manifest: Manifest, a: AssessmentData, definition: Definition) -> None:
    where = f"{a.unit.code}/{a.year}"
    if manifest.mode == "full" and (a.removed or a.status is None or a.evaluation_date is None):
        raise malformed(f"{where}: a full package holds whole assessments")
    if manifest.kind == "assignment" and (
        {x.tier for x in a.answers} | {e.tier for e in a.evidence} | {s.tier for s in a.surveys}
    ) - {"unit"}:
        raise malformed(f"{where}: an assignment carries the unit's self-assessment only")
    if manifest.kind == "assignment" and (a.recommendations or a.status not in (None, "draft")):
        raise malformed(f"{where}: an assignment carries no evaluation results")
    seen = set()
    for x in a.answers:
        if (x.tier, x.node) in seen:
            raise malformed(f"{where}: {x.tier}/{x.node} appears twice")
        seen.add((x.tier, x.node))
        _check_answer(definition, x, where)
    for e in a.evidence:
        if e.node not in definition.items:
            raise malformed(f"{where}: evidence on unknown item {e.node}")
    kinds = [(s.tier, s.kind) for s in a.surveys]
    areas = [area for area, _text in a.recommendations]
    if len(set(kinds)) != len(kinds) or len(set(areas)) != len(areas):
        raise malformed(f"{where}: a survey or recommendation appears twice")


def _check_answer(definition: Definition, x: AnswerData, where: str) -> None:
    if x.note and x.node not in definition.items:
        raise malformed(f"{where}: a note on {x.node}, which is not an item")
    try:
        if x.option is not None:
            if coerce_answer(definition, x.node, x.option) != x.option:
                raise malformed(f"{where}: {x.node}: option {x.option!r} not as the LKE spells it")
        elif x.number is not None:
            raw = int(x.number) if x.node in definition.inputs else Decimal(x.number)
            coerce_answer(definition, x.node, raw)
            if format(Decimal(x.number).normalize(), "f") != x.number:
                raise malformed(f"{where}: {x.node}: number {x.number!r} not in canonical form")
        elif x.node not in definition.items and x.node not in definition.inputs:
            raise malformed(f"{where}: unknown LKE node {x.node}")
    except InvalidAnswer as bad:
        raise malformed(f"{where}: {bad}") from None
    except ValueError:
        raise malformed(f"{where}: {x.node}: {x.number!r} is not a whole number") from None


def _check_evidence(manifest: Manifest, assessments: tuple[AssessmentData, ...]) -> None:
    included = {f.path[9:]: f.size for f in manifest.files if f.path.startswith("evidence/")}
    omitted = set(manifest.evidence_omitted)
    referenced: set[str] = set()
    for a in assessments:
        for e in a.evidence:
            referenced.add(e.sha256)
            if e.sha256 in included and included[e.sha256] != e.size:
                raise malformed(f"evidence {e.sha256}: size differs from the file's")
        referenced |= {s.report_sha256 for s in a.surveys if s.report_sha256}
    missing = sorted(referenced - set(included) - omitted)
    if missing:
        raise PackageRefused(Reason.MISSING_FILE, f"evidence/{missing[0]}")
    unused = sorted((set(included) | omitted) - referenced)
    if unused:
        raise malformed(f"evidence/{unused[0]} is not referred to")
    if manifest.mode == "full" and omitted:
        raise malformed("a full package leaves no evidence out")


def check_audit(manifest: Manifest, audit: AuditData) -> None:
    seq, prev = audit.start
    if manifest.mode == "full" and audit.start != (0, GENESIS):
        raise malformed("a full package's audit events start at the beginning")
    for e in audit.events:
        if e.seq != seq + 1 or e.prev_hash != prev:
            raise malformed(f"audit event {e.seq} does not follow event {seq}")
        if event_hash(prev, e.seq, e.at, e.actor, e.entity, e.old, e.new) != e.hash:
            raise malformed(f"audit event {e.seq} was altered")
        seq, prev = e.seq, e.hash
    if (seq, prev) != manifest.audit_head:
        raise malformed("the audit events do not end at the manifest's audit head")
