"""Regenerates ``fixtures/schema-v1.sql``: a text dump of a small workspace of schema version 1.

The dump is the released-schema fixture that ``test_database.py`` loads, opens and upgrades,
as Electrum keeps a wallet file of every released storage version. Schema 1 is frozen, so the
fixture normally never changes; regenerate it only if it is lost, from a checkout of the
schema-1 release (the services of a later release create a later schema), with::

    .venv/bin/python tests/storage/make_fixture.py

It builds the workspace with the services (one instansi, one unit, a few answers, a note,
one evidence link, hence a few audit events), then writes ``sqlite3``'s ``iterdump()``: SQL
text only, no binary blobs. The evidence file itself is not in the dump; its content is
:data:`EVIDENCE_TEXT`, so a test can put it back into the store.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from pathlib import Path

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "schema-v1.sql"
LKE = "permenpanrb-90-2021"
YEAR = 2026
INSTANSI = ("KAB-FIX", "Pemerintah Kabupaten Fiksatur")
UNIT_CODE = "FIX-001"
UNIT_NAME = "Dinas Fiksatur"
TIER = "tpi"
ANSWERS: dict[str, object] = {
    "A.I.1.i.a": "Ya",
    "A.I.1.i.b": "B",
    "A.I.2.i.a": "C",
    "A.II.1.i.a.1": 40,
    "A.II.1.i.a.2": 30,
}
NOTE = ("A.I.1.i.a", "SK Tim Kerja ZI tersedia.")
EVIDENCE_ITEM = "A.I.1.i.a"
EVIDENCE_NAME = "notulen.txt"
EVIDENCE_TEXT = "Notulen rapat Tim Kerja ZI, 8 Januari 2026.\n"
HEADER = "-- ZI Desktop workspace, schema version 1 (PRAGMA user_version = 1).\n"


def build(folder: Path) -> None:
    """Create the fixture workspace in ``folder`` with the services."""
    from zi_desktop.services.workspace import Workspace
    from zi_desktop.values.views import UnitInfo

    with Workspace.open(folder, actor="fixture") as ws:
        ws.add_instansi(*INSTANSI)
        ws.add_unit(UnitInfo(UNIT_CODE, UNIT_NAME, INSTANSI[0], INSTANSI[1]))
        ws.start_assessment(UNIT_CODE, YEAR, LKE)
        for node, value in ANSWERS.items():
            ws.set_answer(UNIT_CODE, TIER, node, value)
        ws.set_note(UNIT_CODE, TIER, *NOTE)
        source = folder.parent / EVIDENCE_NAME
        source.write_text(EVIDENCE_TEXT, encoding="utf-8")
        ws.attach_evidence(UNIT_CODE, TIER, EVIDENCE_ITEM, source, "Notulen")


def dump(database: Path) -> str:
    conn = sqlite3.connect(database)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        assert version == 1, f"schema {version}: regenerate from a checkout of the schema-1 release"
        return HEADER + "\n".join(conn.iterdump()) + "\n"
    finally:
        conn.close()


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "ws"
        build(folder)
        text = dump(folder / "zi.sqlite")
    FIXTURE.parent.mkdir(exist_ok=True)
    FIXTURE.write_text(text, encoding="utf-8")
    print(f"wrote {FIXTURE} ({len(text)} characters)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
