"""The main window's sync menu entries: identity and keys, send a package, receive one, the
coordinator's intake address, what was sent, and uploads to continue after a restart."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from zi_desktop.errors import UserFacingError
from zi_desktop.i18n import _

from ..dialogs import get_service

if TYPE_CHECKING:
    from zi_desktop.services.identity import Unlock
    from zi_desktop.services.sync.values import PackageSummary
    from zi_desktop.services.workspace import Workspace

    from .deliveries_dialog import DeliveriesDialog
    from .import_flow import ImportFlow
    from .upload_dialog import UploadDialog

JOURNAL = ".journal"


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


def edit_intake_address(parent: QWidget, workspace: Workspace) -> None:
    """Ask for the coordinator's intake address (empty: packages are carried by hand)."""
    from zi_desktop.services.delivery import intake_address, set_intake_address

    text = get_service().ask_text(
        parent,
        _("Coordinator's intake"),
        _("Address of the coordinator's intake (for example https://host:8765); empty: none:"),
        intake_address(workspace),
    )
    if text is None:
        return
    try:
        set_intake_address(workspace, text)
    except UserFacingError as bad:
        get_service().error(parent, bad.message)


def upload_written(
    parent: QWidget | None,
    workspace: Workspace,
    package: Path,
    unlock: Unlock,
    identity_dir: Path | None = None,
) -> UploadDialog | None:
    """Send a package just written, when the coordinator's intake address is set."""
    from zi_desktop.services.delivery import intake_address

    from .upload_dialog import UploadDialog

    server = intake_address(workspace)
    if not server:
        return None
    dialog = UploadDialog(
        workspace, package, server, unlock, identity_dir=identity_dir, parent=parent
    )
    dialog.show()
    dialog.start()
    return dialog


def upload_package_file(
    parent: QWidget, workspace: Workspace, package: Path
) -> UploadDialog | None:
    """Send a package file (asks for the passphrase); says why when it cannot."""
    from zi_desktop.services.delivery import intake_address

    from .common import ask_passphrase

    if not intake_address(workspace):
        get_service().info(
            parent,
            _("Coordinator's intake"),
            _(
                "No intake address is set (File → Coordinator's intake…): carry the package by "
                "hand, or set the address first."
            ),
        )
        return None
    if not package.is_file():
        get_service().error(parent, _("The package file {path} is gone.").format(path=package))
        return None
    passphrase = ask_passphrase(parent, _("Send to the coordinator"))
    return upload_written(parent, workspace, package, passphrase) if passphrase else None


def pending_uploads(workspace: Workspace) -> list[Path]:
    """Packages in the exports folder whose upload was started and not finished."""
    from zi_desktop.transfer.journal import pending

    found = [Path(str(j)[: -len(JOURNAL)]) for j in pending(workspace.layout.exports)]
    return [p for p in found if p.is_file()]


def resume_uploads(parent: QWidget, workspace: Workspace) -> list[UploadDialog]:
    """Continue the uploads an earlier run of the app left unfinished (one passphrase)."""
    packages = pending_uploads(workspace)  # cheap: a look at the exports folder
    if not packages:
        return []
    from zi_desktop.services.delivery import intake_address

    from .common import ask_passphrase

    if not intake_address(workspace):
        return []
    passphrase = ask_passphrase(parent, _("Continue sending packages to the coordinator"))
    if not passphrase:
        return []
    dialogs = [upload_written(parent, workspace, p, passphrase) for p in packages]
    return [d for d in dialogs if d is not None]


def show_deliveries(parent: QWidget, workspace: Workspace, unit_code: str) -> DeliveriesDialog:
    from .deliveries_dialog import DeliveriesDialog

    dialog = DeliveriesDialog(workspace, unit_code, parent=parent)
    dialog.show()
    return dialog
