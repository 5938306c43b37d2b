"""Reading an LKE ZI workbook into an import plan: answers, notes and what to check.

Only the answer cells (choices, counts, survey indices), notes and evidence descriptions are
read, as the values the office program saved; the workbook's scores, percentages and totals
are never used, and every score is computed by the application afterwards. A formula is
never calculated: where one stands in an answer cell, the value it last showed is read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from ..i18n import _
from ..lke.model import Definition, FormulaKind, Item, ItemType
from ..scoring import AnswerValue, score
from . import notes as notes_text
from .cells import (
    CellProblem,
    as_decimal,
    choice_value,
    count_value,
    index_value,
    is_blank,
    multiline_text,
    text_of,
)
from .layout import (
    ANSWER_COLUMN,
    EVIDENCE_COLUMN,
    NOTE_COLUMN,
    SHEET,
    TEXT_COLUMNS,
    TYPE_COLUMN,
)
from .matching import align, slots
from .sheets import choose_sheet
from .workbook import open_workbook

PERCENT_TOLERANCE = Fraction(1, 10**6)  # a saved percentage is a float: rounding only


@dataclass(frozen=True)
class Finding:
    """Something the user should see in the preview, about one LKE node."""

    node_id: str
    row: int | None
    message: str


@dataclass
class ImportPlan:
    """What an import would write, and what it could not use."""

    file: Path
    lke: str
    sheet: str = SHEET
    answers: dict[str, AnswerValue] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    sheets: list[str] = field(default_factory=list)  # every sheet that looks like an LKE
    ambiguous: bool = False  # several sheets fit the tier equally: the user should choose
    unmatched: list[Finding] = field(default_factory=list)
    rejected: list[Finding] = field(default_factory=list)  # found, but the value is wrong
    warnings: list[Finding] = field(default_factory=list)  # imported or ignored; please check


def read_workbook(
    path: Path, definition: Definition, tier: str = "unit", sheet: str | None = None
) -> ImportPlan:
    """The import plan of the workbook at ``path`` for an assessment under ``definition``.

    The LKE sheet is found by its content (``sheets.choose_sheet``), or is ``sheet``; for the
    tpi tier a sheet named with "TPI" (as export-excel writes ``LKE ZI TPI``) is preferred.
    """
    book = open_workbook(path)
    choice = choose_sheet(book, definition, tier, sheet)
    cells = choice.rows
    texts = {
        row: [t for t in (text_of(values[c - 1]) for c in TEXT_COLUMNS) if t]
        for row, values in cells.items()
    }
    wanted = slots(definition)
    alignment = align(texts, wanted)
    plan = ImportPlan(
        Path(path),
        definition.id,
        choice.sheet,
        rows=dict(alignment.rows),
        sheets=choice.candidates,
        ambiguous=choice.ambiguous,
    )

    def cell(row: int, column: int) -> Any:
        return cells.get(row, (None,) * 16)[column - 1]

    raw_notes: dict[str, list[tuple[str, str]]] = {}
    shown_percent: dict[str, tuple[int, object]] = {}
    for slot in wanted:
        row = alignment.rows.get(slot.node_id)
        if row is None:
            if slot.kind == "answer":
                plan.unmatched.append(
                    Finding(
                        slot.node_id,
                        None,
                        _("no row with this text near row {row}: {text}").format(
                            row=alignment.expected[slot.node_id], text=slot.text[:70]
                        ),
                    )
                )
            continue
        note = multiline_text(cell(row, NOTE_COLUMN)), multiline_text(cell(row, EVIDENCE_COLUMN))
        if any(note):
            raw_notes.setdefault(slot.item_id, []).append(note)
        if slot.kind == "percent":
            shown_percent[slot.node_id] = row, cell(row, ANSWER_COLUMN)
            continue
        _read_answer(plan, definition, slot.node_id, row, cell(row, ANSWER_COLUMN))
        _check_type_cell(plan, definition, slot.node_id, row, cell(row, TYPE_COLUMN))
    # A percentage question's note gathers its own row's and its inputs' rows' texts, in
    # worksheet order (its own row first): notes one a line, evidence joined with "; ".
    for item_id, parts in raw_notes.items():
        plan.notes[item_id] = notes_text.compose(
            "\n".join(n for n, _e in parts if n), "; ".join(e for _n, e in parts if e)
        )
    for item in definition.items.values():
        if item.formula is not None and item.formula.kind is FormulaKind.RATIO:
            _check_total_row(plan, item, cell)
    if shown_percent:
        values = score(definition, plan.answers).values
        for node_id, (row, raw) in shown_percent.items():
            _check_shown_percent(plan, node_id, row, raw, values.get(node_id))
    return plan


def _read_answer(
    plan: ImportPlan, definition: Definition, node_id: str, row: int, raw: object
) -> None:
    if is_blank(raw):
        return
    try:
        if node_id in definition.inputs:
            plan.answers[node_id] = count_value(definition, node_id, raw)
        elif definition.items[node_id].type is ItemType.INDEX:
            plan.answers[node_id] = index_value(definition, node_id, raw)
        else:
            plan.answers[node_id] = choice_value(definition, node_id, raw)
    except CellProblem as problem:
        plan.rejected.append(Finding(node_id, row, str(problem)))


def _check_type_cell(
    plan: ImportPlan, definition: Definition, node_id: str, row: int, raw: object
) -> None:
    item = definition.items.get(node_id)
    expected = "Jumlah" if item is None else item.type.label
    found = text_of(raw)
    if found and found.replace(" ", "").lower() != expected.replace(" ", "").lower():
        plan.warnings.append(
            Finding(
                node_id,
                row,
                _("the type cell says {found!r}; the LKE type {expected!r} is used").format(
                    found=found, expected=expected
                ),
            )
        )


def _percent_shown(raw: object) -> Fraction | None:
    """The number a percentage row shows, as a fraction of 1 ("85%" is 0.85); None for text
    such as the form's "Blm Diisi" or an error value."""
    if is_blank(raw) or isinstance(raw, bool):
        return None
    text = raw.strip() if isinstance(raw, str) else raw
    scale = 1
    if isinstance(text, str) and text.endswith("%"):
        text, scale = text[:-1], 100
    try:
        return Fraction(as_decimal(text)) / scale
    except CellProblem:
        return None


