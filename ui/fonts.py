"""The application font: Latin text is drawn without the shaping step.

Indonesian and English need no shaping (kerning and ligatures are cosmetic in Latin script),
and skipping it makes every label cheaper to lay out and paint; text in scripts that need
shaping still gets it. The window calls :func:`use_app_font` at start; the benchmarks call it
too, so that they measure what users see.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QGuiApplication


def use_app_font() -> None:
    font = QFont(QGuiApplication.font())
    font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
    QGuiApplication.setFont(font)
