"""The score summary: every area's pemenuhan, reform and total, hasil, and the total.

Both tiers stand side by side (the unit's self-assessment and the TPI's evaluation) with the
weight, the percentage of the tier the report evaluates, and the difference TPI − unit.
The hasil part shows the survey indices with their respondents and source, and capaian
kinerja. Scoring rules the numbers depended on (zero denominators, counts above their
totals) are disclosed under the tables.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..i18n import _
from ..scoring import ScoreResult
from ..services.values import SurveyView
from . import styles as st
from .fonts import BOLD
from .labels import area_name, count, num, pct, signed, tier_label
from .model import ReportData
from .rl import Flowable, KeepTogether

WIDTHS = (56, 12, 14, 14, 15, 16)
SURVEYS = (("IPAK", "B.I.a"), ("IPKP", "B.II.a"))


class _Rows:
    """The summary table's rows; remembers which are section headings and which are totals."""

    def __init__(self, data: ReportData) -> None:
        self.data = data
        self.rows: list[list[Any]] = [self._header()]
        self.style: list[tuple[Any, ...]] = [
            ("FONTSIZE", (1, 1), (-1, -1), st.CELL.fontSize),
            ("LEADING", (1, 1), (-1, -1), st.CELL.leading),
            ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ]

    def _header(self) -> list[Any]:
        texts = (
            _("Component"),
            _("Weight"),
            _("Unit score"),
            _("TPI score"),
            _("% of weight (TPI)") if self.data.tier == "tpi" else _("% of weight (unit)"),
            _("Difference TPI − unit"),
        )
        return [st.para(t, st.SMALL_BOLD) for t in texts]

    def section(self, title: str) -> None:
        n = len(self.rows)
        self.style += [("SPAN", (0, n), (-1, n)), ("BACKGROUND", (0, n), (-1, n), st.SECTION_FILL)]
        self.rows.append([st.para(title, st.CELL_BOLD), "", "", "", "", ""])

    def line(self, label: str, weight: Fraction, node: str, total: bool = False) -> None:
        """One row: the nilai of ``node`` in both tiers against its weight."""
        lang = self.data.lang
        unit, tpi = self.data.unit_result, self.data.tpi_result
        u, t = _nilai(unit, node), _nilai(tpi, node)
        mine = t if self.data.tier == "tpi" else u
        if total:
            n = len(self.rows)
            self.style.append(("LINEABOVE", (0, n), (-1, n), 0.9, st.INK))
            self.style.append(("FONTNAME", (1, n), (-1, n), BOLD))
        # The numbers are short plain strings (fast to lay out); the style right-aligns them.
        self.rows.append(
            [
                st.para(label, st.CELL_BOLD if total else st.CELL),
                num(weight, lang),
                num(u, lang),
                num(t, lang),
                pct(mine * 100 / weight, lang),
                signed(t - u, lang),
            ]
        )


def _nilai(result: ScoreResult, node: str) -> Fraction:
    """A node's nilai; ``total`` and ``area:N`` (an area's pemenuhan + reform) included."""
    if node == "total":
        return result.total
    if node.startswith("area:"):
        return result.areas[int(node.removeprefix("area:"))].total
    return result.nodes[node]


def score_table(data: ReportData) -> Flowable:
    d = data.definition
    r = _Rows(data)
    for aspect, title, total in (
        (d.pemenuhan, _("A. Pengungkit — I. Pemenuhan"), _("Total pemenuhan")),
        (d.reform, _("A. Pengungkit — II. Reform"), _("Total reform")),
    ):
        r.section(title)
        for area in aspect.children:
            assert area.area is not None
            r.line(f"{area.area}. {area_name(area.area)}", area.weight, area.id)
        r.line(total, aspect.weight, aspect.id, total=True)
    r.section(_("A. Pengungkit — per area (pemenuhan + reform)"))
    for number, combined in sorted(data.tpi_result.areas.items()):
        r.line(f"{number}. {area_name(number)}", combined.weight, f"area:{number}")
    r.line(_("Total pengungkit"), d.pengungkit.weight, d.pengungkit.id, total=True)
    r.section(_("B. Hasil"))
    names = {
        "B.I.a": _("IPAK (anti-corruption perception index)"),
        "B.I.b": _("Performance achievement"),
        "B.II.a": _("IPKP (service quality perception index)"),
    }
    for part in d.hasil.children:
        for item in part.items:
            assert item.weight is not None
            r.line(f"{item.id} {names.get(item.id, item.text)}", item.weight, item.id)
        r.line(f"{part.id} {part.name.capitalize()}", part.weight, part.id, total=True)
    r.line(_("Total hasil"), d.hasil.weight, d.hasil.id, total=True)
    r.line(_("ZI EVALUATION SCORE (TOTAL)"), Fraction(100), "total", total=True)
    return st.table(r.rows, WIDTHS, extra=r.style)


