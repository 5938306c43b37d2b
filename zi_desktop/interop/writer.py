"""Filling the official LKE ZI workbook with both tiers' answers, notes and evidence.

Starts from the shipped form (resources/excel/lke-zi-template-2021.xlsx): sheet ``LKE ZI``
gets the unit's self-assessment, a copy named ``LKE ZI TPI`` the TPI's answers; the form's
own formulas compute the values. Two known faults of the circulating form are repaired in the
output: the LHK sub-area total that ignores LHKASN, and the missing LHKASN total formula.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from openpyxl import load_workbook  # type: ignore[import-untyped]

from ..lke.model import Definition, FormulaKind
from ..paths import resources_dir
from ..scoring import AnswerValue
from . import notes as notes_text
from .cells import text_of
from .layout import (
    ANSWER_COLUMN,
    EVIDENCE_COLUMN,
    NOTE_COLUMN,
    SHEET,
    TEXT_COLUMNS,
    TPI_SHEET,
    TYPE_COLUMN,
    VALUE_COLUMN,
)
from .matching import align, slots
from .portalrb import TierData

TEMPLATE = "lke-zi-template-2021.xlsx"


def template_path() -> Path:
    return resources_dir() / "excel" / TEMPLATE


def _cell_value(value: AnswerValue) -> Any:
    return value if isinstance(value, (str, int)) else float(value)


def _form_text(raw: object) -> str:
    """The text of a cell of the form, nothing for one of its formulas."""
    return "" if isinstance(raw, str) and raw.startswith("=") else text_of(raw)


def set_text(cell: Any, text: str | None) -> None:
    """Write ``text`` as text, whatever it starts with: a note such as ``=HYPERLINK(…)``
    must never become a formula (openpyxl takes any string starting with "=" for one). The
    cell is also marked as quoted text, so that Excel keeps it text when it is edited."""
    cell.value = text
    if text is not None and cell.data_type != "s":
        cell.data_type = "s"
        cell.quotePrefix = True


def _fill(sheet: Any, definition: Definition, tier: TierData) -> None:
    texts: dict[int, list[str]] = {}
    for row in range(1, sheet.max_row + 1):
        found = [_form_text(sheet.cell(row, c).value) for c in TEXT_COLUMNS]
        if any(found):
            texts[row] = [t for t in found if t]
    wanted = slots(definition)
    rows = align(texts, wanted).rows
    for slot in wanted:
        at = rows.get(slot.node_id)
        if at is None:
            continue
        row = at
        for column in (NOTE_COLUMN, EVIDENCE_COLUMN):
            sheet.cell(row, column).hyperlink = None  # a link would come back as the value
            sheet.cell(row, column).value = None
        if slot.kind == "answer":
            item = definition.items.get(slot.node_id)
            sheet.cell(row, TYPE_COLUMN).value = "Jumlah" if item is None else item.type.label
            value = tier.answers.get(slot.node_id)
            sheet.cell(row, ANSWER_COLUMN).value = None if value is None else _cell_value(value)
    for item in definition.items.values():
        # A percentage question's note goes to its own row (its first input's if not found),
        # which the import reads first: the whole note comes back unchanged.
        note_row = rows.get(item.id) or rows.get(item.inputs[0].id if item.inputs else "")
        note, evidence = notes_text.split(tier.notes.get(item.id, ""))
        if note_row is not None:
            set_text(sheet.cell(note_row, NOTE_COLUMN), note or None)
            set_text(sheet.cell(note_row, EVIDENCE_COLUMN), evidence or None)
        formula = item.formula
        if (
            formula is not None
            and formula.kind is FormulaKind.RATIO
            and len(formula.denominator) > 1
        ):
            parts = [rows.get(p) for p in formula.denominator]
            if None not in parts and parts[0] is not None:
                total = parts[0] - 1  # "Jumlah yang harus melaporkan": the sum of the parts
                refs = [f"K{p}" for p in parts]
                blank = ",".join(f'{r}=""' for r in refs)
                sheet.cell(
                    total, ANSWER_COLUMN
                ).value = f'=IF(OR({blank}),"Blm Diisi",{"+".join(refs)})'
    lhkpn, lhkasn = rows.get("A.II.5.iii.a"), rows.get("A.II.5.iii.b")
    if lhkpn is not None and lhkasn is not None:
        # The sub-area (above the LHKPN heading) is the sum of both headings' nilai, each
        # just above its percentage row.
        sheet.cell(lhkpn - 2, VALUE_COLUMN).value = f"=SUM(L{lhkpn - 1},L{lhkasn - 1})"


def workbook_bytes(definition: Definition, unit: TierData, tpi: TierData) -> bytes:
    book: Any = load_workbook(template_path())
    _fill(book[SHEET], definition, unit)
    copy = book.copy_worksheet(book[SHEET])
    copy.title = TPI_SHEET
    copy.protection = book[SHEET].protection
    _fill(copy, definition, tpi)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
