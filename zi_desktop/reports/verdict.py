"""Chapter III, the conclusion: the verdicts for Menuju WBK and WBBM, every condition of Tabel 6.

Each condition shows the actual value, the value required and ✓/✗. The engine compares exact
values; where two decimals would show a failed condition as equal to its threshold, the
actual value is printed with six decimals so the page never contradicts itself. An
incomplete assessment gets "belum dapat ditentukan" and the list of what is still missing.
The chapter opens with the conclusion in words: the total and what the unit may be proposed
for, read from the engine's verdicts.
"""

from __future__ import annotations

from fractions import Fraction

from ..i18n import _, ngettext
from ..scoring import Condition, Verdict
from .blocks import Block, Heading, Para, Row, Span, Table, para
from .labels import condition_label, num, predikat_label, tier_label, verdict_label
from .model import ReportData


def _actual(c: Condition, lang: str, weight: Fraction | None) -> str:
    if isinstance(c.actual, str):
        return predikat_label(c.actual)
    text = num(c.actual, lang)
    if not c.passed and isinstance(c.required, Fraction) and text == num(c.required, lang):
        text = num(c.actual, lang, 6)  # rounded, the two would look equal
    if weight:
        text += f" ({num(c.actual * 100 / weight, lang)}%)"
    return text


def _required(c: Condition, lang: str, weight: Fraction | None) -> str:
    if isinstance(c.required, str):
        return predikat_label(c.required)
    text = "≥ " + num(c.required, lang)
    if weight:
        text += f" ({num(c.required * 100 / weight, lang, 0)}%)"
    return text


STATUS_TONES = {"eligible": "pass", "not_eligible": "fail"}


def verdict_block(data: ReportData, v: Verdict) -> list[Block]:
    lang = data.lang
    weights = {f"area_{n}": a.weight for n, a in data.result.areas.items()}
    head = Para(
        (
            Span(_("Menuju {predikat}:").format(predikat=v.predikat) + " ", bold=True),
            Span(verdict_label(v.status).upper(), True, STATUS_TONES.get(v.status, "draft")),
        ),
        "verdict",
    )
    rows = tuple(
        Row(
            (
                condition_label(c.code),
                _actual(c, lang, weights.get(c.code)),
                _required(c, lang, weights.get(c.code)),
                "✓" if c.passed else "✗",
            )
        )
        for c in v.conditions
    )
    header = (_("Condition"), _("Actual"), _("Required"), _("Met"))
    return [head, Table(header, rows, (50, 20, 20, 10), "lrrc", keep_together=True)]


def _area_of(node_id: str) -> str:
    parts = node_id.split(".")
    if parts[0] == "A" and len(parts) > 2 and parts[2].isdigit():
        return _("Area {number}").format(number=parts[2])
    return _("Hasil")


def missing_items(data: ReportData) -> list[Block]:
    missing = data.result.missing
    if not missing:
        return []
    groups: dict[str, list[str]] = {}
    for node in missing:
        groups.setdefault(_area_of(node), []).append(node)
    title = ngettext(
        "{count} answer is still missing, so no predikat can be decided yet:",
        "{count} answers are still missing, so no predikat can be decided yet:",
        len(missing),
    ).format(count=len(missing))
    rows = tuple(Row((area, ", ".join(ids))) for area, ids in groups.items())
    return [Heading(title, 3), Table((), rows, (14, 86), key_value=True)]


def conclusion(data: ReportData) -> str:
    """The conclusion in words, from the engine's verdicts of the evaluated tier."""
    unit = data.view.unit.name.strip()
    total = num(data.result.total, data.lang)
    said = _("The ZI evaluation score of {unit} ({tier}) is {total} of 100.").format(
        unit=unit, tier=tier_label(data.tier), total=total
    )
    verdicts = data.result.verdicts
    if not data.complete:
        then = _("No predikat can be decided while answers are missing (listed below).")
    elif verdicts["WBBM"].status == "eligible":
        then = _(
            "{unit} meets the conditions of Menuju WBBM and can be proposed to the "
            "national team (TPN) for it."
        ).format(unit=unit)
    elif verdicts["WBK"].status == "eligible":
        then = _(
            "{unit} meets the conditions of Menuju WBK and can be proposed to the "
            "national team (TPN) for it."
        ).format(unit=unit)
    else:
        then = _(
            "{unit} does not yet meet the conditions of Menuju WBK and cannot be "
            "proposed to the national team (TPN) this year."
        ).format(unit=unit)
    return f"{said} {then}"


def verdicts(data: ReportData) -> list[Block]:
    if data.tier == "tpi":
        note = _(
            "The conditions of PermenPANRB 90/2021 (Lampiran II, Tabel 6), applied to the TPI's "
            "evaluation. A value exactly at its threshold meets it."
        )
    else:
        note = _(
            "The conditions of PermenPANRB 90/2021 (Lampiran II, Tabel 6), applied to the unit's "
            "self-assessment. A value exactly at its threshold meets it."
        )
    out: list[Block] = [
        Heading(_("III. CONCLUSION"), 1),
        para(conclusion(data)),
        para(note, "note"),
    ]
    for verdict in data.result.verdicts.values():
        out += verdict_block(data, verdict)
    out += missing_items(data)
    return out
