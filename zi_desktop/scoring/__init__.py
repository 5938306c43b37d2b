"""Exact scoring of an LKE: answer values, percentage formulas, roll-up and verdicts.

Pure functions over :mod:`zi_desktop.lke` definitions; all arithmetic is rational
(:class:`fractions.Fraction`) so that a value exactly at a threshold passes.
"""

from .answers import AnswerValue, InvalidAnswer, Predikat, coerce_answer
from .engine import score
from .policy import ScoringPolicy
from .result import AreaScore, Condition, PolicyUse, ScoreResult, Verdict, Warning

__all__ = [
    "AnswerValue",
    "AreaScore",
    "Condition",
    "InvalidAnswer",
    "PolicyUse",
    "Predikat",
    "ScoreResult",
    "ScoringPolicy",
    "Verdict",
    "Warning",
    "coerce_answer",
    "score",
]
