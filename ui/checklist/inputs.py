"""Number fields of the question page, with inline validation next to the field.

A field may be empty (unanswered). A count takes a whole number ≥ 0; a survey index takes a
number from 0 to 4 with a decimal comma or point. The value is committed on Enter or when the
field loses focus; invalid text shows a message under the field and commits nothing.

Signals:
    sig_committed(object): the new value (int, Decimal, or None for empty).
    sig_value(str, object): the field's node id and the new value.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from fractions import Fraction

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from zi_desktop.formatting import format_number
from zi_desktop.i18n import _

from ..widgets.plain_text import PlainLabel

# An answer as the checklist screens hand it around: an option code (str), a count (int), an
# index as typed (Decimal) or as saved (an exact Fraction), or None for no answer.
EnteredValue = str | int | Decimal | Fraction | None


class _NumberEdit(QWidget):
    sig_committed = Signal(object)
    sig_value = Signal(str, object)  # node id, value

    def __init__(self, node_id: str = "") -> None:
        super().__init__()
        self.node_id = node_id
        self.edit = QLineEdit()
        self.error = PlainLabel()
        self.error.setStyleSheet("color: #b3261e")
        self.error.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.error)
        self._last: EnteredValue = None
        self.edit.editingFinished.connect(self.commit)

    def set_value(self, value: EnteredValue) -> None:
        self._last = value
        self.edit.setText(self.text_of(value))
        self.error.setVisible(False)

    def text_of(self, value: EnteredValue) -> str:
        raise NotImplementedError

    def parse(self, text: str) -> int | Decimal:
        """The value of ``text``; raises ValueError with a translated message."""
        raise NotImplementedError

    def commit(self) -> None:
        text = self.edit.text().strip()
        try:
            value = None if not text else self.parse(text)
        except ValueError as bad:
            self.error.setText(str(bad))
            self.error.setVisible(True)
            return
        self.error.setVisible(False)
        if value != self._last:
            self._last = value
            self.sig_committed.emit(value)
            self.sig_value.emit(self.node_id, value)


class CountEdit(_NumberEdit):
    def text_of(self, value: EnteredValue) -> str:
        return "" if value is None else str(value)

    def parse(self, text: str) -> int:
        cleaned = text.replace(".", "").replace(" ", "")
        if not cleaned.isdigit():
            raise ValueError(_("Enter a whole number of 0 or more."))
        return int(cleaned)


class IndexEdit(_NumberEdit):
    def text_of(self, value: EnteredValue) -> str:
        if value is None:
            return ""
        return format_number(Fraction(value), 2) if not isinstance(value, str) else value

    def parse(self, text: str) -> Decimal:
        try:
            number = Decimal(text.replace(",", "."))
        except InvalidOperation:
            raise ValueError(_("Enter an index from 0 to 4, for example 3,62.")) from None
        if not number.is_finite() or not 0 <= number <= 4:
            raise ValueError(_("The index must be between 0 and 4."))
        return number
