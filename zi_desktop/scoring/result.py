"""Value objects a score is reported in. Every number is an exact Fraction."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

Status = Literal["eligible", "not_eligible", "incomplete"]


@dataclass(frozen=True, slots=True)
class AreaScore:
    """One of the six areas: its two halves, their sum, the area weight and the percent."""

    area: int
    pemenuhan: Fraction
    reform: Fraction
    total: Fraction
    weight: Fraction
    percent: Fraction  # 0…100


@dataclass(frozen=True, slots=True)
class Condition:
    """One decision rule: the actual value, the value required, and whether it passed."""

    code: str
    actual: Fraction | str
    required: Fraction | str
    passed: bool


@dataclass(frozen=True, slots=True)
class Verdict:
    predikat: str
    status: Status
    conditions: tuple[Condition, ...]

    @property
    def failed(self) -> tuple[Condition, ...]:
        return tuple(c for c in self.conditions if not c.passed)


@dataclass(frozen=True, slots=True)
class PolicyUse:
    """A documented default the score depended on (for example a zero denominator)."""

    item: str
    policy: str
    value: Fraction


@dataclass(frozen=True, slots=True)
class Warning:
    """Something in the answers that looks like a data error but is scored anyway."""

    item: str
    code: str


@dataclass(frozen=True)
class ScoreResult:
    definition: str
    total: Fraction
    pengungkit: Fraction
    pemenuhan: Fraction
    reform: Fraction
    hasil: Fraction
    bersih_akuntabel: Fraction
    pelayanan_prima: Fraction
    areas: dict[int, AreaScore]
    nodes: dict[str, Fraction]
    values: dict[str, Fraction | None]
    missing: tuple[str, ...]
    policies_applied: tuple[PolicyUse, ...]
    warnings: tuple[Warning, ...]
    verdicts: dict[str, Verdict]

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def answered(self) -> int:
        return sum(1 for v in self.values.values() if v is not None)
