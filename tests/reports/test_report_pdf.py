"""The PDF as a file: reproducible bytes, sane pages, embedded fonts, a page that renders, a QR
code that holds the payload, English on request, and long texts that stay on the page."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader
from report_helpers import DATE, PLACE, Rendered, render

from zi_desktop.formatting import format_number
from zi_desktop.paths import resources_dir
from zi_desktop.reports import render_report
from zi_desktop.reports import styles as st
from zi_desktop.reports.rl import QrCodeWidget, mm
from zi_desktop.reports.seal import QR_SIZE, QR_X, QR_Y
from zi_desktop.services.report import report_data
from zi_desktop.services.workspace import Workspace
from zi_desktop.values.views import EvaluatorProfile, UnitInfo


def test_same_input_same_bytes(report_ws: Workspace, complete: Rendered) -> None:
    again = render(report_ws, "RSUD-002")
    assert again.pdf == complete.pdf
    assert complete.pdf.startswith(b"%PDF-")


def test_page_count_is_sane(complete: Rendered, draft: Rendered) -> None:
    for rendered in (complete, draft):
        assert 10 <= rendered.pages <= 30
        assert len(PdfReader(io.BytesIO(rendered.pdf)).pages) == rendered.pages
        assert rendered.texts()[-1].count(f"dari {rendered.pages}") == 1


def test_every_font_is_embedded_dejavu(complete: Rendered) -> None:
    seen = set()
    for page in PdfReader(io.BytesIO(complete.pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            name = str(font["/BaseFont"])
            seen.add(name.split("+")[-1])
            assert "/FontFile2" in font["/FontDescriptor"].get_object(), name
    assert seen == {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"}
    shipped = resources_dir() / "fonts"
    assert (shipped / "LICENSE-DejaVu.txt").read_text(encoding="utf-8").count("Bitstream") > 3


def test_first_page_renders_to_png(complete: Rendered, tmp_path: Path) -> None:
    page = pdfium.PdfDocument(complete.pdf)[0]
    image = page.render(scale=2).to_pil()
    assert image.size == (round(st.PAGE_WIDTH * 2), round(st.PAGE_HEIGHT * 2))
    image.save(tmp_path / "cover.png")
    grey = image.convert("L")
    dark = sum(grey.point(lambda v: 255 if v < 100 else 0).histogram()[255:])
    assert 0.005 < dark / (image.width * image.height) < 0.3  # text and QR, not blank, not black


def test_cover_qr_code_holds_the_payload(complete: Rendered) -> None:
    """Every module of the printed QR code matches the encoding of the payload."""
    widget = QrCodeWidget(complete.data.qr_payload(), barLevel="M", barBorder=2)
    widget.qr.make()
    modules = widget.qr.modules
    count = len(modules)
    scale = 4
    image = pdfium.PdfDocument(complete.pdf)[0].render(scale=scale).to_pil().convert("L")
    box = QR_SIZE / (count + 4)
    for r in range(count):
        for c in range(count):
            x = QR_X + (c + 2.5) * box
            y = QR_Y + QR_SIZE - (r + 2.5) * box
            pixel = image.getpixel((int(x * scale), int((st.PAGE_HEIGHT - y) * scale)))
            assert (pixel < 128) == bool(modules[r][c]), (r, c)


def test_english_when_the_language_is_english(report_ws: Workspace, english: None) -> None:
    data = report_data(report_ws, "KPP-001", date=dt.date(2026, 8, 17), place=PLACE)
    pdf = render_report(data, invariant=True).pdf
    texts = [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]
    flat = " ".join(" ".join(texts).split())
    assert "REPORT ON THE EVALUATION OF ZONA INTEGRITAS DEVELOPMENT TOWARDS WBK/WBBM" in flat
    assert "To: Head of Dinas Penanaman Modal" in flat and "V. CLOSING" in flat
    assert "17 August 2026" in flat
    assert f"Page 1 of {len(texts)}" in texts[0]
    assert "DRAFT — INCOMPLETE" in texts[3]
    total = format_number(data.result.total, lang="en")
    assert "." in total and "ZI EVALUATION SCORE (TOTAL) 100.00 " in flat
    assert f" {total} " in flat and f" {total.replace('.', ',')} " not in flat


def test_indonesian_numbers_and_dates(draft: Rendered) -> None:
    flat = draft.flat()
    assert DATE.strftime("%d") in flat and "23 November 2026" in flat
    total = draft.data.result.total
    assert f"{float(total):.2f}".replace(".", ",") in flat


# -- long texts ---------------------------------------------------------------------------

LONG_NAME = (
    "Dinas Penanaman Modal, Pelayanan Terpadu Satu Pintu, Tenaga Kerja & Transmigrasi "
    "<Bidang Pelayanan Perizinan Berusaha Terintegrasi Secara Elektronik> "
) * 2
WORD = "x" * 400  # no place to break: must be cut, not run off the page
NOTE = ("Catatan sangat panjang tentang bukti dukung yang belum lengkap. " * 60 + WORD) * 2
RECOMMENDATION = "Perbaiki tata kelola pengaduan dan tindak lanjut secara berkala. " * 90


@pytest.fixture
def long_ws(tmp_path: Path) -> Iterator[Workspace]:
    ws: Workspace = Workspace.open(tmp_path / "ws", actor="tester")
    ws.add_instansi("KAB-L", "Pemerintah Kabupaten " + "Sangat Panjang Sekali " * 6)
    unit = UnitInfo("LONG-1", LONG_NAME, "KAB-L", "", "Jl. " + "Panjang " * 30, "Kepala " * 10)
    ws.add_unit(unit)
    ws.start_assessment("LONG-1", 2026, "permenpanrb-90-2021")
    answers = resources_dir() / "demo" / "KPP-001.json"
    ws.import_answers("LONG-1", "unit", answers)
    ws.import_answers("LONG-1", "tpi", answers)
    ws.set_note("LONG-1", "tpi", "A.I.1.i.b", NOTE)
    ws.set_recommendation("LONG-1", 3, RECOMMENDATION)
    for n in range(10):
        role = ("anggota", "ketua", "dalnis")[n % 3]
        name = f"Dr. Nama Anggota Tim Penilai Internal Yang Panjang Ke-{n}, S.E., M.Si., Ak., CA."
        ws.add_team_member(EvaluatorProfile(name, f"1987031520101220{n:02d}", role))
    source = tmp_path / ("bukti-dukung-dengan-nama-berkas-yang-sangat-panjang-" * 3 + ".txt")
    source.write_text("isi\n", encoding="utf-8")
    ws.attach_evidence("LONG-1", "tpi", "A.I.1.i.b", source, "Keterangan " * 30)
    try:
        yield ws
    finally:
        ws.close()


def test_long_texts_wrap_and_stay_on_the_page(long_ws: Workspace) -> None:
    data = report_data(long_ws, "LONG-1", date=DATE, place=PLACE)
    rendered = render_report(data, invariant=True)
    document = pdfium.PdfDocument(rendered.pdf)
    left, right = st.MARGIN_X - 0.5, st.PAGE_WIDTH - st.MARGIN_X + 0.5
    bottom, top = 8 * mm, st.PAGE_HEIGHT - 4 * mm
    for number in range(len(document)):
        text = document[number].get_textpage()
        for i in range(text.count_chars()):
            x0, y0, x1, y1 = text.get_charbox(i)
            assert left <= x0 and x1 <= right, (number + 1, text.get_text_range(i, 1), x0, x1)
            assert bottom <= y0 and y1 <= top, (number + 1, text.get_text_range(i, 1), y0, y1)
    texts = [p.extract_text() for p in PdfReader(io.BytesIO(rendered.pdf)).pages]
    squeezed = "".join("".join(texts).split())
    assert "".join(LONG_NAME.split()) in squeezed
    # Taller than a page, the note and the recommendation continue on the next page (with
    # the page's header and footer in between): all of them is there, beginning and end.
    for text, sentence, count in (
        (NOTE, "Catatan sangat panjang", 120),
        (RECOMMENDATION, "Perbaiki tata kelola", 90),
    ):
        whole = "".join(text.split())
        assert whole[:300] in squeezed and whole[-300:] in squeezed
        assert squeezed.count("".join(sentence.split())) >= count - 3
    assert all("(LONG-1)" in t for t in texts[1:])  # the header keeps the code when it shortens


def test_special_characters_print_literally(long_ws: Workspace) -> None:
    data = report_data(long_ws, "LONG-1", date=DATE)
    pdf = render_report(data, invariant=True).pdf
    flat = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Tenaga Kerja & Transmigrasi <Bidang" in " ".join(flat.split())
