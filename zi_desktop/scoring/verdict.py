"""The WBK and WBBM decision rules (Lampiran II BAB III, Tabel 6) with every condition.

Each condition compares exact values, so a value exactly at its threshold passes. An
incomplete assessment gets no predikat ("incomplete", *belum dapat ditentukan*), but its
conditions are still evaluated so that people can see where the unit stands.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lke.model import Definition, Thresholds
from .answers import Predikat
from .result import Condition, Status, Verdict

if TYPE_CHECKING:
    from .result import ScoreResult

CONDITION_CODES = (
    "total",
    "pengungkit",
    "area_1",
    "area_2",
    "area_3",
    "area_4",
    "area_5",
    "area_6",
    "bersih_akuntabel",
    "ipak",
    "capaian_kinerja",
    "pelayanan_prima",
    "predikat_wbk",
)


def conditions(
    definition: Definition, result: ScoreResult, rules: Thresholds, current: Predikat
) -> tuple[Condition, ...]:
    """Every condition of one predikat, in the order of Tabel 6."""
    out = [
        Condition("total", result.total, rules.total, result.total >= rules.total),
        Condition(
            "pengungkit", result.pengungkit, rules.pengungkit, result.pengungkit >= rules.pengungkit
        ),
    ]
    for number, area in sorted(result.areas.items()):
        required = area.weight * rules.area_percent / 100
        out.append(Condition(f"area_{number}", area.total, required, area.total >= required))
    ipak_item, capaian_item = definition.hasil.children[0].items
    ipak = result.nodes[ipak_item.id]
    capaian = result.nodes[capaian_item.id]
    out += [
        Condition(
            "bersih_akuntabel",
            result.bersih_akuntabel,
            rules.bersih_akuntabel,
            result.bersih_akuntabel >= rules.bersih_akuntabel,
        ),
        Condition("ipak", ipak, rules.ipak, ipak >= rules.ipak),
        Condition(
            "capaian_kinerja", capaian, rules.capaian_kinerja, capaian >= rules.capaian_kinerja
        ),
        Condition(
            "pelayanan_prima",
            result.pelayanan_prima,
            rules.pelayanan_prima,
            result.pelayanan_prima >= rules.pelayanan_prima,
        ),
    ]
    if rules.requires_wbk:
        out.append(Condition("predikat_wbk", current, "WBK", current in ("WBK", "WBBM")))
    return tuple(out)


def verdicts(definition: Definition, result: ScoreResult, current: Predikat) -> dict[str, Verdict]:
    out = {}
    for predikat, rules in definition.thresholds.items():
        conds = conditions(definition, result, rules, current)
        status: Status
        if not result.complete:
            status = "incomplete"
        elif all(c.passed for c in conds):
            status = "eligible"
        else:
            status = "not_eligible"
        out[predikat] = Verdict(predikat, status, conds)
    return out
