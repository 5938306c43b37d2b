"""Table models of the score panel: areas side by side for both tiers, and the conditions.

:class:`ScoreTableModel` rows: the six areas, Pengungkit, Hasil, Total; columns: nilai unit,
nilai TPI, difference (TPI − unit), percent TPI. :class:`ConditionsModel` lists one
predikat's conditions with ✓/✗, actual and required.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from zi_desktop.formatting import format_number
from zi_desktop.i18n import _
from zi_desktop.scoring import Condition, ScoreResult
from zi_desktop.services.checklist import condition_label

Index = QModelIndex | QPersistentModelIndex
PASS, FAIL = QColor("#1b6e20"), QColor("#b3261e")


class ScoreTableModel(QAbstractTableModel):
    """Rows: the six areas, Pengungkit, Hasil, Total. Columns: pemenuhan, reform and total of
    the unit's self-assessment, the same for the TPI, the difference of the totals (TPI −
    unit) and the TPI percent of the row's weight."""

    HEADERS = ("Unit P", "Unit R", "Unit", "TPI P", "TPI R", "TPI", "Δ", "%")

    def __init__(self) -> None:
        super().__init__()
        self._labels: list[str] = []
        self._rows: list[tuple[Fraction | None, ...]] = []

    def update(self, unit: ScoreResult, tpi: ScoreResult) -> None:
        self.beginResetModel()
        labels, rows = [], []
        for number in sorted(tpi.areas):
            u, t = unit.areas[number], tpi.areas[number]
            labels.append(_("Area {number}").format(number=number))
            rows.append((u.pemenuhan, u.reform, u.total, t.pemenuhan, t.reform, t.total,
                         t.total - u.total, t.percent))  # fmt: skip
        labels.append(_("Pengungkit"))
        gap = tpi.pengungkit - unit.pengungkit
        rows.append((unit.pemenuhan, unit.reform, unit.pengungkit, tpi.pemenuhan, tpi.reform,
                     tpi.pengungkit, gap, tpi.pengungkit * 100 / 60))  # fmt: skip
        labels.append(_("Hasil"))
        rows.append((None, None, unit.hasil, None, None, tpi.hasil, tpi.hasil - unit.hasil,
                     tpi.hasil * 100 / 40))  # fmt: skip
        labels.append(_("Total"))
        rows.append(
            (None, None, unit.total, None, None, tpi.total, tpi.total - unit.total, tpi.total)
        )
        self._labels, self._rows = labels, rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.HEADERS[section]
            if role == Qt.ItemDataRole.ToolTipRole:
                tips = (
                    _("Unit: pemenuhan"), _("Unit: reform"), _("Unit: total"),
                    _("TPI: pemenuhan"), _("TPI: reform"), _("TPI: total"),
                    _("Difference of the totals (TPI − unit)"),
                    _("TPI total as a percent of the weight"),
                )  # fmt: skip
                return tips[section]
            return None
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return self._labels[section] if 0 <= section < len(self._labels) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        value = self._rows[index.row()][index.column()]
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == 6 and value:
            return QBrush(FAIL if value < 0 else PASS)
        if role != Qt.ItemDataRole.DisplayRole or value is None:
            return None
        if column == 6:
            return ("+" if value > 0 else "") + format_number(value)
        return format_number(value)


class ConditionsModel(QAbstractTableModel):
    """Columns: condition, actual, required."""

    def __init__(self) -> None:
        super().__init__()
        self._conditions: tuple[Condition, ...] = ()

    def update(self, conditions: tuple[Condition, ...]) -> None:
        self.beginResetModel()
        self._conditions = conditions
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._conditions)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 3

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            names = (_("Condition"), _("Actual"), _("Required"))
            return names[section] if 0 <= section < 3 else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._conditions):
            return None
        c = self._conditions[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.ForegroundRole and column == 0:
            return QBrush(PASS if c.passed else FAIL)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return ("✓ " if c.passed else "✗ ") + condition_label(c.code)
        value = c.actual if column == 1 else c.required
        if isinstance(value, str):
            return value
        text = format_number(value)
        if column == 1 and not c.passed and text == format_number(c.required):
            text = format_number(value, 6)  # the rounded value would look like a pass
        return text
