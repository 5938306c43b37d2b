"""The seal at the foot of the first page: the QR code and the assessment's full fingerprint.

It sits at a fixed place (the first page's template draws it), so it is always on page 1
however long the letter's first page is. The QR code holds ``ZI:<unit>:<year>:<LKE>:<SHA-256>``
(error correction M, survives a worn printout).
"""

from __future__ import annotations

import io

from PIL import Image as PILImage

from ..formatting import hex_groups
from ..i18n import _
from . import styles as st
from .fonts import BOLD, REGULAR
from .model import ReportData
from .paper import A4, Paper
from .rl import Canvas, Drawing, QrCodeWidget, mm, renderPDF, simpleSplit

QR_SIZE = 34 * mm
QR_Y = st.MARGIN_BOTTOM
SEAL_ROOM = QR_SIZE + 6 * mm  # the first page's frame ends this far above the bottom margin


def qr_x(paper: Paper) -> float:
    """The QR code's left edge: flush with the right margin."""
    x: float = paper.margin_x + st.FRAME_WIDTH - QR_SIZE
    return x


QR_X = qr_x(A4)


def seal_lines(data: ReportData) -> tuple[str, ...]:
    """The seal's title, the fingerprint in two lines of groups, and what the QR code holds."""
    fp = data.fingerprint.upper()
    groups = [hex_groups(part) for part in (fp[:32], fp[32:])]
    return (
        _("Fingerprint of the assessment (SHA-256)"),
        *groups,
        _(
            "The QR code holds the unit, period, LKE version and this fingerprint. "
            "'zi verify' shows the same fingerprint for the signed package of this assessment."
        ),
    )


def qr_modules(payload: str) -> list[list[bool]]:
    """The QR code's modules, row by row (True is dark), as the PDF draws them."""
    widget = QrCodeWidget(payload, barLevel="M", barBorder=2)
    widget.qr.make()
    return [[bool(m) for m in row] for row in widget.qr.modules]


def qr_png(payload: str, scale: int = 8) -> bytes:
    """The same QR code as a PNG image (for the .docx), ``scale`` pixels a module."""
    modules = qr_modules(payload)
    border = 2
    size = (len(modules) + 2 * border) * scale
    image = PILImage.new("1", (size, size), 1)
    pixels = image.load()
    assert pixels is not None
    for r, row in enumerate(modules):
        for c, dark in enumerate(row):
            if dark:
                x0, y0 = (c + border) * scale, (r + border) * scale
                for y in range(y0, y0 + scale):
                    for x in range(x0, x0 + scale):
                        pixels[x, y] = 0
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def qr_drawing(payload: str, size: float = QR_SIZE) -> Drawing:
    widget = QrCodeWidget(payload, barLevel="M", barBorder=2, barWidth=size, barHeight=size)
    drawing = Drawing(size, size, initialFontName=REGULAR)
    drawing.add(widget)
    return drawing


def draw_seal(canvas: Canvas, qr: str, lines: tuple[str, ...], paper: Paper) -> None:
    """QR code and full fingerprint at the foot of the first page."""
    x = qr_x(paper)
    renderPDF.draw(qr_drawing(qr), canvas, x, QR_Y)
    left = paper.margin_x
    width = x - left - 6 * mm
    title, first, second, note = lines
    canvas.saveState()
    canvas.setStrokeColor(st.RULE)
    canvas.setLineWidth(0.6)
    canvas.rect(left, QR_Y, x - left - 3 * mm, QR_SIZE, stroke=1, fill=0)
    y = QR_Y + QR_SIZE - 14
    canvas.setFillColor(st.INK)
    canvas.setFont(BOLD, 9)
    canvas.drawString(left + 8, y, title)
    canvas.setFont(REGULAR, 8.5)
    for part in (first, second):
        y -= 12
        canvas.drawString(left + 8, y, part)
    canvas.setFont(REGULAR, 7.5)
    canvas.setFillColor(st.MUTED)
    y -= 6
    for line in simpleSplit(note, REGULAR, 7.5, width - 8):
        y -= 10
        canvas.drawString(left + 8, y, line)
    canvas.restoreState()
