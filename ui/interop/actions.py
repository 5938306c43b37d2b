"""The main window's workbook entries: import a unit's LKE Excel workbook (with a preview),
export the official workbook and the PortalRB answer file. Each runs in the background.

The workbook code (calamine, openpyxl) is imported on first use, not when the window starts.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from zi_desktop.i18n import _

from ..dialogs import file_stem, get_service
from ..ops import Progress, run_op

if TYPE_CHECKING:
    from zi_desktop.services.interop import TierChanges
    from zi_desktop.services.workspace import Workspace


def import_excel(parent: QWidget, workspace: Workspace, code: str) -> TierChanges | None:
    """Ask for a workbook, show the preview, import when confirmed; the changes made."""
    from .import_dialog import ExcelImportDialog

    files = get_service().open_files(
        parent,
        _("Import from an LKE Excel workbook"),
        _("Workbooks (*.xlsx *.xlsm *.xls *.xlsb *.ods)"),
    )
    if not files:
        return None
    dialog = ExcelImportDialog(workspace, code, files[0], parent)
    dialog.exec()
    return dialog.changes


def export(
    parent: QWidget,
    workspace: Workspace,
    code: str,
    kind: str,
    on_written: Callable[[Path], None] | None = None,
) -> None:
    """Write the unit's LKE workbook (``kind`` "excel") or PortalRB file ("portalrb");
    ``on_written`` (else a message box) says where once it is written."""
    if kind == "excel":
        title, suffix = _("Export the LKE Excel workbook"), ".xlsx"
        name_filter = _("Excel workbooks (*.xlsx)")
    else:
        title, suffix = _("Export the PortalRB answer file"), "-portalrb.json"
        name_filter = _("JSON files (*.json)")
    suggested = workspace.layout.exports / f"LKE-{file_stem(code)}-{date.today():%Y%m%d}{suffix}"
    target = get_service().save_file(parent, title, suggested, name_filter)
    if target is None:
        return

    def work(_progress: Progress) -> Path:
        from zi_desktop.services import interop

        target.parent.mkdir(parents=True, exist_ok=True)
        if kind == "excel":
            interop.excel_export(workspace, code, target)
        else:
            interop.portalrb_export(workspace, code, target)
        return target

    def written(path: Path) -> None:
        if on_written is not None:
            on_written(path)
        else:
            get_service().info(parent, title, _("Written: {path}").format(path=path))

    run_op(parent, work, written, title=title, cancellable=False)
