"""The upload journal: what a run learned that the next run needs, kept durably.

``FILE.journal`` beside the package (``FILE`` without the part number for split packages)
holds the package hash, the intake session and, per file, the address of its upload and the
offset the intake last confirmed. It is written atomically and fsynced after every step that
changes it, so a run killed at any moment leaves a journal the next run continues from (it
asks the intake for the real offsets, which are never behind the journal's). It is removed
once the receipt is written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..storage.durable import write_bytes

FORMAT = "zi-upload-journal/1"
SUFFIX = ".journal"


@dataclass
class Journal:
    path: Path
    package: str
    session: str | None = None
    uploads: dict[str, str] = field(default_factory=dict)  # sha256 → upload path on the intake
    confirmed: dict[str, int] = field(default_factory=dict)  # sha256 → confirmed offset

    def save(self) -> None:
        doc = {
            "format": FORMAT,
            "package": self.package,
            "session": self.session,
            "uploads": self.uploads,
            "confirmed": self.confirmed,
        }
        write_bytes(self.path, json.dumps(doc, sort_keys=True).encode("utf-8"))

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)


def journal_path(named: Path) -> Path:
    name = named.name
    stem, _dot, last = name.rpartition(".")
    if stem and last.isdigit():
        name = stem
    return named.with_name(name + SUFFIX)


def load(named: Path, package: str) -> Journal:
    """The journal of the package named ``named``, or a new one (another package's is ignored)."""
    path = journal_path(named)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Journal(path, package)
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or doc.get("package") != package:
        return Journal(path, package)
    uploads, confirmed = doc.get("uploads") or {}, doc.get("confirmed") or {}
    session = doc.get("session")
    if not isinstance(uploads, dict) or not isinstance(confirmed, dict):
        return Journal(path, package)
    return Journal(
        path,
        package,
        session if isinstance(session, str) else None,
        {k: v for k, v in uploads.items() if isinstance(v, str)},
        {k: v for k, v in confirmed.items() if isinstance(v, int)},
    )


def pending(folder: Path) -> list[Path]:
    """Journals of unfinished uploads in ``folder`` (for the app to continue after a restart)."""
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"*{SUFFIX}"))
