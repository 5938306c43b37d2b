"""The LHE as .docx: the same totals, verdicts and words as the PDF (both read back as text),
the draft mark on every page, real headings and tables, reproducible bytes, and a file that
LibreOffice opens and turns into PDF pages that still carry the mark."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from docx import Document
from docx_helpers import SOFFICE, body_lines, header_texts, to_pdf, watermarks
from pypdf import PdfReader
from report_helpers import COMPLETE_UNIT, Rendered

from zi_desktop.formatting import format_number
from zi_desktop.lke.model import AREA_NAMES
from zi_desktop.reports import ReportData, render_docx
from zi_desktop.reports.labels import condition_label

INCOMPLETE = "DRAF — BELUM LENGKAP"
NOT_APPROVED = "DRAF — BELUM DISETUJUI"


def mm(length: object) -> float:
    """A Word length in millimetres to a tenth (Word stores twentieths of a point)."""
    return round(float(length.mm), 1)  # type: ignore[attr-defined]


def docx(data: ReportData) -> bytes:
    return render_docx(data, invariant=True)


def after(lines: list[str], section: str, label: str, count: int) -> list[str]:
    start = lines.index(section)
    at = lines.index(label, start)
    return lines[at + 1 : at + 1 + count]


def _rows(r: Rendered) -> list[tuple[str, str]]:
    """(section, label) of the summary rows whose numbers both formats must show alike."""
    rows = [
        ("A. Pengungkit — I. Pemenuhan", "Jumlah pemenuhan"),
        ("A. Pengungkit — II. Reform", "Jumlah reform"),
        ("A. Pengungkit — per area (pemenuhan + reform)", "Jumlah pengungkit"),
        ("B. Hasil", "Jumlah hasil"),
        ("B. Hasil", "NILAI EVALUASI ZI (TOTAL)"),
    ]
    rows += [
        ("A. Pengungkit — per area (pemenuhan + reform)", f"{n}. {name}")
        for n, name in AREA_NAMES.items()
    ]
    return rows


@pytest.mark.parametrize("which", ["complete", "draft"])
def test_same_totals_and_verdicts_in_pdf_and_docx(
    which: str, request: pytest.FixtureRequest
) -> None:
    report: Rendered = request.getfixturevalue(which)
    pdf, words = report.cells(), body_lines(docx(report.data))
    for section, label in _rows(report):
        assert after(words, section, label, 5) == after(pdf, section, label, 5), label
    total = format_number(report.data.result.total)
    assert after(words, "B. Hasil", "NILAI EVALUASI ZI (TOTAL)", 3)[2] == total
    for predikat, verdict in report.data.result.verdicts.items():
        heading = next(c for c in pdf if c.startswith(f"Menuju {predikat}: "))
        assert heading in words, heading
        for c in verdict.conditions:
            label = condition_label(c.code)
            assert after(words, heading, label, 3) == after(pdf, heading, label, 3), c.code
            assert after(words, heading, label, 3)[2] == ("✓" if c.passed else "✗")
    conclusion = next(line for line in words if line.startswith("Nilai evaluasi ZI "))
    assert conclusion in report.flat()


def test_every_text_of_the_letter_is_in_both(complete: Rendered) -> None:
    """Each line of the .docx body is in the PDF's text: one content, two layouts."""
    flat = "".join(complete.flat().split())
    words = body_lines(docx(complete.data))
    for line in words:
        assert "".join(line.split()) in flat, line
    for heading in (
        "I. PENDAHULUAN",
        "II. HASIL EVALUASI",
        "III. SIMPULAN",
        "IV. REKOMENDASI",
        "V. PENUTUP",
        "Disusun oleh,",
        "Direviu oleh,",
        "Disetujui oleh,",
    ):
        assert heading in words


def test_real_headings_tables_and_page_fields(complete: Rendered) -> None:
    document = Document(io.BytesIO(docx(complete.data)))
    headings = {
        p.text: p.style.name for p in document.paragraphs if p.style.name.startswith("Heading")
    }
    assert headings["I. PENDAHULUAN"] == "Heading 1"
    assert headings["A. Dasar evaluasi"] == "Heading 2"
    assert len(document.tables) >= 8
    xml = document.sections[0].footer._element.xml
    assert "PAGE" in xml and "NUMPAGES" in xml
    section = document.sections[0]
    assert (mm(section.page_width), mm(section.page_height)) == (210.0, 297.0)


def test_draft_mark_in_every_page_header(complete: Rendered, draft: Rendered) -> None:
    for report, mark in ((draft, INCOMPLETE), (complete, NOT_APPROVED)):
        data = docx(report.data)
        assert all(mark in text for text in header_texts(data))
        assert watermarks(data) == [mark, mark]
    final = docx(replace(complete.data, approved=True))
    assert not any("DRAF" in text for text in header_texts(final))
    assert watermarks(final) == []


def test_same_data_same_bytes(complete: Rendered) -> None:
    assert docx(complete.data) == docx(complete.data)


def test_f4_paper(complete: Rendered) -> None:
    f4 = replace(complete.data, letter=replace(complete.data.letter, paper="F4"))
    section = Document(io.BytesIO(docx(f4))).sections[0]
    assert (mm(section.page_width), mm(section.page_height)) == (215.0, 330.0)
    assert mm(section.left_margin) == 18.5


@pytest.mark.libreoffice
@pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice is not installed (no soffice on PATH; "
    "Debian: apt-get install libreoffice-writer-nogui)",
)
def test_libreoffice_opens_the_docx_and_prints_it(
    complete: Rendered, draft: Rendered, tmp_path: Path
) -> None:
    files = []
    for name, report in (("complete", complete), ("draft", draft)):
        path = tmp_path / f"{name}.docx"
        path.write_bytes(docx(report.data))
        files.append(path)
    converted = to_pdf(files, tmp_path / "pdf", tmp_path / "profile")
    for pdf, report, mark in zip(
        converted, (complete, draft), (NOT_APPROVED, INCOMPLETE), strict=True
    ):
        pages = [p.extract_text() for p in PdfReader(pdf).pages]
        assert len(pages) >= 3
        for number, text in enumerate(pages, 1):
            assert mark in text, number
            assert f"Halaman {number} dari {len(pages)}" in " ".join(text.split()), number
        flat = " ".join(" ".join(pages).split())
        assert "NILAI EVALUASI ZI (TOTAL) 100,00" in flat
        assert format_number(report.data.result.total) in flat
        assert report.data.view.unit.name in flat
    assert COMPLETE_UNIT in " ".join(PdfReader(converted[0]).pages[1].extract_text().split())
