"""The .docx's page set-up and styles: the paper, the margins, the fonts and the headings.

Word's built-in styles are kept (Normal, Title, Subtitle, Heading 1–3, List Number, Table
Grid), so an office can restyle the letter with its own template; they get the LHE's look:
Arial, black headings, the same paper and margins as the PDF.
"""

from __future__ import annotations

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from .paper import MARGIN_BOTTOM_MM, MARGIN_TOP_MM, Paper

FONT = "Arial"
INK = RGBColor(0x1A, 0x1A, 0x1A)
MUTED = RGBColor(0x5C, 0x5C, 0x5C)
TONES = {
    "pass": RGBColor(0x1E, 0x7B, 0x34),
    "fail": RGBColor(0xB3, 0x26, 0x1E),
    "draft": RGBColor(0xC6, 0x28, 0x28),
    "muted": MUTED,
}
DRAFT_HEX = "C62828"
HEAD_FILL = "DDE4EC"
SECTION_FILL = "F0F3F6"
NOTE_STYLE = "LHE Note"
CELL_STYLE = "LHE Cell"


def page_setup(doc: Document, paper: Paper) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(paper.width_mm), Mm(paper.height_mm)
    section.left_margin = section.right_margin = Mm(paper.margin_x_mm)
    section.top_margin, section.bottom_margin = Mm(MARGIN_TOP_MM), Mm(MARGIN_BOTTOM_MM)
    section.header_distance, section.footer_distance = Mm(8), Mm(8)
    section.different_first_page_header_footer = True


def _font(style: object, size: float, bold: bool = False, colour: RGBColor = INK) -> None:
    font = style.font  # type: ignore[attr-defined]
    font.name, font.size, font.bold, font.italic = FONT, Pt(size), bold, False
    font.color.rgb = colour


def styles(doc: Document) -> None:
    s = doc.styles
    _font(s["Normal"], 10)
    s["Normal"].paragraph_format.space_after = Pt(4)
    for name, size in (("Heading 1", 12), ("Heading 2", 10.5), ("Heading 3", 10)):
        _font(s[name], size, bold=True)
        s[name].paragraph_format.space_before = Pt(10 if name == "Heading 1" else 6)
        s[name].paragraph_format.space_after = Pt(4)
        s[name].paragraph_format.keep_with_next = True
    _font(s["Title"], 13, bold=True)
    s["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    s["Title"].paragraph_format.space_before = Pt(8)
    title = s["Title"].element.pPr
    if title is not None:  # the template's Title has a blue rule under it
        for border in title.findall(qn("w:pBdr")):
            title.remove(border)
    _font(s["Subtitle"], 10.5)
    s["Subtitle"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for name in ("Header", "Footer"):
        _font(s[name], 7.5, colour=MUTED)
        s[name].paragraph_format.tab_stops.clear_all()
    note = s.add_style(NOTE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = s["Normal"]
    _font(note, 8.5, colour=MUTED)
    cell = s.add_style(CELL_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    cell.base_style = s["Normal"]
    _font(cell, 8.5)
    cell.paragraph_format.space_after = Pt(0)
