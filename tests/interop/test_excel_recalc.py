"""The exported workbook recalculated by LibreOffice: it opens cleanly, and its numbers are the
scoring engine's, except where docs/excel-import.md documents that the official sheet's
formulas differ from the rules.

Every workbook is converted in one LibreOffice run (a module fixture). Numbers are compared
with the engine's exact fractions: the sheet's double may differ from the exact value by
float rounding only, so the tolerance is 1e-9 — the sheet adds and averages a few hundred
doubles no larger than 100, which is off by less than 1e-11, while the smallest real
difference in the rules (0.67 instead of two thirds, in the lightest sub-area) is 3e-4, and an
abs diff of 0.005 would hide it. The number shown with the sheet's two decimals (format 0.00)
must also be the engine's, rounded half up.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from answer_sets import all_max, all_min, demo, edges, lhkpn_lhkasn_apart, zero_denominators
from interop_data import TEMPLATE
from libreoffice import SOFFICE, is_error, recalculate, version
from official_form import DIV0, FormCells, documented_errors, error_sources, form_cells
from openpyxl import load_workbook  # type: ignore[import-untyped]

from zi_desktop.formatting import round_half_up
from zi_desktop.interop.layout import ANSWER_COLUMN, SHEET, TPI_SHEET
from zi_desktop.interop.portalrb import TierData
from zi_desktop.interop.writer import workbook_bytes
from zi_desktop.lke.loader import load_definition
from zi_desktop.lke.model import Definition
from zi_desktop.scoring import AnswerValue, ScoreResult, score

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(
        SOFFICE is None,
        reason="LibreOffice is not installed (no soffice on "
        "PATH; Debian: apt-get install libreoffice-calc-nogui)",
    ),
]

TOLERANCE = Fraction(1, 10**9)
Answers = dict[str, AnswerValue]
Build = Callable[[Definition], Answers]
# workbook name -> (answers of the unit tier, sheet LKE ZI; of the TPI tier, sheet LKE ZI TPI)
CASES: dict[str, tuple[Build, Build]] = {
    "demo-kpp-rsud": (lambda _d: demo("KPP-001"), lambda _d: demo("RSUD-002")),
    "demo-duk-max": (lambda _d: demo("DUK-003"), all_max),
    "min-zero": (all_min, zero_denominators),
    "edges-empty": (edges, lambda _d: {}),
}
TIERS = {"unit": SHEET, "tpi": TPI_SHEET}
# The tiers whose sheet shows an error in its total (sub-areas with no answer, zero
# denominators, no answers at all); every other total is a number equal to the engine's.
ERROR_IN_TOTAL = {("demo-duk-max", "unit"), ("min-zero", "tpi"), ("edges-empty", "tpi")}
AS_SHIPPED = "form-as-shipped"  # the form filled in by hand: nothing repaired
# Always an error: the hidden sheet Ctt Eval refers to a deleted cell ('LKE ZI'!#REF!).
STALE_REFERENCE = {("Ctt Eval", "I53"): "#VALUE!"}
UTAMA_TOTALS = {"A": "I18", "B": "I26", "total": "I28"}  # the hidden summary sheet Utama


@pytest.fixture(scope="module")
def definition() -> Definition:
    return load_definition("permenpanrb-90-2021")


@pytest.fixture(scope="module")
def cells(definition: Definition) -> FormCells:
    return form_cells(definition, load_workbook(TEMPLATE)[SHEET])


@pytest.fixture(scope="module")
def answers(definition: Definition) -> dict[tuple[str, str], Answers]:
    out = {(name, "unit"): unit(definition) for name, (unit, _tpi) in CASES.items()}
    out |= {(name, "tpi"): tpi(definition) for name, (_unit, tpi) in CASES.items()}
    out[(AS_SHIPPED, "unit")] = lhkpn_lhkasn_apart(definition)
    return out


def _as_shipped(definition: Definition, answers: Answers, path: Path) -> None:
    book = load_workbook(TEMPLATE)
    for node, value in answers.items():
        item = definition.items.get(node)
        row = item.excel_row if item is not None else definition.inputs[node][1].excel_row
        cell = book[SHEET].cell(row, ANSWER_COLUMN)
        cell.value = value if isinstance(value, (str, int)) else float(value)
    book.save(path)


@pytest.fixture(scope="module")
def workbooks(
    definition: Definition,
    answers: dict[tuple[str, str], Answers],
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, tuple[Any, Any]]:
    """name -> (the written workbook with its formulas, the recalculated one with values)."""
    folder = tmp_path_factory.mktemp("recalc")
    (folder / "in").mkdir()
    written = []
    for name in CASES:
        path = folder / "in" / f"{name}.xlsx"
        tiers = [TierData(answers[(name, tier)], {}) for tier in TIERS]
        path.write_bytes(workbook_bytes(definition, *tiers))
        written.append(path)
    _as_shipped(definition, answers[(AS_SHIPPED, "unit")], folder / "in" / f"{AS_SHIPPED}.xlsx")
    written.append(folder / "in" / f"{AS_SHIPPED}.xlsx")
    started = time.monotonic()
    converted = recalculate(written, folder / "out", folder / "profile")
    print(f"{version()}: {len(written)} workbooks in {time.monotonic() - started:.1f} s")
    return {
        p.stem: (load_workbook(p), load_workbook(c, data_only=True))
        for p, c in zip(written, converted, strict=True)
    }


def _shown(value: float) -> Decimal:
    """The number as the sheet shows it: two decimals, after dropping float noise."""
    return round_half_up(Decimal(f"{value:.12f}"))


def _differences(sheet: Any, expected: dict[str, Fraction | None]) -> list[tuple[str, object]]:
    """Cells whose value is not the expected number ("Blm Diisi" for None)."""
    out: list[tuple[str, object]] = []
    for cell, exact in expected.items():
        value = sheet[cell].value
        if exact is None:
            if value != "Blm Diisi":
                out.append((cell, value))
        elif isinstance(value, bool) or not isinstance(value, (int, float)):
            out.append((cell, value))
        elif abs(Fraction(value) - exact) > TOLERANCE or _shown(value) != round_half_up(exact):
            out.append((cell, f"{value!r} is not {float(exact)!r}"))
    return out


def engine_numbers(result: ScoreResult, cells: FormCells) -> dict[str, Fraction | None]:
    """node id -> what the engine says the node's cell must show (None: unanswered)."""
    out: dict[str, Fraction | None] = {n: result.nodes.get(n) for n in cells.number}
    for node, value in result.values.items():
        if not node.startswith("B."):  # a hasil item shows value × weight, as in nodes
            out[node] = value
    return out | {"total": result.total}


