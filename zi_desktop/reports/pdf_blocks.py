"""The LHE's blocks (:mod:`.blocks`) laid out as reportlab flowables.

Only layout happens here: every text was made by :mod:`.lhe`. Table cells are wrapped
paragraphs (long words are cut); a ✓ or ✗ cell is coloured; a verdict heading stays on the
page of its table; the signatures stay together on one page.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from . import styles as st
from .blocks import (
    Block,
    Chart,
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
from .fonts import REGULAR
from .images import image_size
from .rl import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    Image,
    KeepTogether,
    Paragraph,
    ParagraphStyle,
    Spacer,
    TableStyle,
    mm,
)
from .rl import PageBreak as RlPageBreak
from .rl import Table as RlTable

TONES = {"pass": st.PASS, "fail": st.FAIL, "draft": st.DRAFT, "muted": st.MUTED}
PARA_STYLES = {
    "body": st.PARA,
    "note": st.NOTE,
    "center": st.CENTER,
    "title": st.LETTER_TITLE,
    "subtitle": st.LETTER_SUBTITLE,
    "verdict": st.VERDICT,
}
HEADINGS = {
    1: ParagraphStyle("lhe-h1", st.H1, keepWithNext=1),
    2: ParagraphStyle("lhe-h2", st.H2, keepWithNext=1),
    3: ParagraphStyle("lhe-h3", st.H3, keepWithNext=1),
}
NUMBERED = ParagraphStyle(
    "numbered", st.PARA, leftIndent=7 * mm, bulletIndent=0, bulletFontName=REGULAR
)
ALIGNED = {"l": st.CELL, "r": st.CELL_RIGHT, "c": st.CELL_CENTER}
LOGO_HEIGHT = 22 * mm
SIGN_ROOM = 20 * mm
PER_ROW = 3


def _paragraph(block: Para) -> Flowable:
    parts = []
    for span in block.spans:
        text = st.esc(span.text)
        if span.tone:
            text = f'<font color="{TONES[span.tone].hexval()}">{text}</font>'
        parts.append(f"<b>{text}</b>" if span.bold else text)
    return st.markup("".join(parts), PARA_STYLES.get(block.style, st.PARA))


def _cell(text: str, table: Table, column: int, bold: bool) -> Any:
    if text in ("✓", "✗"):
        return st.markup(st.coloured(text, st.PASS if text == "✓" else st.FAIL), st.MARK)
    if table.key_value and column == 0:
        return st.para(text, st.CELL_BOLD)
    style = ALIGNED[table.alignment(column)]
    if bold:
        style = ParagraphStyle(f"{style.name}-bold", style, fontName=st.CELL_BOLD.fontName)
    return st.para(text, style)


def _table(table: Table) -> Flowable:
    rows: list[list[Any]] = []
    extra: list[tuple[Any, ...]] = []
    if table.header:
        rows.append([st.para(t, st.SMALL_BOLD) for t in table.header])
    for row in table.rows:
        n = len(rows)
        if row.kind == "section":
            extra += [("SPAN", (0, n), (-1, n)), ("BACKGROUND", (0, n), (-1, n), st.SECTION_FILL)]
            rows.append([st.para(row.cells[0], st.CELL_BOLD)] + [""] * (len(row.cells) - 1))
            continue
        if row.kind == "total":
            extra.append(("LINEABOVE", (0, n), (-1, n), 0.9, st.INK))
        bold = row.kind == "total"
        rows.append([_cell(text, table, c, bold) for c, text in enumerate(row.cells)])
    if table.key_value:
        extra.append(("BACKGROUND", (0, 0), (0, -1), st.SECTION_FILL))
    return st.table(rows, table.widths, header_rows=1 if table.header else 0, extra=extra)


def _logo(data: bytes) -> Flowable | None:
    size = image_size(data)
    if size is None:  # a damaged image prints no logo rather than no report
        return None
    width, height = size
    scale = min(LOGO_HEIGHT / height, LOGO_HEIGHT / width)
    return Image(io.BytesIO(data), width * scale, height * scale)


def _letterhead(head: LetterHead) -> list[Flowable]:
    lines: list[Any] = [
        st.para(head.instansi, st.KOP_INSTANSI),
        st.para(head.office, st.KOP_OFFICE),
    ]
    if head.address:
        lines.append(st.para(head.address, st.KOP_ADDRESS))
    logo = _logo(head.logo) if head.logo else None
    side = LOGO_HEIGHT + 4 * mm if logo is not None else 0
    grid = RlTable(
        [[logo or "", lines, ""]],
        colWidths=[side, st.FRAME_WIDTH - 2 * side, side],
        hAlign="LEFT",
    )
    grid.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [
        grid,
        HRFlowable(width="100%", thickness=1.8, color=st.INK, spaceBefore=3, spaceAfter=1.2),
        HRFlowable(width="100%", thickness=0.5, color=st.INK, spaceBefore=0, spaceAfter=8),
    ]


def _letter_meta(meta: LetterMeta) -> list[Flowable]:
    rows = [
        [st.para(k, st.PARA), st.para(":", st.PARA), st.para(v, st.PARA)] for k, v in meta.fields
    ]
    fields = RlTable(rows, colWidths=[25 * mm, 4 * mm, 85 * mm], hAlign="LEFT")
    fields.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    right = ParagraphStyle("dated", st.PARA, alignment=2)
    outer = RlTable(
        [[fields, st.para(meta.dated, right)]],
        colWidths=[116 * mm, st.FRAME_WIDTH - 116 * mm],
        hAlign="LEFT",
    )
    outer.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    to = [st.para(line, st.PARA) for line in meta.addressee]
    return [outer, Spacer(1, 5 * mm), *to, Spacer(1, 4 * mm)]


def _sign_rows(boxes: list[Any]) -> list[list[Any]]:
    pad: list[Any] = [""] * (PER_ROW - len(boxes))
    name = [
        st.markup(f"<b><u>{st.esc(b.name)}</u></b>", st.CELL_CENTER)
        if b.name
        else st.para("……………………………", st.CELL_CENTER)
        for b in boxes
    ]
    return [
        [st.para(b.step, st.CELL_CENTER) for b in boxes] + pad,
        [st.para(b.role, st.CELL_CENTER) for b in boxes] + pad,
        [""] * PER_ROW,
        name + pad,
        [st.para(b.nip, st.CELL_CENTER) for b in boxes] + pad,
        [st.para(b.signed, st.SMALL_CENTER) for b in boxes] + pad,
    ]


def _signatures(block: Signatures) -> Flowable:
    cells: list[list[Any]] = []
    heights: list[float | None] = []
    boxes = list(block.boxes)
    for start in range(0, len(boxes), PER_ROW):
        cells += _sign_rows(boxes[start : start + PER_ROW])
        heights += [None, None, SIGN_ROOM, None, None, None]
    grid = RlTable(
        cells, colWidths=[st.FRAME_WIDTH / PER_ROW] * PER_ROW, rowHeights=heights, hAlign="LEFT"
    )
    grid.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                *(("BOTTOMPADDING", (0, r), (-1, r), 12) for r in range(5, len(cells), 6)),
            ]
        )
    )
    return KeepTogether(
        [
            Spacer(1, 4 * mm),
            st.para(block.intro, st.PARA),
            Spacer(1, 4 * mm),
            st.para(block.dated, st.PARA),
            Spacer(1, 2 * mm),
            grid,
        ]
    )


def flowables(blocks: tuple[Block, ...], chart: Callable[[], Flowable]) -> list[Flowable]:
    """The flowables of ``blocks``; ``chart()`` draws the area chart where :class:`Chart` is."""
    out: list[Flowable] = []
    held: Flowable | None = None  # a verdict heading, kept with its table
    for block in blocks:
        if isinstance(block, Para) and block.style == "verdict":
            held = _paragraph(block)
            continue
        if isinstance(block, Table) and held is not None:
            out.append(KeepTogether([held, _table(block)]))
            held = None
            continue
        out += _one(block, chart)
    return out


def _one(block: Block, chart: Callable[[], Flowable]) -> list[Flowable]:
    if isinstance(block, Heading):
        return [st.para(block.text, HEADINGS[block.level])]
    if isinstance(block, Para):
        return [_paragraph(block)]
    if isinstance(block, Numbered):
        return [
            Paragraph(st.esc(t), NUMBERED, bulletText=f"{n}.") for n, t in enumerate(block.items, 1)
        ]
    if isinstance(block, Table):
        table = _table(block)
        return [KeepTogether([table])] if block.keep_together else [table]
    if isinstance(block, LetterHead):
        return _letterhead(block)
    if isinstance(block, LetterMeta):
        return _letter_meta(block)
    if isinstance(block, Signatures):
        return [_signatures(block)]
    if isinstance(block, Chart):
        return [chart()]
    if isinstance(block, PageBreak):
        return [RlPageBreak()]
    if isinstance(block, KeepRoom):
        return [CondPageBreak(block.mm * mm)]
    raise TypeError(block)
