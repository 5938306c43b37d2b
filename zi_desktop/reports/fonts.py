"""The report's typefaces: DejaVu Sans (regular, bold, oblique), shipped in resources/fonts/.

The PDF standard fonts cannot show ✓, ✗, ≥ or every Indonesian name reliably, and fonts found
on the evaluator's machine differ from one laptop to the next; so the report embeds its own
(subset) TrueType fonts and prints the same everywhere. Licence: resources/fonts/LICENSE-DejaVu.txt.
"""

from __future__ import annotations

import threading

from ..paths import resources_dir
from .rl import TTFont, addMapping, pdfmetrics

REGULAR = "ZISans"
BOLD = "ZISans-Bold"
ITALIC = "ZISans-Oblique"
FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
}

_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register the faces with reportlab once per process (safe from worker threads)."""
    global _registered
    with _lock:
        if _registered:
            return
        folder = resources_dir() / "fonts"
        for name, file in FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(folder / file)))
        # <b> and <i> in paragraph markup pick these faces; there is no bold oblique face.
        addMapping(REGULAR, 0, 0, REGULAR)
        addMapping(REGULAR, 1, 0, BOLD)
        addMapping(REGULAR, 0, 1, ITALIC)
        addMapping(REGULAR, 1, 1, BOLD)
        _registered = True
