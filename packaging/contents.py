"""What a build holds: the data files one by one, the Qt modules and which Qt plugins stay out.

Read by ``packaging/zi_desktop.spec`` and by ``tests/packaging/``, which check that every file
the code can load (from ``resources/`` or beside its module) is listed here and that the code
imports no Qt module besides ``QT_MODULES``. Each data file keeps its path relative to the
project root inside the bundle: ``zi_desktop.paths.resources_dir()`` looks for
``resources/`` there when frozen, and a module's ``Path(__file__).parent`` is its folder there.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

RESOURCE_FILES = (
    # LKE definitions (zi_desktop/lke/loader.py lists every *.json of the folder)
    "lke/permenpanrb-90-2021.json",
    "lke/permenpanrb-90-2021-rev2026.json",
    # report typefaces (zi_desktop/reports/fonts.py) and their licence, which travels with them
    "fonts/DejaVuSans.ttf",
    "fonts/DejaVuSans-Bold.ttf",
    "fonts/DejaVuSans-Oblique.ttf",
    "fonts/LICENSE-DejaVu.txt",
    # window icon (zi_desktop/paths.py app_icon)
    "icons/zi-desktop.png",
    # Indonesian messages, read as .po (zi_desktop/i18n.py)
    "locale/id/LC_MESSAGES/zi_desktop.po",
    # the official LKE workbook layout that exports fill in (zi_desktop/interop/writer.py)
    "excel/lke-zi-template-2021.xlsx",
    # self-assessments of the demo workspace's units (zi_desktop/services/demo.py)
    "demo/KPP-001.json",
    "demo/RSUD-002.json",
    "demo/DUK-003.json",
)

# Files that live beside the code that reads them (the paths are from the project root).
PACKAGE_FILES = (
    # the frozen database schemas (zi_desktop/storage/database.py)
    "zi_desktop/storage/schema_v1.sql",
    "zi_desktop/storage/schema_v2.sql",
    "zi_desktop/storage/schema_v3.sql",
    "zi_desktop/storage/schema_v4.sql",
)

# Files of resources/ (glob patterns) that stay out of a build, and why.
NOT_SHIPPED = {
    "locale/*.pot": "template for translators, written by python -m zi_desktop.i18n_catalog",
}

# The only PySide6 modules the application imports; the build excludes the others.
QT_MODULES = ("QtCore", "QtGui", "QtWidgets")

# Qt plugin folders the application never uses: it shows no images (imageformats), no SVG
# icons (iconengines), opens no network connections (networkinformation, tls), and runs on a
# desktop, not on a bare framebuffer (egldeviceintegrations, generic input drivers).
DROPPED_PLUGIN_FOLDERS = frozenset(
    {
        "imageformats",
        "iconengines",
        "networkinformation",
        "tls",
        "egldeviceintegrations",
        "generic",
        "sqldrivers",
        "printsupport",
        "qmltooling",
        "designer",
    }
)
# Single plugins left out: framebuffer and remote platforms, and the GTK 3 theme, which would
# load the build machine's copies of GTK's libraries next to the user's own GTK.
DROPPED_PLUGINS = frozenset(
    {"qeglfs", "qlinuxfb", "qvnc", "qvkkhrdisplay", "qminimalegl", "qgtk3", "qpdf"}
)
# Qt's own translations: Qt has no Indonesian catalog; the app sets its button texts itself.
QT_TRANSLATIONS = "translations"


def datas(root: str) -> list[tuple[str, str]]:
    """PyInstaller ``datas``: (source file under ``root``, folder inside the bundle)."""
    paths = [PurePosixPath("resources", name) for name in RESOURCE_FILES]
    paths += [PurePosixPath(name) for name in PACKAGE_FILES]
    return [(str(Path(root, path)), str(path.parent)) for path in paths]


def _plugin_name(file_name: str) -> str:
    stem = file_name.split(".")[0]
    return stem[3:] if stem.startswith("lib") else stem


def keep_qt_file(dest: str) -> bool:
    """Whether a file PyInstaller's Qt hooks collected (path inside the bundle) is kept."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if not parts or parts[0] != "PySide6":
        return True
    if QT_TRANSLATIONS in parts:
        return False
    if "plugins" in parts:
        rest = parts[parts.index("plugins") + 1 :]
        if rest and rest[0] in DROPPED_PLUGIN_FOLDERS:
            return False
        if len(rest) == 2 and _plugin_name(rest[1]) in DROPPED_PLUGINS:
            return False
    return True


def qt_hook(hook_file: str) -> tuple[list[str], list[tuple[str, str]], list[tuple[str, str]]]:
    """Run PyInstaller's own hook for a Qt module, then drop what ``keep_qt_file`` refuses.

    Dropping here, before PyInstaller follows the plugins' library dependencies, also keeps
    out the libraries that only those plugins need (GTK's, for the GTK 3 theme).
    """
    from PyInstaller.utils.hooks.qt import add_qt6_dependencies

    hiddenimports, binaries, datas = add_qt6_dependencies(hook_file)

    def kept(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
        return [(src, dest) for src, dest in pairs if keep_qt_file(f"{dest}/{Path(src).name}")]

    return hiddenimports, kept(binaries), kept(datas)
