"""Test set-up shared by the whole suite: headless Qt, Indonesian default, no user config."""

from __future__ import annotations

import faulthandler
import os
import sys
from collections.abc import Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ZI_LANG", "id")


@pytest.fixture(autouse=True)
def _fault_handler_back() -> Iterator[None]:
    """The window's log file takes the fault handler over and switches it off when closed;
    give it back to pytest's stderr, so that a later hard crash still shows its stack."""
    enabled = faulthandler.is_enabled()
    yield
    if enabled and not faulthandler.is_enabled() and sys.__stderr__ is not None:
        faulthandler.enable(sys.__stderr__)
