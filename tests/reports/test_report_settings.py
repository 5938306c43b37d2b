"""The report settings (kop surat, logo, number pattern, paper, surat tugas) and how the LHE
uses them; the number pattern; the draft rule read from the assessment's status."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
from pathlib import Path

import pytest
from docx import Document
from PIL import Image
from pypdf import PdfReader
from report_helpers import COMPLETE_UNIT, DATE, PLACE, rendered
from sqlmodel import select

from zi_desktop.cli.main import main
from zi_desktop.errors import UserFacingError
from zi_desktop.reports.numbering import check_pattern, report_number
from zi_desktop.services.report import report_data, write_report
from zi_desktop.services.report_settings import (
    load_report_settings,
    save_report_settings,
    set_report_logo,
)
from zi_desktop.services.workspace import Workspace
from zi_desktop.storage.tables import Assessment, AuditEvent, Setting

MM = 72 / 25.4


def test_number_pattern_placeholders() -> None:
    day = dt.date(2026, 11, 23)
    assert report_number("{seq}/LHE-ZI/{unit}/{roman_month}/{year}", "KPP-001", 2026, day) == (
        "……/LHE-ZI/KPP-001/XI/2026"
    )
    pattern = "700/{seq}/IRDA/{{ZI}}/{month}.{day}/{year}"
    assert report_number(pattern, "X", 2026, day, "45") == "700/45/IRDA/{ZI}/11.23/2026"
    for bad, said in (
        ("{nomor}/2026", "{nomor}"),
        ("{seq", "kurung"),
        ("{year:04d}", "{year:04d}"),
        ("  ", "kosong"),
    ):
        with pytest.raises(UserFacingError, match=said.replace("{", r"\{")):
            check_pattern(bad)


def test_settings_are_checked_before_any_is_stored(ws_copy: Workspace) -> None:
    with pytest.raises(UserFacingError, match="F5"):
        save_report_settings(ws_copy, office="Inspektorat Daerah", paper="F5")
    with pytest.raises(UserFacingError, match="bukan tanggal"):
        save_report_settings(ws_copy, office="Inspektorat Daerah", assignment_date="2/11/2026")
    assert load_report_settings(ws_copy).office == ""
    saved = save_report_settings(ws_copy, office=" Inspektorat Daerah ", paper="f4")
    assert (saved.office, saved.paper) == ("Inspektorat Daerah", "F4")


def _png(path: Path) -> Path:
    Image.new("RGB", (120, 140), (20, 60, 120)).save(path, "PNG")
    return path


def test_the_letter_uses_the_settings(ws_copy: Workspace, tmp_path: Path) -> None:
    save_report_settings(
        ws_copy,
        instansi="Pemerintah Kabupaten Sukamaju",
        office="Inspektorat Daerah",
        address="Jl. Veteran No. 3, Sukamaju\nTelepon (022) 555-0101",
        number_pattern="700/{seq}/IRDA-ZI/{year}",
        assignment_number="800/112/IRDA/2026",
        assignment_date="2026-11-02",
        paper="F4",
        place="Sukamaju",
    )
    set_report_logo(ws_copy, _png(tmp_path / "logo.png"))
    data = report_data(ws_copy, COMPLETE_UNIT, date=DATE, seq="45")
    report = rendered(data)
    first = " ".join(report.texts()[0].split())
    for text in (
        "PEMERINTAH KABUPATEN SUKAMAJU",
        "INSPEKTORAT DAERAH",
        "Jl. Veteran No. 3",
        "Telepon (022) 555-0101",
        "Nomor : 700/45/IRDA-ZI/2026",
        "Sukamaju, 23 November 2026",
    ):
        assert text in first, text
    assert "Surat Tugas Nomor 800/112/IRDA/2026 tanggal 2 November 2026." in report.flat()
    page = PdfReader(io.BytesIO(report.pdf)).pages[0]
    assert [round(float(v) / MM) for v in page.mediabox[2:]] == [215, 330]
    assert any(
        x.get_object()["/Subtype"] == "/Image" for x in page["/Resources"]["/XObject"].values()
    )
    out = write_report(ws_copy, COMPLETE_UNIT, tmp_path / "lhe.docx", date=DATE, fmt="docx")
    document = Document(out.path)
    assert len(document.inline_shapes) == 2  # the logo and the QR code
    assert round(document.sections[0].page_height.mm) == 330


def test_logo_is_checked_and_audited_without_its_bytes(ws_copy: Workspace, tmp_path: Path) -> None:
    not_image = tmp_path / "logo.png"
    not_image.write_text("not an image", encoding="utf-8")
    with pytest.raises(UserFacingError, match="bukan gambar PNG atau JPEG"):
        set_report_logo(ws_copy, not_image)
    big = tmp_path / "big.png"
    big.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * (600 * 1024))
    with pytest.raises(UserFacingError, match="paling besar 512 KiB"):
        set_report_logo(ws_copy, big)
    settings = set_report_logo(ws_copy, _png(tmp_path / "ok.png"))
    assert len(settings.logo_sha256) == 64
    with ws_copy.reading() as s:
        event = s.exec(select(AuditEvent).order_by(AuditEvent.seq.desc())).first()  # type: ignore[attr-defined]
        assert event is not None and event.entity == "setting/report_logo"
        assert json.loads(event.new) == {
            "sha256": settings.logo_sha256,
            "mime": "image/png",
            "size": (tmp_path / "ok.png").stat().st_size,
        }
        assert s.get(Setting, "report_logo") is not None
    assert set_report_logo(ws_copy, None).logo_sha256 == ""


def test_approved_status_makes_the_report_final(ws_copy: Workspace, tmp_path: Path) -> None:
    target = tmp_path / "lhe.pdf"
    written = write_report(ws_copy, COMPLETE_UNIT, target, date=DATE, place=PLACE)
    assert written.complete and written.draft == "not_approved"
    with ws_copy.transaction() as s:  # what the review chain's last step will record
        for a in s.exec(select(Assessment)):
            a.status = "approved"
            s.add(a)
    written = write_report(ws_copy, COMPLETE_UNIT, target, date=DATE, place=PLACE)
    assert written.draft == ""
    assert not any("DRAF" in p.extract_text() for p in PdfReader(target).pages)
    assert write_report(ws_copy, "KPP-001", target, date=DATE).draft == "incomplete"


def test_cli_report_settings_and_docx(
    report_template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "ws"
    shutil.copytree(report_template, folder)
    args = ["report-settings", "--workspace", str(folder)]
    assert (
        main(
            [
                *args,
                "--office",
                "Inspektorat Daerah",
                "--paper",
                "F4",
                "--number-pattern",
                "700/{seq}/IRDA/{year}",
            ]
        )
        == 0
    )
    said = capsys.readouterr().out
    assert "Kantor pada kop surat: Inspektorat Daerah" in said and "Kertas: F4" in said
    assert main([*args, "--number-pattern", "{nomor}"]) == 2
    assert "{nomor}" in capsys.readouterr().err
    out = tmp_path / "lhe.docx"
    report = ["report", "--workspace", str(folder), "--unit", COMPLETE_UNIT, "-o", str(out)]
    assert main([*report, "--seq", "7", "--paper", "a4"]) == 0
    assert "ditulis ke" in capsys.readouterr().out
    text = "\n".join(p.text for p in Document(out).paragraphs)
    assert "Disusun oleh," not in text  # the signatures are in a table
    cells = [c.text for t in Document(out).tables for r in t.rows for c in r.cells]
    assert "700/7/IRDA/2026" in cells and "Disetujui oleh," in cells
    assert round(Document(out).sections[0].page_height.mm) == 297
