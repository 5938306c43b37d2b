"""Where the application's read-only resources live, from source and from a frozen build."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The ``resources/`` folder: beside the packages from source, in the bundle when frozen."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def app_icon() -> Path:
    """The application's icon (PNG) for the window and the Linux desktop entry."""
    return resources_dir() / "icons" / "zi-desktop.png"
