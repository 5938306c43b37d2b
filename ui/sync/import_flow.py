"""Receiving a package: verify in the background, show who signed it, confirm a new
coordinator key by its fingerprint, import in the background; :func:`result_text` says what
changed (the window shows it in its notice bar, and shows the new state on every screen).

A refused package is reported with its reason sentence (the code and the detail go behind the
error dialog's expander).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from zi_desktop.errors import UserFacingError
from zi_desktop.i18n import _, ngettext
from zi_desktop.services.sync.importer import import_package, verify_package
from zi_desktop.services.sync.text import package_lines
from zi_desktop.services.sync.values import ImportResult, PackageSummary

from ..dialogs import get_service
from ..ops import OpHandle, Progress, run_op

if TYPE_CHECKING:
    from zi_desktop.services.workspace import Workspace

T = TypeVar("T")
_flows: set[ImportFlow] = set()  # keeps each flow alive until it has finished


class ImportFlow(QObject):
    """One package being received.

    Signals:
        sig_done(str): ``"imported"``, ``"unchanged"``, ``"refused"``, ``"declined"`` or
            ``"failed"`` (``"failed"`` also when cancelled).
    """

    sig_done = Signal(str)

    def __init__(
        self, parent: QWidget, workspace: Workspace, path: Path, identity_dir: Path | None
    ) -> None:
        super().__init__()
        self.parent_widget, self.workspace = parent, workspace
        self.path, self.identity_dir = Path(path), identity_dir
        self.summary: PackageSummary | None = None
        self.result: ImportResult | None = None
        self.outcome: str | None = None
        self.last_op: OpHandle[Any] | None = None

    def start(self) -> None:
        _flows.add(self)
        ws, path, folder = self.workspace, self.path, self.identity_dir

        def work(progress: Progress) -> PackageSummary:
            return verify_package(
                path,
                ws=ws,
                identity_folder=folder,
                progress=progress.report,
                cancel=progress.cancelled,
            )

        self._run(work, self._verified, _("Checking the package…"))

    def _run(
        self, work: Callable[[Progress], T], on_success: Callable[[T], None], title: str
    ) -> None:
        handle = run_op(self.parent_widget, work, on_success, self._refused, title=title)
        handle.sig_finished.connect(self._op_finished)
        self.last_op = handle

    def _op_finished(self, outcome: str) -> None:
        if outcome != "succeeded" and self.outcome is None:
            self._done("failed")

    def _verified(self, summary: PackageSummary) -> None:
        self.summary = summary
        service, parent = get_service(), self.parent_widget
        title = _("Receive a package")
        details = "\n".join(package_lines(summary))
        if summary.already_imported:
            service.info(
                parent,
                title,
                _("This package was imported already; nothing changed.") + "\n\n" + details,
            )
            self._done("unchanged")
            return
        accept_key: str | None = None
        if summary.trusted_as == "first-use":
            question = _(
                "First assignment from a coordinator: {name}\n\nKey fingerprint:\n"
                "{fingerprint}\n\nCompare it with the coordinator (by phone or in person). "
                "Does it match?"
            ).format(name=summary.signer.name, fingerprint=summary.signer.fingerprint)
            if not service.confirm(parent, title, question + "\n\n" + details):
                self._declined()
                return
            accept_key = summary.signer.key_id
        else:
            question = _("The package is valid. Import it?")
            if not service.confirm(parent, title, question + "\n\n" + details):
                self._declined()
                return
        self._import(accept_key)

    def _import(self, accept_key: str | None) -> None:
        ws, path, folder = self.workspace, self.path, self.identity_dir

        def work(progress: Progress) -> ImportResult:
            return import_package(
                ws,
                path,
                accept_key=accept_key,
                identity_folder=folder,
                progress=progress.report,
                cancel=progress.cancelled,
            )

        self._run(work, self._imported, _("Importing the package…"))

    def _imported(self, result: ImportResult) -> None:
        self.result = result  # the window says what changed (result_text), without a box
        self._done("unchanged" if result.already_imported else "imported")

    def _refused(self, error: BaseException) -> None:
        # NeedsPin (a UserFacingError) too: when the pin went away after the check
        message = error.message if isinstance(error, UserFacingError) else str(error)
        reason = getattr(error, "reason", None)
        if reason is not None:
            message = _("The package was refused. {reason}").format(reason=message)
            details = f"{reason.value}: {getattr(error, 'detail', '')}".rstrip(": ")
        else:
            details = error.details if isinstance(error, UserFacingError) else ""
        get_service().error(self.parent_widget, message, details)
        self._done("refused")

    def _declined(self) -> None:
        get_service().info(self.parent_widget, _("Receive a package"), _("Nothing was imported."))
        self._done("declined")

    def _done(self, outcome: str) -> None:
        if self.outcome is not None:
            return
        self.outcome = outcome
        _flows.discard(self)
        self.sig_done.emit(outcome)


def result_text(result: ImportResult) -> str:
    s = result.summary
    if result.already_imported:
        return _("Already imported (sequence {sequence} from {name}); nothing changed.").format(
            sequence=s.sequence, name=s.signer.name
        )
    lines = []
    if result.pinned:
        lines.append(
            _("Coordinator key pinned: {fingerprint}").format(fingerprint=s.signer.fingerprint)
        )
    lines.append(
        _("Imported from {name}: {units}.").format(
            name=s.signer.name, units=", ".join(u.code for u in s.units)
        )
    )
    if result.units_created:
        lines.append(_("New units: {units}.").format(units=", ".join(result.units_created)))
    if result.taken == 0 and result.removed == 0 and result.conflicts == 0:
        lines.append(_("Nothing changed: this workspace already had the same answers."))
    else:
        lines.append(
            ngettext("{count} record taken.", "{count} records taken.", result.taken).format(
                count=result.taken
            )
        )
        if result.removed:
            lines.append(
                ngettext(
                    "{count} record removed.", "{count} records removed.", result.removed
                ).format(count=result.removed)
            )
        lines.append(
            ngettext(
                "{count} conflict kept for review.",
                "{count} conflicts kept for review.",
                result.conflicts,
            ).format(count=result.conflicts)
        )
    return "\n".join(lines)


def import_package_flow(
    parent: QWidget, workspace: Workspace, path: Path, identity_dir: Path | None = None
) -> ImportFlow:
    """Start receiving the package at ``path``; the flow reports through dialogs and
    :attr:`ImportFlow.sig_done`."""
    flow = ImportFlow(parent, workspace, path, identity_dir)
    flow.start()
    return flow
