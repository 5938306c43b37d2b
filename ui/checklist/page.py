"""The assessment page: LKE tree on the left, the question in the centre, scores on the right.

Every change is saved through the services as it is made (no save button); Ctrl+Z undoes the
last saved answer or note change and the question page shows the value it brought back. With
the answer group focused, the keys A–E, Y and T choose an option (see ``question_page``);
moving to another question with the keyboard focuses its answers. Every changed answer is
announced (:attr:`sig_status`, "A.I.1.i.a: Ya → Tidak") and flashes on the page.

Signals:
    sig_back(): the user asked to go back to the unit list.
    sig_status(str): a sentence for the status line about a change just saved.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHeaderView,
    QLineEdit,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from zi_desktop.errors import UserFacingError
from zi_desktop.i18n import _
from zi_desktop.services import checklist
from zi_desktop.values.views import AnswerView, AssessmentView

from ..dialogs import get_service
from ..edit_actions import editable_field
from ..evidence.panel import EvidencePanel
from .inputs import EnteredValue
from .question_page import QuestionPage
from .recommendations_page import RecommendationsPage
from .score_panel import ScorePanel
from .survey_page import SurveyPage
from .tree_model import LkeTreeModel
from .undo import AnswerCommand, NoteCommand, value_text

if TYPE_CHECKING:
    from zi_desktop.services.workspace import Workspace

SPLIT = (24, 40, 36)  # the tree, the question, the scores: shares of the width


def _scrolled(widget: QWidget) -> QScrollArea:
    """``widget`` in a scroll area that gives it the width and scrolls what does not fit."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(widget)
    return area


