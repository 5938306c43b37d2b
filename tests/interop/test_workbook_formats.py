"""The same content gives the same import whatever the format: .xlsx, .xlsm, .xls, .xlsb and
.ods, with the LKE sheet renamed and moved; copies of the LKE and other instruments."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from interop_data import UNIT
from libreoffice import SOFFICE, convert
from openpyxl import load_workbook  # type: ignore[import-untyped]
from test_import_excel import fill, known_answers
from xlsb_writer import xlsx_to_xlsb

from zi_desktop.cli.main import main
from zi_desktop.errors import UserFacingError
from zi_desktop.interop.formats import Format
from zi_desktop.interop.reader import ImportPlan, read_workbook
from zi_desktop.interop.workbook import open_workbook
from zi_desktop.lke.model import Definition
from zi_desktop.services.workspace import Workspace

RENAMED = "LKE ZI Dinkes 2025"
NOTES = {
    "A.I.1.i.a": ("SK tim ditetapkan\nbaris kedua", "SK Kepala Dinas No. 1/2026"),
    "A.I.2.i.b": ('=HYPERLINK("http://contoh","SOP")', ""),
    "A.II.5.iii.a.1": ("", "daftar wajib LHKPN"),
}


def handed_in(definition: Definition, folder: Path) -> Path:
    """A filled workbook as units hand it in: the LKE renamed and first, notes, evidence."""
    book, rows = fill(definition, known_answers(definition))
    sheet = book["LKE ZI"]
    for node, (note, evidence) in NOTES.items():
        for column, text in ((15, note), (16, evidence)):
            if text:
                sheet.cell(rows[node], column).value = text
                sheet.cell(rows[node], column).data_type = "s"  # text, even "=HYPERLINK(…)"
    sheet.title = RENAMED
    book.move_sheet(RENAMED, offset=-len(book.sheetnames) + 1)
    path = folder / "lke-dinkes.xlsx"
    book.save(path)
    return path


def essentials(plan: ImportPlan, fmt: Format = Format.XLSX) -> dict[str, Any]:
    # LibreOffice saves the result of a formula whose result is text ("Blm Diisi" in an
    # unfilled percentage row) as 0 in .xls: read back, that row shows a percentage of 0
    zero = "the percentage in the workbook (0) "
    warnings = [w for w in plan.warnings if fmt is not Format.XLS or zero not in w.message]
    return {
        "sheet": plan.sheet,
        "answers": plan.answers,
        "notes": plan.notes,
        "rows": plan.rows,
        "unmatched": plan.unmatched,
        "rejected": plan.rejected,
        "warnings": [(w.node_id, w.row) for w in warnings],
    }


def test_a_renamed_moved_sheet_is_found_and_read(definition: Definition, tmp_path: Path) -> None:
    path = handed_in(definition, tmp_path)
    assert load_workbook(path, read_only=True).sheetnames[0] == RENAMED
    plan = read_workbook(path, definition)
    assert plan.sheet == RENAMED and plan.sheets == [RENAMED] and not plan.ambiguous
    assert plan.answers == known_answers(definition)
    assert plan.notes["A.I.1.i.a"] == (
        "SK tim ditetapkan\nbaris kedua\n\nBukti dukung: SK Kepala Dinas No. 1/2026"
    )
    assert plan.notes["A.I.2.i.b"] == '=HYPERLINK("http://contoh","SOP")'  # text, kept
    assert plan.notes["A.II.5.iii.a"] == "Bukti dukung: daftar wajib LHKPN"


@pytest.mark.libreoffice
@pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice is not installed (no soffice on "
    "PATH; Debian: apt-get install libreoffice-calc-nogui)",
)
def test_every_format_gives_the_same_import(definition: Definition, tmp_path: Path) -> None:
    source = handed_in(definition, tmp_path)
    expected = essentials(read_workbook(source, definition))
    out, profile = tmp_path / "out", tmp_path / "profile"
    files = {
        Format.XLS: convert([source], "xls", out, profile)[0],
        Format.ODS: convert([source], "ods", out, profile)[0],
        Format.XLSB: out / "lke-dinkes.xlsb",
        Format.XLSX: out / "lke-dinkes.xlsm",  # the same container, another name
    }
    xlsx_to_xlsb(source, files[Format.XLSB])
    shutil.copy(source, files[Format.XLSX])
    for fmt, path in files.items():
        assert open_workbook(path).format is fmt
        plan = read_workbook(path, definition)
        assert essentials(plan, fmt) == expected, path.name
        # a name that lies about the format changes nothing: content decides
        renamed = path.with_name(f"lied-{fmt.value}.xlsx")
        shutil.copy(path, renamed)
        assert essentials(read_workbook(renamed, definition), fmt) == expected


def test_copies_of_the_lke_are_listed_and_chosen_by_tier(
    definition: Definition, tmp_path: Path
) -> None:
    book, _rows = fill(definition, known_answers(definition))
    copy = book.copy_worksheet(book["LKE ZI"])
    copy.title = "LKE 2024"
    tpi = book.copy_worksheet(book["LKE ZI"])
    tpi.title = "LKE ZI TPI"
    tpi.cell(8, 11).value = "Tidak"
    path = tmp_path / "copies.xlsx"
    book.save(path)

    unit = read_workbook(path, definition, "unit")
    assert unit.sheets == ["LKE ZI", "LKE 2024", "LKE ZI TPI"]
    assert unit.sheet == "LKE ZI" and unit.ambiguous  # two sheets fit the unit tier
    assert read_workbook(path, definition, "tpi").sheet == "LKE ZI TPI"
    assert not read_workbook(path, definition, "tpi").ambiguous
    chosen = read_workbook(path, definition, "unit", sheet="LKE 2024")
    assert chosen.sheet == "LKE 2024" and not chosen.ambiguous
    assert read_workbook(path, definition, "tpi").answers["A.I.1.i.a"] == "Tidak"
    with pytest.raises(UserFacingError, match="has no sheet 'LKE 2023'"):
        read_workbook(path, definition, "unit", sheet="LKE 2023")


def test_the_cli_asks_for_a_sheet_when_several_fit(
    definition: Definition, ws_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book, _rows = fill(definition, known_answers(definition))
    book.copy_worksheet(book["LKE ZI"]).title = "LKE final"
    path = tmp_path / "two.xlsx"
    book.save(path)
    args = [
        "--lang",
        "en",
        "import-excel",
        str(path),
        "--workspace",
        str(ws_folder),
        "--unit",
        UNIT.code,
        "--tier",
        "unit",
        "--yes",
    ]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "'LKE ZI', 'LKE final'" in err and "--sheet NAME" in err
    with Workspace.open(ws_folder, create=False) as ws:
        assert ws.open_assessment(UNIT.code).answers["unit"] == {}
    assert main([*args, "--sheet", "LKE final"]) == 0
    out = capsys.readouterr().out
    assert "sheet 'LKE final'" in out and "Other sheets that look like an LKE: 'LKE ZI'" in out
    with Workspace.open(ws_folder, create=False) as ws:
        assert len(ws.open_assessment(UNIT.code).answers["unit"]) >= 127


def _other_instrument(definition: Definition, kind: str) -> Any:
    """A sheet of another instrument: the 2021 questions (most are alike in the older forms)
    under the other instrument's heading or results."""
    book, rows = fill(definition, known_answers(definition))
    sheet = book["LKE ZI"]
    sheet["B1"] = {
        "2019": "LAMPIRAN PERATURAN MENTERI PANRB NOMOR 10 TAHUN 2019",
        "2014": "LEMBAR KERJA EVALUASI ZONA INTEGRITAS",
        "rb": "LEMBAR KERJA EVALUASI REFORMASI BIROKRASI",
    }[kind]
    if kind == "2014":
        sheet["B212"] = "TERWUJUDNYA PEMERINTAHAN YANG BERSIH DAN BEBAS KKN"
    if kind == "rb":
        sheet["E30"] = "DEREGULASI KEBIJAKAN"
        sheet["E31"] = "PENATAAN DAN PENGUATAN ORGANISASI"
    return book


