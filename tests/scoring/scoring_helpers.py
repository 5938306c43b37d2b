"""Answer builders and an independent reference scorer written from docs/scoring.md.

The reference scorer uses only the definition's *structure* (ids, item types, weights — which
``tests/lke/test_definitions.py`` checks against the regulation) and takes the option values
(§2), the percentage formulas and their zero-denominator defaults (§4) and the roll-up (§3)
straight from docs/scoring.md, so it does not share code or data with the engine under test.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from zi_desktop.lke.loader import load_definition
from zi_desktop.lke.model import Definition, Item

BASE_ID = "permenpanrb-90-2021"
REV_ID = "permenpanrb-90-2021-rev2026"

F = Fraction

# docs/scoring.md §2, by the type codes of the zi-lke/1 format.
OPTION_VALUES: dict[str, dict[str, Fraction]] = {
    "yn": {"Ya": F(1), "Tidak": F(0)},
    "abc": {"A": F(1), "B": F(1, 2), "C": F(0)},
    "abcd": {"A": F(1), "B": F(67, 100), "C": F(33, 100), "D": F(0)},
    "abcde": {"A": F(1), "B": F(3, 4), "C": F(1, 2), "D": F(1, 4), "E": F(0)},
}

# docs/scoring.md §4: (kind, numerator or previous, denominators or current, zero-denominator
# default)
RATIO = "ratio"
DECREASE = "decrease"
FORMULAS: dict[str, tuple[str, str, tuple[str, ...], Fraction]] = {
    "A.II.1.i.a": (RATIO, ".2", (".1",), F(0)),
    "A.II.1.i.b": (RATIO, ".2", (".1",), F(0)),
    "A.II.3.iii.a": (DECREASE, ".1", (".2",), F(0)),
    "A.II.4.i.a": (RATIO, ".2", (".1",), F(0)),
    "A.II.5.ii.a": (RATIO, ".3", (".1",), F(1)),
    "A.II.5.iii.a": (RATIO, ".4", (".1", ".2", ".3"), F(1)),
    "A.II.5.iii.b": (RATIO, ".4", (".1", ".2", ".3"), F(1)),
    "A.II.6.i.b": (RATIO, ".2", (".1",), F(0)),
}
# How many inputs each percentage item has (docs/scoring.md §4.1): 22 in all.
INPUT_COUNTS: dict[str, int] = {
    "A.II.1.i.a": 2,
    "A.II.1.i.b": 2,
    "A.II.3.iii.a": 3,
    "A.II.4.i.a": 2,
    "A.II.5.ii.a": 3,
    "A.II.5.iii.a": 4,
    "A.II.5.iii.b": 4,
    "A.II.6.i.b": 2,
}
IPAK, CAPAIAN, IPKP = "B.I.a", "B.I.b", "B.II.a"
HASIL_WEIGHTS = {IPAK: F(35, 2), CAPAIAN: F(5), IPKP: F(35, 2)}


def base() -> Definition:
    return load_definition(BASE_ID)


def input_ids(item_id: str) -> list[str]:
    return [f"{item_id}.{n}" for n in range(1, INPUT_COUNTS[item_id] + 1)]


def choice_items(definition: Definition) -> list[Item]:
    return [i for i in definition.items.values() if i.type.value in OPTION_VALUES]


def best_answers(definition: Definition | None = None) -> dict[str, object]:
    """Every answer at its best; LHKPN/LHKASN numerators equal the SUM of the denominators."""
    d = definition or base()
    out: dict[str, object] = {}
    for item in choice_items(d):
        out[item.id] = "Ya" if item.type.value == "yn" else "A"
    out[IPAK] = F(4)
    out[IPKP] = F(4)
    for item_id in FORMULAS:
        out.update(percent_inputs(item_id, 1))
    return out


def worst_answers(definition: Definition | None = None) -> dict[str, object]:
    d = definition or base()
    out: dict[str, object] = {}
    for item in choice_items(d):
        out[item.id] = list(OPTION_VALUES[item.type.value])[-1]
    out[IPAK] = F(0)
    out[IPKP] = F(0)
    for item_id in FORMULAS:
        out.update(percent_inputs(item_id, 0))
    return out


def percent_inputs(item_id: str, value: Fraction | int, scale: int = 1) -> dict[str, int]:
    """Inputs giving ``value`` (0…1) for a percentage item, with a non-zero denominator.

    The denominator is ``scale`` times a base size; for three-part denominators the parts are
    unequal so that a formula using only one of them would give a different value.
    """
    value = F(value)
    kind, num, dens, _default = FORMULAS[item_id]
    ids = {f".{n}": f"{item_id}.{n}" for n in range(1, INPUT_COUNTS[item_id] + 1)}
    out = {i: 0 for i in ids.values()}
    if kind == DECREASE:
        # value = (prev - now) / prev
        prev = value.denominator * scale * 2
        now = prev - value * prev
        assert now.denominator == 1
        out[ids[num]] = prev
        out[ids[dens[0]]] = int(now)
        out[ids[".3"]] = int(now)  # diberi sanksi: required but unused
        return out
    parts = [1, 2, 3][: len(dens)]
    unit = value.denominator * scale
    total = 0
    for code, part in zip(dens, parts, strict=True):
        out[ids[code]] = part * unit
        total += part * unit
    numerator = value * total
    assert numerator.denominator == 1
    out[ids[num]] = int(numerator)
    if item_id == "A.II.5.ii.a":
        out[ids[".2"]] = 7  # sedang diproses: required but unused
    return out


def sub_area_of(definition: Definition, item_id: str) -> str:
    for sub in definition.sub_areas():
        if any(i.id == item_id for i in sub.items):
            return sub.id
    raise KeyError(item_id)


def set_sub_area_worst(
    answers: dict[str, object], definition: Definition, sub_ids: list[str]
) -> None:
    """Every question of the listed sub-areas at its worst (value 0)."""
    for sub_id in sub_ids:
        for item in definition.groups[sub_id].items:
            if item.id in FORMULAS:
                answers.update(percent_inputs(item.id, 0))
            else:
                answers[item.id] = list(OPTION_VALUES[item.type.value])[-1]


# --- the reference scorer -----------------------------------------------------------------


@dataclass
class Reference:
    values: dict[str, Fraction | None] = field(default_factory=dict)
    sub_areas: dict[str, Fraction] = field(default_factory=dict)
    groups: dict[str, Fraction] = field(default_factory=dict)
    missing: set[str] = field(default_factory=set)
    zero_used: set[str] = field(default_factory=set)
    clipped: set[str] = field(default_factory=set)
    total: Fraction = F(0)
    pengungkit: Fraction = F(0)
    pemenuhan: Fraction = F(0)
    reform: Fraction = F(0)
    hasil: Fraction = F(0)
    bersih: Fraction = F(0)
    prima: Fraction = F(0)
    areas: dict[int, Fraction] = field(default_factory=dict)


def reference_percent(
    item_id: str,
    answers: Mapping[str, object],
    ref: Reference,
    overrides: Mapping[str, Fraction] | None = None,
) -> Fraction | None:
    kind, num, dens, default = FORMULAS[item_id]
    if overrides and item_id in overrides:
        default = overrides[item_id]
    ids = input_ids(item_id)
    missing = [i for i in ids if answers.get(i) is None]
    if missing:
        ref.missing.update(missing)
        return None

    def get(suffix: str) -> int:
        v = answers[item_id + suffix]
        assert isinstance(v, int)
        return v

    if kind == DECREASE:
        prev, now = get(num), get(dens[0])
        if prev == 0 and now == 0:
            return F(1)
        if prev == 0:
            ref.zero_used.add(item_id)
            return default
        return max(F(0), F(prev - now, prev))
    n = get(num)
    d = sum(get(s) for s in dens)
    if d == 0:
        ref.zero_used.add(item_id)
        return default
    if n > d:
        ref.clipped.add(item_id)
    return min(F(1), F(n, d))


def reference_score(
    definition: Definition,
    answers: Mapping[str, object],
    overrides: Mapping[str, Fraction] | None = None,
) -> Reference:
    ref = Reference()
    for aspect in definition.pengungkit.children:
        aspect_sum = F(0)
        for area in aspect.children:
            area_sum = F(0)
            for sub in area.children:
                vals: list[Fraction] = []
                for item in sub.items:
                    if item.id in FORMULAS:
                        v = reference_percent(item.id, answers, ref, overrides)
                    else:
                        raw = answers.get(item.id)
                        v = None if raw is None else OPTION_VALUES[item.type.value].get(str(raw))
                        if v is None:
                            ref.missing.add(item.id)
                    ref.values[item.id] = v
                    if v is not None:
                        vals.append(v)
                nilai = sum(vals, F(0)) / len(vals) * sub.weight if vals else F(0)
                ref.sub_areas[sub.id] = nilai
                area_sum += nilai
            ref.groups[area.id] = area_sum
            ref.areas[area.area] = ref.areas.get(area.area, F(0)) + area_sum  # type: ignore[index]
            aspect_sum += area_sum
        ref.groups[aspect.id] = aspect_sum
    ref.pemenuhan = ref.groups["A.I"]
    ref.reform = ref.groups["A.II"]
    ref.pengungkit = ref.pemenuhan + ref.reform

    def index(item_id: str) -> Fraction:
        raw = answers.get(item_id)
        if raw is None:
            ref.missing.add(item_id)
            ref.values[item_id] = None
            return F(0)
        ref.values[item_id] = F(raw) / 4  # type: ignore[arg-type]
        return F(raw) / 4 * HASIL_WEIGHTS[item_id]  # type: ignore[arg-type]

    ipak = index(IPAK)
    raw = answers.get(CAPAIAN)
    capaian_value = None if raw is None else OPTION_VALUES["abcde"].get(str(raw))
    if capaian_value is None:
        ref.missing.add(CAPAIAN)
    ref.values[CAPAIAN] = capaian_value
    ref.bersih = ipak + (capaian_value or F(0)) * HASIL_WEIGHTS[CAPAIAN]
    ref.prima = index(IPKP)
    ref.hasil = ref.bersih + ref.prima
    ref.total = ref.pengungkit + ref.hasil
    return ref
