"""An assessment as a map of *records*, and the rule that merges an incoming record.

Every piece of an assessment that can be set on its own is one record, named by a key (the
canonical JSON of a short list) and holding a JSON value; a record that is absent or cleared
has no value (``None``):

* ``["status"]`` — text (``draft``, where every assessment starts, counts as no value);
* ``["evaluation_date"]`` — text;
* ``["answer", tier, node]`` — ``{"option": …, "number": …}``;
* ``["note", tier, node]`` — text;
* ``["evidence", tier, node, sha256, file name, n]`` — ``{"caption": …}`` (the n-th link of
  the same file under the same name to the same item, counted from 0);
* ``["survey", tier, kind]`` — respondents, period, who ran it, the report's SHA-256;
* ``["recommendation", area]`` — text.

Delta packages and the merge work record by record, so that two evaluators who changed
different answers never disturb each other, and one who changed the same answer as someone
else produces a conflict instead of an overwrite (see :func:`decide`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from ..identity import canonical
from .payload import AssessmentData

Key = str


def key(*parts: str | int) -> Key:
    return canonical.dumps(list(parts)).decode("utf-8")


def parse_key(text: Key) -> list[Any]:
    parts = json.loads(text)
    if not isinstance(parts, list) or not parts or not isinstance(parts[0], str):
        raise ValueError(f"not a record key: {text!r}")
    return parts


def digest(value: Any) -> str:
    return hashlib.sha256(canonical.dumps(value)).hexdigest()


def value_text(value: Any) -> str:
    return canonical.dumps(value).decode("utf-8")


@dataclass(frozen=True)
class Meta:
    """Who set a record and when, as the sender's workspace recorded it."""

    by: str
    at: str


def records_of(a: AssessmentData) -> dict[Key, tuple[Any, Meta]]:
    """The records an assessment holds (only those with a value)."""
    out: dict[Key, tuple[Any, Meta]] = {}
    none = Meta("", "")
    if a.status not in (None, "draft"):  # draft is where every assessment starts
        out[key("status")] = (a.status, none)
    if a.evaluation_date:
        out[key("evaluation_date")] = (a.evaluation_date, none)
    for x in a.answers:
        meta = Meta(x.by, x.at)
        if x.option is not None or x.number is not None:
            out[key("answer", x.tier, x.node)] = ({"option": x.option, "number": x.number}, meta)
        if x.note:
            out[key("note", x.tier, x.node)] = (x.note, meta)
    seen: dict[tuple[str, str, str, str], int] = {}
    for e in a.evidence:
        ident = (e.tier, e.node, e.sha256, e.file_name)
        n = seen[ident] = seen.get(ident, -1) + 1
        out[key("evidence", *ident, n)] = ({"caption": e.caption}, Meta(e.by, e.at))
    for s in a.surveys:
        value = {
            "respondents": s.respondents,
            "period": s.period,
            "conducted_by": s.conducted_by,
            "report_sha256": s.report_sha256,
        }
        out[key("survey", s.tier, s.kind)] = (value, none)
    for area, text in a.recommendations:
        if text:
            out[key("recommendation", area)] = (text, none)
    return out


def digests(records: dict[Key, tuple[Any, Meta]]) -> dict[Key, str]:
    return {k: digest(v) for k, (v, _meta) in records.items()}


@dataclass(frozen=True)
class Source:
    """Who last set a record through a package, and to what."""

    signer: str
    value: Any


@dataclass(frozen=True)
class Decision:
    action: str  # keep | take | remove | conflict
    adopt: bool = False  # record the sender as the record's source (values already agree)


KEEP = Decision("keep")


def decide(local: Any, incoming: Any, source: Source | None, signer: str) -> Decision:
    """What to do with one incoming record value (``None``: cleared or absent).

    * the sender repeats what it sent before: nothing new, nothing changes (even when the
      record was edited here since);
    * equal values: nothing changes; the sender becomes the record's source;
    * the sender cleared a record it set itself, unchanged here since: remove it;
    * any other cleared or absent record: no opinion, nothing changes;
    * a record this workspace does not have: take it;
    * a record the same sender set before, unchanged here since: take the new value;
    * anything else — set by someone else, or edited here since — is a conflict.
    """
    if source is not None and source.signer == signer and source.value == incoming:
        return KEEP  # nothing new from this sender (whatever happened here since)
    own = source is not None and source.signer == signer and source.value == local
    if incoming == local:
        return Decision("keep", adopt=incoming is not None)
    if incoming is None:
        return Decision("remove") if own else KEEP
    if local is None or own:
        return Decision("take")
    return Decision("conflict")
