"""Qt's own texts — file dialogs, standard buttons, the menu of a text field — in the app's
language.

Qt ships no Indonesian catalog (its ``qtbase_*.qm`` files stop at "hu", "it", "ja"…), so an
Indonesian evaluator would meet English inside Qt's dialogs. :class:`QtTexts` is a translator
that answers Qt's requests for the texts listed here from the app's own catalog, in whatever
language the app shows at the time (no reinstalling on a switch). Texts not listed stay as Qt
has them. Numbers in Qt's own fields follow the language's conventions too (``QLocale``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from zi_desktop.i18n import N_, _, get_language, on_language_changed

# The source texts of Qt 6 that reach the evaluator, as Qt writes them (mnemonics included).
QT_TEXTS = frozenset(
    (
        # standard buttons (QPlatformTheme)
        N_("OK"),
        N_("Save"),
        N_("Open"),
        N_("&Yes"),
        N_("&No"),
        N_("Yes to &All"),
        N_("N&o to All"),
        N_("Abort"),
        N_("Retry"),
        N_("Ignore"),
        N_("Close"),
        N_("Cancel"),
        N_("Discard"),
        N_("Help"),
        N_("Apply"),
        N_("Reset"),
        N_("Restore Defaults"),
        N_("Save All"),
        N_("Don't Save"),
        N_("Close without Saving"),
        # message boxes
        N_("Show Details..."),
        N_("Hide Details..."),
        # the file dialog (QFileDialog, its model and its side bar)
        N_("&Look in:"),
        N_("File &name:"),
        N_("Files of &type:"),
        N_("&Open"),
        N_("&Save"),
        N_("&Choose"),
        N_("Back"),
        N_("Forward"),
        N_("Parent Directory"),
        N_("Create New Folder"),
        N_("List View"),
        N_("Detail View"),
        N_("Go back"),
        N_("Go forward"),
        N_("Go to the parent directory"),
        N_("Create a New Folder"),
        N_("Change to list view mode"),
        N_("Change to detail view mode"),
        N_("Sidebar"),
        N_("List of places and bookmarks"),
        N_("Recent Places"),
        N_("New Folder"),
        N_("&New Folder"),
        N_("&Rename"),
        N_("&Delete"),
        N_("Show &hidden files"),
        N_("Name"),
        N_("Size"),
        N_("Type"),
        N_("Kind"),
        N_("Date Modified"),
        N_("Computer"),
        N_("My Computer"),
        N_("Directory:"),
        N_("File"),
        N_("Folder"),
        N_("Drive"),
        N_("All Files (*)"),
        N_("Directories"),
        N_("No"),
        N_("%1 already exists.\nDo you want to replace it?"),
        N_("Are you sure you want to delete '%1'?"),
        N_("%1\nFile not found.\nPlease verify the correct file name was given."),
        N_("%1\nDirectory not found.\nPlease verify the correct directory name was given."),
        # the context menu of text fields (QLineEdit, QPlainTextEdit)
        N_("&Undo"),
        N_("&Redo"),
        N_("Cu&t"),
        N_("&Copy"),
        N_("&Paste"),
        N_("Delete"),
        N_("Select All"),
        N_("&Select All"),
        N_("Copy &Link Location"),
    )
)
LOCALES = {
    "id": QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia),
    "en": QLocale(QLocale.Language.English, QLocale.Country.UnitedStates),
}


class QtTexts(QTranslator):
    """Answers Qt's own texts from the app's catalog, in the current language."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        if source not in QT_TEXTS or get_language() == "en":
            return None  # a null text: Qt keeps its own
        found = _(source)
        return found if found != source else None

    def isEmpty(self) -> bool:
        return False


_installed: QtTexts | None = None


def _use_locale(lang: str) -> None:
    QLocale.setDefault(LOCALES.get(lang, LOCALES["id"]))


def follow_app_language(app: QCoreApplication) -> QtTexts:
    """Install the translator of Qt's texts (once) and keep Qt's locale on the app language."""
    global _installed
    if _installed is None:
        _installed = QtTexts(app)
        app.installTranslator(_installed)
        on_language_changed(_use_locale)
    _use_locale(get_language())
    return _installed
