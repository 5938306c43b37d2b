"""The report as a PDF: page templates, the header and footer of every page, and the build.

Pages are laid out by reportlab's platypus on A4 or F4 (:mod:`.paper`). The canvas keeps every
finished page back until the end so that each footer can say "Halaman X dari Y"; the header
(unit, period: not on the first page, which has the kop surat), the footer (assessment
fingerprint, page number) and, for a draft, the draft mark ("DRAF — BELUM LENGKAP" or
"DRAF — BELUM DISETUJUI", at the top and across the page) are then drawn on every page. In
``invariant`` mode reportlab writes no creation time or random id, so the same data gives the
same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import Cancelled
from . import styles as st
from .blocks import Decor, Lhe
from .fonts import BOLD, REGULAR, register_fonts
from .lhe import build_lhe
from .model import ReportData
from .paper import PAPERS, Paper
from .rl import BaseDocTemplate, Canvas, Flowable, Frame, PageTemplate, mm, stringWidth
from .seal import SEAL_ROOM, draw_seal
from .story import build_story

HEADER_SIZE = 7.5
Progress = Callable[[int, int], None]  # (steps done, steps in all)
CancelCheck = Callable[[], bool]


@dataclass(frozen=True)
class RenderedReport:
    pdf: bytes
    pages: int


def _header(template: str, name: str, code: str, width: float) -> str:
    """``template`` filled with the unit's name shortened (never its code) to fit ``width``."""
    text = template.format(unit=name, code=code)
    if stringWidth(text, REGULAR, HEADER_SIZE) <= width:
        return text
    low, high = 0, len(name)  # the longest prefix of the name that fits, found by halving
    while low < high:
        mid = (low + high + 1) // 2
        trial = template.format(unit=name[:mid].rstrip() + "…", code=code)
        low, high = (
            (mid, high) if stringWidth(trial, REGULAR, HEADER_SIZE) <= width else (low, mid - 1)
        )
    return template.format(unit=name[:low].rstrip() + "…", code=code)


@dataclass(frozen=True)
class _Page:
    """What every page draws, with the header already shortened to fit the paper."""

    decor: Decor
    left_header: str
    paper: Paper


def _decorate(canvas: Canvas, page: _Page, number: int, pages: int) -> None:
    paper, decor = page.paper, page.decor
    top = paper.height - 12 * mm
    left, right = paper.margin_x, paper.width - paper.margin_x
    canvas.saveState()
    canvas.setFillColor(st.MUTED)
    canvas.setFont(REGULAR, HEADER_SIZE)
    canvas.setStrokeColor(st.RULE)
    canvas.setLineWidth(0.5)
    if number > 1:  # the first page has the kop surat instead
        canvas.drawString(left, top, page.left_header)
        canvas.drawRightString(right, top, decor.right_header)
        canvas.line(left, top - 3.5, right, top - 3.5)
    bottom = 10 * mm
    canvas.line(left, bottom + 9, right, bottom + 9)
    canvas.drawString(left, bottom, decor.fingerprint)
    canvas.drawRightString(right, bottom, decor.page_of.format(page=number, pages=pages))
    if decor.draft:
        canvas.setFillColor(st.DRAFT)
        canvas.setFont(BOLD, 9)
        canvas.drawCentredString(paper.width / 2, paper.height - 7 * mm, decor.draft)
        canvas.setFillAlpha(0.10)
        canvas.translate(paper.width / 2, paper.height / 2)
        canvas.rotate(52)
        size = min(54.0, 54 * 640 / max(1.0, stringWidth(decor.draft, BOLD, 54)))
        canvas.setFont(BOLD, size)
        canvas.drawCentredString(0, -size / 3, decor.draft)
    canvas.restoreState()


def _canvas_class(page: _Page, pages_out: list[int]) -> type[Canvas]:
    class DecoratedCanvas(Canvas):  # type: ignore[misc]  # reportlab is untyped
        """Holds pages back until the total is known, then decorates and writes them."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            for number, state in enumerate(self._held, 1):
                self.__dict__.update(state)
                _decorate(self, page, number, total)
                super().showPage()
            pages_out.append(total)
            super().save()

    return DecoratedCanvas


def _templates(lhe: Lhe, paper: Paper) -> list[PageTemplate]:
    # No frame padding: the margins are the whole of the white border, and a table as wide
    # as FRAME_WIDTH ends exactly at the right margin.
    pads = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}
    x, width = paper.margin_x, st.FRAME_WIDTH
    body = Frame(x, st.MARGIN_BOTTOM, width, paper.body_height, id="body", **pads)
    first_bottom = st.MARGIN_BOTTOM + SEAL_ROOM
    first = Frame(
        x, first_bottom, width, paper.height - st.MARGIN_TOP - first_bottom, id="first", **pads
    )

    def seal(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        draw_seal(canvas, lhe.qr, lhe.seal, paper)

    return [
        PageTemplate(id="first", frames=[first], onPage=seal),
        PageTemplate(id="body", frames=[body]),
    ]


def _page(lhe: Lhe, paper: Paper) -> _Page:
    d = lhe.decor
    room = st.FRAME_WIDTH - stringWidth(d.right_header, REGULAR, HEADER_SIZE) - 12
    return _Page(d, _header(d.header_template, d.unit_name, d.unit_code, room), paper)


def render_report(
    data: ReportData,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    invariant: bool = False,
) -> RenderedReport:
    """The PDF of one report; raises :class:`Cancelled` as soon as ``cancel()`` is true."""
    if cancel is not None and cancel():
        raise Cancelled()
    register_fonts()
    paper = PAPERS.get(data.letter.paper, PAPERS["A4"])
    token = st.PAPER.set(paper)
    try:
        return _render(data, paper, progress, cancel, invariant)
    finally:
        st.PAPER.reset(token)


def _render(
    data: ReportData,
    paper: Paper,
    progress: Progress | None,
    cancel: CancelCheck | None,
    invariant: bool,
) -> RenderedReport:
    lhe = build_lhe(data)
    story: list[Flowable] = build_story(data, lhe)
    total = len(story) + 1  # the last step writes the file out
    done = [0]

    def on_progress(kind: str, value: int) -> None:
        if cancel is not None and cancel():
            raise Cancelled()
        if kind == "PROGRESS" and progress is not None and value > done[0]:
            done[0] = min(value, total - 1)
            progress(done[0], total)

    buffer = io.BytesIO()
    pages: list[int] = []
    v = data.view
    doc = BaseDocTemplate(
        buffer,
        pagesize=(paper.width, paper.height),
        invariant=1 if invariant else 0,
        title=lhe.title,
        author=", ".join(m.name for m in data.team),
        subject=v.unit.name,
        creator="ZI Desktop",
        lang=data.lang,
        initialFontName=REGULAR,  # no unembedded standard font is referenced at all
        initialFontSize=9,
        leftMargin=paper.margin_x,
        rightMargin=paper.margin_x,
        topMargin=st.MARGIN_TOP,
        bottomMargin=st.MARGIN_BOTTOM,
    )
    doc.addPageTemplates(_templates(lhe, paper))
    doc.setProgressCallBack(on_progress)
    doc.build(story, canvasmaker=_canvas_class(_page(lhe, paper), pages))
    if progress is not None:
        progress(total, total)
    return RenderedReport(buffer.getvalue(), pages[0])
