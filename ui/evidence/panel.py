"""The evidence panel (data dukung) of one LKE item and tier: list, add, open, caption, remove.

Adding stores each file in the workspace's content-addressed store in the background (hashing
a large file takes a while), with progress and cancel; files dropped on the panel are added
the same way. The unit's own evidence is shown read-only: it can be opened, nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import (
    QAction,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
    QPalette,
)
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QVBoxLayout, QWidget

from zi_desktop.errors import UserFacingError
from zi_desktop.i18n import _, ngettext
from zi_desktop.values.views import EvidenceView

from ..dialogs import get_service
from ..ops import OpHandle, run_op
from ..widgets.actions import make_action
from ..widgets.drops import dropped_paths
from ..widgets.language import follow_language
from ..widgets.plain_text import PlainLabel
from .attach import AttachResult, attach_files
from .model import EvidenceTableModel
from .opener import open_with_system, viewer_copy
from .table import EvidenceTable

if TYPE_CHECKING:
    from zi_desktop.services.workspace import Workspace

EVIDENCE_FILTER_PATTERNS = (
    "*.pdf *.jpg *.jpeg *.png *.webp *.heic *.heif *.doc *.docx *.xls *.xlsx *.ppt *.pptx "
    "*.odt *.ods *.odp *.txt *.csv"
)


class EvidencePanel(QWidget):
    """The evidence files of one item; see :meth:`show_item`.

    Signals:
        sig_changed(): evidence was added, removed or re-captioned (scores may refresh).
    """

    sig_changed = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.key = ("", "", "")  # unit code, tier, node id
        self.read_only = True
        self.busy: OpHandle[AttachResult] | None = None
        self.model = EvidenceTableModel(self)
        self.title, self.hint, self.view = PlainLabel(), PlainLabel(), EvidenceTable(self.model)
        self.hint.setWordWrap(True)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.action_add = make_action(self, self.add_with_dialog, "Ctrl+Shift+A", window_wide=True)
        self.action_open = make_action(self, self.open_selected)
        self.action_caption = make_action(self, self.edit_caption, "F2")
        self.action_remove = make_action(
            self, self.remove_selected, QKeySequence.StandardKey.Delete
        )
        self.buttons: dict[QAction, QToolButton] = {}
        self._layout()
        self.setAcceptDrops(True)
        self.view.activated.connect(self.open_selected)
        self.view.selectionModel().selectionChanged.connect(self._update_state)
        self.model.modelReset.connect(self._update_state)
        follow_language(self)
        self.retranslate_ui()

    def _layout(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.title, 1)
        self.title.setMinimumWidth(1)  # a narrow page elides the title, never the buttons
        for action in (self.action_add, self.action_open, self.action_caption, self.action_remove):
            button = self.buttons[action] = QToolButton()
            button.setDefaultAction(action)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.view)
        layout.addWidget(self.hint)

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.action_add.setText(_("Add…"))
        self.action_open.setText(_("Open"))
        self.action_caption.setText(_("Caption…"))
        self.action_remove.setText(_("Remove"))
        for action, tip in (
            (self.action_add, _("Add evidence files ({key})")),
            (self.action_open, _("Open the selected file with its usual program (Enter)")),
            (self.action_caption, _("Change the caption of the selected file ({key})")),
            (self.action_remove, _("Remove the selected file from this item ({key})")),
        ):
            key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(tip.format(key=key))
        self.model.retranslate()
        self._update_state()

    # -- what is shown -----------------------------------------------------------------------
    def show_item(
        self,
        unit_code: str,
        tier: str,
        node_id: str,
        evidence: Sequence[EvidenceView],
        read_only: bool,
    ) -> None:
        """Show the evidence of one item and tier; ``read_only`` leaves only Open."""
        self.key = (unit_code, tier, node_id)
        self.read_only = read_only
        if not self.model.set_rows(evidence):  # a reset updates the state itself
            self._update_state()

    def editable(self) -> bool:
        return not self.read_only and bool(self.key[0])

    def selected(self) -> EvidenceView | None:
        return self.view.selected()

    def _update_state(self) -> None:
        editable, chosen = self.editable(), self.selected() is not None
        count = self.model.rowCount()
        for action in (self.action_add, self.action_caption, self.action_remove):
            action.setVisible(editable)  # which also turns its shortcut off
            self.buttons[action].setVisible(editable)
        self.action_add.setEnabled(editable and self.busy is None)
        self.action_caption.setEnabled(editable and chosen)
        self.action_remove.setEnabled(editable and chosen)
        self.action_open.setEnabled(chosen)
        self.title.setText(
            ngettext("Evidence ({count} file)", "Evidence ({count} files)", count).format(
                count=count
            )
        )
        if editable:
            key = self.action_add.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            self.hint.setText(_("Drop files here or press {key} to add evidence.").format(key=key))
        else:
            self.hint.setText(_("No evidence attached."))
        self.hint.setVisible(editable or count == 0)
        self.view.setVisible(count > 0)  # an empty table says less than the hint
        if count > 0:
            self.view.fit_height()

    # -- actions -----------------------------------------------------------------------------
    def add_with_dialog(self) -> None:
        if not self.editable() or self.busy is not None:
            return
        patterns = EVIDENCE_FILTER_PATTERNS
        paths = get_service().open_files(
            self, _("Add evidence"), _("Evidence files ({patterns})").format(patterns=patterns)
        )
        if paths:
            self.add_files(paths)

    def add_files(self, paths: Sequence[Path]) -> OpHandle[AttachResult] | None:
        """Attach ``paths`` in the background; ``None`` when the panel cannot add now."""
        if not self.editable() or self.busy is not None or not paths:
            return None
        key, files = self.key, list(paths)
        title = ngettext("Adding {count} file…", "Adding {count} files…", len(files))
        self.busy = run_op(
            self,
            partial(attach_files, self.workspace, *key, files),
            partial(self._added, key),
            title=title.format(count=len(files)),
        )
        self.busy.sig_finished.connect(self._op_finished)
        self._update_state()
        return self.busy

    def _added(self, key: tuple[str, str, str], result: AttachResult) -> None:
        if key == self.key:  # the user may have moved to another item meanwhile
            for view in result.attached:
                self.view.selectRow(self.model.append(view))
            self._update_state()
        if result.attached:
            self.sig_changed.emit()
        if result.errors:
            get_service().error(
                self,
                "\n\n".join(error.message for error in result.errors),
                "\n".join(error.details for error in result.errors if error.details),
            )

    def _op_finished(self) -> None:
        self.busy = None
        self._update_state()

    def open_selected(self) -> None:
        view = self.selected()
        if view is None:
            return
        stored = self.workspace.evidence_path(view.sha256)
        run_op(
            self,
            lambda _progress: viewer_copy(stored, view.file_name, view.mime, view.sha256),
            partial(self._open_copy, view.file_name),
            title=_("Opening {name}…").format(name=view.file_name),
            cancellable=False,
        )

    def _open_copy(self, name: str, path: Path) -> None:
        if not open_with_system(path):
            get_service().error(
                self, _("No program on this computer could open {file}.").format(file=name)
            )

    def edit_caption(self) -> None:
        view = self.selected()
        if view is None or not self.editable():
            return
        text = get_service().ask_text(
            self, _("Caption"), _("Caption of {name}:").format(name=view.file_name), view.caption
        )
        if text is None or text.strip() == view.caption:
            return
        if self._call(self.workspace.set_caption, view.id, text.strip()):
            self.model.replace(replace(view, caption=text.strip()))
            self.sig_changed.emit()

    def remove_selected(self) -> None:
        view = self.selected()
        if view is None or not self.editable():
            return
        question = _("Remove {name} from item {item}? The file on your computer is not touched.")
        if not get_service().confirm(
            self, _("Remove evidence"), question.format(name=view.file_name, item=self.key[2])
        ):
            return
        if self._call(self.workspace.detach_evidence, view.id):
            self.model.remove(view.id)
            self._update_state()
            self.sig_changed.emit()

    def _call(self, service: Callable[..., None], *args: object) -> bool:
        """Run a quick service call; a refusal is shown and changes nothing."""
        try:
            service(*args)
        except UserFacingError as err:
            get_service().error(self, err.message, err.details)
            return False
        return True

    # -- drag and drop -----------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragMoveEvent) -> None:
        if self.editable() and self.busy is None and dropped_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_paths(event.mimeData())
        if paths and self.add_files(paths) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()