def _compare(
    sheet: Any, definition: Definition, cells: FormCells, answers: Answers
) -> tuple[list[tuple[str, object]], set[str], ScoreResult]:
    result = score(definition, answers)
    _starts, reached = documented_errors(definition, result, cells)
    numbers = engine_numbers(result, cells)
    located = cells.number | {f"{n} (total row)": c for n, c in cells.totals.items()}
    expected: dict[str, Fraction | None] = {}
    wrong: list[tuple[str, object]] = []
    for key, cell in located.items():
        node = key.split(" ")[0]
        if node in reached:
            if not is_error(sheet[cell].value):
                wrong.append((cell, f"{sheet[cell].value!r}, not an error"))
        else:
            expected[cell] = numbers[node]
    return wrong + _differences(sheet, expected), reached, result


@pytest.mark.parametrize("tier", TIERS)
@pytest.mark.parametrize("name", CASES)
def test_the_recalculated_numbers_are_the_engine_s(
    workbooks: dict[str, tuple[Any, Any]],
    definition: Definition,
    cells: FormCells,
    answers: dict[tuple[str, str], Answers],
    name: str,
    tier: str,
) -> None:
    values = workbooks[name][1]
    wrong, reached, result = _compare(values[TIERS[tier]], definition, cells, answers[(name, tier)])
    assert wrong == []
    assert ("total" in reached) == ((name, tier) in ERROR_IN_TOTAL)
    if tier == "unit":  # the hidden summary sheet Utama repeats the unit's totals
        numbers = {"A": result.pengungkit, "B": result.hasil, "total": result.total}
        shown = {c: numbers[n] for n, c in UTAMA_TOTALS.items() if n not in reached}
        assert _differences(values["Utama"], shown) == []


@pytest.mark.parametrize("name", [*CASES, AS_SHIPPED])
def test_the_workbook_opens_cleanly(
    workbooks: dict[str, tuple[Any, Any]],
    definition: Definition,
    cells: FormCells,
    answers: dict[tuple[str, str], Answers],
    name: str,
) -> None:
    """LibreOffice converted it, and every error starts where a documented difference says."""
    written, values = workbooks[name]
    assert values.sheetnames == written.sheetnames
    expected = dict(STALE_REFERENCE)
    for tier, sheet in TIERS.items():
        if sheet in written.sheetnames:
            result = score(definition, answers[(name, tier)])
            starts, _reached = documented_errors(definition, result, cells)
            expected |= {(sheet, cell): error for cell, error in starts.items()}
    if name == AS_SHIPPED:  # no formula totals the LHKASN parts: the item stays unanswered
        expected[(SHEET, "L183")] = DIV0
    assert error_sources(written, values) == expected


def test_the_form_as_shipped_differs_where_documented(
    workbooks: dict[str, tuple[Any, Any]],
    definition: Definition,
    cells: FormCells,
    answers: dict[tuple[str, str], Answers],
) -> None:
    """L175 doubles LHKPN and ignores LHKASN, whose total K185 has no formula."""
    sheet = workbooks[AS_SHIPPED][1][SHEET]
    wrong, _reached, result = _compare(sheet, definition, cells, answers[(AS_SHIPPED, "unit")])
    lhkpn, lhkasn = result.values["A.II.5.iii.a"], result.values["A.II.5.iii.b"]
    assert (lhkpn, lhkasn) == (Fraction(5, 6), Fraction(1, 3))
    assert sheet["K185"].value is None and sheet["K184"].value == "Blm Diisi"
    assert sheet["L183"].value == DIV0
    off_by = 2 * lhkpn - (lhkpn + lhkasn)  # the sheet's 2 × LHKPN, the rules' LHKPN + LHKASN
    on_path = {
        "A.II.5.iii": "L175",
        "A.II.5": "L167",
        "A.II": "L125",
        "A": "L4",
        "A (total row)": "L198",
        "total": "L208",
    }
    assert {cell for cell, _value in wrong} == {*on_path.values(), "K184"}  # LHKASN unanswered
    numbers = engine_numbers(result, cells)
    for node, cell in on_path.items():
        engine = numbers[node.split(" ")[0]]
        assert engine is not None
        assert abs(Fraction(sheet[cell].value) - (engine + off_by)) <= TOLERANCE, node
