"""Undo of answer changes: each change is a command that sets the old value back."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from zi_desktop.i18n import _


class AnswerCommand(QUndoCommand):
    """Setting ``node_id`` from ``old`` to ``new``; the change is already saved when pushed."""

    def __init__(
        self, apply: Callable[[str, object], bool], node_id: str, old: object, new: object
    ) -> None:
        super().__init__(_("answer {node}").format(node=node_id))
        self._apply = apply
        self.node_id, self.old, self.new = node_id, old, new
        self._first = True

    def redo(self) -> None:
        if self._first:  # pushed after the change was saved: nothing to do the first time
            self._first = False
            return
        if not self._apply(self.node_id, self.new):
            self.setObsolete(True)

    def undo(self) -> None:
        if not self._apply(self.node_id, self.old):
            self.setObsolete(True)
