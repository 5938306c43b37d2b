"""Table models of the score panel: areas side by side for both tiers, and the conditions.

:class:`ScoreTableModel` rows: the six areas, Pengungkit, Hasil, Total; columns: nilai unit,
nilai TPI, difference (TPI − unit), percent TPI. :class:`ConditionsModel` lists one
predikat's conditions with ✓/✗, actual and required.

Both format their cells once per update and tell the views only which cells changed, so an
answer repaints the few numbers it moved instead of every cell of three tables.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from zi_desktop.formatting import format_number
from zi_desktop.i18n import _
from zi_desktop.services.checklist import condition_label
from zi_desktop.values.scores import Condition, ScoreResult

Index = QModelIndex | QPersistentModelIndex
PASS, FAIL = QColor("#1b6e20"), QColor("#b3261e")
Cell = tuple[str | None, QColor | None]  # text and text colour
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
DISPLAY, FOREGROUND = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole
ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole


class _CellTable(QAbstractTableModel):
    """A read-only table of formatted cells, replaced as a whole by :meth:`_set_cells`."""

    def __init__(self, columns: int, alignment: tuple[int | None, ...]) -> None:
        super().__init__()
        self._columns = columns
        self._alignment = alignment
        self._cells: list[tuple[Cell, ...]] = []

    def _set_cells(self, cells: list[tuple[Cell, ...]]) -> None:
        if len(cells) != len(self._cells):
            self.beginResetModel()
            self._cells = cells
            self.endResetModel()
            return
        before, self._cells = self._cells, cells
        for row, (old, new) in enumerate(zip(before, cells, strict=True)):
            if old != new:  # announce the span of changed cells of this row, nothing more
                moved = [c for c, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
                self.dataChanged.emit(self.index(row, moved[0]), self.index(row, moved[-1]))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._cells)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._columns

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        # Called for every role of every visible cell at each repaint: cheap checks first.
        if role != DISPLAY and role != FOREGROUND and role != ALIGNMENT:
            return None
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._cells):
            return None
        text, colour = self._cells[row][index.column()]
        if role == DISPLAY:
            return text
        if role == FOREGROUND:
            return None if colour is None else QBrush(colour)
        return self._alignment[index.column()]


class ScoreTableModel(_CellTable):
    """Rows: the six areas, Pengungkit, Hasil, Total. Columns: pemenuhan, reform and total of
    the unit's self-assessment, the same for the TPI, the difference of the totals (TPI −
    unit) and the TPI percent of the row's weight."""

    HEADERS = ("Unit P", "Unit R", "Unit", "TPI P", "TPI R", "TPI", "Δ", "%")

    def __init__(self) -> None:
        super().__init__(len(self.HEADERS), (RIGHT,) * len(self.HEADERS))
        self._labels: list[str] = []

    def update(self, unit: ScoreResult, tpi: ScoreResult) -> None:
        labels: list[str] = []
        rows: list[tuple[Fraction | None, ...]] = []
        for number in sorted(tpi.areas):
            u, t = unit.areas[number], tpi.areas[number]
            labels.append(_("Area {number}").format(number=number))
            rows.append(
                (
                    u.pemenuhan,
                    u.reform,
                    u.total,
                    t.pemenuhan,
                    t.reform,
                    t.total,
                    t.total - u.total,
                    t.percent,
                )
            )
        labels.append(_("Pengungkit"))
        gap = tpi.pengungkit - unit.pengungkit
        rows.append(
            (
                unit.pemenuhan,
                unit.reform,
                unit.pengungkit,
                tpi.pemenuhan,
                tpi.reform,
                tpi.pengungkit,
                gap,
                tpi.pengungkit * 100 / 60,
            )
        )
        labels.append(_("Hasil"))
        rows.append(
            (
                None,
                None,
                unit.hasil,
                None,
                None,
                tpi.hasil,
                tpi.hasil - unit.hasil,
                tpi.hasil * 100 / 40,
            )
        )
        labels.append(_("Total"))
        rows.append(
            (None, None, unit.total, None, None, tpi.total, tpi.total - unit.total, tpi.total)
        )
        if labels != self._labels:
            self._labels = labels
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, len(labels) - 1)
        self._set_cells([tuple(_score_cell(c, v) for c, v in enumerate(row)) for row in rows])

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.HEADERS[section]
            if role == Qt.ItemDataRole.ToolTipRole:
                tips = (
                    _("Unit: pemenuhan"),
                    _("Unit: reform"),
                    _("Unit: total"),
                    _("TPI: pemenuhan"),
                    _("TPI: reform"),
                    _("TPI: total"),
                    _("Difference of the totals (TPI − unit)"),
                    _("TPI total as a percent of the weight"),
                )
                return tips[section]
            return None
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return self._labels[section] if 0 <= section < len(self._labels) else None
        return None


def _score_cell(column: int, value: Fraction | None) -> Cell:
    if value is None:
        return None, None
    if column == 6:  # the difference, signed and coloured
        colour = (FAIL if value < 0 else PASS) if value else None
        return ("+" if value > 0 else "") + format_number(value), colour
    return format_number(value), None


class ConditionsModel(_CellTable):
    """Columns: condition, actual, required."""

    def __init__(self) -> None:
        super().__init__(3, (None, None, None))

    def update(self, conditions: tuple[Condition, ...]) -> None:
        self._set_cells([_condition_row(c) for c in conditions])

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            names = (_("Condition"), _("Actual"), _("Required"))
            return names[section] if 0 <= section < 3 else None
        return None


def _condition_row(c: Condition) -> tuple[Cell, ...]:
    label = ("✓ " if c.passed else "✗ ") + condition_label(c.code)
    return (label, PASS if c.passed else FAIL), (_actual(c), None), (_text(c.required), None)


def _text(value: Fraction | str) -> str:
    return value if isinstance(value, str) else format_number(value)


def _actual(c: Condition) -> str:
    text = _text(c.actual)
    if not c.passed and not isinstance(c.actual, str) and text == _text(c.required):
        text = format_number(c.actual, 6)  # the rounded value would look like a pass
    return text
