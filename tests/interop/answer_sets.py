"""Answer sets for the recalculation tests: the demo units and generated ones.

The generated sets start from the answer builders of the scoring tests
(``tests/scoring/scoring_helpers.py``: every answer at its best or worst, and inputs giving a
wanted percentage) and add what the official sheet must be checked on: zero denominators, a
numerator above its denominator, thirds, unanswered questions.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path

from zi_desktop.lke.model import Definition
from zi_desktop.scoring import AnswerValue, coerce_answer
from zi_desktop.scoring.answers_file import read_answers

_SCORING_TESTS = str(Path(__file__).resolve().parents[1] / "scoring")
if _SCORING_TESTS not in sys.path:
    sys.path.insert(0, _SCORING_TESTS)

from scoring_helpers import (  # noqa: E402
    FORMULAS,
    best_answers,
    input_ids,
    percent_inputs,
    worst_answers,
)

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"
DEMO_UNITS = ("KPP-001", "RSUD-002", "DUK-003")


def checked(definition: Definition, raw: Mapping[str, object]) -> dict[str, AnswerValue]:
    return {node: coerce_answer(definition, node, value) for node, value in raw.items()}


def demo(name: str) -> dict[str, AnswerValue]:
    return dict(read_answers(DEMO / f"{name}.json")[0].answers)


def all_max(definition: Definition) -> dict[str, AnswerValue]:
    return checked(definition, best_answers(definition))


def all_min(definition: Definition) -> dict[str, AnswerValue]:
    """Every answer at its worst; violations rose (5 from 2), which the rules clip to 0."""
    raw = worst_answers(definition)
    raw.update(dict(zip(input_ids("A.II.3.iii.a"), (2, 5, 1), strict=True)))
    return checked(definition, raw)


def _mixed_choices(definition: Definition, shift: int) -> dict[str, object]:
    out: dict[str, object] = {}
    for n, item in enumerate(definition.items.values()):
        if item.options:
            out[item.id] = item.options[(n + shift) % len(item.options)].code
    return out


def zero_denominators(definition: Definition) -> dict[str, AnswerValue]:
    """Every percentage question with a zero denominator (some with a non-zero numerator)."""
    raw = _mixed_choices(definition, 1)
    raw |= {"B.I.a": Fraction(36, 10), "B.II.a": Fraction(32, 10)}
    for n, item_id in enumerate(FORMULAS):
        raw.update(dict.fromkeys(input_ids(item_id), 0))
        kind, numerator, _dens, _default = FORMULAS[item_id]
        if kind == "decrease":
            raw[f"{item_id}.2"] = 3  # none last year, three this year
        elif n % 2:
            raw[item_id + numerator] = 2
    return checked(definition, raw)


def edges(definition: Definition) -> dict[str, AnswerValue]:
    """Thirds and sevenths, a numerator above its denominator, no violations in either year,
    uneven survey indices, and questions left unanswered in sub-areas that keep others."""
    raw = _mixed_choices(definition, 2)
    raw |= {"B.I.a": Fraction(3137, 1000), "B.II.a": Fraction(5, 2)}
    ratios = [Fraction(1, 3), Fraction(2, 3), Fraction(5, 7), Fraction(1, 7), Fraction(6, 11)]
    for n, item_id in enumerate(FORMULAS):
        if FORMULAS[item_id][0] == "decrease":
            raw.update(dict(zip(input_ids(item_id), (0, 0, 0), strict=True)))
        else:
            raw.update(percent_inputs(item_id, ratios[n % len(ratios)], scale=n + 1))
    raw.update(dict(zip(input_ids("A.II.6.i.b"), (3, 5), strict=True)))  # 5 of 3: clipped
    for node in ("A.I.1.ii.b", "A.I.3.iii.c", "A.I.6.ii.f", "A.II.1.i.b.2", "A.II.2.iii.a"):
        del raw[node]
    return checked(definition, raw)


def lhkpn_lhkasn_apart(definition: Definition) -> dict[str, AnswerValue]:
    """Complete, with LHKPN at 5/6 and LHKASN at 1/3 so that the two differ."""
    raw = _mixed_choices(definition, 0)
    raw |= {"B.I.a": Fraction(4), "B.II.a": Fraction(38, 10)}
    for item_id in FORMULAS:
        raw.update(percent_inputs(item_id, 1))
    raw.update(percent_inputs("A.II.5.iii.a", Fraction(5, 6)))
    raw.update(percent_inputs("A.II.5.iii.b", Fraction(1, 3)))
    return checked(definition, raw)
