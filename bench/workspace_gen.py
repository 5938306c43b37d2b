"""Large synthetic workspaces and big evidence files for ``bench_workspace``.

Going through the services costs about 5 ms per ``add_unit`` and 12 ms per
``start_assessment`` (one audited, fsynced transaction each): some three minutes for 10,000
units. So the schema is made by ``Workspace.open`` and the rows are then inserted in bulk with
raw ``sqlite3`` in one transaction, column for column as in ``storage/schema_v1.sql``. The
bulk rows have no audit events; the unit list does not read the audit chain.
"""

from __future__ import annotations

import os
import random
import sqlite3
from fractions import Fraction
from pathlib import Path

from zi_desktop.lke.loader import load_definition
from zi_desktop.services.scorecache import required_count
from zi_desktop.services.workspace import Workspace

LKE = "permenpanrb-90-2021"
YEAR = 2026
STAMP = "2026-03-02 09:15:00.000000"  # how SQLAlchemy writes a DATETIME to SQLite
SCORED_SHARE = 0.3
PREFIXES = ("Dinas", "Dinas", "Badan", "Kantor", "RSUD", "Puskesmas", "Kecamatan", "Bagian")
TOPICS = (
    "Kesehatan",
    "Pendidikan",
    "Perhubungan",
    "Sosial",
    "Kependudukan dan Pencatatan Sipil",
    "Penanaman Modal dan PTSP",
    "Pekerjaan Umum",
    "Lingkungan Hidup",
    "Pertanian",
    "Pariwisata",
    "Pendapatan Daerah",
    "Kepegawaian",
    "Perpustakaan",
    "Koperasi dan UKM",
    "Tenaga Kerja",
)
VERDICTS = ("eligible", "not_eligible", "incomplete")


def bulk_workspace(folder: Path, units: int, seed: int = 10_000) -> None:
    """A workspace with ``units`` units in 100 instansi, each with a current assessment.

    One unit in five also has last year's assessment (the list shows the latest one); about
    ``SCORED_SHARE`` of the units have cached 'unit' and 'tpi' scores on their latest one.
    """
    Workspace.open(folder).close()  # creates the schema (and the evidence folders)
    rng = random.Random(seed)
    required = required_count(load_definition(LKE))
    instansi = [(i, f"KAB-{i:03d}", f"Pemerintah Kabupaten Contoh {i:03d}") for i in range(1, 101)]
    unit_rows, assessments, scores = [], [], []
    for n in range(1, units + 1):
        place = f"Wilayah {rng.randint(1, 400):03d}"
        name = f"{rng.choice(PREFIXES)} {rng.choice(TOPICS)} {place}"
        current = rng.choice(("none", "none", "WBK", "WBBM"))
        target = "WBBM" if current == "WBK" else "WBK"
        unit_rows.append(
            (
                n,
                f"U{n:05d}",
                name,
                rng.randint(1, 100),
                f"Jl. Merdeka No. {n}, {place}",
                f"Kepala Unit {n}",
                "Pelayanan publik",
                current,
                target,
            )
        )
        periods = (1, 2) if rng.random() < 0.2 else (2,)  # period 1 = last year, 2 = this year
        for period_id in periods:
            status = rng.choice(("draft", "draft", "submitted", "reviewed"))
            assessments.append((len(assessments) + 1, n, period_id, status, "", STAMP, STAMP))
        if rng.random() < SCORED_SHARE:
            for tier in ("unit", "tpi"):
                total = str(Fraction(rng.randint(3000, 9500), 100))
                answered = rng.randint(0, required)
                scores.append(
                    (
                        len(assessments),
                        tier,
                        total,
                        answered,
                        required,
                        rng.choice(VERDICTS),
                        rng.choice(VERDICTS),
                    )
                )
    conn = sqlite3.connect(folder / "zi.sqlite", isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("INSERT INTO instansi (id, code, name) VALUES (?, ?, ?)", instansi)
        conn.executemany(
            "INSERT INTO unit (id, code, name, instansi_id, address, head, service_type,"
            " current_predikat, target_predikat) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            unit_rows,
        )
        conn.executemany(
            "INSERT INTO period (id, year, lke_version) VALUES (?, ?, ?)",
            [(1, YEAR - 1, LKE), (2, YEAR, LKE)],
        )
        conn.executemany(
            "INSERT INTO assessment (id, unit_id, period_id, status, evaluation_date,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            assessments,
        )
        conn.executemany(
            "INSERT INTO score_cache (assessment_id, tier, total, answered, required, wbk, wbbm)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            scores,
        )
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def pdf_headed_file(path: Path, size: int, block: int = 8 * 2**20) -> Path:
    """``size`` bytes: a PDF header, then pseudo-random bytes written in ``block`` pieces."""
    header = b"%PDF-1.4\n"
    with open(path, "wb") as out:
        out.write(header)
        left = size - len(header)
        while left > 0:
            piece = os.urandom(min(block, left))
            out.write(piece)
            left -= len(piece)
    return path
