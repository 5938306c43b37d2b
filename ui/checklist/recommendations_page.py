"""Recommendations per area (rekomendasi / catatan perbaikan).

The text field of an area holds exactly what is saved, which is what the report prints. An
area whose field is empty shows, below the field and marked as such, a suggestion made of the
evaluator's notes on the questions of that area that did not reach full value; "Use this
suggestion" puts it into the field and saves it. Texts save after a pause of 300 ms in typing
and when the field loses the focus, as notes do; a text longer than the report holds is not
saved and says so beside the field.

Signals:
    sig_changed(): a recommendation was saved.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from zi_desktop.errors import UserFacingError
from zi_desktop.formatting import format_number
from zi_desktop.i18n import _
from zi_desktop.services.checklist import AREA_TITLES
from zi_desktop.values.views import MAX_NOTE_CHARS, AssessmentView

from ..dialogs import get_service
from ..styles import ERROR_STYLE
from ..widgets.plain_text import PlainLabel

if TYPE_CHECKING:
    from zi_desktop.services.workspace import Workspace

SAVE_DELAY_MS = 300


def suggestion(view: AssessmentView, area: int) -> str:
    """Notes on the TPI's questions of ``area`` that scored below full value, as bullets."""
    values = view.scores["tpi"].values
    lines = []
    for node_id, answer in sorted(view.answers["tpi"].items()):
        in_area = node_id.startswith(("A.I.", "A.II.")) and node_id.split(".")[2] == str(area)
        value = values.get(node_id)
        if in_area and answer.note.strip() and value is not None and value < Fraction(1):
            lines.append(f"- {node_id}: {answer.note.strip()}")
    return "\n".join(lines)


class _Suggestion(QFrame):
    """A suggestion for an empty area, visibly not (yet) a recommendation, and its button."""

    def __init__(self) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title, self.text = PlainLabel(), PlainLabel()
        for label in (self.title, self.text):
            label.setWordWrap(True)  # a narrow window wraps them, never widens the page
        self.text.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.use = QPushButton()
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.use)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addLayout(row)

    def retranslate(self) -> None:
        self.title.setText(_("Suggestion from your notes (not saved, not in the report):"))
        self.use.setText(_("Use this suggestion"))


class RecommendationsPage(QScrollArea):
    sig_changed = Signal()

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.setWidgetResizable(True)
        self.code = ""
        body = QWidget()
        layout = QVBoxLayout(body)
        self.heading = PlainLabel()
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.boxes: dict[int, QGroupBox] = {}
        self.edits: dict[int, QPlainTextEdit] = {}
        self.problems: dict[int, PlainLabel] = {}
        self.suggestions: dict[int, _Suggestion] = {}
        self._saved: dict[int, str] = {}
        self._timers: dict[int, QTimer] = {}
        for area in range(1, 7):
            box = QGroupBox()
            edit = QPlainTextEdit()
            edit.setMinimumHeight(70)
            edit.installEventFilter(self)  # leaving the field saves it
            problem = PlainLabel()
            problem.setStyleSheet(ERROR_STYLE)
            problem.setWordWrap(True)
            problem.hide()
            suggested = _Suggestion()
            suggested.hide()
            column = QVBoxLayout(box)
            column.addWidget(edit)
            column.addWidget(problem)
            column.addWidget(suggested)
            timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
            timer.timeout.connect(lambda a=area: self._save(a))
            edit.textChanged.connect(lambda a=area: self._edited(a))
            suggested.use.clicked.connect(lambda _c=False, a=area: self.use_suggestion(a))
            self.boxes[area], self.edits[area], self._timers[area] = box, edit, timer
            self.suggestions[area], self.problems[area] = suggested, problem
            layout.addWidget(box)
        layout.addStretch(1)
        self.setWidget(body)
        self._loading = False
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.heading.setText(
            _(
                "Recommendations per area, as the report prints them. Under an empty area, "
                "a suggestion from your notes can be used with one click."
            )
        )
        for area, box in self.boxes.items():
            box.setTitle(f"{area}. {AREA_TITLES[area]}")
            self.suggestions[area].retranslate()

    def load(self, view: AssessmentView) -> None:
        self.flush()
        self._loading = True
        self.code = view.unit.code
        for area, edit in self.edits.items():
            saved = view.recommendations.get(area, "")
            self._saved[area] = saved
            edit.setPlainText(saved)
            self.suggestions[area].text.setText(suggestion(view, area))
            self._show_suggestion(area)
        self._loading = False

    def _show_suggestion(self, area: int) -> None:
        panel = self.suggestions[area]
        wanted = bool(panel.text.text()) and not self.edits[area].toPlainText().strip()
        if panel.isHidden() == wanted:
            panel.setVisible(wanted)

    def use_suggestion(self, area: int) -> None:
        """Put the area's suggestion into its field and save it: now it is the recommendation."""
        self.edits[area].setPlainText(self.suggestions[area].text.text())
        self._timers[area].stop()
        self._save(area)

    def _edited(self, area: int) -> None:
        self._show_suggestion(area)
        if not self._loading:
            self._timers[area].start()

    def flush(self) -> None:
        for area, timer in self._timers.items():
            if timer.isActive():
                timer.stop()
                self._save(area)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            for area, edit in self.edits.items():
                if watched is edit:
                    self._timers[area].stop()
                    self._save(area)
        return super().eventFilter(watched, event)

    def _save(self, area: int) -> None:
        text = self.edits[area].toPlainText()
        if not self.code or text == self._saved.get(area):
            return
        problem = self.problems[area]
        if len(text) > MAX_NOTE_CHARS:  # the report must stay printable; nothing is saved
            problem.setText(
                _(
                    "A recommendation holds at most {limit} characters; this one has {count}. "
                    "Shorten it to save it."
                ).format(limit=format_number(MAX_NOTE_CHARS, 0), count=format_number(len(text), 0))
            )
            problem.show()
            return
        problem.hide()
        try:
            self.workspace.set_recommendation(self.code, area, text)
        except UserFacingError as err:
            get_service().error(self, err.message, err.details)
            return
        self._saved[area] = text
        self.sig_changed.emit()
