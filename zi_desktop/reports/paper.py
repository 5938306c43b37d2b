"""The paper sizes the LHE prints on: A4 (210 × 297 mm) and F4 (215 × 330 mm, "folio").

Both give the text the same width (178 mm): F4's extra 5 mm go to the side margins, so every
table keeps its column widths and only the page gets longer. Top and bottom margins are the
same on both.
"""

from __future__ import annotations

from dataclasses import dataclass

MM = 72 / 25.4  # points per millimetre
FRAME_WIDTH_MM = 178.0
MARGIN_TOP_MM = 22.0
MARGIN_BOTTOM_MM = 20.0


@dataclass(frozen=True)
class Paper:
    """A sheet: its name and size in millimetres, and the margins that follow from it."""

    name: str
    width_mm: float
    height_mm: float

    @property
    def margin_x_mm(self) -> float:
        return (self.width_mm - FRAME_WIDTH_MM) / 2

    @property
    def width(self) -> float:
        """Width in points."""
        return self.width_mm * MM

    @property
    def height(self) -> float:
        return self.height_mm * MM

    @property
    def margin_x(self) -> float:
        return self.margin_x_mm * MM

    @property
    def body_height(self) -> float:
        """Height of the text frame of an ordinary page, in points."""
        return (self.height_mm - MARGIN_TOP_MM - MARGIN_BOTTOM_MM) * MM


A4 = Paper("A4", 210.0, 297.0)
F4 = Paper("F4", 215.0, 330.0)
PAPERS = {p.name: p for p in (A4, F4)}