class AssessmentPage(QWidget):
    sig_back = Signal()
    sig_status = Signal(str)

    def __init__(self, workspace: Workspace, undo_stack: QUndoStack | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.view: AssessmentView | None = None
        self.code = ""
        self.current = ""
        self.undo_stack = undo_stack or QUndoStack(self)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.tree = QTreeView()
        self.tree.setUniformRowHeights(True)
        self.question = QuestionPage()
        self.surveys = SurveyPage(workspace)
        self.recommendations = RecommendationsPage(workspace)
        self.centre = QStackedWidget()
        self.centre.addWidget(self.question)
        self.survey_area = _scrolled(self.surveys)
        self.centre.addWidget(self.survey_area)
        self.centre.addWidget(self.recommendations)
        self.scores = ScorePanel()
        self.unit_evidence = EvidencePanel(workspace)
        self.tpi_evidence = EvidencePanel(workspace)
        self.question.unit_evidence_slot.addWidget(self.unit_evidence)
        self.question.tpi_evidence_slot.addWidget(self.tpi_evidence)
        self.tpi_evidence.sig_changed.connect(self._evidence_changed)
        self.model: LkeTreeModel | None = None
        self._split = False
        self._layout()
        self.question.sig_answer.connect(self.answer)
        self.question.sig_note.connect(self._save_note)
        self.surveys.sig_changed.connect(self.reload)
        self.search.returnPressed.connect(self.find_next)
        self.retranslate_ui()

    def _layout(self) -> None:
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.tree)
        self.splitter = splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.centre)
        splitter.addWidget(_scrolled(self.scores))  # a small screen scrolls the tables
        splitter.setChildrenCollapsible(False)
        for pane, stretch in enumerate(SPLIT):
            splitter.setStretchFactor(pane, stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._split:  # the first time there is a width to share: in proportion
            self._split = True
            width = max(self.splitter.width(), sum(SPLIT))
            self.splitter.setSizes([width * part // sum(SPLIT) for part in SPLIT])

    def retranslate_ui(self) -> None:
        self.search.setPlaceholderText(_("Find a question by id or text (Enter: next match)"))
        self.question.retranslate_ui()
        self.scores.retranslate_ui()
        self.surveys.retranslate_ui()
        self.recommendations.retranslate_ui()
        if self.model is not None:
            self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 2)

    # -- loading -----------------------------------------------------------------------------
    def open_unit(self, code: str, item: str | None = None) -> None:
        self.code = code
        self.undo_stack.clear()
        self.view = self.workspace.open_assessment(code)
        self.model = LkeTreeModel(list(checklist.lke_tree(self.view.lke)))
        self.tree.setModel(self.model)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Fixed widths: sizing to contents would read every row again after each answer.
        metrics = self.tree.fontMetrics()
        for column, sample in ((1, "000/000"), (2, "00,00 ")):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 16)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self._refresh_scores()
        self.tree.expandToDepth(1)
        self.go_to(item or checklist.question_order(self.view.lke)[0])

    def reload(self) -> None:
        """Read the assessment again after a change made outside the question page."""
        self.view = self.workspace.open_assessment(self.code)
        self._refresh_scores()
        self._show(self.current)

    def _score_view(self, tier: str) -> checklist.ScoreView:
        assert self.view is not None
        values = {k: a.value for k, a in self.view.answers[tier].items() if a.value is not None}
        return checklist.score_view(self.view.lke, self.view.scores[tier], values)

    def _refresh_scores(self, changed: str | None = None) -> None:
        assert self.view is not None and self.model is not None
        tpi = self._score_view("tpi")
        self.model.update(tpi, changed)
        self.scores.update_scores(self.view.scores["unit"], self.view.scores["tpi"])
        self.question.update_computed(tpi)

    # -- navigation --------------------------------------------------------------------------
    def go_to(self, node_id: str) -> None:
        assert self.model is not None
        index = self.model.index_of(node_id)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and self.model is not None:
            self._show(str(self.model.data(current, LkeTreeModel.ID_ROLE)))

    def _show(self, node_id: str) -> None:
        assert self.view is not None
        self.question.flush_note()
        self.current = node_id
        if node_id == checklist.SURVEYS:
            self.surveys.load(self.view)
            self.centre.setCurrentWidget(self.survey_area)
        elif node_id == checklist.RECOMMENDATIONS:
            self.recommendations.load(self.view)
            self.centre.setCurrentWidget(self.recommendations)
        elif node_id in checklist.question_order(self.view.lke):
            info = checklist.question(self.view.lke, node_id)
            self.question.show_question(
                info, self.view.answers["unit"], self.view.answers["tpi"], self._score_view("tpi")
            )
            for panel, tier in ((self.unit_evidence, "unit"), (self.tpi_evidence, "tpi")):
                files = [e for e in self.view.evidence if e.tier == tier and e.node_id == node_id]
                panel.show_item(self.code, tier, node_id, files, read_only=tier == "unit")
            self.centre.setCurrentWidget(self.question)

    def step(self, offset: int, unanswered_only: bool = False) -> None:
        """Go to the next (offset 1) or previous (-1) question, or the next unanswered one;
        its answers get the keyboard focus unless a text field has it."""
        self._step(offset, unanswered_only)
        if editable_field(QApplication.focusWidget()) is None:
            self.focus_answers()

    def focus_answers(self) -> None:
        """The keyboard focus to the answers of the question shown."""
        if self.centre.currentWidget() is self.question:
            self.question.focus_answers()

    def flush(self) -> None:
        """Save a note or recommendation still being typed."""
        self.question.flush_note()
        self.recommendations.flush()

    def _step(self, offset: int, unanswered_only: bool) -> None:
        assert self.view is not None
        order = checklist.question_order(self.view.lke)
        start = order.index(self.current) if self.current in order else -1
        missing = set(self.view.scores["tpi"].missing)
        for k in range(1, len(order) + 1):
            candidate = order[(start + offset * k) % len(order)]
            cells = checklist.question(self.view.lke, candidate).inputs
            ids = [i.id for i in cells] or [candidate]
            if not unanswered_only or any(i in missing for i in ids):
                self.go_to(candidate)
                return

    def find_next(self) -> None:
        """Go to the next question whose id or text contains the search text."""
        assert self.view is not None
        text = self.search.text().strip().casefold()
        if not text:
            return
        order = checklist.question_order(self.view.lke)
        start = order.index(self.current) if self.current in order else -1
        for k in range(1, len(order) + 1):
            candidate = order[(start + k) % len(order)]
            info = checklist.question(self.view.lke, candidate)
            if text in candidate.casefold() or text in info.text.casefold():
                self.go_to(candidate)
                return

    def _evidence_changed(self) -> None:
        # Evidence does not change scores: refresh the assessment's evidence list only.
        self.view = self.workspace.open_assessment(self.code)

    # -- saving ------------------------------------------------------------------------------
    def answer(self, node_id: str, value: EnteredValue) -> None:
        """Save an answer given in the question page, with undo."""
        assert self.view is not None
        before = self.view.answers["tpi"].get(node_id)
        old = before.value if before else None
        if old != value and self.apply(node_id, value):
            self.undo_stack.push(AnswerCommand(self.apply, node_id, old, value))

    def apply(self, node_id: str, value: EnteredValue) -> bool:
        """Save one answer, show it on the page and in the tree and panels, and say what
        changed; False if it was refused."""
        assert self.view is not None
        try:
            result = self.workspace.set_answer(self.code, "tpi", node_id, value)
        except UserFacingError as err:
            get_service().error(self, err.message, err.details)
            self._show(self.current)  # put the widgets back to the saved answer
            return False
        answers = self.view.answers["tpi"]
        old = answers.get(node_id)
        answers[node_id] = AnswerView(
            node_id,
            self._stored(value),
            old.note if old else "",
            self.workspace.actor,
            datetime.now(UTC),
        )
        self.view.scores["tpi"] = result
        self._refresh_scores(node_id)
        if self.current != node_id and not node_id.startswith(self.current):
            self.go_to(self._question_of(node_id))
        elif self.centre.currentWidget() is self.question and self.question.question is not None:
            self.question.show_value(node_id, self._stored(value))
            self.question.update_computed(self._score_view("tpi"))
        self.question.flash(node_id)
        self.sig_status.emit(
            _("{item}: {old} → {new}").format(
                item=node_id, old=value_text(old.value if old else None), new=value_text(value)
            )
        )
        return True

    def _question_of(self, node_id: str) -> str:
        """The question a node is answered on: itself, or the percentage question of an input."""
        assert self.view is not None
        if node_id in checklist.question_order(self.view.lke):
            return node_id
        for question in checklist.question_order(self.view.lke):
            if node_id.startswith(question + "."):
                return question
        return self.current

    @staticmethod
    def _stored(value: EnteredValue) -> str | int | Fraction | None:
        """The value as the services store it (a typed index comes back as an exact Fraction)."""
        return Fraction(value) if isinstance(value, Decimal) else value

    def _save_note(self, node_id: str, text: str) -> None:
        """Save a note typed on the question page, with undo."""
        assert self.view is not None
        before = self.view.answers["tpi"].get(node_id)
        old = before.note if before else ""
        if old != text and self._store_note(node_id, text):
            self.undo_stack.push(NoteCommand(self.apply_note, node_id, old, text))

    def apply_note(self, node_id: str, text: str) -> bool:
        """Save a note from undo or redo and show it; False if it was refused."""
        if self.current != node_id:
            self.go_to(node_id)
        if not self._store_note(node_id, text):
            return False
        self.question.show_note(node_id, text)
        return True

    def _store_note(self, node_id: str, text: str) -> bool:
        assert self.view is not None
        try:
            self.workspace.set_note(self.code, "tpi", node_id, text)
        except UserFacingError as err:
            get_service().error(self, err.message, err.details)
            return False
        old = self.view.answers["tpi"].get(node_id)
        self.view.answers["tpi"][node_id] = AnswerView(
            node_id,
            old.value if old else None,
            text,
            self.workspace.actor,
            datetime.now(UTC),
        )
        return True
