"""Chapter II, the results: every area's pemenuhan, reform and total, hasil, and the total.

Both tiers stand side by side (the unit's self-assessment and the TPI's evaluation) with the
weight, the percentage of the tier the report evaluates, and the difference TPI − unit.
The hasil part shows the survey indices with their respondents and source, and capaian
kinerja. Scoring rules the numbers depended on (zero denominators, counts above their
totals) are disclosed under the tables.
"""

from __future__ import annotations

from fractions import Fraction

from ..i18n import _
from ..scoring import ScoreResult
from ..values.views import SurveyView
from .blocks import Block, Chart, Heading, KeepRoom, Row, Table, para
from .labels import area_name, count, num, pct, signed, tier_label
from .model import ReportData

WIDTHS = (56, 12, 14, 14, 15, 16)


class _Rows:
    """The summary table's rows: section headings, lines and totals."""

    def __init__(self, data: ReportData) -> None:
        self.data = data
        self.rows: list[Row] = []

    def header(self) -> tuple[str, ...]:
        return (
            _("Component"),
            _("Weight"),
            _("Unit score"),
            _("TPI score"),
            _("% of weight (TPI)") if self.data.tier == "tpi" else _("% of weight (unit)"),
            _("Difference TPI − unit"),
        )

    def section(self, title: str) -> None:
        self.rows.append(Row((title, "", "", "", "", ""), "section"))

    def line(self, label: str, weight: Fraction, node: str, total: bool = False) -> None:
        """One row: the nilai of ``node`` in both tiers against its weight."""
        lang = self.data.lang
        unit, tpi = self.data.unit_result, self.data.tpi_result
        u, t = _nilai(unit, node), _nilai(tpi, node)
        mine = t if self.data.tier == "tpi" else u
        cells = (
            label,
            num(weight, lang),
            num(u, lang),
            num(t, lang),
            pct(mine * 100 / weight, lang),
            signed(t - u, lang),
        )
        self.rows.append(Row(cells, "total" if total else ""))


def _nilai(result: ScoreResult, node: str) -> Fraction:
    """A node's nilai; ``total`` and ``area:N`` (an area's pemenuhan + reform) included."""
    if node == "total":
        return result.total
    if node.startswith("area:"):
        return result.areas[int(node.removeprefix("area:"))].total
    return result.nodes[node]


def score_table(data: ReportData) -> Table:
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
    return Table(r.header(), tuple(r.rows), WIDTHS, "lrrrrr")


def _survey(data: ReportData, kind: str) -> SurveyView | None:
    found = {(s.tier, s.kind): s for s in data.view.surveys}
    return found.get((data.tier, kind)) or found.get(("tpi", kind)) or found.get(("unit", kind))


def survey_table(data: ReportData) -> Table:
    lang = data.lang
    texts = (
        _("Survey"),
        _("Index (unit)"),
        _("Index (TPI)"),
        _("Respondents"),
        _("Survey period"),
        _("Conducted by"),
        _("Report file"),
    )
    rows = []
    for kind, item_id in data.definition.survey_items.items():
        s = _survey(data, kind)
        unit, tpi = (data.view.value(tier, item_id) for tier in ("unit", "tpi"))
        rows.append(
            Row(
                (
                    kind,
                    num(Fraction(unit), lang) if unit is not None else "—",
                    num(Fraction(tpi), lang) if tpi is not None else "—",
                    count(s.respondents if s else None, lang),
                    (s.period if s else "") or "—",
                    (s.conducted_by if s else "") or "—",
                    _("in the evidence index") if s and s.report_sha256 else "—",
                )
            )
        )
    return Table(texts, tuple(rows), (12, 13, 13, 14, 16, 20, 16), "lrrr")


def capaian_table(data: ReportData) -> Table:
    item = data.definition.items["B.I.b"]
    rows = []
    for tier, label in (("unit", _("Unit answer")), ("tpi", _("TPI answer"))):
        code = data.view.value(tier, item.id)
        option = item.option(str(code)) if code is not None else None
        text = f"{option.code} — {option.meaning}" if option else "—"
        rows.append(Row((label, text)))
    return Table((), tuple(rows), (22, 78), key_value=True)


def disclosures(data: ReportData) -> list[Block]:
    """The scoring rules the numbers depended on, for both tiers."""
    lines: list[str] = []
    for tier in ("unit", "tpi"):
        result = data.view.scores[tier]
        for use in result.policies_applied:
            text = _(
                "{tier}, {item}: the denominator is zero; scored {value}% by the workspace rule."
            )
            lines.append(
                text.format(
                    tier=tier_label(tier), item=use.item, value=num(use.value * 100, data.lang)
                )
            )
        for w in result.warnings:
            text = _("{tier}, {item}: the count done exceeds the total; scored 100%, please check.")
            lines.append(text.format(tier=tier_label(tier), item=w.item))
    if not lines:
        return []
    return [Heading(_("Notes on the scoring"), 3), *(para("• " + t, "note") for t in lines)]


def results(data: ReportData) -> list[Block]:
    """Chapter II: the scores of both tiers, the hasil part, and the areas' chart."""
    if data.tier == "tpi":
        note = _("Scores in points (nilai). The percentage is the TPI score divided by the weight.")
    else:
        note = _(
            "Scores in points (nilai). The percentage is the unit score divided by the weight."
        )
    return [
        Heading(_("II. RESULTS OF THE EVALUATION"), 1),
        Heading(_("A. Score summary"), 2),
        para(note, "note"),
        score_table(data),
        KeepRoom(70),
        Heading(_("Hasil: surveys and performance achievement"), 3),
        survey_table(data),
        Heading(_("Performance achievement (capaian kinerja, B.I.b)"), 3),
        capaian_table(data),
        *disclosures(data),
        KeepRoom(110),
        Heading(_("B. Areas against the WBK and WBBM thresholds"), 2),
        para(
            _(
                "Each area's score as a percentage of its weight (pemenuhan + reform). "
                "Menuju WBK needs at least 60% in every area, Menuju WBBM at least 75%."
            ),
            "note",
        ),
        Chart(chart_table(data)),
    ]


def chart_table(data: ReportData) -> Table:
    """The chart's numbers: each area's percentage in both tiers, against 60% and 75%."""
    unit, tpi = data.unit_result.areas, data.tpi_result.areas
    mine = tpi if data.tier == "tpi" else unit
    rows = tuple(
        Row(
            (
                f"{n}. {area_name(n)}",
                pct(unit[n].percent, data.lang),
                pct(tpi[n].percent, data.lang),
                "✓" if mine[n].percent >= 60 else "✗",
                "✓" if mine[n].percent >= 75 else "✗",
            )
        )
        for n in sorted(tpi)
    )
    header = (_("Area"), _("Unit self-assessment"), _("TPI evaluation"), "WBK 60%", "WBBM 75%")
    return Table(header, rows, (40, 15, 15, 15, 15), "lrrcc")
