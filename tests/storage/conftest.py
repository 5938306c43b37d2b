"""Storage test set-up: the fixture generator is importable, messages can be read in English."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from zi_desktop.i18n import get_language, set_language

_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)


@pytest.fixture
def english() -> Iterator[None]:
    """Messages in English for the duration of one test (the suite default is Indonesian)."""
    before = get_language()
    set_language("en")
    try:
        yield
    finally:
        set_language(before)
