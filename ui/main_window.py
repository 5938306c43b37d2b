"""The main window: a shell holding the screens, the menus and their shortcuts.

Every action that has a shortcut shows it in its menu and its tooltip.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QMainWindow, QStackedWidget

from zi_desktop.i18n import _, get_language, set_language
from zi_desktop.services.workspace import Workspace

if TYPE_CHECKING:
    from zi_desktop.services.report import WrittenReport

from .checklist.page import AssessmentPage
from .evidence.widgets import follow_language
from .interop import actions as interop_actions
from .ops import run_op
from .sync import actions as sync_actions
from .units.page import UnitListPage


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.pages = QStackedWidget()
        self.units = UnitListPage(workspace)
        self.assessment = AssessmentPage(workspace)
        self.pages.addWidget(self.units)
        self.pages.addWidget(self.assessment)
        self.setCentralWidget(self.pages)
        self.units.sig_unit_opened.connect(self.open_unit)
        self.assessment.sig_back.connect(self.show_units)
        self._menus = {name: self.menuBar().addMenu("") for name in ("file", "edit", "go", "view")}
        self.actions_by_name: dict[str, QAction] = {}
        self.last_report: WrittenReport | None = None
        self._build_actions()
        follow_language(self)  # weakly held: a closed window is never called back
        self.retranslate_ui()
        self._update_actions()

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
        self._action("identity", "file", lambda: sync_actions.show_identity(self, self.workspace))
        self._action(
            "export",
            "file",
            lambda: sync_actions.send_package(self, self.workspace, self.assessment.code),
        )
        self._action("import", "file", lambda: sync_actions.receive_package(self, self.workspace))
        self._menus["file"].addSeparator()
        self._action("excel_import", "file", self.import_excel, "Ctrl+Shift+I")
        self._action("excel_export", "file", lambda: self._export("excel"))
        self._action("portalrb_export", "file", lambda: self._export("portalrb"))
        self._menus["file"].addSeparator()
        self._action("quit", "file", self.close, QKeySequence.StandardKey.Quit)
        undo = self.assessment.undo_stack.createUndoAction(self)
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.assessment.undo_stack.createRedoAction(self)
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        self._menus["edit"].addActions([undo, redo])
        self.actions_by_name["undo"], self.actions_by_name["redo"] = undo, redo
        self._action("next", "go", lambda: self.assessment.step(1), "Ctrl+Down")
        self._action("previous", "go", lambda: self.assessment.step(-1), "Ctrl+Up")
        self._action("unanswered", "go", lambda: self.assessment.step(1, True), "Ctrl+Shift+Down")
        self._action("language", "view", self._toggle_language, "Ctrl+Shift+L")

    def retranslate_ui(self) -> None:
        self.setWindowTitle(
            _("ZI Desktop — {folder}").format(folder=self.workspace.layout.root.name)
        )
        titles = {"file": _("&File"), "edit": _("&Edit"), "go": _("&Go"), "view": _("&View")}
        for name, menu in self._menus.items():
            menu.setTitle(titles[name])
        texts = {
            "find": _("Search"),
            "units": _("Unit list"),
            "report": _("Cetak laporan (PDF)"),
            "identity": _("Identity and keys…"),
            "export": _("Send a package (export)…"),
            "import": _("Receive a package (import)…"),
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
        self.actions_by_name["undo"].setText(_("Undo answer"))
        self.actions_by_name["redo"].setText(_("Redo answer"))
        self.units.retranslate_ui()
        self.assessment.retranslate_ui()
        self.statusBar().showMessage(
            _("Workspace: {folder}").format(folder=self.workspace.layout.root)
        )

    def _update_actions(self) -> None:
        on_assessment = self.pages.currentWidget() is self.assessment
        for name in ("next", "previous", "unanswered", "units", "report", "export",
                     "excel_import", "excel_export", "portalrb_export"):  # fmt: skip
            self.actions_by_name[name].setEnabled(on_assessment)

    def import_excel(self) -> None:
        """Import a unit's LKE workbook into the open assessment (after its preview)."""
        done = interop_actions.import_excel(self, self.workspace, self.assessment.code)
        if done is not None:
            self.assessment.reload()
            self.statusBar().showMessage(done.summary())

    def _export(self, kind: str) -> None:
        interop_actions.export(self, self.workspace, self.assessment.code, kind)

    def open_unit(self, code: str, item: str | None = None) -> None:
        self.assessment.open_unit(code, item)
        self.pages.setCurrentWidget(self.assessment)
        self._update_actions()
        self.assessment.tree.setFocus()

    def show_units(self) -> None:
        self.assessment.question.flush_note()
        self.assessment.recommendations.flush()
        self.units.refresh()
        self.pages.setCurrentWidget(self.units)
        self._update_actions()

    def print_report(self) -> None:
        """Write the open unit's report (LHE) in the background, then open it."""
        code = self.assessment.code
        if not code:
            return
        self.assessment.question.flush_note()
        self.assessment.recommendations.flush()
        from zi_desktop.services.report import default_report_path, write_report

        target = default_report_path(self.workspace, code)
        run_op(
            self,
            lambda progress: write_report(
                self.workspace, code, target, progress=progress.report, cancel=progress.cancelled
            ),
            self._report_written,
            title=_("Writing the report of {unit}…").format(unit=code),
        )

    def _report_written(self, written: WrittenReport) -> None:
        self.statusBar().showMessage(
            _("Report written: {path} ({pages} pages)").format(
                path=written.path, pages=written.pages
            )
        )
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(written.path)))
        self.last_report = written

    def focus_search(self) -> None:
        if self.pages.currentWidget() is self.assessment:
            self.assessment.search.setFocus()
            self.assessment.search.selectAll()
        else:
            self.units.focus_search()

    def _toggle_language(self) -> None:
        set_language("en" if get_language() == "id" else "id")

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.assessment.question.flush_note()  # a note typed just before closing is kept
        self.assessment.recommendations.flush()
        super().closeEvent(event)
