"""Scoring choices the regulation leaves open, set per workspace and disclosed when used."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from ..lke.model import Item


@dataclass(frozen=True)
class ScoringPolicy:
    """Overrides of the documented defaults.

    ``zero_denominator`` maps a percentage item id to the value (0…1) it gets when its
    denominator is zero; items not listed use the definition's documented default
    (docs/scoring.md §4.3).
    """

    zero_denominator: Mapping[str, Fraction] = field(default_factory=dict)

    def zero_value(self, item: Item) -> Fraction:
        assert item.formula is not None
        return self.zero_denominator.get(item.id, item.formula.zero_denominator)


DEFAULT_POLICY = ScoringPolicy()
