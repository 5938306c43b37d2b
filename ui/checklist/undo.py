"""Undo of saved changes: an answer or a note set back to what it was.

Each change is already saved when its command is pushed; undo and redo save again, and the
page shows the value they saved. The command's text names the change ("answer A.I.1.i.a:
Ya → Tidak"), which the Edit menu shows. The saves of one note while it is being typed (one
per pause) merge into one command, so that one undo brings back the note as it was before.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Generic, TypeVar

from PySide6.QtGui import QUndoCommand

from zi_desktop.formatting import format_number
from zi_desktop.i18n import _

from .inputs import EnteredValue

V = TypeVar("V")  # what a command sets: an answer's value or a note's text
NOTE_COMMAND_ID = 1
SHOWN_NOTE_CHARS = 30


def value_text(value: EnteredValue) -> str:
    """An answer as the evaluator reads it: an option code, a count, an index; "—" for none."""
    if value is None:
        return "—"
    if isinstance(value, (Fraction, Decimal)):
        return format_number(Fraction(value), 2)
    return str(value)


def note_text(note: str) -> str:
    """The start of a note, on one line, for a menu entry; "—" for an empty note."""
    line = " ".join(note.split())
    if not line:
        return "—"
    return line if len(line) <= SHOWN_NOTE_CHARS else line[: SHOWN_NOTE_CHARS - 1] + "…"


class _SavedChange(QUndoCommand, Generic[V]):
    """Setting ``node_id`` from ``old`` to ``new`` through ``apply``; saved when pushed."""

    def __init__(
        self,
        text: str,
        apply: Callable[[str, V], bool],
        node_id: str,
        old: V,
        new: V,
    ) -> None:
        super().__init__(text)
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


class AnswerCommand(_SavedChange[EnteredValue]):
    def __init__(
        self,
        apply: Callable[[str, EnteredValue], bool],
        node_id: str,
        old: EnteredValue,
        new: EnteredValue,
    ) -> None:
        text = _("answer {node}: {old} → {new}").format(
            node=node_id, old=value_text(old), new=value_text(new)
        )
        super().__init__(text, apply, node_id, old, new)


class NoteCommand(_SavedChange[str]):
    def __init__(self, apply: Callable[[str, str], bool], node_id: str, old: str, new: str):
        super().__init__(self._text(node_id, old, new), apply, node_id, old, new)

    @staticmethod
    def _text(node_id: str, old: str, new: str) -> str:
        return _("note {node}: {old} → {new}").format(
            node=node_id, old=note_text(old), new=note_text(new)
        )

    def id(self) -> int:
        return NOTE_COMMAND_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        """The next save of the same note while it is typed joins this command."""
        if not isinstance(other, NoteCommand) or other.node_id != self.node_id:
            return False
        self.new = other.new
        self.setText(self._text(self.node_id, self.old, self.new))
        return True
