"""Widgets that follow the language: their texts are set again on every language change."""

from __future__ import annotations

import weakref
from typing import Protocol

from PySide6.QtCore import SignalInstance
from shiboken6 import isValid

from zi_desktop.i18n import on_language_changed


class Retranslatable(Protocol):
    """A widget that sets its texts in ``retranslate_ui()``."""

    @property
    def destroyed(self) -> SignalInstance: ...

    def retranslate_ui(self) -> None: ...


def follow_language(widget: Retranslatable) -> None:
    """Re-run ``widget.retranslate_ui()`` on every language change while the widget lives.

    The listener holds the widget weakly and is unregistered when the widget is destroyed, so
    a deleted widget is never called and never kept alive by the listener list.
    """
    ref = weakref.ref(widget)

    def listener(_lang: str) -> None:
        alive = ref()
        if alive is not None and isValid(alive):
            alive.retranslate_ui()

    widget.destroyed.connect(on_language_changed(listener))
