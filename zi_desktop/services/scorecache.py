"""Answers of one assessment tier as a scoring map, and the cached score summary per tier."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from sqlmodel import Session, select

from ..lke.model import Definition, ItemType
from ..scoring import AnswerValue, Predikat, ScoreResult, ScoringPolicy, score
from ..storage.tables import Answer, ScoreCache


def decode_value(definition: Definition, row: Answer) -> AnswerValue | None:
    """The stored text of an answer as the scoring engine's value."""
    if row.option is not None:
        return row.option
    if row.number is None:
        return None
    if row.node_id in definition.inputs:
        return int(row.number)
    return Fraction(Decimal(row.number))


def encode_value(value: AnswerValue) -> tuple[str | None, str | None]:
    """(option, number) columns for a checked answer value."""
    if isinstance(value, str):
        return value, None
    if isinstance(value, int):
        return None, str(value)
    decimal = Decimal(value.numerator) / Decimal(value.denominator)
    if Fraction(decimal) != value:
        raise ValueError(f"{value} has no exact decimal form")
    return None, format(decimal.normalize(), "f")


def answers_map(
    s: Session, definition: Definition, assessment_id: int, tier: str
) -> dict[str, AnswerValue]:
    rows = s.exec(select(Answer).where(Answer.assessment_id == assessment_id, Answer.tier == tier))
    out: dict[str, AnswerValue] = {}
    for row in rows:
        value = decode_value(definition, row)
        if value is not None:
            out[row.node_id] = value
    return out


def required_count(definition: Definition) -> int:
    return sum(
        len(i.inputs) if i.type is ItemType.PERCENT else 1 for i in definition.items.values()
    )


def rescore(
    s: Session,
    definition: Definition,
    assessment_id: int,
    tier: str,
    policy: ScoringPolicy,
    predikat: Predikat,
) -> ScoreResult:
    """Score one tier from the database and store its summary in ``score_cache``."""
    result = score(definition, answers_map(s, definition, assessment_id, tier), policy, predikat)
    required = required_count(definition)
    cache = s.get(ScoreCache, (assessment_id, tier)) or ScoreCache(
        assessment_id=assessment_id, tier=tier, total="0", answered=0, required=required,
        wbk="", wbbm="",
    )  # fmt: skip
    cache.total = str(result.total)
    cache.answered = required - len(result.missing)
    cache.required = required
    cache.wbk = result.verdicts["WBK"].status
    cache.wbbm = result.verdicts["WBBM"].status
    s.add(cache)
    return result
