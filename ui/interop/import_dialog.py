"""Importing a unit's filled LKE Excel workbook: the preview (what will be imported, what was
not found, values that look wrong) for the chosen tier, and nothing written until confirmed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from zi_desktop.errors import UserFacingError
from zi_desktop.i18n import _
from zi_desktop.services import interop
from zi_desktop.services.interop import ExcelImportPreview, TierChanges

from ..dialogs import get_service
from ..ops import OpHandle, Progress, run_op
from ..styles import ERROR_STYLE

if TYPE_CHECKING:
    from zi_desktop.services.workspace import Workspace

T = TypeVar("T")


class ExcelImportDialog(QDialog):
    """Choose the tier, read the preview, import. :attr:`changes` holds the changes made."""

    def __init__(
        self, workspace: Workspace, unit_code: str, path: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace, self.unit_code, self.path = workspace, unit_code, path
        self.preview: ExcelImportPreview | None = None
        self.changes: TierChanges | None = None
        self.last_op: OpHandle[Any] | None = None
        self.intro, self.problem, self.tier_label = QLabel(), QLabel(), QLabel()
        self.sheet_label, self.sheet = QLabel(), QComboBox()  # shown when several sheets fit
        self.sheet_label.setBuddy(self.sheet)
        self.chosen_sheet: str | None = None
        self.intro.setWordWrap(True)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ERROR_STYLE)
        self.tier = QComboBox()
        self.tier_label.setBuddy(self.tier)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details.setMinimumHeight(320)
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
        layout.addWidget(self.details, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(760)
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
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
                "{file}\nCheck what will be imported. The tier's answers and notes are replaced "
                "by the workbook's; nothing is written until you confirm."
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
        self.import_button.setText(_("Import"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))

    def chosen_tier(self) -> str:
        return str(self.tier.currentData())

    def refresh(self) -> None:
        """Read the workbook again for the chosen tier, in the background (nothing written)."""
        self.preview = None
        self.details.setPlainText(_("Reading the workbook…"))
        self.problem.setText("")
        ws, code, tier, path = self.workspace, self.unit_code, self.chosen_tier(), self.path
        sheet = self.chosen_sheet

        def work(_progress: Progress) -> ExcelImportPreview:
            return interop.excel_import_preview(ws, code, tier, path, sheet=sheet)

        self._start(work, self._previewed, _("Reading {file}…").format(file=path.name))

    def _previewed(self, preview: ExcelImportPreview) -> None:
        self.preview = preview
        self.details.setPlainText("\n".join(preview.lines))
        self._show_sheets(preview.plan.sheets, preview.plan.sheet)
        if not preview.plan.answers and not preview.plan.notes:
            self.problem.setText(_("No answer or note was found in this workbook."))
        elif preview.plan.ambiguous and self.chosen_sheet is None:
            self.problem.setText(
                _("Several sheets look like an LKE: check that the chosen sheet is the one.")
            )

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

    def apply(self) -> None:
        preview, tier = self.preview, self.chosen_tier()
        if preview is None:
            return
        ws, code = self.workspace, self.unit_code

        def work(_progress: Progress) -> TierChanges:
            return interop.apply_excel_import(ws, code, tier, preview.plan)

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

    def _failed(self, error: BaseException) -> None:
        message = error.message if isinstance(error, UserFacingError) else str(error)
        self.details.setPlainText("")
        self.problem.setText(message)
        get_service().error(self, message, getattr(error, "details", ""))
