"""Small row helpers shared by the services and the sync import: the clock, an answer row."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Session, select

from .tables import Answer, Assessment


def now() -> datetime:
    """The time stored on rows: timezone-aware UTC."""
    return datetime.now(UTC)


def answer_row(s: Session, a: Assessment, tier: str, node_id: str) -> Answer:
    """The answer row of ``node_id`` in ``tier``, or a new unsaved one."""
    assert a.id is not None
    found = s.exec(
        select(Answer).where(
            Answer.assessment_id == a.id, Answer.tier == tier, Answer.node_id == node_id
        )
    ).first()
    return found or Answer(assessment_id=a.id, tier=tier, node_id=node_id, updated_at=now())
