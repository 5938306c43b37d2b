"""The Excel import preview is a diff of the tier, problems first; a value it marks as not
imported leaves the answer as it is, and nothing is cleared unless the user chooses it."""

from __future__ import annotations

from pathlib import Path

import pytest
from interop_data import UNIT
from test_import_excel import fill, known_answers

from zi_desktop.lke.model import Definition
from zi_desktop.services import interop
from zi_desktop.services.workspace import Workspace

CHANGED, WRONG_LETTER, NOT_WHOLE, BLANK = "A.I.1.i.a", "A.I.1.i.b", "A.II.3.iii.a.2", "A.I.2.i.a"
RATIO = "A.II.1.i.a"  # done / total


@pytest.fixture
def workbook(definition: Definition, ws: Workspace, tmp_path: Path) -> Path:
    """The tier holds every answer; the workbook changes one, has a wrong letter, a count that
    is not whole, a blank answer, a blank note and a done count above its total."""
    answers = known_answers(definition)
    book, rows = fill(definition, answers)
    path = tmp_path / "now.xlsx"
    book.save(path)
    interop.apply_excel_import(
        ws, UNIT.code, "unit", interop.plan_excel_import(ws, UNIT.code, "unit", path)
    )
    ws.set_note(UNIT.code, "unit", BLANK, "catatan lama")
    sheet = book["LKE ZI"]
    item = definition.items[CHANGED]
    now = answers[CHANGED]
    other = next(o.code for o in item.options if o.code != now)
    sheet.cell(rows[CHANGED], 11).value = other
    sheet.cell(rows[WRONG_LETTER], 11).value = "F"
    sheet.cell(rows[NOT_WHOLE], 11).value = 2.5
    sheet.cell(rows[BLANK], 11).value = None
    formula = definition.items[RATIO].formula
    assert formula is not None
    sheet.cell(rows[formula.numerator], 11).value = 40
    for part in formula.denominator:
        sheet.cell(rows[part], 11).value = 4
    path = tmp_path / "new.xlsx"
    book.save(path)
    return path


def _values(ws: Workspace) -> dict[str, object]:
    return {n: a.value for n, a in ws.open_assessment(UNIT.code).answers["unit"].items()}


def test_the_preview_lists_problems_first_then_old_to_new_and_counts_what_stays(
    ws: Workspace, workbook: Path, definition: Definition
) -> None:
    before = _values(ws)
    preview = interop.excel_import_preview(ws, UNIT.code, "unit", workbook)
    diff = preview.diff
    problems = [f.node_id for f in diff.problems]
    assert problems[0] == RATIO and "40" in diff.problems[0].message  # above its total
    assert {WRONG_LETTER, NOT_WHOLE} <= set(problems)
    changed = {c.node_id: c for c in diff.changes}
    assert changed[CHANGED].old == before[CHANGED] and changed[CHANGED].new != before[CHANGED]
    assert WRONG_LETTER not in changed and NOT_WHOLE not in changed
    assert {(c.node_id, c.what) for c in diff.blank} == {(BLANK, "answer"), (BLANK, "note")}
    assert len(diff.unchanged) > 100  # collapsed to a count in the preview
    text = "\n".join(preview.lines)
    assert text.index("Problems") < text.index("Will change") < text.index("Blank")
    assert f"{CHANGED}" in text and "→" in text
    assert f"Unchanged: {len(diff.unchanged)}" in text
    assert CHANGED not in {c.node_id for c in diff.unchanged}
    assert _values(ws) == before  # the preview wrote nothing


def test_values_not_imported_and_blanks_leave_the_tier_as_it_is(
    ws: Workspace, workbook: Path
) -> None:
    before = _values(ws)
    preview = interop.excel_import_preview(ws, UNIT.code, "unit", workbook)
    done = interop.apply_excel_import(ws, UNIT.code, "unit", preview.plan)
    after = _values(ws)
    assert after[WRONG_LETTER] == before[WRONG_LETTER]  # "F" was not imported: kept
    assert after[NOT_WHOLE] == before[NOT_WHOLE]  # 2.5 was not imported: kept
    assert after[BLANK] == before[BLANK]  # blank in the workbook: kept
    assert ws.open_assessment(UNIT.code).answers["unit"][BLANK].note == "catatan lama"
    assert after[CHANGED] != before[CHANGED]
    assert done.answers_cleared == 0 and done.notes_cleared == 0
    assert done == preview.changes


def test_blanks_are_cleared_only_when_the_user_chooses_it(ws: Workspace, workbook: Path) -> None:
    before = _values(ws)
    preview = interop.excel_import_preview(ws, UNIT.code, "unit", workbook)
    done = interop.apply_excel_import(ws, UNIT.code, "unit", preview.plan, clear_blank=True)
    after = _values(ws)
    assert after.get(BLANK) is None
    assert ws.open_assessment(UNIT.code).answers["unit"][BLANK].note == ""
    assert after[WRONG_LETTER] == before[WRONG_LETTER]  # refused values are never cleared
    assert after[NOT_WHOLE] == before[NOT_WHOLE]
    assert (done.answers_cleared, done.notes_cleared) == (1, 1)
    assert done == preview.changes_clearing
