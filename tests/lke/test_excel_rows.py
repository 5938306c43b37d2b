"""Every ``excel_row`` of the shipped definitions is the row of that answer cell in the shipped
form (resources/excel/lke-zi-template-2021.xlsx): its text, its answer type, in order; for a
percentage question, the row where the form computes its percentage."""

from __future__ import annotations

from typing import Any

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]

from zi_desktop.interop.cells import text_of
from zi_desktop.interop.layout import (
    ANSWER_COLUMN,
    MATCH_THRESHOLD,
    SHEET,
    TEXT_COLUMNS,
    TYPE_COLUMN,
    similarity,
)
from zi_desktop.interop.writer import template_path
from zi_desktop.lke.loader import load_definition
from zi_desktop.lke.model import Definition, ItemType

BASE = "permenpanrb-90-2021"
REV = "permenpanrb-90-2021-rev2026"
# The same text up to typing slips: the lowest, A.II.5.iii.b.2 ("Penawas"), scores 0.98.
SAME_TEXT = 0.95


@pytest.fixture(scope="module")
def form() -> Any:
    return load_workbook(template_path())[SHEET]


def placed(definition: Definition) -> list[tuple[str, str, int | None, str]]:
    """(node id, text, excel_row, type label) of every answer cell, in worksheet order."""
    out = []
    for node in definition.answer_ids():
        item = definition.items.get(node)
        if item is None:
            inp = definition.inputs[node][1]
            out.append((node, inp.text, inp.excel_row, "Jumlah"))
        else:
            out.append((node, item.text, item.excel_row, item.type.label))
    return out


def test_every_answer_cell_has_its_row_in_the_form(form: Any) -> None:
    definition = load_definition(BASE)
    cells = placed(definition)
    assert len(cells) == 127
    wrong = []
    for node, text, row, label in cells:
        assert row is not None, node
        found = [text_of(form.cell(row, c).value) for c in TEXT_COLUMNS]
        score = max(similarity(text, t) for t in found if t) if any(found) else 0.0
        if score < SAME_TEXT or text_of(form.cell(row, TYPE_COLUMN).value) != label:
            wrong.append((node, row, round(score, 2), found))
    assert wrong == []
    rows = [row for _node, _text, row, _label in cells]
    assert rows == sorted(set(rows))  # in worksheet order, no row twice


def percentage_rows_of_the_form(form: Any) -> list[int]:
    """The rows where the form computes a percentage: type "%" and a formula in K."""
    return [
        row
        for row in range(1, form.max_row + 1)
        if text_of(form.cell(row, TYPE_COLUMN).value) == "%"
        and str(form.cell(row, ANSWER_COLUMN).value or "").startswith("=")
    ]


def test_every_percentage_question_has_the_row_of_its_percentage(form: Any) -> None:
    definition = load_definition(BASE)
    percent = [i for i in definition.items.values() if i.type is ItemType.PERCENT]
    assert len(percent) == 8
    assert [i.excel_row for i in percent] == percentage_rows_of_the_form(form)
    for item in percent:
        assert item.excel_row is not None
        # its own question text, in G: not the heading rows above it (LHKPN, LHKASN)
        question = text_of(form.cell(item.excel_row, TEXT_COLUMNS[0]).value)
        assert similarity(item.text, question) >= MATCH_THRESHOLD, (item.id, question)
        # above its inputs, at most a "Jumlah yang harus melaporkan" total row between
        first = item.inputs[0].excel_row
        assert first is not None and 1 <= first - item.excel_row <= 2, item.id
        if first - item.excel_row == 2:
            between = text_of(form.cell(item.excel_row + 1, TEXT_COLUMNS[0]).value)
            assert between.startswith("Jumlah yang harus melaporkan"), (item.id, between)


def test_the_2026_revision_keeps_the_rows() -> None:
    base, rev = load_definition(BASE), load_definition(REV)
    assert [r for _n, _t, r, _l in placed(rev)] == [r for _n, _t, r, _l in placed(base)]
    assert [i.excel_row for i in rev.items.values()] == [i.excel_row for i in base.items.values()]
