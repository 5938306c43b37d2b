"""The question page: official text and criteria, the unit's answer beside the evaluator's.

The evaluator answers with radio buttons that show each option's meaning, with whole numbers
for the inputs of a percentage question (the computed percentage and formula shown live), or
with a survey index 0–4. A question opens scrolled to its top.

The keys A–E, Y and T choose an option only while the answer group has the keyboard focus
(Tab, or moving to a question with the keyboard, puts it there); clicking an option does not
take the focus from where the evaluator was typing, so text typed next never becomes an
answer. A changed answer flashes its row (:meth:`QuestionPage.flash`).

Notes save after a pause of :data:`NOTE_DELAY_MS` in typing and when the field loses the
focus; a note longer than :data:`MAX_NOTE_CHARS` is not saved and says so beside the field.

Signals:
    sig_answer(str, object): node id and the new answer (None clears it).
    sig_note(str, str): item id and the evaluator's new note.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from zi_desktop.formatting import format_number, format_percent
from zi_desktop.i18n import _
from zi_desktop.services.checklist import QuestionInfo, ScoreView
from zi_desktop.values.views import MAX_NOTE_CHARS, AnswerView

from ..styles import ERROR_STYLE
from ..widgets.plain_text import PlainLabel
from .inputs import CountEdit, EnteredValue, IndexEdit

NOTE_DELAY_MS = 300
EDIT_WIDTH = 160  # a count or an index; the input's text gets the rest of the line
FLASH_MS = 1500  # how long a changed answer's row stays highlighted
FLASH_COLOUR = QColor("#fff3c4")
OPTION_KEYS = {
    Qt.Key.Key_A: "A",
    Qt.Key.Key_B: "B",
    Qt.Key.Key_C: "C",
    Qt.Key.Key_D: "D",
    Qt.Key.Key_E: "E",
    Qt.Key.Key_Y: "Y",
    Qt.Key.Key_T: "T",
}
PLAIN_KEYS = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier)


class _WrappedLabel(QLabel):
    """A word-wrapped plain-text label that lays its text out once per width.

    In one layout pass Qt asks a wrapped label for its height at the same width several times
    (the box layout, its minimum, the scroll area), and QLabel lays the whole text out again
    each time; on a question page that was most of the cost of switching question. The heights
    are kept until the text or the font changes. Plain text lays out far faster than rich text.
    """

    def __init__(self, text: str = "", bold: bool = False) -> None:
        super().__init__(text)
        self._heights: dict[int, int] = {}
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        if bold:
            font = self.font()
            font.setBold(True)
            self.setFont(font)

    def setText(self, text: str) -> None:
        if text != self.text():
            self._heights.clear()
            super().setText(text)

    def heightForWidth(self, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = super().heightForWidth(width)
        return height

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._heights.clear()
        super().changeEvent(event)


class _ClickableLabel(_WrappedLabel):
    """A wrapped label that emits ``sig_clicked`` when pressed."""

    sig_clicked = Signal()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.sig_clicked.emit()
        super().mousePressEvent(event)


class _OptionRow(QWidget):
    """A radio button with its option's meaning wrapped beside it; the text is clickable.

    The page keeps its rows and fills them for each question instead of building new ones.
    """

    def __init__(self) -> None:
        super().__init__()
        self.radio = QRadioButton()
        # A click answers without taking the keyboard focus; Tab still reaches the group.
        self.radio.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.meaning = _ClickableLabel()
        self.meaning.sig_clicked.connect(self.radio.click)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.radio, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.meaning, 1)

    def fill(self, code: str, meaning: str) -> None:
        self.radio.setText(code)
        self.radio.setProperty("option_code", code)
        self.radio.setToolTip(
            _("With the answers focused (Tab), press {key} to choose").format(key=code[0])
        )
        self.meaning.setText(meaning)


class QuestionPage(QScrollArea):
    sig_answer = Signal(str, object)
    sig_note = Signal(str, str)

    def __init__(self) -> None:
        super().__init__()
        self.setWidgetResizable(True)  # texts wrap to the width; what cannot, scrolls
        # Tab reaches the page for scrolling by keyboard; a click on an option leaves the
        # focus where the evaluator was typing instead of giving it to the page.
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.question: QuestionInfo | None = None
        body = QWidget()
        self.layout_ = QVBoxLayout(body)
        self.heading = _WrappedLabel()
        self.text = _WrappedLabel(bold=True)
        self.criteria = _WrappedLabel()
        self.unit_box = QGroupBox()
        self.unit_answer = _WrappedLabel()
        self.unit_note = _WrappedLabel()
        unit_layout = QVBoxLayout(self.unit_box)
        unit_layout.addWidget(self.unit_answer)
        unit_layout.addWidget(self.unit_note)
        self.unit_evidence_slot = QVBoxLayout()
        unit_layout.addLayout(self.unit_evidence_slot)
        self.tpi_box = QGroupBox()
        self.tpi_layout = QVBoxLayout(self.tpi_box)
        self.option_rows: list[_OptionRow] = []
        self.options_area = QVBoxLayout()
        self.answer_area = QVBoxLayout()
        self.tpi_layout.addLayout(self.options_area)
        self.tpi_layout.addLayout(self.answer_area)
        self.computed = _WrappedLabel()
        self.warning = _WrappedLabel()
        self.warning.setStyleSheet("color: #b3261e")
        self.tpi_layout.addWidget(self.computed)
        self.tpi_layout.addWidget(self.warning)
        self.note_label = PlainLabel()
        self.note = QPlainTextEdit()
        self.note.setMaximumHeight(90)
        self.note.installEventFilter(self)  # leaving the field saves the note
        self.note_problem = PlainLabel()
        self.note_problem.setStyleSheet(ERROR_STYLE)
        self.note_problem.setWordWrap(True)
        self.note_problem.hide()
        self.tpi_layout.addWidget(self.note_label)
        self.tpi_layout.addWidget(self.note)
        self.tpi_layout.addWidget(self.note_problem)
        self.tpi_evidence_slot = QVBoxLayout()
        self.tpi_layout.addLayout(self.tpi_evidence_slot)
        for widget in (self.heading, self.text, self.criteria, self.unit_box, self.tpi_box):
            self.layout_.addWidget(widget)
        self.layout_.addStretch(1)
        self.setWidget(body)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.group.buttonToggled.connect(self._button_toggled)
        self.radios: dict[str, QRadioButton] = {}
        self.edits: dict[str, CountEdit | IndexEdit] = {}
        self._flashing: dict[QWidget, QTimer] = {}
        self._note_timer = QTimer(self, singleShot=True, interval=NOTE_DELAY_MS)
        self._note_timer.timeout.connect(self._emit_note)
        self.note.textChanged.connect(self._note_timer.start)
        self._saved_note = ""
        self._loading = False
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.unit_box.setTitle(_("Unit's self-assessment (read-only)"))
        self.tpi_box.setTitle(_("Evaluator's answer (TPI)"))
        self.note_label.setText(_("Catatan (evaluator's note):"))

    # -- showing a question ------------------------------------------------------------------
    def show_question(
        self,
        q: QuestionInfo,
        unit: dict[str, AnswerView],
        tpi: dict[str, AnswerView],
        tpi_score: ScoreView,
    ) -> None:
        self.flush_note()
        for widget in list(self._flashing):  # the rows are reused, the fields go
            self._flashing[widget].stop()
            self._unflash(widget)
        self._loading = True
        self.question = q
        self.heading.setText(f"{q.id} — {q.area} › {q.sub_area} ({q.type_label})")
        self.text.setText(q.text)
        self.criteria.setText(q.criteria)
        self._show_unit(q, unit)
        self._build_answer(q, tpi)
        note = tpi.get(q.id)
        self._saved_note = note.note if note else ""
        self.note.setPlainText(self._saved_note)
        self.note_problem.hide()
        self.update_computed(tpi_score)
        self._loading = False
        self.verticalScrollBar().setValue(0)  # the id and heading first, whatever was read last

    def _show_unit(self, q: QuestionInfo, unit: dict[str, AnswerView]) -> None:
        if q.kind == "percent":
            parts = [f"{i.text}: {self._value_text(unit.get(i.id))}" for i in q.inputs]
            text = "\n".join(parts)
        else:
            answer = unit.get(q.id)
            text = self._value_text(answer)
            option = next((o for o in q.options if answer and o.code == answer.value), None)
            if option is not None:
                text = f"{option.code} — {option.meaning}"
        self.unit_answer.setText(_("Answer: {answer}").format(answer=text))
        note = unit.get(q.id)
        self.unit_note.setText(
            _("Note: {note}").format(note=note.note if note and note.note else "—")
        )

    @staticmethod
    def _value_text(answer: AnswerView | None) -> str:
        if answer is None or answer.value is None:
            return "—"
        value = answer.value
        return (
            value
            if isinstance(value, str)
            else format_number(value, 0 if isinstance(value, int) else 2)
        )

    def _clear_answer_area(self) -> None:
        self.group.setExclusive(False)  # an exclusive group cannot uncheck its last button
        for row in self.option_rows:
            row.radio.setChecked(False)
        self.group.setExclusive(True)
        while self.answer_area.count():
            item = self.answer_area.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # out of the page now: deletion waits for the event loop
                widget.deleteLater()
        self.radios.clear()
        self.edits.clear()

    def _option_row(self, n: int) -> _OptionRow:
        while len(self.option_rows) <= n:
            row = _OptionRow()
            row.radio.installEventFilter(self)  # the option keys, while the group has focus
            self.group.addButton(row.radio)
            self.options_area.addWidget(row)
            self.option_rows.append(row)
        return self.option_rows[n]

    def _build_answer(self, q: QuestionInfo, tpi: dict[str, AnswerView]) -> None:
        self._clear_answer_area()
        options = q.options if q.kind == "choice" else ()
        for n, option in enumerate(options):
            row = self._option_row(n)
            row.fill(option.code, option.meaning)
            self.radios[option.code] = row.radio
        for n, row in enumerate(self.option_rows):
            if row.isHidden() == (n < len(options)):  # showing a widget costs; only on change
                row.setVisible(n < len(options))
        if q.kind == "choice":
            current = tpi.get(q.id)
            if current is not None and current.value in self.radios:
                self.radios[str(current.value)].setChecked(True)
            return
        holder = QWidget()
        grid = QGridLayout(holder)  # wrapped labels keep their height here, unlike a form
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(0, 1)
        targets = [
            (i.id, i.text + ("" if i.used else _(" (not used in the formula)"))) for i in q.inputs
        ]
        if q.kind == "index":
            targets = [(q.id, _("Index (0–4)"))]
        for line, (node_id, text) in enumerate(targets):
            edit: CountEdit | IndexEdit = (
                IndexEdit(node_id) if q.kind == "index" else CountEdit(node_id)
            )
            current = tpi.get(node_id)
            edit.set_value(current.value if current else None)
            edit.sig_value.connect(self._entered)
            edit.setMaximumWidth(EDIT_WIDTH)
            label = _WrappedLabel(text)
            label.setBuddy(edit)
            grid.addWidget(label, line, 0)
            grid.addWidget(edit, line, 1, Qt.AlignmentFlag.AlignTop)
            self.edits[node_id] = edit
        self.answer_area.addWidget(holder)

    def _button_toggled(self, button: QAbstractButton, checked: bool) -> None:
        # One connection on the group for the page's lifetime: per-button lambdas on widgets
        # that are rebuilt for every question are what PySide's slot bookkeeping mishandles.
        if checked and not self._loading and self.question is not None:
            self.sig_answer.emit(self.question.id, str(button.property("option_code")))

    def _entered(self, node_id: str, value: EnteredValue) -> None:
        if not self._loading:
            self.sig_answer.emit(node_id, value)

    def choose(self, key: str) -> bool:
        """Choose the option whose code starts with ``key`` (A–E, Y for Ya, T for Tidak)."""
        for code, radio in self.radios.items():
            if code[0].upper() == key.upper():
                radio.setChecked(True)
                radio.setFocus()
                return True
        return False

    def answers_focused(self) -> bool:
        """Whether the keyboard focus is on one of the options (the answer group)."""
        focused = self.focusWidget()
        return focused is not None and focused in self.radios.values() and focused.hasFocus()

    def focus_answers(self) -> None:
        """Give the keyboard focus to the answer: the chosen option, the first one, or the
        first number field."""
        checked = self.group.checkedButton()
        if checked is not None and checked in self.radios.values():
            checked.setFocus(Qt.FocusReason.TabFocusReason)
        elif self.radios:
            next(iter(self.radios.values())).setFocus(Qt.FocusReason.TabFocusReason)
        elif self.edits:
            next(iter(self.edits.values())).edit.setFocus(Qt.FocusReason.TabFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = OPTION_KEYS.get(Qt.Key(event.key()))
            if key and event.modifiers() in PLAIN_KEYS and watched in self.radios.values():
                self.choose(key)
                return True  # an option key never reaches anything else
        elif kind == QEvent.Type.FocusOut and watched is self.note:
            self.flush_note()
        return super().eventFilter(watched, event)

    # -- showing a saved change --------------------------------------------------------------
    def show_value(self, node_id: str, value: EnteredValue) -> None:
        """Show ``value`` as the answer of ``node_id`` when it is on this page (after undo,
        redo or a change made elsewhere), without answering again."""
        if self.question is None:
            return
        self._loading = True
        try:
            if node_id == self.question.id and self.question.kind == "choice":
                radio = self.radios.get(str(value)) if value is not None else None
                if radio is not None:
                    radio.setChecked(True)
                else:
                    self.group.setExclusive(False)
                    for button in self.radios.values():
                        button.setChecked(False)
                    self.group.setExclusive(True)
            elif node_id in self.edits:
                self.edits[node_id].set_value(value)
        finally:
            self._loading = False

    def show_note(self, item_id: str, text: str) -> None:
        """Show a saved note of ``item_id`` (after undo or redo), without saving it again."""
        if self.question is None or self.question.id != item_id:
            return
        self._loading = True
        self._note_timer.stop()
        self._saved_note = text
        self.note.setPlainText(text)
        self.note_problem.hide()
        self._loading = False

    def flash(self, node_id: str) -> None:
        """Highlight the row of ``node_id``'s answer for a moment: it has just changed."""
        widget: QWidget | None = None
        if self.question is not None and node_id == self.question.id:
            checked = self.group.checkedButton()
            widget = checked.parentWidget() if checked is not None else self.tpi_box
        elif node_id in self.edits:
            widget = self.edits[node_id]
        if widget is None:
            return
        timer = self._flashing.get(widget)
        if timer is None:
            timer = self._flashing[widget] = QTimer(self, singleShot=True, interval=FLASH_MS)
            timer.timeout.connect(lambda w=widget: self._unflash(w))
            widget.setProperty("flash_palette", widget.palette())
            widget.setAutoFillBackground(True)
            palette = widget.palette()
            palette.setColor(QPalette.ColorRole.Window, FLASH_COLOUR)
            widget.setPalette(palette)
        timer.start()

    def _unflash(self, widget: QWidget) -> None:
        self._flashing.pop(widget, None)
        widget.setAutoFillBackground(False)
        previous = widget.property("flash_palette")
        if isinstance(previous, QPalette):
            widget.setPalette(previous)

    def is_flashing(self, node_id: str) -> bool:
        if self.question is not None and node_id == self.question.id:
            checked = self.group.checkedButton()
            widget = checked.parentWidget() if checked is not None else self.tpi_box
            return widget in self._flashing
        return self.edits.get(node_id) in self._flashing

    def update_computed(self, score: ScoreView) -> None:
        """The live percentage, formula and warnings of a percentage question."""
        q = self.question
        self.computed.setVisible(q is not None and q.kind == "percent")
        self.warning.setText("")
        if q is None or q.kind != "percent":
            return
        value = score.result.values.get(q.id)
        shown = (
            format_percent(value) if value is not None else _("not computed yet (fill every input)")
        )
        self.computed.setText(
            _("Percentage: {value}   Formula: {formula}").format(value=shown, formula=q.formula)
        )
        notes = []
        for use in score.result.policies_applied:
            if use.item == q.id:
                notes.append(
                    _("The denominator is zero: the workspace rule gives {value}.").format(
                        value=format_percent(use.value)
                    )
                )
        for warning in score.result.warnings:
            if warning.item == q.id:
                notes.append(
                    _(
                        "The count done is larger than the total; scored 100%. "
                        "Please check the numbers."
                    )
                )
        self.warning.setText("\n".join(notes))

    # -- notes -------------------------------------------------------------------------------
    def _emit_note(self) -> None:
        text = self.note.toPlainText()
        if self.question is None or self._loading or text == self._saved_note:
            return
        if len(text) > MAX_NOTE_CHARS:  # the report must stay printable; nothing is saved
            self.note_problem.setText(
                _(
                    "A note holds at most {limit} characters; this one has {count}. Shorten "
                    "it to save it."
                ).format(limit=format_number(MAX_NOTE_CHARS, 0), count=format_number(len(text), 0))
            )
            self.note_problem.show()
            return
        self.note_problem.hide()
        self._saved_note = text
        self.sig_note.emit(self.question.id, text)

    def flush_note(self) -> None:
        """Save a note still waiting for its pause (before switching question, leaving the
        field, closing the window or leaving the app)."""
        self._note_timer.stop()
        self._emit_note()
