"""Answers of one assessment tier as a scoring map, and the cached score summary per tier."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Protocol

from sqlmodel import Session

from ..lke.model import Definition, ItemType
from ..scoring import AnswerValue, Predikat, ScoreResult, ScoringPolicy, score
from ..storage.answer_queries import save_score_summary, tier_answers


class StoredValue(Protocol):
    """An answer's stored columns: an ``Answer`` row, or the same columns selected alone."""

    @property
    def node_id(self) -> str: ...
    @property
    def option(self) -> str | None: ...
    @property
    def number(self) -> str | None: ...


def decode_value(definition: Definition, row: StoredValue) -> AnswerValue | None:
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
    # The three columns alone, past the ORM (this runs after every answer); changes still
    # pending in the session are written first, as a query through the session would.
    s.flush()
    out: dict[str, AnswerValue] = {}
    for row in tier_answers(s.connection(), assessment_id, tier):
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
    summary = {
        "total": str(result.total),
        "answered": required - len(result.missing),
        "required": required,
        "wbk": result.verdicts["WBK"].status,
        "wbbm": result.verdicts["WBBM"].status,
    }
    save_score_summary(s.connection(), assessment_id, tier, summary)
    return result
