"""The main window's sync menu entries: identity and keys, send a package, receive one."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from zi_desktop.i18n import _
from zi_desktop.services.workspace import Workspace

from ..dialogs import get_service
from .export_dialog import ExportDialog
from .identity_dialog import IdentityDialog
from .import_flow import ImportFlow, import_package_flow


def show_identity(parent: QWidget, workspace: Workspace) -> None:
    IdentityDialog(workspace, parent=parent).exec()


def send_package(parent: QWidget, workspace: Workspace, unit_code: str) -> None:
    if unit_code:
        ExportDialog(workspace, unit_code, parent=parent).exec()


def receive_package(parent: QWidget, workspace: Workspace) -> ImportFlow | None:
    files = get_service().open_files(parent, _("Receive a package"), _("ZI packages (*.zisync)"))
    return import_package_flow(parent, workspace, files[0]) if files else None
