"""Where the main window opens and how large: inside the screen's available area, always.

The available area is the screen without the taskbar or dock. A first start opens at
:data:`PREFERRED` or the available area, whichever is smaller, centred. Later starts restore
the geometry saved at the last close, then fit it to the screen as it is now (another monitor,
another scale factor), so that the title bar and the status bar are never off screen.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QMargins, QRect, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

PREFERRED = QSize(1366, 768)
# Before the window is shown Qt does not know its frame: allow for a usual title bar.
FRAME_GUESS = QMargins(1, 31, 1, 1)


def fit_rect(wanted: QRect, available: QRect, frame: QMargins = FRAME_GUESS) -> QRect:
    """``wanted`` (the client area) moved and shrunk so that it and its frame fit
    ``available``; its size never goes below zero."""
    width = min(wanted.width(), available.width() - frame.left() - frame.right())
    height = min(wanted.height(), available.height() - frame.top() - frame.bottom())
    rect = QRect(wanted.topLeft(), QSize(max(width, 0), max(height, 0)))
    left_most = available.left() + frame.left()
    top_most = available.top() + frame.top()
    right_most = available.right() - frame.right() - rect.width() + 1
    bottom_most = available.bottom() - frame.bottom() - rect.height() + 1
    rect.moveLeft(min(max(rect.left(), left_most), max(right_most, left_most)))
    rect.moveTop(min(max(rect.top(), top_most), max(bottom_most, top_most)))
    return rect


def first_rect(available: QRect, frame: QMargins = FRAME_GUESS) -> QRect:
    """The client area of a first start: :data:`PREFERRED` at most, centred."""
    room = available.marginsRemoved(frame)
    size = PREFERRED.boundedTo(room.size())
    rect = QRect(0, 0, size.width(), size.height())
    rect.moveCenter(room.center())
    return fit_rect(rect, available, frame)


def _screen(window: QWidget) -> QScreen:
    screen = window.screen() or QGuiApplication.primaryScreen()
    assert screen is not None  # a GUI application has a screen
    return screen


def _frame(window: QWidget) -> QMargins:
    """The frame around the client area once shown; a usual one before that."""
    frame, inner = window.frameGeometry(), window.geometry()
    margins = QMargins(
        inner.left() - frame.left(),
        inner.top() - frame.top(),
        frame.right() - inner.right(),
        frame.bottom() - inner.bottom(),
    )
    return margins if not margins.isNull() else FRAME_GUESS


def place(window: QWidget, saved: bytes = b"") -> None:
    """Restore the ``saved`` geometry when there is one, then fit the screen's available area."""
    available = _screen(window).availableGeometry()
    if saved and window.restoreGeometry(QByteArray(saved)):
        fit(window)
        return
    window.setGeometry(first_rect(available, _frame(window)))


def fit(window: QWidget) -> None:
    """Move and shrink the window so that it lies inside the available area of its screen."""
    available = _screen(window).availableGeometry()
    if window.isMaximized() or window.isFullScreen():
        return
    fitted = fit_rect(window.geometry(), available, _frame(window))
    if fitted != window.geometry():
        window.setGeometry(fitted)


def saved_geometry(window: QWidget) -> bytes:
    """What :func:`place` restores at the next start."""
    return bytes(window.saveGeometry().data())
