"""The LHE as an editable Word document (.docx), with python-docx, from the same blocks as the
PDF (:func:`.lhe.build_lhe`).

Offices edit a letter before it is signed, so this is a real document: headings are Word's
Heading 1–3, tables are Word tables (header rows repeat on every page), the page number is a
field, the kop surat and the signatures are borderless tables. A draft carries its mark at
the top of every page and across it (a watermark), in the page headers. With ``invariant``
the file's time stamps are fixed, so the same data gives the same bytes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io

from docx import Document as new_document
from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.shared import Mm, Pt
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph

from ..errors import Cancelled
from .blocks import (
    Block,
    Chart,
    Decor,
    Heading,
    KeepRoom,
    LetterHead,
    LetterMeta,
    Numbered,
    PageBreak,
    Para,
    Signatures,
    Table,
)
from .document import CancelCheck, Progress
from .docx_styles import (
    CELL_STYLE,
    DRAFT_HEX,
    HEAD_FILL,
    NOTE_STYLE,
    SECTION_FILL,
    TONES,
    page_setup,
    styles,
)
from .docx_xml import (
    add_field,
    bottom_border,
    keep_row_whole,
    no_borders,
    repeat_as_header,
    reproducible,
    shade,
    watermark,
)
from .lhe import build_lhe
from .model import ReportData
from .paper import FRAME_WIDTH_MM, PAPERS
from .seal import qr_png

ALIGN = {
    "l": WD_ALIGN_PARAGRAPH.LEFT,
    "r": WD_ALIGN_PARAGRAPH.RIGHT,
    "c": WD_ALIGN_PARAGRAPH.CENTER,
}
PARA_STYLES = {"note": NOTE_STYLE, "title": "Title", "subtitle": "Subtitle"}
LOGO_MM = 22.0
PER_ROW = 3  # signature boxes to a row, as in the PDF


def _lines(paragraph: Paragraph, text: str, bold: bool = False, tone: str = "") -> None:
    lines = text.split("\n")
    for n, line in enumerate(lines):
        run = paragraph.add_run(line)
        run.bold = bold or None
        if tone:
            run.font.color.rgb = TONES[tone]
        if n < len(lines) - 1:
            run.add_break()


def _para(doc: Document, block: Para) -> None:
    p = doc.add_paragraph(style=PARA_STYLES.get(block.style))
    if block.style == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if block.style == "verdict":
        p.paragraph_format.keep_with_next = True
        p.paragraph_format.space_before = Pt(6)
    for span in block.spans:
        _lines(p, span.text, span.bold, span.tone)


def _widths(table: DocxTable, widths: tuple[float, ...], total_mm: float = FRAME_WIDTH_MM) -> None:
    scale = total_mm / sum(widths)
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width * scale)
        for cell in column.cells:
            cell.width = Mm(width * scale)


def _cell(cell: object, text: str, align: str = "l", bold: bool = False, tone: str = "") -> None:
    p = cell.paragraphs[0]  # type: ignore[attr-defined]
    p.style = CELL_STYLE
    p.alignment = ALIGN[align]
    if text in ("✓", "✗") and not tone:
        tone, bold = ("pass" if text == "✓" else "fail"), True
    _lines(p, text, bold, tone)


def _table(doc: Document, block: Table) -> None:
    columns = len(block.widths)
    table = doc.add_table(rows=0, cols=columns)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    if block.header:
        row = table.add_row()
        repeat_as_header(row)
        for cell, text in zip(row.cells, block.header, strict=True):
            _cell(cell, text, "l", bold=True)
            shade(cell, HEAD_FILL)
    for data in block.rows:
        row = table.add_row()
        if block.keep_together:
            keep_row_whole(row)
        cells = row.cells
        if data.kind == "section":
            merged = cells[0].merge(cells[-1])
            _cell(merged, data.cells[0], bold=True)
            shade(merged, SECTION_FILL)
            continue
        for column, (cell, text) in enumerate(zip(cells, data.cells, strict=True)):
            key = block.key_value and column == 0
            _cell(cell, text, block.alignment(column), bold=key or data.kind == "total")
            if key:
                shade(cell, SECTION_FILL)
    _widths(table, block.widths)
    doc.add_paragraph(style=CELL_STYLE)  # Word joins two tables that touch


def _letterhead(doc: Document, head: LetterHead) -> None:
    table = doc.add_table(rows=1, cols=3)
    no_borders(table._tbl)
    logo, middle, _right = table.rows[0].cells
    if head.logo:
        run = logo.paragraphs[0].add_run()
        # a damaged image gives a letter without its logo, not no letter
        with contextlib.suppress(Exception):
            run.add_picture(io.BytesIO(head.logo), height=Mm(LOGO_MM))
    lines = [(head.instansi, 12.0), (head.office, 14.5)]
    first = middle.paragraphs[0]
    for n, (text, size) in enumerate(lines):
        p = first if n == 0 else middle.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(0)
        run = p.add_run(text)
        run.bold, run.font.size = True, Pt(size)
    if head.address:
        p = middle.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(0)
        _lines(p, head.address)
        for run in p.runs:
            run.font.size = Pt(8)
    side = LOGO_MM + 4 if head.logo else 1.0
    _widths(table, (side, FRAME_WIDTH_MM - 2 * side, side))
    rule = doc.add_paragraph()
    rule.paragraph_format.space_after = Pt(8)
    bottom_border(rule)


def _letter_meta(doc: Document, meta: LetterMeta) -> None:
    table = doc.add_table(rows=0, cols=4)
    no_borders(table._tbl)
    for n, (label, value) in enumerate(meta.fields):
        cells = table.add_row().cells
        _cell(cells[0], label)
        _cell(cells[1], ":")
        _cell(cells[2], value)
        if n == 0:
            _cell(cells[3], meta.dated, "r")
    _widths(table, (25, 4, 85, FRAME_WIDTH_MM - 114))
    doc.add_paragraph()
    for line in meta.addressee:
        doc.add_paragraph(line).paragraph_format.space_after = Pt(0)
    doc.add_paragraph()


def _signatures(doc: Document, block: Signatures) -> None:
    intro = doc.add_paragraph(block.intro)
    intro.paragraph_format.space_before = Pt(8)
    intro.paragraph_format.keep_with_next = True
    dated = doc.add_paragraph(block.dated)
    dated.paragraph_format.keep_with_next = True
    boxes = list(block.boxes)
    table = doc.add_table(rows=0, cols=PER_ROW)
    no_borders(table._tbl)
    for start in range(0, len(boxes), PER_ROW):
        group = boxes[start : start + PER_ROW]
        lines = (
            [(b.step, False) for b in group],
            [(b.role, False) for b in group],
            [("", False)] * len(group),
            [(b.name or "……………………………", True) for b in group],
            [(b.nip, False) for b in group],
            [(b.signed, False) for b in group],
        )
        for n, texts in enumerate(lines):
            row = table.add_row()
            keep_row_whole(row)
            if n == 2:
                row.height = Mm(20)
            for cell, (text, bold) in zip(row.cells, texts, strict=False):
                _cell(cell, text, "c", bold=bold)
                p = cell.paragraphs[0]
                p.paragraph_format.keep_with_next = True
                if bold and text:
                    for run in p.runs:
                        run.underline = True
    _widths(table, (1.0,) * PER_ROW)


def _decor(doc: Document, decor: Decor) -> None:
    section = doc.sections[0]
    for header, with_title in ((section.first_page_header, False), (section.header, True)):
        p = header.paragraphs[0]
        if decor.draft:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = p.add_run(decor.draft)
            run.bold, run.font.size = True, Pt(9)
            run.font.color.rgb = TONES["draft"]
            watermark(p, decor.draft, DRAFT_HEX)
        if with_title:
            line = header.add_paragraph() if decor.draft else p
            line.paragraph_format.tab_stops.add_tab_stop(Mm(FRAME_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT)
            line.add_run(f"{decor.left_header}\t{decor.right_header}")
    for footer in (section.first_page_footer, section.footer):
        p = footer.paragraphs[0]
        p.paragraph_format.tab_stops.add_tab_stop(Mm(FRAME_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT)
        p.add_run(decor.fingerprint + "\t")
        before, _sep, rest = decor.page_of.partition("{page}")
        middle, _sep, after = rest.partition("{pages}")
        p.add_run(before)
        add_field(p, "PAGE")
        p.add_run(middle)
        add_field(p, "NUMPAGES")
        p.add_run(after)


def _seal(doc: Document, lines: tuple[str, ...], qr: str) -> None:
    """The fingerprint and the QR code, as on the PDF's first page, closing the letter."""
    doc.add_paragraph()
    table = doc.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    text, code = table.rows[0].cells
    title, first, second, note = lines
    _cell(text, title, bold=True)
    for line in (first, second):
        _lines(text.add_paragraph(style=CELL_STYLE), line)
    _lines(text.add_paragraph(style=NOTE_STYLE), note)
    code.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    code.paragraphs[0].add_run().add_picture(io.BytesIO(qr_png(qr)), width=Mm(30))
    _widths(table, (FRAME_WIDTH_MM - 36, 36))


