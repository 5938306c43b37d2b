"""Draw the application icon and write it in the formats each platform wants.

``python packaging/make_icons.py`` (with the project's venv, which has PySide6) rewrites:

* ``resources/icons/zi-desktop.png`` — 256 px, the window icon and the Linux desktop icon;
* ``packaging/icons/zi-desktop.ico`` — Windows, 16 to 256 px;
* ``packaging/icons/zi-desktop.icns`` — macOS, 16 to 512 px.

The icon is a white shield with a green tick on a navy rounded square: plain shapes, no text,
so it looks the same whatever fonts the machine has. ICO and ICNS are assembled here from PNG
images (both formats allow PNG entries), so no image library beyond Qt is needed.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

ROOT = Path(__file__).resolve().parent.parent
PNG = ROOT / "resources" / "icons" / "zi-desktop.png"
ICO = ROOT / "packaging" / "icons" / "zi-desktop.ico"
ICNS = ROOT / "packaging" / "icons" / "zi-desktop.icns"

NAVY = QColor("#17406d")
WHITE = QColor("#ffffff")
GREEN = QColor("#1e8449")
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09"}


def _shield(size: float) -> QPainterPath:
    """The shield outline in a ``size`` square: flat top, sides curving to a point."""
    left, right, top, bottom = 0.24 * size, 0.76 * size, 0.18 * size, 0.84 * size
    middle = size / 2
    path = QPainterPath(QPointF(left, top))
    path.lineTo(right, top)
    path.lineTo(right, 0.46 * size)
    path.cubicTo(right, 0.64 * size, 0.64 * size, 0.76 * size, middle, bottom)
    path.cubicTo(0.36 * size, 0.76 * size, left, 0.64 * size, left, 0.46 * size)
    path.closeSubpath()
    return path


def draw(size: int) -> QImage:
    """The icon at ``size`` × ``size`` pixels, transparent outside the rounded square."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    margin = 0.04 * size
    square = QRectF(margin, margin, size - 2 * margin, size - 2 * margin)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(NAVY)
    painter.drawRoundedRect(square, 0.2 * size, 0.2 * size)
    painter.setBrush(WHITE)
    painter.drawPath(_shield(size))
    tick = QPen(GREEN, max(1.5, 0.075 * size))
    tick.setCapStyle(Qt.PenCapStyle.RoundCap)
    tick.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(tick)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPolyline(
        [
            QPointF(0.37 * size, 0.47 * size),
            QPointF(0.47 * size, 0.58 * size),
            QPointF(0.64 * size, 0.36 * size),
        ]
    )
    painter.end()
    return image


def png_bytes(size: int) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not draw(size).save(buffer, "PNG"):
        raise RuntimeError("Qt could not write PNG")
    return bytes(data.data())


def ico_bytes(sizes: tuple[int, ...] = ICO_SIZES) -> bytes:
    """An ICO file whose entries are PNG images (supported since Windows Vista)."""
    images = [png_bytes(s) for s in sizes]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries = b""
    for size, image in zip(sizes, images, strict=True):
        side = size % 256  # 0 means 256
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(image), offset)
        offset += len(image)
    return header + entries + b"".join(images)


def icns_bytes(types: dict[int, bytes] = ICNS_TYPES) -> bytes:
    """An ICNS file whose entries are PNG images (supported since Mac OS X 10.7)."""
    chunks = b""
    for size, kind in types.items():
        image = png_bytes(size)
        chunks += kind + struct.pack(">I", 8 + len(image)) + image
    return b"icns" + struct.pack(">I", 8 + len(chunks)) + chunks


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    for path, data in ((PNG, png_bytes(256)), (ICO, ico_bytes()), (ICNS, icns_bytes())):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"{path.relative_to(ROOT)}: {len(data):,} bytes")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
