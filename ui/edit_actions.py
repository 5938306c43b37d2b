"""Edit → Undo / Redo: the text being typed, or the last saved change, and the menu says which.

Inside a text field (search, note, caption…) Ctrl+Z and Ctrl+Y belong to the field: Qt gives
the keys to the focused field before any window shortcut. Elsewhere they undo and redo the
saved changes of the assessment (answers and notes) kept in the window's :class:`QUndoStack`.
The two menu entries follow the focus and name what they will undo: "Undo typing" in a field,
"Undo answer A.I.1.i.a: Ya → Tidak" otherwise.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget
from shiboken6 import isValid

from zi_desktop.i18n import _

TextField = QLineEdit | QPlainTextEdit | QTextEdit


def editable_field(widget: QWidget | None) -> TextField | None:
    """``widget`` when it is a text field the user can type in, else None."""
    if isinstance(widget, QLineEdit) and not widget.isReadOnly():
        return widget
    if isinstance(widget, (QPlainTextEdit, QTextEdit)) and not widget.isReadOnly():
        return widget
    return None


class EditActions(QObject):
    """The Undo and Redo entries of ``window``'s Edit menu over ``stack``; lives as long as
    the window (its connection to the application's focus changes goes with it)."""

    def __init__(self, window: QWidget, stack: QUndoStack) -> None:
        super().__init__(window)
        self.stack = stack
        self.undo, self.redo = QAction(window), QAction(window)
        self.undo.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.redo.setShortcut(QKeySequence(QKeySequence.StandardKey.Redo))
        self.undo.triggered.connect(lambda _checked=False: self._run(redo=False))
        self.redo.triggered.connect(lambda _checked=False: self._run(redo=True))
        stack.indexChanged.connect(self._changed)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._focus_changed)
        self.update()

    @Slot(int)
    def _changed(self, _index: int) -> None:
        self.update()

    @Slot(QWidget, QWidget)
    def _focus_changed(self, _old: QWidget | None, _new: QWidget | None) -> None:
        self.update()

    def _field(self) -> TextField | None:
        return editable_field(QApplication.focusWidget())

    def _run(self, redo: bool) -> None:
        field = self._field()
        if field is not None:
            field.redo() if redo else field.undo()
        elif redo:
            self.stack.redo()
        else:
            self.stack.undo()
        self.update()

    def update(self) -> None:
        """Texts and states for where the focus is now."""
        if not (isValid(self.stack) and isValid(self.undo)):
            return  # the window is going away
        field = self._field()
        if field is not None:  # the field's own history; it does nothing when there is none
            self.undo.setText(_("Undo typing"))
            self.redo.setText(_("Redo typing"))
            self.undo.setEnabled(True)
            self.redo.setEnabled(True)
            return
        undo, redo = self.stack.undoText(), self.stack.redoText()
        self.undo.setText(_("Undo {change}").format(change=undo) if undo else _("Undo"))
        self.redo.setText(_("Redo {change}").format(change=redo) if redo else _("Redo"))
        self.undo.setEnabled(self.stack.canUndo())
        self.redo.setEnabled(self.stack.canRedo())