def _block(doc: Document, block: Block) -> None:
    if isinstance(block, Heading):
        doc.add_heading(block.text, block.level)
    elif isinstance(block, Para):
        _para(doc, block)
    elif isinstance(block, Numbered):
        for item in block.items:
            doc.add_paragraph(item, style="List Number")
    elif isinstance(block, Table):
        _table(doc, block)
    elif isinstance(block, Chart):
        _table(doc, block.table)
    elif isinstance(block, LetterHead):
        _letterhead(doc, block)
    elif isinstance(block, LetterMeta):
        _letter_meta(doc, block)
    elif isinstance(block, Signatures):
        _signatures(doc, block)
    elif isinstance(block, PageBreak):
        doc.add_page_break()  # type: ignore[no-untyped-call]
    elif not isinstance(block, KeepRoom):  # Word keeps headings with what follows itself
        raise TypeError(block)


def render_docx(
    data: ReportData,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    invariant: bool = False,
) -> bytes:
    """The .docx of one report; raises :class:`Cancelled` as soon as ``cancel()`` is true."""
    lhe = build_lhe(data)
    doc = new_document()
    page_setup(doc, PAPERS.get(data.letter.paper, PAPERS["A4"]))
    styles(doc)
    _decor(doc, lhe.decor)
    total = len(lhe.blocks) + 1
    for n, block in enumerate(lhe.blocks, 1):
        if cancel is not None and cancel():
            raise Cancelled()
        _block(doc, block)
        if progress is not None:
            progress(n, total)
    _seal(doc, lhe.seal, lhe.qr)
    props = doc.core_properties
    props.title, props.subject = lhe.title, data.view.unit.name
    props.author = ", ".join(m.name for m in data.team)
    props.language, props.revision = data.lang, 1
    moment = dt.datetime.combine(data.evaluation_date, dt.time())
    props.created = props.modified = moment
    props.last_modified_by = "ZI Desktop"
    buffer = io.BytesIO()
    doc.save(buffer)
    if progress is not None:
        progress(total, total)
    return reproducible(buffer.getvalue()) if invariant else buffer.getvalue()
