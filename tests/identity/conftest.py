"""Identity test set-up: English messages on request."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from zi_desktop.i18n import get_language, set_language


@pytest.fixture
def english() -> Iterator[None]:
    before = get_language()
    set_language("en")
    try:
        yield
    finally:
        set_language(before)