def _survey(data: ReportData, kind: str) -> SurveyView | None:
    found = {(s.tier, s.kind): s for s in data.view.surveys}
    return found.get((data.tier, kind)) or found.get(("tpi", kind)) or found.get(("unit", kind))


def survey_table(data: ReportData) -> Flowable:
    lang = data.lang
    texts = (_("Survey"), _("Index (unit)"), _("Index (TPI)"), _("Respondents"),
             _("Survey period"), _("Conducted by"), _("Report file"))  # fmt: skip
    rows: list[list[Any]] = [[st.para(t, st.SMALL_BOLD) for t in texts]]
    for kind, item_id in SURVEYS:
        s = _survey(data, kind)
        indices = [data.view.value(tier, item_id) for tier in ("unit", "tpi")]
        rows.append(
            [
                st.para(kind, st.CELL_BOLD),
                *(st.para(num(Fraction(i), lang) if i is not None else "—", st.CELL_RIGHT)
                  for i in indices),
                st.para(count(s.respondents if s else None, lang), st.CELL_RIGHT),
                st.para((s.period if s else "") or "—", st.CELL),
                st.para((s.conducted_by if s else "") or "—", st.CELL),
                st.para(_("in the evidence index") if s and s.report_sha256 else "—", st.CELL),
            ]
        )  # fmt: skip
    return st.table(rows, (12, 13, 13, 14, 16, 20, 16))


def capaian_table(data: ReportData) -> Flowable:
    item = data.definition.items["B.I.b"]
    rows = []
    for tier, label in (("unit", _("Unit answer")), ("tpi", _("TPI answer"))):
        code = data.view.value(tier, item.id)
        option = item.option(str(code)) if code is not None else None
        text = f"{option.code} — {option.meaning}" if option else "—"
        rows.append((label, text))
    return st.key_value_table(rows, key_width=0.22)


def disclosures(data: ReportData) -> list[Flowable]:
    """The scoring rules the numbers depended on, for both tiers."""
    lines: list[str] = []
    for tier in ("unit", "tpi"):
        result = data.view.scores[tier]
        for use in result.policies_applied:
            text = _(
                "{tier}, {item}: the denominator is zero; scored {value}% by the workspace rule."
            )
            lines.append(text.format(tier=tier_label(tier), item=use.item,
                                     value=num(use.value * 100, data.lang)))  # fmt: skip
        for w in result.warnings:
            text = _("{tier}, {item}: the count done exceeds the total; scored 100%, please check.")
            lines.append(text.format(tier=tier_label(tier), item=w.item))
    if not lines:
        return []
    return [st.para(_("Notes on the scoring"), st.H2), *(st.para("• " + t, st.NOTE) for t in lines)]


def summary(data: ReportData) -> list[Flowable]:
    if data.tier == "tpi":
        note = _("Scores in points (nilai). The percentage is the TPI score divided by the weight.")
    else:
        note = _(
            "Scores in points (nilai). The percentage is the unit score divided by the weight."
        )
    return [
        st.para(_("2. Score summary"), st.H1),
        st.para(note, st.NOTE),
        score_table(data),
        KeepTogether(
            [
                st.para(_("Hasil: surveys and performance achievement"), st.H2),
                survey_table(data),
                st.para(_("Performance achievement (capaian kinerja, B.I.b)"), st.H2),
                capaian_table(data),
            ]
        ),
        *disclosures(data),
    ]
