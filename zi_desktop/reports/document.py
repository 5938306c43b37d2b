"""The report as a PDF: page templates, the header and footer of every page, and the build.

Pages are laid out by reportlab's platypus. The canvas keeps every finished page back until
the end so that each footer can say "Halaman X dari Y"; the header (unit, period), the
footer (assessment fingerprint, page number) and, for an incomplete assessment, the
"DRAF — BELUM LENGKAP" mark are then drawn on every page. In ``invariant`` mode reportlab
writes no creation time or random id, so the same data gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import Cancelled
from ..i18n import _
from ..services.fingerprint import readable
from . import styles as st
from .cover import COVER_FRAME_BOTTOM, draw_cover_seal
from .fonts import BOLD, REGULAR, register_fonts
from .labels import draft_mark
from .model import ReportData
from .rl import BaseDocTemplate, Canvas, Flowable, Frame, PageTemplate, mm, stringWidth
from .story import build_story

HEADER_SIZE = 7.5
Progress = Callable[[int, int], None]  # (steps done, steps in all)
CancelCheck = Callable[[], bool]


@dataclass(frozen=True)
class RenderedReport:
    pdf: bytes
    pages: int


@dataclass(frozen=True)
class _Decor:
    """The texts every page carries, translated once before the pages are drawn."""

    left_header: str
    right_header: str
    fingerprint: str
    draft: str  # empty when the assessment is complete
    page_of: str  # "Page {page} of {pages}" in the report's language


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


def _decorate(canvas: Canvas, decor: _Decor, page: int, pages: int) -> None:
    top = st.PAGE_HEIGHT - 12 * mm
    left, right = st.MARGIN_X, st.PAGE_WIDTH - st.MARGIN_X
    canvas.saveState()
    canvas.setFillColor(st.MUTED)
    canvas.setFont(REGULAR, HEADER_SIZE)
    canvas.drawString(left, top, decor.left_header)
    canvas.drawRightString(right, top, decor.right_header)
    canvas.setStrokeColor(st.RULE)
    canvas.setLineWidth(0.5)
    canvas.line(left, top - 3.5, right, top - 3.5)
    bottom = 10 * mm
    canvas.line(left, bottom + 9, right, bottom + 9)
    canvas.drawString(left, bottom, decor.fingerprint)
    canvas.drawRightString(right, bottom, decor.page_of.format(page=page, pages=pages))
    if decor.draft:
        canvas.setFillColor(st.DRAFT)
        canvas.setFont(BOLD, 9)
        canvas.drawCentredString(st.PAGE_WIDTH / 2, st.PAGE_HEIGHT - 7 * mm, decor.draft)
        canvas.setFillAlpha(0.10)
        canvas.setFont(BOLD, 54)
        canvas.translate(st.PAGE_WIDTH / 2, st.PAGE_HEIGHT / 2)
        canvas.rotate(52)
        size = min(54.0, 54 * 640 / max(1.0, stringWidth(decor.draft, BOLD, 54)))
        canvas.setFont(BOLD, size)
        canvas.drawCentredString(0, -size / 3, decor.draft)
    canvas.restoreState()


def _canvas_class(decor: _Decor, pages_out: list[int]) -> type[Canvas]:
    class DecoratedCanvas(Canvas):  # type: ignore[misc]  # reportlab is untyped
        """Holds pages back until the total is known, then decorates and writes them."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            for number, state in enumerate(self._held, 1):
                self.__dict__.update(state)
                _decorate(self, decor, number, total)
                super().showPage()
            pages_out.append(total)
            super().save()

    return DecoratedCanvas


def _templates(data: ReportData) -> list[PageTemplate]:
    # No frame padding: the margins are the whole of the white border, and a table as wide
    # as FRAME_WIDTH ends exactly at the right margin.
    pads = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}
    body = Frame(st.MARGIN_X, st.MARGIN_BOTTOM, st.FRAME_WIDTH, st.BODY_HEIGHT, id="body", **pads)
    cover_height = st.PAGE_HEIGHT - st.MARGIN_TOP - COVER_FRAME_BOTTOM
    cover = Frame(st.MARGIN_X, COVER_FRAME_BOTTOM, st.FRAME_WIDTH, cover_height, id="cover", **pads)

    def seal(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        draw_cover_seal(canvas, data)

    return [
        PageTemplate(id="cover", frames=[cover], onPage=seal),
        PageTemplate(id="body", frames=[body]),
    ]


def _decor(data: ReportData) -> _Decor:
    v = data.view
    right = _("Period {year}").format(year=v.year)
    room = st.FRAME_WIDTH - stringWidth(right, REGULAR, HEADER_SIZE) - 12
    return _Decor(
        left_header=_header(
            _("LHE Zona Integritas — {unit} ({code})"), v.unit.name, v.unit.code, room
        ),
        right_header=right,
        fingerprint=_("Fingerprint {fingerprint}").format(fingerprint=readable(data.fingerprint)),
        draft="" if data.complete else draft_mark(),
        page_of=_("Page {page} of {pages}"),
    )


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
    story: list[Flowable] = build_story(data)
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
        pagesize=(st.PAGE_WIDTH, st.PAGE_HEIGHT),
        invariant=1 if invariant else 0,
        title=_("LHE Zona Integritas {unit} {year}").format(unit=v.unit.code, year=v.year),
        author=", ".join(m.name for m in data.team),
        subject=v.unit.name,
        creator="ZI Desktop",
        lang=data.lang,
        initialFontName=REGULAR,  # no unembedded standard font is referenced at all
        initialFontSize=9,
        leftMargin=st.MARGIN_X,
        rightMargin=st.MARGIN_X,
        topMargin=st.MARGIN_TOP,
        bottomMargin=st.MARGIN_BOTTOM,
    )
    doc.addPageTemplates(_templates(data))
    doc.setProgressCallBack(on_progress)
    doc.build(story, canvasmaker=_canvas_class(_decor(data), pages))
    if progress is not None:
        progress(total, total)
    return RenderedReport(buffer.getvalue(), pages[0])
