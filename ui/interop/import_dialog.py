"""Importing a unit's filled LKE Excel workbook: the preview is a diff of the chosen tier.

Problems come first (values that are not imported, counts above their total), then what to
check, what was not found, every answer and note that changes (now → from the workbook), what
the workbook leaves blank, and — collapsed, with a count — what stays as it is. Nothing is
written until Import; answers and notes the workbook leaves blank are kept unless the
evaluator ticks the box that clears them. Every text comes from the workbook and is shown as
plain text (tree items are never rich text).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zi_desktop.errors import UserFacingError
from zi_desktop.i18n import _, ngettext
from zi_desktop.services import interop
from zi_desktop.services.excel_diff import Finding, ItemChange
from zi_desktop.services.interop import ExcelImportPreview, TierChanges

from ..dialogs import get_service
from ..ops import OpHandle, Progress, run_op
from ..styles import ERROR_STYLE
from ..widgets.plain_text import PlainLabel

if TYPE_CHECKING:
    from zi_desktop.services.workspace import Workspace

T = TypeVar("T")
PROBLEM_COLOUR = QColor("#b3261e")
SECTIONS = ("problems", "warnings", "unmatched", "changes", "blank", "unchanged")


class ExcelImportDialog(QDialog):
    """Choose the tier, read the diff, import. :attr:`changes` holds the changes made."""

    def __init__(
        self, workspace: Workspace, unit_code: str, path: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace, self.unit_code, self.path = workspace, unit_code, path
        self.preview: ExcelImportPreview | None = None
        self.changes: TierChanges | None = None
        self.last_op: OpHandle[Any] | None = None
        self.sections: dict[str, QTreeWidgetItem] = {}
        self.intro, self.problem, self.summary = PlainLabel(), PlainLabel(), PlainLabel()
        self.tier_label = QLabel()  # a mnemonic: it has its buddy
        for label in (self.intro, self.problem, self.summary):
            label.setWordWrap(True)
        self.sheet_label, self.sheet = QLabel(), QComboBox()  # shown when several sheets fit
        self.sheet_label.setBuddy(self.sheet)
        self.chosen_sheet: str | None = None
        self.problem.setStyleSheet(ERROR_STYLE)
        self.tier = QComboBox()
        self.tier_label.setBuddy(self.tier)
        self.diff = QTreeWidget()
        self.diff.setColumnCount(4)
        self.diff.setRootIsDecorated(True)
        self.diff.setUniformRowHeights(True)
        self.diff.setMinimumHeight(280)
        header = self.diff.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.clear_blank = QCheckBox()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        form = QFormLayout()
        form.addRow(self.tier_label, self.tier)
        form.addRow(self.sheet_label, self.sheet)
        self.sheet_row = form
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.diff, 1)
        layout.addWidget(self.clear_blank)
        layout.addWidget(self.summary)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(760)
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        self.clear_blank.toggled.connect(lambda _on: self._show_counts())
        self.retranslate_ui()
        self.tier.currentIndexChanged.connect(lambda _i: self.refresh())
        self.sheet.activated.connect(self._sheet_chosen)
        self._show_sheets([])
        self.refresh()

    def retranslate_ui(self) -> None:
        title = _("Import from an LKE Excel workbook: {unit}")
        self.setWindowTitle(title.format(unit=self.unit_code))
        self.intro.setText(
            _(
                "{file}\nWhat the import changes in the chosen tier. Values listed as problems "
                "and questions not found leave the tier as it is; nothing is written until you "
                "confirm."
            ).format(file=self.path)
        )
        self.tier_label.setText(_("&Into:"))
        self.sheet_label.setText(_("&Sheet:"))
        current = self.tier.currentData()
        self.tier.blockSignals(True)
        self.tier.clear()
        self.tier.addItem(_("the unit's self-assessment"), "unit")
        self.tier.addItem(_("the evaluator's answers (TPI)"), "tpi")
        self.tier.setCurrentIndex(max(self.tier.findData(current), 0))
        self.tier.blockSignals(False)
        self.diff.setHeaderLabels([_("Item"), _("Row"), _("Now"), _("From the workbook")])
        self.import_button.setText(_("Import"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self._show_counts()

    def chosen_tier(self) -> str:
        return str(self.tier.currentData())

    def refresh(self) -> None:
        """Read the workbook again for the chosen tier, in the background (nothing written)."""
        self.preview = None
        self.diff.clear()
        self.sections.clear()
        self.summary.setText(_("Reading the workbook…"))
        self.problem.setText("")
        ws, code, tier, path = self.workspace, self.unit_code, self.chosen_tier(), self.path
        sheet = self.chosen_sheet

        def work(_progress: Progress) -> ExcelImportPreview:
            return interop.excel_import_preview(ws, code, tier, path, sheet=sheet)

        self._start(work, self._previewed, _("Reading {file}…").format(file=path.name))

    # -- the diff ----------------------------------------------------------------------------
    def _previewed(self, preview: ExcelImportPreview) -> None:
        self.preview = preview
        diff = preview.diff
        self.diff.clear()
        self.sections.clear()
        self._findings("problems", _("Problems: not imported, or to check"), diff.problems, True)
        self._findings("warnings", _("Please check"), diff.warnings, False)
        self._findings(
            "unmatched", _("Not found in the workbook: left as they are"), diff.unmatched, False
        )
        self._changes("changes", _("Will change"), diff.changes, expanded=True)
        self._changes("blank", _("Blank in the workbook"), diff.blank, expanded=True)
        self._changes("unchanged", _("Unchanged"), diff.unchanged, expanded=False)
        for column in (0, 1, 2):
            self.diff.resizeColumnToContents(column)
        self._show_sheets(preview.plan.sheets, preview.plan.sheet)
        if not preview.plan.answers and not preview.plan.notes:
            self.problem.setText(_("No answer or note was found in this workbook."))
        elif preview.plan.ambiguous and self.chosen_sheet is None:
            self.problem.setText(
                _("Several sheets look like an LKE: check that the chosen sheet is the one.")
            )
        self._show_counts()

    def _show_sheets(self, names: list[str], current: str = "") -> None:
        """The sheet list: the sheets that look like an LKE, shown when there are several."""
        self.sheet.blockSignals(True)
        self.sheet.clear()
        for name in names:
            self.sheet.addItem(name, name)
        self.sheet.setCurrentIndex(max(self.sheet.findData(current), 0))
        self.sheet.blockSignals(False)
        self.sheet_row.setRowVisible(self.sheet, len(names) > 1)

    def _sheet_chosen(self, index: int) -> None:
        self.chosen_sheet = str(self.sheet.itemData(index))
        self.refresh()

    def _section(self, key: str, title: str, count: int, expanded: bool) -> QTreeWidgetItem:
        section = QTreeWidgetItem([f"{title} ({count})"])
        font = QFont(section.font(0))
        font.setBold(True)
        section.setFont(0, font)
        section.setFirstColumnSpanned(True)
        self.diff.addTopLevelItem(section)
        section.setFirstColumnSpanned(True)
        section.setExpanded(expanded)
        self.sections[key] = section
        return section

    def _findings(self, key: str, title: str, found: Sequence[Finding], problem: bool) -> None:
        if not found:
            return
        section = self._section(key, title, len(found), expanded=True)
        for f in found:
            row = "" if f.row is None else str(f.row)
            child = QTreeWidgetItem(section, [f.node_id, row, "", f.message])
            if problem:
                for column in range(4):
                    child.setForeground(column, QBrush(PROBLEM_COLOUR))

    def _changes(self, key: str, title: str, changes: Sequence[ItemChange], expanded: bool) -> None:
        if not changes:
            return
        section = self._section(key, title, len(changes), expanded)
        for c in changes:
            what = c.node_id if c.what == "answer" else _("{item} (note)").format(item=c.node_id)
            row = "" if c.row is None else str(c.row)
            QTreeWidgetItem(section, [what, row, c.old, c.new])

    def diff_text(self) -> str:
        """Every line of the diff as shown, sections and items (for copying and tests)."""
        lines = []
        for n in range(self.diff.topLevelItemCount()):
            section = self.diff.topLevelItem(n)
            assert section is not None  # n is below the count
            lines.append(section.text(0))
            for k in range(section.childCount()):
                child = section.child(k)
                assert child is not None
                lines.append("  " + "  ".join(child.text(c) for c in range(4)).rstrip())
        return "\n".join(lines)

    def _show_counts(self) -> None:
        preview = self.preview
        if preview is None:
            self.clear_blank.setText(
                _("Also clear the answers and notes the workbook leaves blank")
            )
            self.clear_blank.setEnabled(False)
            return
        blanks = len(preview.diff.blank)
        self.clear_blank.setText(
            ngettext(
                "Also clear the {count} answer or note the workbook leaves blank",
                "Also clear the {count} answers and notes the workbook leaves blank",
                blanks,
            ).format(count=blanks)
        )
        self.clear_blank.setEnabled(blanks > 0)
        clearing = self.clear_blank.isChecked() and blanks > 0
        blank = self.sections.get("blank")
        if blank is not None:
            cleared, kept = (
                _("Blank in the workbook: will be cleared"),
                _("Blank in the workbook: kept as they are"),
            )
            blank.setText(0, f"{cleared if clearing else kept} ({blanks})")
        changes = preview.changes_clearing if clearing else preview.changes
        self.summary.setText(
            _(
                "Import sets {answers} answers and {notes} notes and clears {cleared} answers "
                "and {notes_cleared} notes; {unchanged} stay as they are."
            ).format(
                answers=changes.answers_set,
                notes=changes.notes_set,
                cleared=changes.answers_cleared,
                notes_cleared=changes.notes_cleared,
                unchanged=len(preview.diff.unchanged),
            )
        )

    # -- importing ---------------------------------------------------------------------------
    def apply(self) -> None:
        preview, tier = self.preview, self.chosen_tier()
        if preview is None:
            return
        ws, code = self.workspace, self.unit_code
        clear = self.clear_blank.isChecked()

        def work(_progress: Progress) -> TierChanges:
            return interop.apply_excel_import(ws, code, tier, preview.plan, clear_blank=clear)

        self._start(work, self._applied, _("Importing into {unit}…").format(unit=code))

    def _applied(self, done: TierChanges) -> None:
        self.changes = done
        self.accept()

    def _start(
        self, work: Callable[[Progress], T], on_success: Callable[[T], None], title: str
    ) -> None:
        self.last_op = run_op(self, work, on_success, self._failed, title=title)
        self.last_op.sig_finished.connect(lambda _outcome: self._update_buttons())
        self._update_buttons()

    def _update_buttons(self) -> None:
        busy = self.last_op is not None and not self.last_op.is_finished()
        self.import_button.setEnabled(self.preview is not None and not busy)
        self.tier.setEnabled(not busy)
        self.sheet.setEnabled(not busy)
        self.clear_blank.setEnabled(
            not busy and self.preview is not None and bool(self.preview.diff.blank)
        )

    def _failed(self, error: BaseException) -> None:
        message = error.message if isinstance(error, UserFacingError) else str(error)
        self.diff.clear()
        self.sections.clear()
        self.summary.setText("")
        self.problem.setText(message)
        get_service().error(self, message, getattr(error, "details", ""))
