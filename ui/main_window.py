"""The main window: a shell holding the screens, the menus and their shortcuts.

Every action that has a shortcut shows it in its menu and its tooltip. Long work started from
the menu ends with a notice at the top of the window (:mod:`.notice`); a package received or
a workbook imported shows its new state on every screen at once. The demo workspace says so in
the title and the status bar.

The window can start before its workspace is open: on a :class:`UnitIndex` it shows the unit
list at once, and :meth:`MainWindow.attach` gives it the workspace when that has opened in the
background. Until then the entries that need the workspace are disabled, and a unit the user
opens is opened as soon as the workspace is there.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from zi_desktop.errors import UserFacingError
from zi_desktop.i18n import _, get_language, set_language

from .widgets.plain_text import PlainLabel

if TYPE_CHECKING:
    from zi_desktop.services.report import WrittenReport
    from zi_desktop.services.unit_list import UnitIndex, UnitSource
    from zi_desktop.services.workspace import Workspace

    from .checklist.page import AssessmentPage
    from .sync.import_flow import ImportFlow

from .dialogs import get_service
from .edit_actions import EditActions
from .interop import actions as interop_actions
from .ops import run_op
from .profile_dialog import edit_profile
from .sync import actions as sync_actions
from .units.page import UnitListPage
from .widgets.language import follow_language
from .widgets.notice import NoticeBar, open_file

DEMO_STYLE = "background: #fff3c4; color: #5c4300; padding: 1px 8px; font-weight: bold"
# Entries that need the open workspace, and those that also need an open unit.
WORKSPACE_ACTIONS = ("identity", "import", "intake", "profile")
ASSESSMENT_ACTIONS = (
    "next",
    "previous",
    "unanswered",
    "units",
    "report",
    "export",
    "deliveries",
    "excel_import",
    "excel_export",
    "portalrb_export",
)


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace | None = None, *, index: UnitIndex | None = None):
        """The window on an open ``workspace``, or on the ``index`` of one still opening."""
        super().__init__()
        source: UnitSource
        if workspace is not None:
            self.folder: Path = workspace.layout.root
            self.is_demo = workspace.is_demo()
            source = workspace
        elif index is not None:
            self.folder = index.root
            self.is_demo = index.is_demo()
            source = index
        else:
            raise TypeError("MainWindow needs a workspace or a unit index")
        self.workspace: Workspace | None = None
        self._index = index
        self._assessment: AssessmentPage | None = None
        self._pending_open: tuple[str, str | None] | None = None
        self.undo_stack = QUndoStack(self)
        self.pages = QStackedWidget()
        self.notice = NoticeBar()
        self.units = UnitListPage(source)
        self.pages.addWidget(self.units)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.notice)
        column.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.demo_label = PlainLabel()
        self.demo_label.setStyleSheet(DEMO_STYLE)
        self.demo_label.setVisible(self.is_demo)
        self.statusBar().addPermanentWidget(self.demo_label)
        self.units.sig_unit_opened.connect(self.open_unit)
        self.units.sig_receive.connect(self.receive_package)
        self._menus = {name: self.menuBar().addMenu("") for name in ("file", "edit", "go", "view")}
        self.actions_by_name: dict[str, QAction] = {}
        self.last_report: WrittenReport | None = None
        self.uploads: list[Any] = []  # uploads continued from an earlier run
        self.last_import: ImportFlow | None = None
        self._build_actions()
        follow_language(self)  # weakly held: a closed window is never called back
        self.retranslate_ui()
        # Whatever is being typed is saved when the evaluator leaves the app for another one.
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        app.applicationStateChanged.connect(self._app_state_changed)
        if workspace is not None:
            self.attach(workspace)
        else:
            self._update_actions()

    @property
    def assessment(self) -> AssessmentPage:
        """The assessment screen; it exists once the workspace is open."""
        if self._assessment is None:
            raise RuntimeError("the workspace is not open yet")
        return self._assessment

    def attach(self, workspace: Workspace) -> None:
        """Give the window its workspace, once open; a unit asked for meanwhile opens now."""
        from .checklist.page import AssessmentPage

        self.workspace = workspace
        self._assessment = AssessmentPage(workspace, self.undo_stack)
        self.pages.addWidget(self._assessment)
        self._assessment.sig_back.connect(self.show_units)
        self._assessment.sig_status.connect(self._show_change)
        self.units.set_source(workspace)
        if self._index is not None:
            self._index.close()
            self._index = None
        self._update_actions()
        self.uploads = sync_actions.resume_uploads(self, workspace)  # left by an earlier run
        pending = self._take_pending_open()
        if pending is not None:
            try:
                self.open_unit(*pending)
            except UserFacingError as err:  # e.g. a unit without an assessment yet
                get_service().error(self, err.message, err.details)

    def _ws(self) -> Workspace:
        assert self.workspace is not None  # the entries that call this wait for it
        return self.workspace

    def _action(
        self,
        name: str,
        menu: str,
        slot: Callable[[], object],
        keys: str | QKeySequence.StandardKey | None = None,
    ) -> QAction:
        action = QAction(self)
        if keys is not None:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda _checked=False: slot())
        self._menus[menu].addAction(action)
        self.actions_by_name[name] = action
        return action

    def _build_actions(self) -> None:
        self._action("find", "file", self.focus_search, QKeySequence.StandardKey.Find)
        self._action("units", "file", self.show_units, "Alt+Home")
        self._action("report", "file", self.print_report, QKeySequence.StandardKey.Print)
        self._menus["file"].addSeparator()
        self._action("profile", "file", self.edit_profile)
        self._action("identity", "file", lambda: sync_actions.show_identity(self, self._ws()))
        self._action("export", "file", self.send_package)
        self._action("import", "file", self.receive_package)
        self._action(
            "deliveries",
            "file",
            lambda: sync_actions.show_deliveries(self, self._ws(), self.assessment.code),
        )
        self._action("intake", "file", lambda: sync_actions.edit_intake_address(self, self._ws()))
        self._menus["file"].addSeparator()
        self._action("excel_import", "file", self.import_excel, "Ctrl+Shift+I")
        self._action("excel_export", "file", lambda: self._export("excel"))
        self._action("portalrb_export", "file", lambda: self._export("portalrb"))
        self._menus["file"].addSeparator()
        self._action("quit", "file", self.close, QKeySequence.StandardKey.Quit)
        self.edit_actions = EditActions(self, self.undo_stack)
        undo, redo = self.edit_actions.undo, self.edit_actions.redo
        self._menus["edit"].addActions([undo, redo])
        self.actions_by_name["undo"], self.actions_by_name["redo"] = undo, redo
        self._action("next", "go", lambda: self.assessment.step(1), "Ctrl+Down")
        self._action("previous", "go", lambda: self.assessment.step(-1), "Ctrl+Up")
        self._action("unanswered", "go", lambda: self.assessment.step(1, True), "Ctrl+Shift+Down")
        self._action("language", "view", self._toggle_language, "Ctrl+Shift+L")

    def retranslate_ui(self) -> None:
        title = _("ZI Desktop — {folder} — DEMO") if self.is_demo else _("ZI Desktop — {folder}")
        self.setWindowTitle(title.format(folder=self.folder.name))
        self.demo_label.setText(_("DEMO: example units and people, not a real evaluation"))
        titles = {"file": _("&File"), "edit": _("&Edit"), "go": _("&Go"), "view": _("&View")}
        for name, menu in self._menus.items():
            menu.setTitle(titles[name])
        texts = {
            "find": _("Search"),
            "units": _("Unit list"),
            "report": _("Cetak laporan (PDF)"),
            "profile": _("Profile…"),
            "identity": _("Identity and keys…"),
            "export": _("Send a package (export)…"),
            "import": _("Receive a package (import)…"),
            "deliveries": _("Packages sent…"),
            "intake": _("Coordinator's intake…"),
            "excel_import": _("Import from an LKE Excel workbook…"),
            "excel_export": _("Export the LKE Excel workbook…"),
            "portalrb_export": _("Export the PortalRB answer file…"),
            "quit": _("Quit"),
            "next": _("Next question"),
            "previous": _("Previous question"),
            "unanswered": _("Next unanswered question"),
            "language": _("Bahasa Indonesia / English"),
        }
        for name, text in texts.items():
            action = self.actions_by_name[name]
            action.setText(text)
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{text} ({keys})" if keys else text)
        self.edit_actions.update()
        self.units.retranslate_ui()
        if self._assessment is not None:
            self._assessment.retranslate_ui()
        self._show_status()

    def _show_status(self) -> None:
        if self._pending_open is not None:
            self.statusBar().showMessage(_("Opening the workspace…"))
        else:
            self.statusBar().showMessage(_("Workspace: {folder}").format(folder=self.folder))

    def _take_pending_open(self) -> tuple[str, str | None] | None:
        """The unit asked for while the workspace was opening; the wait is over."""
        pending, self._pending_open = self._pending_open, None
        if pending is not None:
            QApplication.restoreOverrideCursor()
            self._show_status()
        return pending

    def _on_assessment(self) -> bool:
        return self._assessment is not None and self.pages.currentWidget() is self._assessment

    def _update_actions(self) -> None:
        for name in WORKSPACE_ACTIONS:
            self.actions_by_name[name].setEnabled(self.workspace is not None)
        for name in ASSESSMENT_ACTIONS:
            self.actions_by_name[name].setEnabled(self._on_assessment())

    def import_excel(self) -> None:
        """Import a unit's LKE workbook into the open assessment (after its preview)."""
        self._flush_edits()
        done = interop_actions.import_excel(self, self._ws(), self.assessment.code)
        if done is not None:
            self.show_new_state()
            self.notice.show_notice(done.summary())

    def _export(self, kind: str) -> None:
        self._flush_edits()
        interop_actions.export(self, self._ws(), self.assessment.code, kind, self._written)

    def _written(self, path: Path) -> None:
        self.notice.show_notice(_("Written: {path}").format(path=path), path, can_open=False)

    def edit_profile(self) -> None:
        """Berkas → Profil: the person's profile, recorded in this workspace from now on."""
        self._flush_edits()
        if edit_profile(self, self.workspace) is not None:
            self.statusBar().showMessage(_("Profile saved."), 5000)

    def send_package(self) -> None:
        """Send the open unit: the package's preview, the passphrase, then a notice."""
        self._flush_edits()
        summary = sync_actions.send_package(self, self._ws(), self.assessment.code)
        if summary is not None and summary.paths:
            paths = ", ".join(str(p) for p in summary.paths)
            self.notice.show_notice(
                _("Package written: {paths}").format(paths=paths), summary.paths[0], can_open=False
            )
            self.units.refresh()  # the unit is "sent" now

    def receive_package(self) -> None:
        """Receive a package; once imported, every screen shows the new state."""
        if self.workspace is None:
            return
        self._flush_edits()
        flow = sync_actions.receive_package(self, self.workspace)
        if flow is not None:
            self.last_import = flow
            flow.sig_done.connect(lambda outcome, f=flow: self._received(f, outcome))

    def _received(self, flow: ImportFlow, outcome: str) -> None:
        from .sync.import_flow import result_text

        if outcome == "imported":
            self.show_new_state()
        if flow.result is not None:
            self.notice.show_notice(result_text(flow.result), flow.path, can_open=False)

    def show_new_state(self) -> None:
        """After answers changed outside the screens (a package, a workbook): every screen
        reads them again; undoing across such a change would undo what is not shown."""
        self.units.set_source(self._ws())  # the instansi and units may be new
        if self._assessment is not None and self._assessment.code:
            self.undo_stack.clear()
            self._assessment.reload()

    def _show_change(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def open_unit(self, code: str, item: str | None = None) -> None:
        """Open a unit's assessment; while the workspace is still opening, once it is open."""
        if self._assessment is None:
            if self._pending_open is None:
                QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            self._pending_open = (code, item)
            self._show_status()
            return
        self.assessment.open_unit(code, item)
        self.pages.setCurrentWidget(self.assessment)
        self._update_actions()
        self.assessment.tree.setFocus()

    def show_units(self) -> None:
        self._flush_edits()
        self.units.refresh()
        self.pages.setCurrentWidget(self.units)
        self._update_actions()

    def print_report(self) -> None:
        """Write the open unit's report (LHE) in the background, then open it."""
        code = self.assessment.code
        if not code:
            return
        self._flush_edits()
        from zi_desktop.services.report import default_report_path, write_report

        workspace = self._ws()
        target = default_report_path(workspace, code)
        run_op(
            self,
            lambda progress: write_report(
                workspace, code, target, progress=progress.report, cancel=progress.cancelled
            ),
            self._report_written,
            title=_("Writing the report of {unit}…").format(unit=code),
        )

    def _report_written(self, written: WrittenReport) -> None:
        text = _("Report written: {path} ({pages} pages)").format(
            path=written.path, pages=written.pages
        )
        if not open_file(written.path):
            text += " " + _("No PDF viewer opened it: open it from its folder.")
        self.notice.show_notice(text, written.path)
        self.last_report = written

    def focus_search(self) -> None:
        if self._on_assessment():
            self.assessment.search.setFocus()
            self.assessment.search.selectAll()
        else:
            self.units.focus_search()

    def _toggle_language(self) -> None:
        set_language("en" if get_language() == "id" else "id")

    def _flush_edits(self) -> None:
        """Save a note or recommendation still being typed."""
        if self._assessment is not None:
            self._assessment.flush()

    def _app_state_changed(self, state: Qt.ApplicationState) -> None:
        if state != Qt.ApplicationState.ApplicationActive:
            self._flush_edits()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._flush_edits()  # a note typed just before closing is kept
        self._take_pending_open()
        super().closeEvent(event)
