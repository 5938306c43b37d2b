"""The live score panel: areas for both tiers with their difference, and both verdicts."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from zi_desktop.formatting import format_number
from zi_desktop.i18n import _, ngettext
from zi_desktop.services.checklist import verdict_label as status_text
from zi_desktop.values.scores import ScoreResult

from .score_model import ConditionsModel, ScoreTableModel

STATUS_COLOURS = {"eligible": "#1b6e20", "not_eligible": "#b3261e", "incomplete": "#8a5a00"}


def _table(model: QAbstractItemModel, first_stretches: bool = False) -> QTableView:
    """A read-only table with fixed column widths (sizing to contents after every answer
    would read every cell again)."""
    view = QTableView()
    view.setModel(model)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    view.setSelectionMode(QTableView.SelectionMode.NoSelection)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header.setDefaultSectionSize(view.fontMetrics().horizontalAdvance("-00,00") + 14)
    if first_stretches:
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    rows = view.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(view.fontMetrics().height() + 4)
    return view


class ScorePanel(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.scores = ScoreTableModel()
        self.wbk = ConditionsModel()
        self.wbbm = ConditionsModel()
        self.title = QLabel()
        self.total = QLabel()
        self.wbk_status = QLabel()
        self.wbbm_status = QLabel()
        self.missing = QLabel()
        for label in (self.total, self.wbk_status, self.wbbm_status, self.missing):
            label.setWordWrap(True)  # a narrow window wraps instead of widening the panel
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(_table(self.scores), 3)
        layout.addWidget(self.total)
        layout.addWidget(self.wbk_status)
        self.condition_tables = [_table(m, first_stretches=True) for m in (self.wbk, self.wbbm)]
        layout.addWidget(self.condition_tables[0], 2)
        layout.addWidget(self.wbbm_status)
        layout.addWidget(self.condition_tables[1], 2)
        layout.addWidget(self.missing)
        self._last: tuple[ScoreResult, ScoreResult] | None = None
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText("<b>" + _("Scores: unit vs TPI") + "</b>")
        for view in self.condition_tables:  # the number columns fit their translated headers
            metrics, model = view.fontMetrics(), view.model()
            for column in (1, 2):
                header = str(model.headerData(column, Qt.Orientation.Horizontal))
                texts = (header, "-000,00")
                view.setColumnWidth(column, max(metrics.horizontalAdvance(t) for t in texts) + 14)
        if self._last is not None:
            self.update_scores(*self._last)

    def update_scores(self, unit: ScoreResult, tpi: ScoreResult) -> None:
        self._last = (unit, tpi)
        self.scores.update(unit, tpi)
        self.total.setText(
            _("Total TPI: <b>{tpi}</b> (unit {unit})").format(
                tpi=format_number(tpi.total), unit=format_number(unit.total)
            )
        )
        for label, model, name in (
            (self.wbk_status, self.wbk, "WBK"),
            (self.wbbm_status, self.wbbm, "WBBM"),
        ):
            verdict = tpi.verdicts[name]
            colour = STATUS_COLOURS[verdict.status]
            status = status_text(verdict.status)
            label.setText(f"<b>Menuju {name}</b>: <span style='color:{colour}'>{status}</span>")
            model.update(verdict.conditions)
        count = len(tpi.missing)
        self.missing.setText(
            ngettext("{count} TPI answer missing.", "{count} TPI answers missing.", count).format(
                count=count
            )
            if count
            else _("All TPI answers filled.")
        )
