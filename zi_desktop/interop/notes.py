"""A note and an evidence description kept together in one note text.

The workspace has one free-text note per item and tier. The workbook has two columns: the
note (O) and the evidence description (P, *bukti dukung*). An evidence description is kept
in the note as a last paragraph starting with ``Bukti dukung: ``, so both survive a round
trip through the workspace and back into the workbook.
"""

from __future__ import annotations

MARKER = "Bukti dukung: "
_SEPARATOR = "\n\n"


def compose(note: str, evidence: str) -> str:
    """One note text from a note and an evidence description (either may be empty)."""
    note, evidence = note.strip(), evidence.strip()
    if not evidence:
        return note
    tail = MARKER + evidence
    return note + _SEPARATOR + tail if note else tail


def split(text: str) -> tuple[str, str]:
    """The note and the evidence description of a note text (the inverse of ``compose``)."""
    if text.startswith(MARKER):
        return "", text[len(MARKER) :]
    at = text.rfind(_SEPARATOR + MARKER)
    if at < 0:
        return text, ""
    return text[:at], text[at + len(_SEPARATOR) + len(MARKER) :]
