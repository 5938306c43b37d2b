"""The data files of a package: ``data/assessments.json`` and ``data/audit.json``.

Plain frozen dataclasses, written as JSON and read back strictly (:mod:`.fields`): every field
typed and bounded, no unknown field. Values are kept as the workspace stores them — an
option code, or the exact decimal text of a number — so nothing is ever rounded on the way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..lke.model import SURVEYS
from ..storage.constants import STATUSES, TIERS
from .fields import HEX64, Fields, malformed

NODE = re.compile(r"^[A-Za-z0-9._-]{1,40}$")
STAMP = re.compile(r"^\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d{1,6})?(\+00:00|Z)?$")
NUMBER = re.compile(r"^(0|[1-9]\d{0,17})(\.\d{1,12})?$")
PREDIKAT, TARGETS = ("none", "WBK", "WBBM"), ("WBK", "WBBM")
MAX_ROWS = 20_000
SHORT = 1000


@dataclass(frozen=True)
class UnitData:
    code: str
    name: str
    instansi_code: str
    instansi_name: str
    address: str
    head: str
    service_type: str
    current_predikat: str
    target_predikat: str


@dataclass(frozen=True)
class AnswerData:
    tier: str
    node: str
    option: str | None
    number: str | None
    note: str
    by: str
    at: str


@dataclass(frozen=True)
class EvidenceData:
    tier: str
    node: str
    sha256: str
    file_name: str
    caption: str
    size: int
    mime: str
    by: str
    at: str


@dataclass(frozen=True)
class SurveyData:
    tier: str
    kind: str
    respondents: int | None
    period: str
    conducted_by: str
    report_sha256: str | None


@dataclass(frozen=True)
class AssessmentData:
    unit: UnitData
    year: int
    lke: str
    status: str | None  # None: not part of this delta
    evaluation_date: str | None
    answers: tuple[AnswerData, ...]
    evidence: tuple[EvidenceData, ...]
    surveys: tuple[SurveyData, ...]
    recommendations: tuple[tuple[int, str], ...]
    removed: tuple[str, ...] = ()  # record keys removed since the base (delta packages)


@dataclass(frozen=True)
class AuditEventData:
    seq: int
    at: str
    actor: str
    entity: str
    old: str
    new: str
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class AuditData:
    start: tuple[int, str]  # the event before the first one sent (0 and 64 zeros: the start)
    events: tuple[AuditEventData, ...]


def _dict(obj: Any) -> dict[str, Any]:
    return dict(vars(obj))


def assessments_json(items: list[AssessmentData]) -> dict[str, Any]:
    return {
        "assessments": [
            {
                "unit": _dict(a.unit),
                "year": a.year,
                "lke": a.lke,
                "status": a.status,
                "evaluation_date": a.evaluation_date,
                "answers": [_dict(x) for x in a.answers],
                "evidence": [_dict(x) for x in a.evidence],
                "surveys": [_dict(x) for x in a.surveys],
                "recommendations": [{"area": n, "text": t} for n, t in a.recommendations],
                "removed": list(a.removed),
            }
            for a in items
        ]
    }


def audit_json(audit: AuditData) -> dict[str, Any]:
    return {
        "start": {"seq": audit.start[0], "hash": audit.start[1]},
        "events": [_dict(e) for e in audit.events],
    }


def parse_assessments(doc: Any) -> list[AssessmentData]:
    top = Fields(doc, "data/assessments.json", {"assessments"})
    return [_assessment(raw) for raw in top.array("assessments", 10_000)]


def _assessment(raw: Any) -> AssessmentData:
    allowed = {
        "unit",
        "year",
        "lke",
        "status",
        "evaluation_date",
        "answers",
        "evidence",
        "surveys",
        "recommendations",
        "removed",
    }
    f = Fields(raw, "assessment", allowed)
    return AssessmentData(
        unit=_unit(f.child("unit", set(UnitData.__dataclass_fields__))),
        year=f.integer("year", 2000, 2200),
        lke=f.text("lke", 80),
        status=None if f.opt_text("status", 40) is None else f.choice("status", STATUSES),
        evaluation_date=f.opt_text("evaluation_date", 40),
        answers=tuple(_answer(x) for x in f.array("answers", MAX_ROWS)),
        evidence=tuple(_evidence(x) for x in f.array("evidence", MAX_ROWS)),
        surveys=tuple(_survey(x) for x in f.array("surveys", 12)),
        recommendations=tuple(_recommendation(x) for x in f.array("recommendations", 6)),
        removed=tuple(_removed(f.array("removed", MAX_ROWS))),
    )


def _unit(f: Fields) -> UnitData:
    return UnitData(
        f.text("code", 64),
        f.text("name", SHORT),
        f.text("instansi_code", 64),
        f.text("instansi_name", SHORT),
        f.text("address", SHORT),
        f.text("head", SHORT),
        f.text("service_type", SHORT),
        f.choice("current_predikat", PREDIKAT),
        f.choice("target_predikat", TARGETS),
    )


def _answer(raw: Any) -> AnswerData:
    f = Fields(raw, "answer", set(AnswerData.__dataclass_fields__))
    answer = AnswerData(
        f.choice("tier", TIERS),
        f.text("node", 40, NODE),
        f.opt_text("option", 40),
        f.opt_text("number", 40, NUMBER),
        f.text("note"),
        f.text("by", SHORT),
        f.text("at", 40, STAMP),
    )
    if answer.option is not None and answer.number is not None:
        raise malformed(f"answer {answer.node}: both an option and a number")
    return answer


def _evidence(raw: Any) -> EvidenceData:
    f = Fields(raw, "evidence", set(EvidenceData.__dataclass_fields__))
    return EvidenceData(
        f.choice("tier", TIERS),
        f.text("node", 40, NODE),
        f.text("sha256", 64, HEX64),
        f.text("file_name", 255),
        f.text("caption", SHORT * 10),
        f.integer("size", 0, 2**53),
        f.text("mime", 120),
        f.text("by", SHORT),
        f.text("at", 40, STAMP),
    )


def _survey(raw: Any) -> SurveyData:
    f = Fields(raw, "survey", set(SurveyData.__dataclass_fields__))
    return SurveyData(
        f.choice("tier", TIERS),
        f.choice("kind", SURVEYS),
        f.opt_integer("respondents", 0, 10**9),
        f.text("period", SHORT),
        f.text("conducted_by", SHORT),
        f.opt_text("report_sha256", 64, HEX64),
    )


def _recommendation(raw: Any) -> tuple[int, str]:
    f = Fields(raw, "recommendation", {"area", "text"})
    return f.integer("area", 1, 6), f.text("text")


def _removed(items: list[Any]) -> list[str]:
    if not all(isinstance(k, str) and 0 < len(k) <= 600 for k in items):
        raise malformed("removed: a record key of the wrong form")
    return items


def parse_audit(doc: Any) -> AuditData:
    top = Fields(doc, "data/audit.json", {"start", "events"})
    start = top.child("start", {"seq", "hash"})
    events = []
    for raw in top.array("events", 10_000_000):
        f = Fields(raw, "audit event", set(AuditEventData.__dataclass_fields__))
        events.append(
            AuditEventData(
                f.integer("seq", 1, 2**53),
                f.text("at", 40),
                f.text("actor", SHORT),
                f.text("entity", SHORT),
                f.text("old"),
                f.text("new"),
                f.text("prev_hash", 64, HEX64),
                f.text("hash", 64, HEX64),
            )
        )
    return AuditData((start.integer("seq", 0, 2**53), start.text("hash", 64, HEX64)), tuple(events))
