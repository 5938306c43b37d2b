"""The verdict for Menuju WBK and Menuju WBBM, with every condition of Tabel 6.

Each condition shows the actual value, the value required and ✓/✗. The engine compares exact
values; where two decimals would show a failed condition as equal to its threshold, the
actual value is printed with six decimals so the page never contradicts itself. An
incomplete assessment gets "belum dapat ditentukan" and the list of what is still missing.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..i18n import _, ngettext
from ..scoring import Condition, Verdict
from . import styles as st
from .labels import condition_label, num, predikat_label, verdict_label
from .model import ReportData
from .rl import Flowable, KeepTogether


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


def _status_colour(status: str) -> Any:
    return {"eligible": st.PASS, "not_eligible": st.FAIL}.get(status, st.DRAFT)


def verdict_block(data: ReportData, v: Verdict) -> Flowable:
    lang = data.lang
    weights = {f"area_{n}": a.weight for n, a in data.result.areas.items()}
    head = st.markup(
        st.esc(_("Menuju {predikat}:").format(predikat=v.predikat)) + " "
        + st.coloured(verdict_label(v.status).upper(), _status_colour(v.status)),
        st.H2,
    )  # fmt: skip
    rows: list[list[Any]] = [
        [st.para(t, st.SMALL_BOLD) for t in (_("Condition"), _("Actual"), _("Required"), _("Met"))]
    ]
    for c in v.conditions:
        w = weights.get(c.code)
        mark = st.coloured("✓", st.PASS) if c.passed else st.coloured("✗", st.FAIL)
        rows.append(
            [
                st.para(condition_label(c.code), st.CELL),
                st.para(_actual(c, lang, w), st.CELL_RIGHT),
                st.para(_required(c, lang, w), st.CELL_RIGHT),
                st.markup(mark, st.MARK),
            ]
        )
    return KeepTogether([head, st.table(rows, (50, 20, 20, 10))])


def _area_of(node_id: str) -> str:
    parts = node_id.split(".")
    if parts[0] == "A" and len(parts) > 2 and parts[2].isdigit():
        return _("Area {number}").format(number=parts[2])
    return _("Hasil")


def missing_items(data: ReportData) -> list[Flowable]:
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
    rows = [
        [st.para(area, st.SMALL_BOLD), st.para(", ".join(ids), st.SMALL)]
        for area, ids in groups.items()
    ]
    return [st.para(title, st.H2), st.table(rows, (14, 86), header_rows=0)]


def verdicts(data: ReportData) -> list[Flowable]:
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
    out: list[Flowable] = [
        st.para(_("3. Verdict"), st.H1),
        st.para(note, st.NOTE),
    ]
    for verdict in data.result.verdicts.values():
        out.append(verdict_block(data, verdict))
    out += missing_items(data)
    return out
