"""Recommendations per area (rekomendasi / catatan perbaikan).

An empty area is prefilled with a suggestion made of the evaluator's notes on the questions
of that area that did not reach full value; it is saved only once the evaluator edits it.
Texts save after a pause in typing.

Signals:
    sig_changed(): a recommendation was saved.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QPlainTextEdit, QScrollArea, QVBoxLayout, QWidget

from zi_desktop.errors import UserFacingError
from zi_desktop.i18n import _
from zi_desktop.services.checklist import AREA_TITLES
from zi_desktop.services.values import AssessmentView

from ..dialogs import get_service

if TYPE_CHECKING:
    from zi_desktop.services.workspace import Workspace

SAVE_DELAY_MS = 800


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


class RecommendationsPage(QScrollArea):
    sig_changed = Signal()

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.setWidgetResizable(True)
        self.code = ""
        body = QWidget()
        layout = QVBoxLayout(body)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.boxes: dict[int, QGroupBox] = {}
        self.edits: dict[int, QPlainTextEdit] = {}
        self._saved: dict[int, str] = {}
        self._timers: dict[int, QTimer] = {}
        for area in range(1, 7):
            box = QGroupBox()
            edit = QPlainTextEdit()
            edit.setMinimumHeight(70)
            QVBoxLayout(box).addWidget(edit)
            timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
            timer.timeout.connect(lambda a=area: self._save(a))
            edit.textChanged.connect(lambda a=area: self._edited(a))
            self.boxes[area], self.edits[area], self._timers[area] = box, edit, timer
            layout.addWidget(box)
        layout.addStretch(1)
        self.setWidget(body)
        self._loading = False
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.heading.setText(
            _("Recommendations per area. Empty areas show a suggestion from your notes.")
        )
        for area, box in self.boxes.items():
            box.setTitle(f"{area}. {AREA_TITLES[area]}")

    def load(self, view: AssessmentView) -> None:
        self.flush()
        self._loading = True
        self.code = view.unit.code
        for area, edit in self.edits.items():
            saved = view.recommendations.get(area, "")
            self._saved[area] = saved
            edit.setPlainText(saved or suggestion(view, area))
        self._loading = False

    def _edited(self, area: int) -> None:
        if not self._loading:
            self._timers[area].start()

    def flush(self) -> None:
        for area, timer in self._timers.items():
            if timer.isActive():
                timer.stop()
                self._save(area)

    def _save(self, area: int) -> None:
        text = self.edits[area].toPlainText()
        if not self.code or text == self._saved.get(area):
            return
        try:
            self.workspace.set_recommendation(self.code, area, text)
        except UserFacingError as err:
            get_service().error(self, err.message, err.details)
            return
        self._saved[area] = text
        self.sig_changed.emit()
