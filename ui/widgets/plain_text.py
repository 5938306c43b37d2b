"""Text from outside the app is shown as text, never interpreted as rich text (HTML).

Names from cards and packages (signers, units, instansi), evidence file names and captions,
workbook notes and error messages quoting them can hold anything, ``<img src=…>`` or a fake
line included. Qt guesses: a label, a message box or a tooltip whose text *looks* like HTML
is rendered as HTML (``Qt.AutoText``). So every label of the app is a :class:`PlainLabel`, a
message box shows its text as plain text, and a tooltip built from such text goes through
:func:`plain_tooltip`. The few labels that use markup of their own (the score panel's bold
totals) build it with :func:`html.escape` around anything inserted.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


class PlainLabel(QLabel):
    """A label that shows its text as it is, whatever it looks like."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        if text:
            self.setText(text)


def plain_tooltip(text: str) -> str:
    """``text`` as a tooltip that shows it literally (tooltips guess rich text like labels;
    a text without ``<`` is never taken for rich text and stays as it is)."""
    if "<" not in text:
        return text
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"


def make_plain(widget: QWidget) -> None:
    """Switch every label inside ``widget`` (e.g. of a stock Qt dialog) to plain text."""
    for label in widget.findChildren(QLabel):
        if label.textFormat() != Qt.TextFormat.PlainText:
            label.setTextFormat(Qt.TextFormat.PlainText)
