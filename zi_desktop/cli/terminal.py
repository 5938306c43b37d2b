"""What ``zi`` writes to a terminal carries no control characters but line breaks and tabs.

Names and codes in cards, packages, workbooks and evidence come from other people. Printed raw,
an escape sequence in a card's name could move the cursor, hide the real fingerprint line or
print a fake one in the very prompt that asks a person to compare fingerprints. Every stream the
command writes to is wrapped so that such characters are shown as ``\\uXXXX`` escapes (valid
inside JSON strings too); fields are also escaped one by one where a line break in them could
fake a line (:func:`zi_desktop.formatting.one_line`).
"""

from __future__ import annotations

import io
from typing import TextIO

from ..formatting import ESCAPES

_STREAM_ESCAPES = {code: text for code, text in ESCAPES.items() if chr(code) not in "\n\t"}


class EscapingWriter(io.TextIOBase):
    """A text stream that escapes control characters before they reach ``target``."""

    def __init__(self, target: TextIO) -> None:
        super().__init__()
        self.target = target

    def write(self, text: str) -> int:
        self.target.write(text.translate(_STREAM_ESCAPES))
        return len(text)

    def flush(self) -> None:
        self.target.flush()

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return self.target.isatty()

    def fileno(self) -> int:
        return self.target.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.target, "encoding", "utf-8") or "utf-8"


def escaping(stream: TextIO) -> TextIO:
    """``stream`` wrapped (once) in an :class:`EscapingWriter`."""
    if isinstance(stream, EscapingWriter):
        return stream
    return EscapingWriter(stream)  # type: ignore[return-value]
