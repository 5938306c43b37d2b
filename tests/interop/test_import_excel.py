"""Reading the official form: every answer back, through the kinds of damage people do."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from interop_data import LKE, TEMPLATE, UNIT
from openpyxl import load_workbook  # type: ignore[import-untyped]

from zi_desktop.interop.cells import text_of
from zi_desktop.interop.layout import TEXT_COLUMNS
from zi_desktop.interop.matching import align, slots
from zi_desktop.interop.reader import ImportPlan, read_workbook
from zi_desktop.interop.writer import set_text
from zi_desktop.lke.loader import load_definition
from zi_desktop.lke.model import Definition, Item, ItemType
from zi_desktop.scoring import AnswerValue
from zi_desktop.services import interop
from zi_desktop.services.excel_diff import diff_lines, import_diff
from zi_desktop.services.workspace import Workspace

REV2026 = "permenpanrb-90-2021-rev2026"


def preview_text(plan: ImportPlan, definition: Definition) -> str:
    """The preview of importing ``plan`` into an empty tier, as ``zi import-excel`` prints it."""
    return "\n".join(diff_lines(plan, import_diff(plan, definition, {})))


def known_answers(definition: Definition) -> dict[str, AnswerValue]:
    """A valid answer for every answer cell, options and counts varied."""
    out: dict[str, AnswerValue] = {}
    for n, node in enumerate(definition.answer_ids()):
        item = definition.items.get(node)
        if item is None:
            out[node] = 3 + n % 7
        elif item.type is ItemType.INDEX:
            out[node] = Fraction(362, 100) if node == "B.I.a" else Fraction(341, 100)
        else:
            out[node] = item.options[n % len(item.options)].code
    return out


def template_rows(definition: Definition, sheet: Any) -> dict[str, int]:
    texts: dict[int, list[str]] = {}
    for row in range(1, sheet.max_row + 1):
        found = [sheet.cell(row, c).value for c in TEXT_COLUMNS]
        kept = [" ".join(t.split()) for t in found if isinstance(t, str) and t.strip()]
        if kept:
            texts[row] = kept
    return align(texts, slots(definition)).rows


def fill(definition: Definition, answers: dict[str, AnswerValue]) -> tuple[Any, dict[str, int]]:
    """The form with ``answers`` typed in the way people type them."""
    book = load_workbook(TEMPLATE)
    sheet = book["LKE ZI"]
    rows = template_rows(definition, sheet)
    for n, (node, value) in enumerate(answers.items()):
        cell = sheet.cell(rows[node], 11)
        if isinstance(value, str):
            cell.value = f"  {value.lower()} " if n % 3 == 0 else value  # case and spaces
        elif isinstance(value, int):
            cell.value = str(value) if n % 4 == 0 else float(value) if n % 4 == 1 else value
        else:
            cell.value = "3,62" if node == "B.I.a" else float(value)  # decimal comma; a float
    return book, rows


def insert_rows(sheet: Any, at: int, count: int) -> None:
    """Insert rows as Excel does: openpyxl leaves merged ranges behind, so move them too."""
    sheet.insert_rows(at, count)
    for merged in list(sheet.merged_cells.ranges):
        if merged.min_row >= at:
            merged.shift(0, count)


def test_template_rows_are_all_found_at_their_excel_row(definition: Definition) -> None:
    rows = template_rows(definition, load_workbook(TEMPLATE)["LKE ZI"])
    expected = {n: definition.items[n].excel_row for n in definition.items}
    expected |= {n: inp.excel_row for n, (_item, inp) in definition.inputs.items()}
    assert {n: rows[n] for n in definition.answer_ids()} == {
        n: expected[n] for n in definition.answer_ids()
    }
    assert rows["A.I.1.i.a"] == 8


def test_every_answer_is_read_back_through_damage(definition: Definition, tmp_path: Path) -> None:
    answers = known_answers(definition)
    book, rows = fill(definition, answers)
    sheet = book["LKE ZI"]
    sheet.cell(rows["A.I.1.i.b"], 10).value = "Ya/Tidak"  # type cell overwritten
    sheet.cell(rows["A.I.2.i.a"], 7).value = "  sop MENGACU   pada peta proses bisnis   instansi "
    total_row = rows["A.II.5.iii.a.1"] - 1
    sheet.cell(total_row, 11).value = 999  # a count typed where the total formula stood
    sheet.cell(rows["A.II.5.iii.b"] + 1, 11).value = "=K189/#REF!"  # a broken formula
    sheet.cell(rows["A.II.1.i.a"], 11).value = 0.8  # a typed percentage
    insert_rows(sheet, 60, 2)  # inserted rows
    insert_rows(sheet, 150, 1)
    insert_rows(sheet, 100, 20)  # more than the search window: found further on
    path = tmp_path / "filled.xlsx"
    book.save(path)

    plan = read_workbook(path, definition)

    assert plan.unmatched == [] and plan.rejected == []
    assert plan.answers == answers  # every one of the 127 cells, exactly
    assert len(plan.answers) == 127
    messages = {(w.node_id, w.message.split(" ")[1]) for w in plan.warnings}
    assert ("A.I.1.i.b", "type") in messages
    assert any(w.node_id == "A.II.5.iii.a" and "999" in w.message for w in plan.warnings)
    assert any(w.node_id == "A.II.1.i.a" and "ignored" in w.message for w in plan.warnings)


def test_wrong_values_are_shown_and_not_imported(definition: Definition, tmp_path: Path) -> None:
    answers = known_answers(definition)
    book, rows = fill(definition, answers)
    sheet = book["LKE ZI"]
    bad = {
        "A.I.1.i.b": "F",  # an option the question does not have
        "A.II.1.i.a.1": 2.5,  # not a whole number
        "A.II.3.iii.a.2": -1,
        "B.II.a": 5,  # outside 0–4
        "A.I.2.i.a": "=B5",  # text that looks like a formula: not an option
    }
    for node, value in bad.items():
        sheet.cell(rows[node], 11).value = value
    set_text(sheet.cell(rows["A.I.2.i.a"], 11), "=B5")
    # a formula saved without its value (by a program that does not calculate) reads as
    # blank: formulas are never calculated
    sheet.cell(rows["A.I.2.i.b"], 11).value = '=IF(TRUE,"Ya","Tidak")'
    assert sheet.cell(rows["A.I.2.i.b"], 11).data_type == "f"
    sheet.cell(rows["A.I.3.i.a"], 7).value = "something else entirely, not the question"
    sheet.cell(rows["A.I.3.i.a"], 11).value = None
    path = tmp_path / "bad.xlsx"
    book.save(path)

    plan = read_workbook(path, definition)

    assert {f.node_id for f in plan.rejected} == set(bad)
    assert [f.node_id for f in plan.unmatched] == ["A.I.3.i.a"]
    expected = {k: v for k, v in answers.items() if k not in bad and k != "A.I.3.i.a"}
    del expected["A.I.2.i.b"]
    assert plan.answers == expected
    text = preview_text(plan, definition)
    assert text.index("Problems") < text.index("Not found in the workbook")
    assert "2.5 is not a whole number" in text


def test_notes_and_evidence_go_into_the_notes(
    definition: Definition, ws: Workspace, tmp_path: Path
) -> None:
    book, rows = fill(definition, known_answers(definition))
    sheet = book["LKE ZI"]
    sheet.cell(rows["A.I.1.i.a"], 15).value = "SK tim ditetapkan"
    sheet.cell(rows["A.I.1.i.a"], 16).value = "SK Kepala Dinas No. 1/2026"
    sheet.cell(rows["A.II.1.i.a.2"], 15).value = "dua agen belum lapor"
    path = tmp_path / "notes.xlsx"
    book.save(path)

    plan = interop.plan_excel_import(ws, UNIT.code, "tpi", path)
    changes = interop.apply_excel_import(ws, UNIT.code, "tpi", plan)

    assert changes.answers_set == 127
    view = ws.open_assessment(UNIT.code)
    tpi = view.answers["tpi"]
    assert tpi["A.I.1.i.a"].note == "SK tim ditetapkan\n\nBukti dukung: SK Kepala Dinas No. 1/2026"
    assert tpi["A.II.1.i.a"].note == "dua agen belum lapor"
    assert {n: a.value for n, a in tpi.items() if a.value is not None} == plan.answers
    assert view.answers["unit"] == {}
    assert view.scores["tpi"].complete


def test_import_runs_in_one_transaction(
    definition: Definition, ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book, _rows = fill(definition, known_answers(definition))
    path = tmp_path / "one.xlsx"
    book.save(path)
    plan = interop.plan_excel_import(ws, UNIT.code, "unit", path)
    calls = []
    original = ws.transaction

    def counting() -> Any:
        calls.append(1)
        return original()

    monkeypatch.setattr(ws, "transaction", counting)
    interop.apply_excel_import(ws, UNIT.code, "unit", plan)
    assert len(calls) == 1


def test_a_failure_midway_writes_nothing(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = ImportPlan(
        Path("x.xlsx"),
        "permenpanrb-90-2021",
        answers={"A.I.1.i.a": "Ya"},
        notes={"A.I.1.i.b": "catatan"},
    )

    def boom(*_args: object) -> None:
        raise RuntimeError("disk gone")

    monkeypatch.setattr(ws, "rescore", boom)
    with pytest.raises(RuntimeError):
        interop.apply_excel_import(ws, UNIT.code, "unit", plan)
    assert ws.open_assessment(UNIT.code).answers["unit"] == {}


def percentage_items(definition: Definition) -> list[Item]:
    return [i for i in definition.items.values() if i.type is ItemType.PERCENT]


def test_percentage_rows_give_notes_and_warn_of_typed_values(
    definition: Definition, ws: Workspace, tmp_path: Path
) -> None:
    book, rows = fill(definition, known_answers(definition))
    sheet = book["LKE ZI"]
    percent = percentage_items(definition)
    for n, item in enumerate(percent):
        assert item.excel_row is not None
        assert str(sheet.cell(item.excel_row, 11).value).startswith("=")  # the form's formula
        sheet.cell(item.excel_row, 11).value = 0.4321 if n % 2 else "85%"  # typed over it
        sheet.cell(item.excel_row, 15).value = f"catatan persen {n}"
        sheet.cell(item.excel_row, 16).value = f"bukti persen {n}"
    lhkpn = definition.items["A.II.5.iii.a"]
    assert lhkpn.excel_row == 177 and definition.items["A.II.5.iii.b"].excel_row == 184
    sheet.cell(rows[lhkpn.inputs[0].id], 16).value = "SK wajib LHKPN"
    sheet.cell(rows[lhkpn.inputs[3].id], 15).value = "dua pejabat\nterlambat"
    sheet.cell(176, 15).value = "a note on the LHKPN heading row is not the question's"
    path = tmp_path / "percent.xlsx"
    book.save(path)

    plan = read_workbook(path, definition)

    assert {i.id: plan.rows[i.id] for i in percent} == {i.id: i.excel_row for i in percent}
    typed = {(w.node_id, w.row) for w in plan.warnings if "percentage in the" in w.message}
    assert typed == {(i.id, i.excel_row) for i in percent}
    # the percentage row first, then the input rows, top to bottom
    assert plan.notes["A.II.5.iii.a"] == (
        "catatan persen 5\ndua pejabat\nterlambat\n\nBukti dukung: bukti persen 5; SK wajib LHKPN"
    )
    expected = {
        i.id: f"catatan persen {n}\n\nBukti dukung: bukti persen {n}"
        for n, i in enumerate(percent)
        if i.id != "A.II.5.iii.a"
    }
    assert {k: v for k, v in plan.notes.items() if k in expected} == expected
    assert plan.answers == known_answers(definition)
    text = preview_text(plan, definition)
    assert "A.II.5.iii.a     row 177    the percentage in the workbook (0.4321) is not" in text
    assert "A.II.5.iii.b     row 184    the percentage in the workbook (85%) is not" in text

    # imported, exported, imported again: the gathered notes come back unchanged, each
    # from the percentage row alone
    interop.apply_excel_import(ws, UNIT.code, "unit", plan)
    out = tmp_path / "out.xlsx"
    interop.excel_export(ws, UNIT.code, out)
    exported = load_workbook(out)["LKE ZI"]
    assert exported.cell(177, 15).value == "catatan persen 5\ndua pejabat\nterlambat"
    assert exported.cell(177, 16).value == "bukti persen 5; SK wajib LHKPN"
    assert [exported.cell(r, c).value for r in range(178, 183) for c in (15, 16)] == [None] * 10
    again = interop.plan_excel_import(ws, UNIT.code, "unit", out)
    assert again.notes == plan.notes and again.answers == plan.answers
    assert not any("percentage in the" in w.message for w in again.warnings)
    assert interop.preview_changes(ws, UNIT.code, "unit", again).total == 0


@pytest.mark.parametrize("lke", [LKE, REV2026])
def test_percentage_rows_are_found_by_text_after_inserted_rows(lke: str, tmp_path: Path) -> None:
    definition = load_definition(lke)
    book, _rows = fill(definition, known_answers(definition))
    sheet = book["LKE ZI"]
    for item in percentage_items(definition):
        assert item.excel_row is not None
        sheet.cell(item.excel_row, 11).value = 0.4321  # not the percentage of the counts
        sheet.cell(item.excel_row, 15).value = f"catatan {item.id}"
    insert_rows(sheet, 176, 1)  # above the LHKPN heading, whose text is alike too
    insert_rows(sheet, 130, 2)  # between A.II.1.i.a's inputs: A.II.1.i.b moves down 3
    insert_rows(sheet, 127, 1)  # above A.II.1.i.a's heading
    if lke == LKE:  # LHKASN: between the percentage and its total row
        insert_rows(sheet, 189, 2)
    path = tmp_path / "moved.xlsx"
    book.save(path)

    plan = read_workbook(path, definition)

    moved = {"A.II.1.i.a": 129, "A.II.1.i.b": 134, "A.II.5.iii.a": 181, "A.II.5.iii.b": 188}
    assert {n: plan.rows[n] for n in moved} == moved
    percent = percentage_items(definition)
    assert {i.id for i in percent} <= set(plan.rows)
    for item in percent:
        assert text_of(sheet.cell(plan.rows[item.id], 15).value) == f"catatan {item.id}"
        assert plan.notes[item.id] == f"catatan {item.id}"
    typed = {w.node_id for w in plan.warnings if "percentage in the" in w.message}
    assert typed == {i.id for i in percent}
    assert plan.unmatched == [] and plan.answers == known_answers(definition)
