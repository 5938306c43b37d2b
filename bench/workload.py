"""Realistic, reproducible answers for benchmarks, built from an LKE definition.

Answers lean the way real worksheets do: mostly the better options, some weaker ones, counts
that usually fit their formula, survey indexes written with two decimals. Every value is
checked with :func:`zi_desktop.scoring.coerce_answer`, so what is scored is what the app
would accept from a person or a file.
"""

from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from zi_desktop.lke.model import Definition, FormulaKind, Item, ItemType
from zi_desktop.scoring import AnswerValue, Predikat, coerce_answer
from zi_desktop.scoring.answers_file import AnswersFile, dump_answers

PREDIKATS: tuple[Predikat, ...] = ("none", "none", "WBK", "WBBM")


def _choice(item: Item, rng: random.Random) -> str:
    # The first option is the best one; later options are progressively less likely.
    codes = [o.code for o in item.options]
    weights = [2.0 ** -(i * 1.5) for i in range(len(codes))]
    return rng.choices(codes, weights)[0]


def _counts(item: Item, rng: random.Random) -> dict[str, int]:
    formula = item.formula
    assert formula is not None
    out = {i.id: rng.randint(0, 40) for i in item.inputs}  # inputs the formula ignores
    if formula.kind is FormulaKind.DECREASE:
        previous = rng.choice([0, 0, rng.randint(1, 30)])
        out[formula.previous] = previous
        out[formula.current] = rng.randint(0, previous) if rng.random() < 0.9 else previous + 1
        return out
    parts = [rng.choice([0, rng.randint(1, 200)]) for _ in formula.denominator]
    if sum(parts) == 0 and rng.random() < 0.8:
        parts[0] = rng.randint(1, 200)  # a zero denominator is rare, not the norm
    out.update(zip(formula.denominator, parts, strict=True))
    total = sum(parts)
    numerator = rng.randint(total * 6 // 10, total) if rng.random() < 0.95 else total + 3
    out[formula.numerator] = numerator
    return out


def _index(rng: random.Random) -> Fraction:
    return Fraction(Decimal(f"{rng.uniform(2.6, 4.0):.2f}"))


def random_answers(
    definition: Definition, rng: random.Random, answered: float = 1.0
) -> dict[str, AnswerValue]:
    """Answers to every question (or to a share ``answered`` of them), checked and canonical."""
    raw: dict[str, object] = {}
    for item in definition.items.values():
        if answered < 1.0 and rng.random() > answered:
            continue
        if item.type is ItemType.PERCENT:
            raw.update(_counts(item, rng))
        elif item.type is ItemType.INDEX:
            raw[item.id] = _index(rng)
        else:
            raw[item.id] = _choice(item, rng)
    return {k: coerce_answer(definition, k, v) for k, v in raw.items()}


def other_answer(
    definition: Definition, node_id: str, current: AnswerValue, rng: random.Random
) -> AnswerValue:
    """A valid answer to ``node_id`` that differs from ``current``."""
    if node_id in definition.inputs:
        return coerce_answer(definition, node_id, int(current) + rng.randint(1, 5))
    item = definition.items[node_id]
    if item.type is ItemType.INDEX:
        step = Fraction(rng.randint(1, 20), 100)
        value = current - step if current >= step else current + step  # type: ignore[operator]
        return coerce_answer(definition, node_id, value)
    codes = [o.code for o in item.options if o.code != current]
    return coerce_answer(definition, node_id, rng.choice(codes))


def write_answers_files(
    definitions: list[Definition], folder: Path, count: int, seed: int
) -> list[str]:
    """Write ``count`` varied ``zi-answers/1`` files into ``folder``; return their names.

    About one file in ten is a draft with some questions still unanswered.
    """
    rng = random.Random(seed)
    names: list[str] = []
    for n in range(count):
        definition = rng.choice(definitions)
        answered = 1.0 if rng.random() < 0.9 else rng.uniform(0.3, 0.95)
        answers = random_answers(definition, rng, answered)
        text = dump_answers(AnswersFile(definition.id, answers, rng.choice(PREDIKATS)))
        name = f"answers-{n:04d}.json"
        (folder / name).write_text(text, encoding="utf-8")
        names.append(name)
    return names
