"""The main window: a shell holding the screens, the menus and their shortcuts."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QStackedWidget

from zi_desktop.i18n import _, get_language, on_language_changed, set_language
from zi_desktop.services.workspace import Workspace

from .units.page import UnitListPage


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.pages = QStackedWidget()
        self.units = UnitListPage(workspace)
        self.pages.addWidget(self.units)
        self.setCentralWidget(self.pages)
        self._menu_file = self.menuBar().addMenu("")
        self._menu_view = self.menuBar().addMenu("")
        self.act_search = QAction(self)
        self.act_search.setShortcut(QKeySequence.StandardKey.Find)
        self.act_search.triggered.connect(self.units.focus_search)
        self.act_quit = QAction(self)
        self.act_quit.setShortcut(QKeySequence.StandardKey.Quit)
        self.act_quit.triggered.connect(self.close)
        self.act_lang = QAction(self)
        self.act_lang.triggered.connect(self._toggle_language)
        self._menu_file.addAction(self.act_search)
        self._menu_file.addSeparator()
        self._menu_file.addAction(self.act_quit)
        self._menu_view.addAction(self.act_lang)
        self._stop_listening = on_language_changed(lambda _lang: self.retranslate_ui())
        self.destroyed.connect(lambda *_args: self._stop_listening())
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(
            _("ZI Desktop — {folder}").format(folder=self.workspace.layout.root.name)
        )
        self._menu_file.setTitle(_("&File"))
        self._menu_view.setTitle(_("&View"))
        self.act_search.setText(_("Search units"))
        self.act_search.setToolTip(
            _("Search units ({key})").format(key=self.act_search.shortcut().toString())
        )
        self.act_quit.setText(_("Quit"))
        self.act_lang.setText(_("Bahasa Indonesia / English"))
        self.units.retranslate_ui()
        self.statusBar().showMessage(
            _("Workspace: {folder}").format(folder=self.workspace.layout.root)
        )

    def _toggle_language(self) -> None:
        set_language("en" if get_language() == "id" else "id")
