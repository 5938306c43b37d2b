"""The roll-up (docs/scoring.md §3): item values → sub-areas → areas → pengungkit, hasil, total.

* a choice question's value is its option's value (0.67/0.33 exact for A/B/C/D);
* a percentage question's value is its formula's ratio clipped to 0…1, answered only when all
  of its inputs are filled; a zero denominator takes the policy's value and is disclosed;
* a sub-area's nilai is the average of its answered questions' values times its weight
  (0 when none is answered); every unanswered cell is listed as missing;
* hasil: B.I = IPAK/4 × 17.5 + capaian × 5; B.II = IPKP/4 × 17.5.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from ..lke.model import Definition, FormulaKind, Group, Item, ItemType
from .answers import INDEX_MAX, AnswerValue, Predikat
from .policy import DEFAULT_POLICY, ScoringPolicy
from .result import AreaScore, PolicyUse, ScoreResult, Warning
from .verdict import verdicts

ZERO = Fraction(0)
ONE = Fraction(1)


class _Tally:
    """What one scoring run collects besides the numbers."""

    __slots__ = ("missing", "policies", "warnings", "values")

    def __init__(self) -> None:
        self.missing: list[str] = []
        self.policies: list[PolicyUse] = []
        self.warnings: list[Warning] = []
        self.values: dict[str, Fraction | None] = {}


def _percent_value(
    item: Item, answers: Mapping[str, AnswerValue], policy: ScoringPolicy, tally: _Tally
) -> Fraction | None:
    counts = [answers.get(i.id) for i in item.inputs]
    if None in counts:
        tally.missing.extend(i.id for i, c in zip(item.inputs, counts, strict=True) if c is None)
        return None
    formula = item.formula
    assert formula is not None
    if formula.kind is FormulaKind.DECREASE:
        prev = int(answers[formula.previous])
        now = int(answers[formula.current])
        if prev == 0 and now == 0:
            return ONE  # no violations last year nor this year: full value (regulation)
        if prev == 0:
            return _zero_denominator(item, policy, tally)
        return max(ZERO, Fraction(prev - now, prev))
    numerator = int(answers[formula.numerator])
    denominator = sum(int(answers[d]) for d in formula.denominator)
    if denominator == 0:
        return _zero_denominator(item, policy, tally)
    if numerator > denominator:
        tally.warnings.append(Warning(item.id, "numerator_exceeds_denominator"))
        return ONE
    return Fraction(numerator, denominator)


def _zero_denominator(item: Item, policy: ScoringPolicy, tally: _Tally) -> Fraction:
    value = policy.zero_value(item)
    tally.policies.append(PolicyUse(item.id, "zero_denominator", value))
    return value


def _item_value(
    item: Item, answers: Mapping[str, AnswerValue], policy: ScoringPolicy, tally: _Tally
) -> Fraction | None:
    if item.type is ItemType.PERCENT:
        value = _percent_value(item, answers, policy, tally)
    else:
        answer = answers.get(item.id)
        if answer is None:
            tally.missing.append(item.id)
            value = None
        elif item.type is ItemType.INDEX:
            value = Fraction(answer) / INDEX_MAX
        else:
            option = item.option(str(answer))
            value = option.value if option is not None else None
            if option is None:
                tally.missing.append(item.id)
    tally.values[item.id] = value
    return value


class _Plan:
    """Per-definition tables that make a full rescore cheap (well under a millisecond).

    The official option values are multiples of 1/100, so a sub-area's choice values are
    summed as whole hundredths and turned into one Fraction per sub-area; an item with any
    other value takes the general (slower, equally exact) path.
    """

    def __init__(self, definition: Definition) -> None:
        self.hundredths: dict[str, dict[str, tuple[int, Fraction]]] = {}
        for item in definition.items.values():
            if item.type.is_choice:
                table = {o.code: o.value * 100 for o in item.options}
                if all(v.denominator == 1 for v in table.values()):
                    self.hundredths[item.id] = {
                        o.code: (int(table[o.code]), o.value) for o in item.options
                    }


_plans: dict[int, tuple[Definition, _Plan]] = {}


def _plan(definition: Definition) -> _Plan:
    entry = _plans.get(id(definition))
    if entry is None or entry[0] is not definition:
        entry = (definition, _Plan(definition))
        _plans[id(definition)] = entry
    return entry[1]


def _sub_area_nilai(
    sub: Group,
    plan: _Plan,
    answers: Mapping[str, AnswerValue],
    policy: ScoringPolicy,
    tally: _Tally,
    nodes: dict[str, Fraction],
) -> Fraction:
    hundredths, extra, answered = 0, ZERO, 0
    for item in sub.items:
        table = plan.hundredths.get(item.id)
        if table is not None:
            found = table.get(answers.get(item.id))  # type: ignore[arg-type]
            if found is None:
                tally.missing.append(item.id)
                tally.values[item.id] = None
                continue
            hundredths += found[0]
            answered += 1
            tally.values[item.id] = found[1]
            continue
        value = _item_value(item, answers, policy, tally)
        if value is not None:
            extra += value
            answered += 1
        if item.type is ItemType.PERCENT:
            nodes[item.id] = (value or ZERO) * sub.weight / len(sub.items)
    if not answered:
        return ZERO
    total = Fraction(hundredths, 100) + extra if extra else Fraction(hundredths, 100)
    return total * sub.weight / answered


def score(
    definition: Definition,
    answers: Mapping[str, AnswerValue],
    policy: ScoringPolicy = DEFAULT_POLICY,
    current_predikat: Predikat = "none",
) -> ScoreResult:
    """Score ``answers`` (already checked with :func:`coerce_answer`) under ``definition``."""
    plan = _plan(definition)
    tally = _Tally()
    nodes: dict[str, Fraction] = {}
    for aspect in definition.pengungkit.children:
        aspect_sum = ZERO
        for area in aspect.children:
            area_sum = ZERO
            for sub in area.children:
                nilai = _sub_area_nilai(sub, plan, answers, policy, tally, nodes)
                nodes[sub.id] = nilai
                area_sum += nilai
            nodes[area.id] = area_sum
            aspect_sum += area_sum
        nodes[aspect.id] = aspect_sum
    pemenuhan, reform = (nodes[a.id] for a in definition.pengungkit.children)
    pengungkit = pemenuhan + reform
    nodes[definition.pengungkit.id] = pengungkit

    hasil = ZERO
    for part in definition.hasil.children:
        part_sum = ZERO
        for item in part.items:
            value = _item_value(item, answers, policy, tally)
            assert item.weight is not None
            nodes[item.id] = (value or ZERO) * item.weight
            part_sum += nodes[item.id]
        nodes[part.id] = part_sum
        hasil += part_sum
    nodes[definition.hasil.id] = hasil

    areas = {}
    for half_p, half_r in zip(
        definition.pemenuhan.children, definition.reform.children, strict=True
    ):
        assert half_p.area is not None
        p, r = nodes[half_p.id], nodes[half_r.id]
        weight = half_p.weight + half_r.weight
        areas[half_p.area] = AreaScore(half_p.area, p, r, p + r, weight, (p + r) * 100 / weight)

    bersih, prima = (nodes[p.id] for p in definition.hasil.children)
    result = ScoreResult(
        definition=definition.id,
        total=pengungkit + hasil,
        pengungkit=pengungkit,
        pemenuhan=pemenuhan,
        reform=reform,
        hasil=hasil,
        bersih_akuntabel=bersih,
        pelayanan_prima=prima,
        areas=areas,
        nodes=nodes,
        values=tally.values,
        missing=tuple(tally.missing),
        policies_applied=tuple(tally.policies),
        warnings=tuple(tally.warnings),
        verdicts={},
    )
    result.verdicts.update(verdicts(definition, result, current_predikat))
    return result