@pytest.mark.parametrize(
    ("kind", "named"),
    [
        ("2019", "a Zona Integritas worksheet of PermenPANRB 10/2019"),
        ("2014", "the guideline before 2021 (PermenPANRB 52/2014, amended by 10/2019)"),
        ("rb", "a worksheet of the Reformasi Birokrasi evaluation"),
    ],
)
def test_another_instrument_is_refused_naming_it(
    definition: Definition, tmp_path: Path, kind: str, named: str
) -> None:
    book = _other_instrument(definition, kind)
    book["LKE ZI"].title = "LKE"
    path = tmp_path / f"{kind}.xlsx"
    book.save(path)
    with pytest.raises(UserFacingError, match="not the LKE Zona Integritas") as refused:
        read_workbook(path, definition)
    assert named in refused.value.message and "'LKE'" in refused.value.message
    with pytest.raises(UserFacingError, match=named.replace("(", r"\(").replace(")", r"\)")):
        read_workbook(path, definition, sheet="LKE")


def test_the_form_itself_is_not_another_instrument(definition: Definition, tmp_path: Path) -> None:
    book, _rows = fill(definition, known_answers(definition))
    assert "NOMOR 90 TAHUN 2021" in book["LKE ZI"]["B1"].value
    book["LKE ZI"]["E30"] = "catatan: bukan Deregulasi Kebijakan"  # a mention is not enough
    path = tmp_path / "form.xlsx"
    book.save(path)
    assert read_workbook(path, definition).answers == known_answers(definition)
