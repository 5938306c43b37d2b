"""The main window's sync menu entries: identity and keys, send a package, receive one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from zi_desktop.i18n import _

from ..dialogs import get_service

if TYPE_CHECKING:
    from zi_desktop.services.sync_values import PackageSummary
    from zi_desktop.services.workspace import Workspace

    from .import_flow import ImportFlow


def show_identity(parent: QWidget, workspace: Workspace) -> None:
    from .identity_dialog import IdentityDialog

    IdentityDialog(workspace, parent=parent).exec()


def send_package(parent: QWidget, workspace: Workspace, unit_code: str) -> PackageSummary | None:
    """The package written for ``unit_code``, or None when nothing was written."""
    from .export_dialog import ExportDialog

    if not unit_code:
        return None
    dialog = ExportDialog(workspace, unit_code, parent=parent)
    dialog.exec()
    return dialog.written


def receive_package(parent: QWidget, workspace: Workspace) -> ImportFlow | None:
    from .import_flow import import_package_flow

    files = get_service().open_files(parent, _("Receive a package"), _("ZI packages (*.zisync)"))
    return import_package_flow(parent, workspace, files[0]) if files else None
