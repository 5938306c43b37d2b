"""The text shown before an Excel import is written: what, what not, and what to check."""

from __future__ import annotations

from fractions import Fraction

from ..i18n import _
from ..scoring import AnswerValue
from .reader import Finding, ImportPlan


def _show(value: AnswerValue) -> str:
    if isinstance(value, Fraction):
        return format(float(value), "g") if value.denominator != 1 else str(value.numerator)
    return str(value)


def _finding(f: Finding) -> str:
    where = _("row {row}").format(row=f.row) if f.row is not None else "-"
    return f"  {f.node_id:<16} {where:<10} {f.message}"


def _sheet_lines(plan: ImportPlan) -> list[str]:
    others = [s for s in plan.sheets if s != plan.sheet]
    if not others:
        return []
    return [
        _(
            "Other sheets that look like an LKE: {sheets}. Check that {sheet} is the one to "
            "import (choose another with --sheet NAME, or in the app's Sheet list)."
        ).format(sheets=", ".join(repr(s) for s in others), sheet=repr(plan.sheet))
    ]


def preview_lines(
    plan: ImportPlan, required: int, replaced: tuple[int, int, int, int]
) -> list[str]:
    """Lines of the preview; ``replaced`` is (answers set, cleared, notes set, cleared)."""
    lines = [
        _("Workbook: {file}, sheet {sheet} (LKE {lke})").format(
            file=plan.file, sheet=repr(plan.sheet), lke=plan.lke
        ),
        *_sheet_lines(plan),
        _("Answers found: {found} of {required}; notes found: {notes}").format(
            found=len(plan.answers), required=required, notes=len(plan.notes)
        ),
        "",
        _("Will be imported:"),
    ]
    for node_id, value in plan.answers.items():
        lines.append(f"  {node_id:<16} {_('row {row}').format(row=plan.rows[node_id]):<10} "
                     f"{_show(value)}")  # fmt: skip
    for node_id, note in plan.notes.items():
        first = note.splitlines()[0] if note else ""
        lines.append(f"  {node_id:<16} {_('note'):<10} {first[:60]}")
    if plan.unmatched:
        lines += ["", _("Not found in the workbook (left unanswered):")]
        lines += [_finding(f) for f in plan.unmatched]
    if plan.rejected:
        lines += ["", _("Values that look wrong (not imported):")]
        lines += [_finding(f) for f in plan.rejected]
    if plan.warnings:
        lines += ["", _("Please check:")]
        lines += [_finding(f) for f in plan.warnings]
    lines += [
        "",
        _(
            "Changes to the tier: {set} answers set, {cleared} answers cleared, "
            "{notes} notes set, {notes_cleared} notes cleared."
        ).format(
            set=replaced[0], cleared=replaced[1], notes=replaced[2], notes_cleared=replaced[3]
        ),  # fmt: skip
    ]
    return lines
