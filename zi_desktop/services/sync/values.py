"""Plain value objects of the sync use cases (what the export dialog, ``zi verify`` and the
coordinator's package list show), and an assessment view built from package data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from ...lke.model import Definition
from ...scoring import AnswerValue
from ...storage.constants import TIERS
from ...sync.payload import AnswerData, AssessmentData
from ...sync.reasons import PackageRefused as PackageRefused  # what a refusal raises
from ...sync.reasons import Reason as Reason
from ...values.views import AnswerView, AssessmentView, EvidenceView, SurveyView, UnitInfo
from ..identity import KeyInfo


@dataclass(frozen=True)
class UnitContent:
    code: str
    name: str
    year: int
    lke: str
    answers: int  # answered cells, all tiers
    notes: int
    evidence: int  # evidence links
    fingerprint: str | None  # the assessment fingerprint (SHA-256 hex), as the report prints it
    fingerprint_checked: bool = False  # recomputed from the package's data and equal


@dataclass(frozen=True)
class PackageSummary:
    """What a package holds and who signed it: the export preview and ``zi verify`` output."""

    kind: str  # sync | assignment
    mode: str  # full | delta
    signer: KeyInfo
    recipient: KeyInfo
    sequence: int
    base: int | None
    units: tuple[UnitContent, ...]
    evidence_files: int
    evidence_bytes: int
    evidence_omitted: int
    audit_events: int
    size: int  # bytes of the package (estimated in a preview)
    package_hash: str = ""
    package_id: str = ""
    device_id: str = ""
    created: str = ""
    trusted_as: str = ""  # enrolled | pinned | card | first-use
    already_imported: bool = False
    paths: tuple[Path, ...] = ()


@dataclass(frozen=True)
class ImportResult:
    summary: PackageSummary
    already_imported: bool
    taken: int = 0
    removed: int = 0
    conflicts: int = 0
    unchanged: int = 0
    units_created: tuple[str, ...] = ()
    pinned: bool = False


@dataclass(frozen=True)
class ReceivedPackage:
    """One imported package: who sent what, and when (for the coordinator's unit view)."""

    units: tuple[str, ...]
    kind: str
    mode: str
    signer_name: str
    signer_fingerprint: str
    device_id: str
    sequence: int
    created: str
    imported_at: str
    taken: int
    conflicts: int


@dataclass(frozen=True)
class ConflictView:
    id: int
    unit: str
    year: int
    record: tuple[str, ...]  # e.g. ("answer", "tpi", "A.I.1.i.a")
    local_value: object
    local_source: str  # fingerprint of the package signer it came from, "" for a local edit
    incoming_value: object
    incoming_signer: str  # fingerprint
    incoming_by: str  # the person the signer's card names (never a name typed in the answers)
    created_at: str
    resolution: str
    local_by: str = ""  # the person the local value's signer's card names; "" for a local edit


def decode(definition: Definition, x: AnswerData) -> AnswerValue | None:
    if x.option is not None:
        return x.option
    if x.number is None:
        return None
    if x.node in definition.inputs:
        return int(x.number)
    return Fraction(Decimal(x.number))


def _when(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return datetime(1970, 1, 1, tzinfo=UTC)


def view_of(a: AssessmentData, definition: Definition) -> AssessmentView:
    """The assessment a full package holds, as the report and the fingerprint see it."""
    answers: dict[str, dict[str, AnswerView]] = {t: {} for t in TIERS}
    for x in a.answers:
        answers[x.tier][x.node] = AnswerView(
            x.node, decode(definition, x), x.note, x.by, _when(x.at)
        )
    evidence = tuple(
        EvidenceView(
            0, e.tier, e.node, e.sha256, e.file_name, e.caption, e.size, e.mime, e.by, _when(e.at)
        )
        for e in a.evidence
    )
    surveys = []
    for s in a.surveys:
        found = answers[s.tier].get(definition.survey_items[s.kind])
        index = found.value if found is not None else None
        surveys.append(
            SurveyView(
                s.kind,
                s.tier,
                index if isinstance(index, Fraction) else None,
                s.respondents,
                s.period,
                s.conducted_by,
                s.report_sha256,
            )
        )
    u = a.unit
    return AssessmentView(
        unit=UnitInfo(
            u.code,
            u.name,
            u.instansi_code,
            u.instansi_name,
            u.address,
            u.head,
            u.service_type,
            u.current_predikat,
            u.target_predikat,
        ),
        year=a.year,
        lke=a.lke,
        status=a.status or "draft",
        answers=answers,
        evidence=evidence,
        surveys=tuple(surveys),
        recommendations=dict(a.recommendations),
        survey_items=dict(definition.survey_items),
    )


def unit_content(a: AssessmentData, fingerprint: str | None, checked: bool) -> UnitContent:
    return UnitContent(
        a.unit.code,
        a.unit.name,
        a.year,
        a.lke,
        sum(1 for x in a.answers if x.option is not None or x.number is not None),
        sum(1 for x in a.answers if x.note),
        len(a.evidence),
        fingerprint,
        checked,
    )
