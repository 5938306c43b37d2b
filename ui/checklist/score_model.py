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

Index = QModelIndex | QPersistentModelIndex
PASS, FAIL = QColor("#1b6e20"), QColor("#b3261e")


def condition_label(code: str) -> str:
    if code.startswith("area_"):
        return _("Area {number}").format(number=code.removeprefix("area_"))
    return {
        "total": _("Total score"),
        "pengungkit": _("Pengungkit"),
        "bersih_akuntabel": _("Clean and accountable bureaucracy (B.I)"),
        "ipak": _("IPAK"),
        "capaian_kinerja": _("Performance achievement"),
        "pelayanan_prima": _("Excellent public service (B.II)"),
        "predikat_wbk": _("Holds Menuju WBK"),
    }[code]


class ScoreTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[tuple[str, Fraction, Fraction, Fraction | None]] = []

    def update(self, unit: ScoreResult, tpi: ScoreResult) -> None:
        self.beginResetModel()
        rows: list[tuple[str, Fraction, Fraction, Fraction | None]] = []
        for number in sorted(tpi.areas):
            a_unit, a_tpi = unit.areas[number], tpi.areas[number]
            rows.append(
                (_("Area {number}").format(number=number), a_unit.total, a_tpi.total, a_tpi.percent)
            )
        rows.append((_("Pengungkit"), unit.pengungkit, tpi.pengungkit, tpi.pengungkit * 100 / 60))
        rows.append((_("Hasil"), unit.hasil, tpi.hasil, tpi.hasil * 100 / 40))
        rows.append((_("Total"), unit.total, tpi.total, None))
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 4

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            names = (_("Unit"), _("TPI"), _("Δ"), _("% TPI"))
            return names[section] if 0 <= section < 4 else None
        return self._rows[section][0] if 0 <= section < len(self._rows) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        _label, unit, tpi, percent = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == 2 and tpi != unit:
            return QBrush(FAIL if tpi < unit else PASS)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return format_number(unit)
        if column == 1:
            return format_number(tpi)
        if column == 2:
            diff = tpi - unit
            return ("+" if diff > 0 else "") + format_number(diff)
        return "" if percent is None else format_number(percent)


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
