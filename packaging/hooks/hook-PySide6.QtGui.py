"""PyInstaller's hook for this Qt module, minus the plugins and translations the app never uses."""

from contents import qt_hook

hiddenimports, binaries, datas = qt_hook(__file__)
