"""Page geometry, colours, paragraph and table styles shared by every section of the report.

Every piece of text from the workspace goes through :func:`para`, which escapes it for
reportlab's paragraph markup (a unit named "A & B <Pusat>" must print, not break the PDF) and
lets it wrap, long words included, so nothing runs past its cell or the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextvars import ContextVar
from typing import Any
from xml.sax.saxutils import escape

from .fonts import BOLD, ITALIC, REGULAR
from .paper import A4, FRAME_WIDTH_MM, MARGIN_BOTTOM_MM, MARGIN_TOP_MM, Paper
from .rl import TA_CENTER, TA_RIGHT, Paragraph, ParagraphStyle, Table, TableStyle, colors, mm

# A4's geometry; F4 has the same frame width and margins but a longer page (paper.py).
PAGE_WIDTH, PAGE_HEIGHT = A4.width, A4.height
MARGIN_X = A4.margin_x
MARGIN_TOP = MARGIN_TOP_MM * mm
MARGIN_BOTTOM = MARGIN_BOTTOM_MM * mm
FRAME_WIDTH = FRAME_WIDTH_MM * mm
BODY_HEIGHT = A4.body_height
# The paper of the report being laid out (set by document.render_report, per thread).
PAPER: ContextVar[Paper] = ContextVar("report_paper", default=A4)

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#5c5c5c")
RULE = colors.HexColor("#9a9a9a")
HEAD_FILL = colors.HexColor("#dde4ec")
SECTION_FILL = colors.HexColor("#f0f3f6")
PASS = colors.HexColor("#1e7b34")
FAIL = colors.HexColor("#b3261e")
DRAFT = colors.HexColor("#c62828")
TPI_BAR = colors.HexColor("#2f5d8a")
UNIT_BAR = colors.HexColor("#a9bfd6")

_base = ParagraphStyle("body", fontName=REGULAR, fontSize=9, leading=12, textColor=INK)
BODY = _base
SMALL = ParagraphStyle("small", _base, fontSize=7.5, leading=9.4)
SMALL_BOLD = ParagraphStyle("small-bold", SMALL, fontName=BOLD)
SMALL_RIGHT = ParagraphStyle("small-right", SMALL, alignment=TA_RIGHT)
SMALL_CENTER = ParagraphStyle("small-center", SMALL, alignment=TA_CENTER)
SMALL_MUTED = ParagraphStyle("small-muted", SMALL, textColor=MUTED, fontName=ITALIC)
TINY = ParagraphStyle("tiny", _base, fontSize=6.5, leading=8)
CELL = ParagraphStyle("cell", _base, fontSize=8.5, leading=10.8)
CELL_BOLD = ParagraphStyle("cell-bold", CELL, fontName=BOLD)
CELL_RIGHT = ParagraphStyle("cell-right", CELL, alignment=TA_RIGHT)
CELL_RIGHT_BOLD = ParagraphStyle("cell-right-bold", CELL_RIGHT, fontName=BOLD)
CELL_CENTER = ParagraphStyle("cell-center", CELL, alignment=TA_CENTER)
MARK = ParagraphStyle("mark", CELL_CENTER, fontSize=11, leading=12)
H1 = ParagraphStyle(
    "h1", _base, fontName=BOLD, fontSize=13, leading=17, spaceBefore=12, spaceAfter=8
)
H2 = ParagraphStyle(
    "h2", _base, fontName=BOLD, fontSize=10.5, leading=14, spaceBefore=8, spaceAfter=4
)
NOTE = ParagraphStyle("note", _base, fontSize=8, leading=10.5, textColor=MUTED, spaceAfter=4)
TITLE = ParagraphStyle(
    "title", _base, fontName=BOLD, fontSize=18, leading=24, alignment=TA_CENTER, spaceAfter=6
)
SUBTITLE = ParagraphStyle("subtitle", _base, fontSize=12, leading=16, alignment=TA_CENTER)
CENTER = ParagraphStyle("center", _base, alignment=TA_CENTER)
H3 = ParagraphStyle("h3", H2, fontSize=9.5, leading=13, spaceBefore=6, spaceAfter=3)
VERDICT = ParagraphStyle("verdict", H2, spaceBefore=6)
LETTER_TITLE = ParagraphStyle("letter-title", TITLE, fontSize=13, leading=17, spaceBefore=8)
LETTER_SUBTITLE = ParagraphStyle(
    "letter-subtitle", SUBTITLE, fontSize=10.5, leading=14, spaceAfter=8
)
PARA = ParagraphStyle("para", _base, spaceAfter=5)
KOP_INSTANSI = ParagraphStyle(
    "kop-instansi", _base, fontName=BOLD, fontSize=12, leading=15, alignment=TA_CENTER
)
KOP_OFFICE = ParagraphStyle("kop-office", KOP_INSTANSI, fontSize=14.5, leading=18)
KOP_ADDRESS = ParagraphStyle("kop-address", _base, fontSize=8, leading=10, alignment=TA_CENTER)


def esc(text: str) -> str:
    """``text`` safe inside paragraph markup; line breaks are kept."""
    return escape(text).replace("\n", "<br/>")


def para(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    """A paragraph of plain text (escaped)."""
    return Paragraph(esc(text), style)


def markup(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    """A paragraph whose markup the caller built from escaped parts."""
    return Paragraph(text, style)


def coloured(text: str, colour: colors.Color, bold: bool = True) -> str:
    """Markup for a coloured (and by default bold) run of plain text."""
    inner = f"<b>{esc(text)}</b>" if bold else esc(text)
    return f'<font color="{colour.hexval()}">{inner}</font>'


class _TallRowTable(Table):  # type: ignore[misc]  # reportlab is untyped
    """Splits between rows, and inside a row only when that row cannot fit on any page.

    reportlab's own ``splitInRow`` also cuts an ordinary row in two whenever a table starts
    near the foot of a page; here such a row moves to the next page whole.
    """

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        self._calc(availWidth, availHeight)
        parts: list[Any] = self._splitRows(availHeight, doInRowSplit=False)
        if parts:
            return parts
        heights = self._rowHeights[: self.repeatRows + 1]
        if sum(heights) <= PAPER.get().body_height:
            return []  # it fits on the next page
        return list(self._splitRows(availHeight, doInRowSplit=True))


def grid_style(header_rows: int = 1, extra: Sequence[tuple[Any, ...]] = ()) -> TableStyle:
    """Thin grid, shaded header, cells aligned to the top."""
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # reportlab's default would be Helvetica
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_FILL))
        commands.append(("VALIGN", (0, 0), (-1, header_rows - 1), "MIDDLE"))
    return TableStyle([*commands, *extra])


def table(
    rows: list[list[Any]],
    widths: Sequence[float],
    header_rows: int = 1,
    extra: Sequence[tuple[Any, ...]] = (),
) -> Table:
    """A grid table as wide as the frame (``widths`` are relative).

    It splits across pages between rows and repeats its header rows; a row taller than a
    whole page (a very long note) is split too, instead of failing the layout.
    """
    scale = FRAME_WIDTH / sum(widths)
    t = _TallRowTable(
        rows, colWidths=[w * scale for w in widths], repeatRows=header_rows, hAlign="LEFT"
    )
    t.setStyle(grid_style(header_rows, extra))
    return t


def key_value_table(pairs: Sequence[tuple[str, str]], key_width: float = 0.3) -> Table:
    """Two columns of label and value, without a header (identity blocks)."""
    rows = [[para(k, CELL_BOLD), para(v or "—", CELL)] for k, v in pairs]
    extra = [("BACKGROUND", (0, 0), (0, -1), SECTION_FILL)]
    return table(rows, (key_width, 1 - key_width), header_rows=0, extra=extra)
