"""Tree model of the LKE: Pengungkit → Pemenuhan/Reform → area → sub-area → question; Hasil.

Each row shows the node's name, its completion (answered/required cells of the evaluator's
tier) and its nilai; unanswered questions are marked. The tree's shape comes from the LKE
definition and never changes; :meth:`LkeTreeModel.update` refreshes the numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from zi_desktop.formatting import format_number
from zi_desktop.i18n import _
from zi_desktop.services.checklist import RECOMMENDATIONS, SURVEYS, LkeNode, ScoreView

Index = QModelIndex | QPersistentModelIndex
MISSING = QColor("#b3261e")


@dataclass
class _Row:
    node: LkeNode
    parent: _Row | None
    row: int
    children: list[_Row] = field(default_factory=list)


class LkeTreeModel(QAbstractItemModel):
    """Columns: node, completion, nilai (or the chosen answer for a question).

    ``Qt.UserRole`` returns the node id of a row.
    """

    ID_ROLE = Qt.ItemDataRole.UserRole

    def __init__(self, roots: list[LkeNode]) -> None:
        super().__init__()
        self._roots: list[_Row] = []
        self._by_id: dict[str, _Row] = {}
        for n, node in enumerate(roots):
            self._roots.append(self._build(node, None, n))
        self._score: ScoreView | None = None

    def _build(self, node: LkeNode, parent: _Row | None, row: int) -> _Row:
        entry = _Row(node, parent, row)
        self._by_id[node.id] = entry
        entry.children = [self._build(c, entry, i) for i, c in enumerate(node.children)]
        return entry

    def update(self, score: ScoreView, changed: str | None = None) -> None:
        """New numbers; with ``changed`` (an answered id) only that question's path repaints."""
        self._score = score
        entry = self._entry_for(changed) if changed else None
        if entry is None:
            if self._roots:
                self._emit_all(self._roots)
            return
        while entry is not None:  # the question, its sub-area, area, aspect and component
            self.dataChanged.emit(
                self.createIndex(entry.row, 0, entry), self.createIndex(entry.row, 2, entry)
            )
            entry = entry.parent

    def _entry_for(self, node_id: str) -> _Row | None:
        # A numeric input (A.II.1.i.a.1) belongs to its percentage question (A.II.1.i.a).
        return self._by_id.get(node_id) or self._by_id.get(node_id.rsplit(".", 1)[0])

    def _emit_all(self, rows: list[_Row]) -> None:
        first = self.createIndex(rows[0].row, 0, rows[0])
        last = self.createIndex(rows[-1].row, 2, rows[-1])
        self.dataChanged.emit(first, last)
        for entry in rows:
            if entry.children:
                self._emit_all(entry.children)

    def index_of(self, node_id: str) -> QModelIndex:
        entry = self._by_id.get(node_id)
        return QModelIndex() if entry is None else self.createIndex(entry.row, 0, entry)

    # -- QAbstractItemModel ----------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        rows = self._roots if not parent.isValid() else parent.internalPointer().children
        return self.createIndex(row, column, rows[row])

    # Qt's parent() is two C++ overloads, QObject::parent() and parent(child); Python can
    # override only both at once, and the stub's overloads cannot express that.
    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid():
            return QModelIndex()
        entry: _Row = child.internalPointer()
        if entry.parent is None:
            return QModelIndex()
        return self.createIndex(entry.parent.row, 0, entry.parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return len(parent.internalPointer().children) if parent.column() == 0 else 0
        return len(self._roots)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 3

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (_("LKE"), _("Filled"), _("Nilai TPI"))[section] if 0 <= section < 3 else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node: LkeNode = index.internalPointer().node
        column = index.column()
        if role == self.ID_ROLE:
            return node.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(node, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return f"{node.id} — {node.title}"
        if role == Qt.ItemDataRole.ForegroundRole and self._unanswered(node):
            return QBrush(MISSING)
        if role == Qt.ItemDataRole.FontRole and node.kind == "group" and node.depth <= 1:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _unanswered(self, node: LkeNode) -> bool:
        if self._score is None or node.kind != "item":
            return False
        return any(cell in self._score.missing for cell in node.cells)

    def _display(self, node: LkeNode, column: int) -> str:
        if column == 0 and node.kind == "page":
            pages = {SURVEYS: _("Surveys (IPAK/IPKP)"), RECOMMENDATIONS: _("Recommendations")}
            return pages.get(node.id, node.label)
        if column == 0:
            mark = "• " if self._unanswered(node) else ""
            return f"{mark}{node.label}"
        if self._score is None or not node.cells:
            return ""
        if column == 1:
            done = sum(1 for c in node.cells if c not in self._score.missing)
            return f"{done}/{len(node.cells)}"
        if node.kind == "item":
            return self._score.answer_text.get(node.id, "—")
        nilai = self._score.nilai.get(node.id)
        return "" if nilai is None else format_number(nilai)
