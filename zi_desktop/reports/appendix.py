"""Appendix 1: the whole LKE, one row per question, area by area.

Each row shows the question, the unit's answer, the TPI's answer (bold where it differs),
the value in the evaluated tier, the TPI's note and how many evidence files are attached.
A percentage question is followed by its inputs (both tiers' counts) and shows the formula
and the percentage computed from them; a zero denominator scored by the workspace rule is
said so on the row. One table per area half, so the progress bar moves and each area starts
under its own heading; tables split across pages and repeat their header.
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction
from typing import Any

from ..i18n import _
from ..lke.model import FormulaKind, Group, Item, ItemType
from ..scoring import AnswerValue
from . import styles as st
from .fonts import BOLD
from .labels import area_name, count, num, pct
from .model import ReportData
from .rl import CondPageBreak, Flowable, PageBreak, mm

WIDTHS = (13, 36, 10, 10, 9, 24, 7)
HEADING_ROOM = 45 * mm  # an area heading never ends a page without rows under it


class _Appendix:
    def __init__(self, data: ReportData) -> None:
        self.data = data
        self.lang = data.lang
        self.evidence = Counter(e.node_id for e in data.view.evidence)
        self.style: list[tuple[Any, ...]] = []
        self.policies = {
            (tier, p.item): p.value
            for tier in ("unit", "tpi")
            for p in data.view.scores[tier].policies_applied
        }

    # -- cells -------------------------------------------------------------------------
    def answer(self, tier: str, item: Item) -> str:
        if item.type is ItemType.PERCENT:
            value = self.data.view.scores[tier].values.get(item.id)
            return pct(None if value is None else value * 100, self.lang)
        raw = self.data.view.value(tier, item.id)
        if raw is None:
            return "—"
        if item.type is ItemType.INDEX:
            return num(Fraction(raw), self.lang)
        return str(raw)

    def value(self, item: Item) -> str:
        result = self.data.result
        value = result.values.get(item.id)
        if value is None:
            return "—"
        if item.type is ItemType.PERCENT:
            return pct(value * 100, self.lang)
        if item.type is ItemType.INDEX:
            return num(result.nodes[item.id], self.lang)
        return num(value, self.lang)

    def count(self, raw: AnswerValue | None) -> str:
        return count(None if raw is None else int(raw), self.lang)

    def note(self, item: Item) -> str:
        found = self.data.view.answers.get("tpi", {}).get(item.id)
        return found.note if found is not None else ""

    # -- rows --------------------------------------------------------------------------
    # Answers, values and counts of files are short by construction (an option code, a
    # percentage, an index): they are plain strings, which lay out much faster than
    # paragraphs; the table style gives them their font, size and alignment.
    def item_row(self, item: Item, row: int) -> list[Any]:
        unit, tpi = self.answer("unit", item), self.answer("tpi", item)
        if tpi not in (unit, "—"):
            self.style.append(("FONTNAME", (3, row), (3, row), BOLD))
        text = st.esc(item.text)
        if item.formula is not None:
            text += f'<br/><font color="{st.MUTED.hexval()}">{st.esc(self.formula(item))}</font>'
        for tier in ("unit", "tpi"):
            if (tier, item.id) in self.policies:
                rule = _("{tier}: denominator is zero, scored {value}% by the workspace rule")
                rule = rule.format(
                    tier="TPI" if tier == "tpi" else _("unit"),
                    value=num(self.policies[tier, item.id] * 100, self.lang),
                )
                text += f'<br/><font color="{st.DRAFT.hexval()}">{st.esc(rule)}</font>'
        note = self.note(item)
        return [
            st.para(item.id, st.SMALL),
            st.markup(text, st.SMALL),
            unit,
            tpi,
            self.value(item),
            st.para(note, st.SMALL) if note else "",
            str(self.evidence.get(item.id, 0) or "—"),
        ]

    def formula(self, item: Item) -> str:
        f = item.formula
        assert f is not None
        short = {i.id: "." + i.id.rsplit(".", 1)[1] for i in item.inputs}
        if f.kind is FormulaKind.DECREASE:
            p, c = short[f.previous], short[f.current]
            expression = f"({p} − {c}) ÷ {p}"
        else:
            denominator = " + ".join(short[d] for d in f.denominator)
            if len(f.denominator) > 1:
                denominator = f"({denominator})"
            expression = f"{short[f.numerator]} ÷ {denominator}"
        return _("Percentage = {expression}, at most 100%").format(expression=expression)

    def input_rows(self, item: Item) -> list[list[Any]]:
        rows = []
        for field in item.inputs:
            label = (
                field.text
                if field.used
                else _("{text} (required, not used in the formula)").format(text=field.text)
            )
            rows.append(
                [
                    st.para(field.id, st.SMALL_MUTED),
                    st.para(label, st.SMALL_MUTED),
                    st.para(self.count(self.data.view.value("unit", field.id)), st.SMALL_CENTER),
                    st.para(self.count(self.data.view.value("tpi", field.id)), st.SMALL_CENTER),
                    "",
                    "",
                    "",
                ]
            )
        return rows

    def sub_area_row(self, group: Group) -> list[Any]:
        lang = self.data.lang
        u, t = self.data.unit_result.nodes[group.id], self.data.tpi_result.nodes[group.id]
        text = _("{code}. {name} — weight {weight}; score: unit {unit}, TPI {tpi}").format(
            code=group.code,
            name=group.name,
            weight=num(group.weight, lang),
            unit=num(u, lang),
            tpi=num(t, lang),
        )
        return [st.para(text, st.SMALL_BOLD), "", "", "", "", "", ""]

    def header(self) -> list[Any]:
        tier = "TPI" if self.data.tier == "tpi" else _("unit")
        texts = (
            _("Code"),
            _("Question"),
            _("Unit answer"),
            _("TPI answer"),
            _("Value ({tier})").format(tier=tier),
            _("TPI note"),
            _("Files"),
        )
        return [st.para(t, st.SMALL_BOLD) for t in texts]

    def table(self, groups: list[Group]) -> Flowable:
        rows: list[list[Any]] = [self.header()]
        self.style = [
            ("FONTSIZE", (2, 1), (-1, -1), st.SMALL.fontSize),
            ("LEADING", (2, 1), (-1, -1), st.SMALL.leading),
            ("ALIGN", (2, 1), (3, -1), "CENTER"),
            ("ALIGN", (4, 1), (4, -1), "RIGHT"),
            ("ALIGN", (6, 1), (6, -1), "CENTER"),
        ]
        for group in groups:
            n = len(rows)
            self.style += [
                ("SPAN", (0, n), (-1, n)),
                ("BACKGROUND", (0, n), (-1, n), st.SECTION_FILL),
            ]
            rows.append(self.sub_area_row(group))
            for item in group.items:
                rows.append(self.item_row(item, len(rows)))
                rows += self.input_rows(item)
        return st.table(rows, WIDTHS, extra=self.style)


def appendix(data: ReportData) -> list[Flowable]:
    a = _Appendix(data)
    d = data.definition
    out: list[Flowable] = [
        PageBreak(),
        st.para(_("Appendix 1. The evaluation worksheet (LKE)"), st.H1),
        st.para(
            _(
                "Value: the answer's value 0–1; the percentage for percentage questions; "
                "points for the survey indices. Answers of the TPI that differ from the unit's "
                "are in bold."
            ),
            st.NOTE,
        ),
    ]
    for aspect in d.pengungkit.children:
        for area in aspect.children:
            assert area.area is not None
            title = _("{code} {aspect} — area {number}: {name} (weight {weight})").format(
                code=area.id,
                aspect=aspect.name.capitalize(),
                number=area.area,
                name=area_name(area.area),
                weight=num(area.weight, data.lang),
            )
            out += [CondPageBreak(HEADING_ROOM), st.para(title, st.H2)]
            out.append(a.table(list(area.children)))
    out.append(CondPageBreak(HEADING_ROOM))
    out.append(
        st.para(
            _("B. Hasil (weight {weight})").format(weight=num(d.hasil.weight, data.lang)), st.H2
        )
    )
    out.append(a.table(list(d.hasil.children)))
    return out
