"""The names evidence files are given when they are stored or handed to the system's viewer.

Kept apart from :mod:`.evidence` so that the window can use it without loading the database
layer.
"""

from __future__ import annotations

from ..storage.filetypes import name_for


def viewing_name(file_name: str, mime: str) -> str:
    """The name for a copy of evidence handed to the system's viewer.

    Its extension fits the type the content was found to be (``laporan.hta`` holding text is
    opened as ``laporan.hta.txt``), so opening evidence never runs a program.
    """
    return name_for(file_name, mime)
