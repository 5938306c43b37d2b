"""Test set-up shared by the whole suite: headless Qt, Indonesian default, no user config."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ZI_LANG", "id")
