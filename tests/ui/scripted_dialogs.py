"""A dialog service for tests: records every dialog and answers from a queue, never blocks.

Usage::

    with scripted_dialogs() as dialogs:
        dialogs.answer("confirm", True)
        page.remove()
        assert dialogs.calls[-1].kind == "confirm"

``open_files``, ``save_file``, ``confirm``, ``ask_text`` and ``ask_profile`` take their answers
from the queue in order and fail the test when none was queued; ``info`` and ``error`` only
record.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from ui import dialogs as dialog_module
from ui.dialogs import DialogService


@dataclass
class Call:
    """One dialog the code asked for: its kind and the arguments it was given."""

    kind: str
    args: dict[str, Any] = field(default_factory=dict)


class ScriptedDialogService(DialogService):
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self._answers: dict[str, deque[Any]] = {}

    def answer(self, kind: str, *values: Any) -> None:
        """Queue the answers the next ``kind`` dialogs give (e.g. ``answer("confirm", True)``)."""
        self._answers.setdefault(kind, deque()).extend(values)

    def of_kind(self, kind: str) -> list[Call]:
        return [call for call in self.calls if call.kind == kind]

    @property
    def errors(self) -> list[Call]:
        return self.of_kind("error")

    def _next(self, kind: str, **args: Any) -> Any:
        self.calls.append(Call(kind, args))
        queued = self._answers.get(kind)
        if not queued:
            raise AssertionError(f"unexpected {kind} dialog: {args}")
        return queued.popleft()

    def open_files(self, parent: QWidget | None, title: str, name_filter: str) -> list[Path]:
        return [Path(p) for p in self._next("open_files", title=title, name_filter=name_filter)]

    def save_file(
        self, parent: QWidget | None, title: str, suggested: Path, name_filter: str
    ) -> Path | None:
        answer = self._next("save_file", title=title, suggested=suggested, filter=name_filter)
        return None if answer is None else Path(answer)

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        return bool(self._next("confirm", title=title, text=text))

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        self.calls.append(Call("info", {"title": title, "text": text}))

    def error(self, parent: QWidget | None, message: str, details: str = "") -> None:
        self.calls.append(Call("error", {"message": message, "details": details}))

    def ask_text(
        self, parent: QWidget | None, title: str, label: str, text: str = ""
    ) -> str | None:
        answer: str | None = self._next("ask_text", title=title, label=label, text=text)
        return answer

    def ask_profile(self, parent: QWidget | None, profile: Any) -> Any:
        return self._next("ask_profile", profile=profile)


@contextmanager
def scripted_dialogs() -> Iterator[ScriptedDialogService]:
    """Install a :class:`ScriptedDialogService` for the block; the previous one comes back."""
    previous = dialog_module.get_service()
    service = ScriptedDialogService()
    dialog_module.set_service(service)
    try:
        yield service
    finally:
        dialog_module.set_service(previous)