def _check_shown_percent(
    plan: ImportPlan, node_id: str, row: int, raw: object, computed: Fraction | None
) -> None:
    """Warn when the percentage the row shows (typed over the formula, or left from other
    counts) is not the one computed from the imported counts."""
    shown = _percent_shown(raw)
    if shown is None or computed is not None and abs(shown - computed) <= PERCENT_TOLERANCE:
        return
    plan.warnings.append(
        Finding(
            node_id,
            row,
            _(
                "the percentage in the workbook ({value}) is not the one computed from the "
                "counts ({computed}); it is ignored"
            ).format(
                value=text_of(raw),
                computed="-" if computed is None else format(float(computed), ".4g"),
            ),
        )
    )


def _check_total_row(plan: ImportPlan, item: Item, cell: Any) -> None:
    """A "Jumlah yang harus melaporkan" row above the denominator counts: typed, compare."""
    assert item.formula is not None
    parts = item.formula.denominator
    if len(parts) < 2 or parts[0] not in plan.rows:
        return
    row = plan.rows[parts[0]] - 1
    if "jumlah" not in text_of(cell(row, TEXT_COLUMNS[0])).lower() or row in plan.rows.values():
        return
    raw = cell(row, ANSWER_COLUMN)
    if is_blank(raw):
        return
    try:
        total = count_value_loose(raw)
    except CellProblem as problem:
        if isinstance(raw, (int, float)):  # a number, but not a count
            plan.warnings.append(Finding(item.id, row, str(problem)))
        return  # text: the form's "Blm Diisi" while the parts are empty
    values = [plan.answers.get(p) for p in parts]
    if all(v is None for v in values):
        message = _(
            "a total of {total} is typed but its parts are empty; fill the parts (rows {rows})"
        ).format(total=total, rows=", ".join(str(plan.rows.get(p, "?")) for p in parts))
    elif None in values or sum(int(v) for v in values if v is not None) != total:
        message = _(
            "the total {total} differs from the sum of its parts ({parts}); the parts are used"
        ).format(total=total, parts=" + ".join("-" if v is None else str(v) for v in values))
    else:
        return
    plan.warnings.append(Finding(item.id, row, message))


def count_value_loose(raw: object) -> int:
    """A typed total, for comparison only."""
    number = as_decimal(raw)
    if number != number.to_integral_value():
        raise CellProblem(
            _("{value} is not a whole number; a count must be whole").format(value=number)
        )
    return int(number)
