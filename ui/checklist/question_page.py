"""The question page: official text and criteria, the unit's answer beside the evaluator's.

The evaluator answers with radio buttons that show each option's meaning, with whole numbers
for the inputs of a percentage question (the computed percentage and formula shown live), or
with a survey index 0–4. Notes save when the field loses focus or after a pause in typing.

Signals:
    sig_answer(str, object): node id and the new answer (None clears it).
    sig_note(str, str): item id and the evaluator's new note.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
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
from zi_desktop.services.values import AnswerView

from .inputs import CountEdit, IndexEdit

NOTE_DELAY_MS = 600
EDIT_WIDTH = 160  # a count or an index; the input's text gets the rest of the line


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

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        if text != self.text():
            self._heights.clear()
            super().setText(text)

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = super().heightForWidth(width)
        return height

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._heights.clear()
        super().changeEvent(event)


class _ClickableLabel(_WrappedLabel):
    """A wrapped label that emits ``sig_clicked`` when pressed."""

    sig_clicked = Signal()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.sig_clicked.emit()
        super().mousePressEvent(event)


class _OptionRow(QWidget):
    """A radio button with its option's meaning wrapped beside it; the text is clickable.

    The page keeps its rows and fills them for each question instead of building new ones.
    """

    def __init__(self) -> None:
        super().__init__()
        self.radio = QRadioButton()
        self.meaning = _ClickableLabel()
        self.meaning.sig_clicked.connect(self.radio.click)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.radio, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.meaning, 1)

    def fill(self, code: str, meaning: str) -> None:
        self.radio.setText(code)
        self.radio.setProperty("option_code", code)
        self.radio.setToolTip(_("Press {key} to choose").format(key=code[0]))
        self.meaning.setText(meaning)


class QuestionPage(QScrollArea):
    sig_answer = Signal(str, object)
    sig_note = Signal(str, str)

    def __init__(self) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
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
        self.note_label = QLabel()
        self.note = QPlainTextEdit()
        self.note.setMaximumHeight(90)
        self.tpi_layout.addWidget(self.note_label)
        self.tpi_layout.addWidget(self.note)
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
        self.update_computed(tpi_score)
        self._loading = False

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
            widget = item.widget()
            if widget is not None:
                widget.hide()  # out of the page now: deletion waits for the event loop
                widget.deleteLater()
        self.radios.clear()
        self.edits.clear()

    def _option_row(self, n: int) -> _OptionRow:
        while len(self.option_rows) <= n:
            row = _OptionRow()
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
        for row, (node_id, text) in enumerate(targets):
            edit: CountEdit | IndexEdit = (
                IndexEdit(node_id) if q.kind == "index" else CountEdit(node_id)
            )
            current = tpi.get(node_id)
            edit.set_value(current.value if current else None)
            edit.sig_value.connect(self._entered)
            edit.setMaximumWidth(EDIT_WIDTH)
            label = _WrappedLabel(text)
            label.setBuddy(edit)
            grid.addWidget(label, row, 0)
            grid.addWidget(edit, row, 1, Qt.AlignmentFlag.AlignTop)
            self.edits[node_id] = edit
        self.answer_area.addWidget(holder)

    def _button_toggled(self, button: QAbstractButton, checked: bool) -> None:
        # One connection on the group for the page's lifetime: per-button lambdas on widgets
        # that are rebuilt for every question are what PySide's slot bookkeeping mishandles.
        if checked and not self._loading and self.question is not None:
            self.sig_answer.emit(self.question.id, str(button.property("option_code")))

    def _entered(self, node_id: str, value: object) -> None:
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
        if self.question is not None and not self._loading and text != self._saved_note:
            self._saved_note = text
            self.sig_note.emit(self.question.id, text)

    def flush_note(self) -> None:
        """Save a note still waiting for its pause (before switching question or closing)."""
        if self._note_timer.isActive():
            self._note_timer.stop()
            self._emit_note()
