"""The statements of the evaluator's hot path: find an assessment, read, write and stamp one
answer, read a tier's answers, and keep a tier's score summary.

They run after every click, so they go to the connection directly, past the ORM's unit of
work, inside the caller's transaction. Every query returns named rows (:class:`Target`,
:class:`StoredAnswer`) so that no caller reads a column by its position.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import Connection, DateTime, bindparam, insert, text, update
from sqlmodel import col, select

from .tables import Answer


class Target(NamedTuple):
    """The assessment an answer goes to."""

    assessment_id: int
    current_predikat: str
    lke_version: str
    year: int


class StoredAnswer(NamedTuple):
    """One answer's stored columns: an option code, or an exact number as text."""

    id: int
    node_id: str
    option: str | None
    number: str | None


_TARGET = text(
    "SELECT a.id AS assessment_id, u.current_predikat, p.lke_version, p.year FROM unit u"
    " JOIN assessment a ON a.unit_id = u.id JOIN period p ON p.id = a.period_id"
    " WHERE u.code = :code AND (:year IS NULL OR p.year = :year)"
    " ORDER BY p.year DESC LIMIT 1"
)
_ANSWER = text(
    "SELECT id, node_id, option, number FROM answer"
    " WHERE assessment_id = :assessment_id AND tier = :tier AND node_id = :node_id"
)
_INSERT_ANSWER = insert(Answer)
_UPDATE_ANSWER = update(Answer).where(col(Answer.id) == bindparam("answer_id"))
_TOUCH = text("UPDATE assessment SET updated_at = :stamp WHERE id = :assessment_id").bindparams(
    bindparam("stamp", type_=DateTime)  # stored as the ORM stores it
)
_SAVE_SUMMARY = text(
    "INSERT INTO score_cache (assessment_id, tier, total, answered, required, wbk, wbbm)"
    " VALUES (:assessment_id, :tier, :total, :answered, :required, :wbk, :wbbm)"
    " ON CONFLICT (assessment_id, tier) DO UPDATE SET total = excluded.total,"
    " answered = excluded.answered, required = excluded.required, wbk = excluded.wbk,"
    " wbbm = excluded.wbbm"
)


def find_target(conn: Connection, code: str, year: int | None) -> Target | None:
    """The latest (or the given year's) assessment of the unit ``code``."""
    row = conn.execute(_TARGET, {"code": code, "year": year}).first()
    return None if row is None else Target(**row._mapping)


def find_answer(
    conn: Connection, assessment_id: int, tier: str, node_id: str
) -> StoredAnswer | None:
    key = {"assessment_id": assessment_id, "tier": tier, "node_id": node_id}
    row = conn.execute(_ANSWER, key).first()
    return None if row is None else StoredAnswer(**row._mapping)


def insert_answer(conn: Connection, values: dict[str, Any]) -> None:
    conn.execute(_INSERT_ANSWER, values)


def update_answer(conn: Connection, answer_id: int, change: dict[str, Any]) -> None:
    conn.execute(_UPDATE_ANSWER, {"answer_id": answer_id, **change})


def touch_assessment(conn: Connection, assessment_id: int, stamp: datetime) -> None:
    """Record that the assessment changed at ``stamp`` (the unit list's "sent" state reads it)."""
    conn.execute(_TOUCH, {"assessment_id": assessment_id, "stamp": stamp})


def tier_answers(conn: Connection, assessment_id: int, tier: str) -> list[StoredAnswer]:
    """Every stored answer of a tier: the three columns scoring needs, and the row id."""
    query = select(Answer.id, Answer.node_id, Answer.option, Answer.number).where(
        Answer.assessment_id == assessment_id, Answer.tier == tier
    )
    return [StoredAnswer(**row._mapping) for row in conn.execute(query)]


def save_score_summary(
    conn: Connection, assessment_id: int, tier: str, summary: dict[str, Any]
) -> None:
    """Keep a tier's score summary (total, answered, required, verdicts) for the unit list."""
    conn.execute(_SAVE_SUMMARY, {"assessment_id": assessment_id, "tier": tier, **summary})
