"""The official form's cells for every LKE node, and where its formulas give an error.

``form_cells`` finds, in the ``LKE ZI`` sheet, the cell that shows each node's number: the
value (L) of a question, the computed percentage (K) of a percentage question, the nilai (L)
of every group (found by its name and checked by its weight in H), and the three totals.

``documented_errors`` is the part of docs/excel-import.md, "Where the official sheet's
formulas differ from the rules", that concerns errors, as code: for one tier's answers and
their score, the cells where an error starts and the nodes whose cells it reaches.

``error_sources`` finds, in a recalculated workbook, every error cell whose formula refers to
no other error cell: the places where errors start.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from libreoffice import is_error
from openpyxl.utils import column_index_from_string  # type: ignore[import-untyped]
from openpyxl.utils.cell import coordinate_from_string  # type: ignore[import-untyped]

from zi_desktop.interop.cells import text_of
from zi_desktop.interop.layout import TYPE_COLUMN, similarity
from zi_desktop.lke.model import Definition, Group, ItemType
from zi_desktop.scoring import ScoreResult

DIV0, VALUE = "#DIV/0!", "#VALUE!"
# The total rows, labelled in column B: pengungkit and hasil again, and the nilai evaluasi.
TOTAL_LABELS = {
    "A": "TOTAL PENGUNGKIT",
    "B": "TOTAL HASIL",
    "total": "NILAI EVALUASI ZONA INTEGRITAS",
}
NAME_MATCH = 0.95
_AVERAGE = re.compile(r"=AVERAGE\(L(\d+)(?::L(\d+))?\)\*H\d+")
_STRING = re.compile(r'"[^"]*"')
_REF = re.compile(
    r"(?:'(?P<sheet>[^']+)'!)?(?<![A-Za-z0-9_.])\$?(?P<c1>[A-Z]{1,3})\$?(?P<r1>\d+)"
    r"(?::\$?(?P<c2>[A-Z]{1,3})\$?(?P<r2>\d+))?"
)

Cell = tuple[str, str]  # (sheet, coordinate)


@dataclass(frozen=True)
class FormCells:
    number: dict[str, str]  # node id -> the cell showing its number
    totals: dict[str, str]  # "A", "B", "total" -> the total row's cell
    averaged_in: dict[str, int]  # pengungkit question id -> row of the AVERAGE that takes it
    parent: dict[str, str]  # node id -> its group's id


def form_cells(definition: Definition, sheet: Any) -> FormCells:
    number: dict[str, str] = {}
    for item in definition.items.values():
        row = _percent_row(sheet, item.inputs[0].excel_row) if item.inputs else item.excel_row
        number[item.id] = f"{'K' if item.type is ItemType.PERCENT else 'L'}{row}"
    parent: dict[str, str] = {}
    cursor = 0
    for group in _groups(definition.pengungkit) + _groups(definition.hasil):
        parent.update({c.id: group.id for c in group.children})
        parent.update({i.id: group.id for i in group.items})
        cursor = _group_row(sheet, group, cursor)
        number[group.id] = f"L{cursor}"
    labels = {text_of(sheet.cell(r, 2).value): r for r in range(1, sheet.max_row + 1)}
    totals = {node: f"L{labels[label]}" for node, label in TOTAL_LABELS.items()}
    averaged_in = {
        item.id: _averaging_row(sheet, int(number[item.id][1:]))
        for item in definition.items.values()
        if item.id.startswith(definition.pengungkit.id + ".")
    }
    return FormCells(number, totals, averaged_in, parent)


def _groups(group: Group) -> list[Group]:
    return [group, *(g for child in group.children for g in _groups(child))]


def _first_row(group: Group) -> int:
    rows = [r for i in group.items for r in (i.excel_row, *(x.excel_row for x in i.inputs)) if r]
    return min(rows + [_first_row(c) for c in group.children])


def _group_row(sheet: Any, group: Group, after: int) -> int:
    """The row naming ``group`` between the previous group's row and its first question."""
    best, found = 0.0, 0
    for row in range(after + 1, _first_row(group)):
        texts = [t for t in (text_of(sheet.cell(row, c).value) for c in range(2, 8)) if t]
        score = max((similarity(group.name, t) for t in texts), default=0.0)
        if score > best:
            best, found = score, row
    assert best >= NAME_MATCH, (group.id, group.name)
    assert Fraction(Decimal(str(sheet.cell(found, 8).value))) == group.weight, group.id
    return found


def _percent_row(sheet: Any, first_input: int | None) -> int:
    """The row computing a percentage: the nearest "%" row above its first input."""
    assert first_input is not None
    row = first_input - 1
    while text_of(sheet.cell(row, TYPE_COLUMN).value) != "%":
        row -= 1
    return row


def _averaging_row(sheet: Any, row: int) -> int:
    """The nearest row above ``row`` whose value is AVERAGE(…)×weight over a range with it."""
    for above in range(row - 1, 0, -1):
        found = _AVERAGE.fullmatch(str(sheet.cell(above, 12).value))
        if found and int(found[1]) <= row <= int(found[2] or found[1]):
            return above
    raise AssertionError(f"no AVERAGE takes row {row}")


def documented_errors(
    definition: Definition, result: ScoreResult, cells: FormCells
) -> tuple[dict[str, str], set[str]]:
    """(cell -> error, where errors start; nodes whose number the errors reach)."""
    starts: dict[str, str] = {}
    reached: set[str] = set()

    def reach(node: str) -> None:
        reached.add(node)
        if node in cells.parent:
            reach(cells.parent[node])
        else:
            reached.add("total")

    for use in result.policies_applied:  # a zero denominator: the sheet divides by it
        starts[cells.number[use.item]] = DIV0
        reach(use.item)
    averages: dict[int, list[str]] = {}
    for item_id, row in cells.averaged_in.items():
        averages.setdefault(row, []).append(item_id)
    for row, item_ids in averages.items():  # AVERAGE of no answered question
        if all(result.values[i] is None for i in item_ids):
            starts[f"L{row}"] = DIV0
            reach(cells.parent[item_ids[0]])
    for item in (i for part in definition.hasil.children for i in part.items):
        if result.values[item.id] is None:  # "Blm Diisi" times the item's weight
            starts[cells.number[item.id]] = VALUE
            reach(item.id)
    return starts, reached


def error_sources(formulas: Any, values: Any) -> dict[Cell, str]:
    """Error cells of ``values`` whose formula in ``formulas`` refers to no error cell."""
    errors: dict[Cell, str] = {}
    for sheet in values:
        for row in sheet.iter_rows():
            errors.update({(sheet.title, c.coordinate): c.value for c in row if is_error(c.value)})
    located = {(s, *_row_col(c)) for s, c in errors}
    sources = {}
    for (sheet, coordinate), error in errors.items():
        formula = str(formulas[sheet][coordinate].value)
        if not any(_hits(ref, sheet, located) for ref in _REF.finditer(_STRING.sub("", formula))):
            sources[(sheet, coordinate)] = error
    return sources


def _row_col(coordinate: str) -> tuple[int, int]:
    column, row = coordinate_from_string(coordinate)
    return row, column_index_from_string(column)


def _hits(ref: re.Match[str], own_sheet: str, located: set[tuple[str, int, int]]) -> bool:
    sheet = ref["sheet"] or own_sheet
    top, left = int(ref["r1"]), column_index_from_string(ref["c1"])
    bottom = int(ref["r2"] or ref["r1"])
    right = column_index_from_string(ref["c2"] or ref["c1"])
    return any(s == sheet and top <= r <= bottom and left <= c <= right for s, r, c in located)
