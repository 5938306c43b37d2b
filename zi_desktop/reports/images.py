"""The letterhead's logo: which images the report takes, and their size.

PNG and JPEG only (reportlab and Word both draw them without conversion), recognised by their
content, not their name.
"""

from __future__ import annotations

import io

from .rl import ImageReader

LOGO_TYPES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}
MAX_LOGO_BYTES = 512 * 1024


def logo_type(data: bytes) -> str | None:
    """``image/png`` or ``image/jpeg`` when ``data`` starts like one, else None."""
    return next((mime for magic, mime in LOGO_TYPES.items() if data.startswith(magic)), None)


def image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height in pixels of a logo that can be drawn; None for anything else."""
    if logo_type(data) is None:
        return None
    try:
        width, height = ImageReader(io.BytesIO(data)).getSize()
    except Exception:  # noqa: BLE001 - reportlab and Pillow raise many kinds for a damaged image
        return None
    return (int(width), int(height)) if width > 0 and height > 0 else None
