"""Scoring answers files (``zi-answers/1``) without a workspace."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..lke.model import Definition
from ..scoring import ScoreResult, ScoringPolicy, score
from ..scoring.answers_file import read_answers
from ..scoring.policy import DEFAULT_POLICY


@dataclass(frozen=True)
class FileScore:
    file: str
    definition: Definition
    result: ScoreResult


def score_file(path: Path, policy: ScoringPolicy = DEFAULT_POLICY) -> FileScore:
    """Read, check and score one answers file; raises AnswersError for bad input."""
    answers_file, definition = read_answers(path)
    result = score(definition, answers_file.answers, policy, answers_file.current_predikat)
    return FileScore(str(path), definition, result)
