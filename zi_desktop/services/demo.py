"""The embedded demo workspace: one instansi, three units, realistic answers and evidence.

The units' self-assessments come from ``resources/demo/<CODE>.json``; the TPI has evaluated
half of the first unit's LKE. Evidence files are small documents generated here. The workspace
is marked as a demo (setting ``demo``): the window says so in its title and status bar, and
never opens it unless asked to.
"""

from __future__ import annotations

import tempfile
import zlib
from pathlib import Path

from ..paths import resources_dir
from ..values.views import EvaluatorProfile, UnitInfo
from .workspace import Workspace

DEMO_SETTING = "demo"  # zi_desktop.services.unit_list reads it too, with sqlite3
YEAR = 2026
LKE = "permenpanrb-90-2021"
INSTANSI = ("KAB-SKM", "Pemerintah Kabupaten Sukamaju")
UNITS = (
    UnitInfo(
        "KPP-001",
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        INSTANSI[0],
        INSTANSI[1],
        "Jl. Merdeka No. 12, Sukamaju",
        "Drs. Bambang Sutrisno, M.Si.",
        "Perizinan dan non-perizinan",
        "WBK",
        "WBBM",
    ),
    UnitInfo(
        "RSUD-002",
        "RSUD Sukamaju",
        INSTANSI[0],
        INSTANSI[1],
        "Jl. Kesehatan No. 1, Sukamaju",
        "dr. Ratna Wulandari, Sp.PD.",
        "Pelayanan kesehatan rujukan",
        "none",
        "WBK",
    ),
    UnitInfo(
        "DUK-003",
        "Dinas Kependudukan dan Pencatatan Sipil",
        INSTANSI[0],
        INSTANSI[1],
        "Jl. Pahlawan No. 7, Sukamaju",
        "Hj. Siti Aminah, S.H.",
        "Administrasi kependudukan",
        "none",
        "WBK",
    ),
)
NOTES = {
    "A.I.1.i.a": "SK Kepala Dinas tentang Tim Kerja Pembangunan ZI ditetapkan Januari 2026.",
    "A.I.1.ii.a": "Rencana kerja ZI 2026 tersedia, ditandatangani kepala unit.",
    "A.I.2.i.a": "SOP layanan utama sudah mengacu peta proses bisnis.",
    "A.I.6.iv.a": "SKM dilakukan per semester; laporan semester I terlampir.",
}
TEAM = (
    EvaluatorProfile("Dewi Lestari, S.E., Ak.", "198703152010122001", "anggota", INSTANSI[1]),
    EvaluatorProfile("Agus Pramono, S.H., M.H.", "197905062005011003", "ketua", INSTANSI[1]),
    EvaluatorProfile("Ir. Hendra Gunawan, M.M.", "197001011995031002", "dalnis", INSTANSI[1]),
)


def _pdf(title: str) -> bytes:
    """A minimal one-page PDF with a title line."""
    text = title.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _png(width: int = 32, height: int = 24) -> bytes:
    """A small gradient PNG (a stand-in photo of a service counter)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return len(data).to_bytes(4, "big") + kind + data + crc.to_bytes(4, "big")

    rows = b"".join(
        b"\x00" + bytes(v for x in range(width) for v in (x * 8 % 256, y * 10 % 256, 160))
        for y in range(height)
    )
    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + b"\x08\x02\x00\x00\x00"
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def build_demo(folder: Path) -> Workspace:
    """Create the demo workspace in ``folder`` (which must not hold a workspace yet)."""
    ws: Workspace = Workspace.open(folder, actor="demo")
    ws.set_setting(DEMO_SETTING, True)  # the window marks it; its people are examples
    ws.set_evaluator(TEAM[0])
    for member in TEAM:
        ws.add_team_member(member)
    ws.add_instansi(*INSTANSI)
    for unit in UNITS:
        ws.add_unit(unit)
        ws.start_assessment(unit.code, YEAR, LKE)
        ws.import_answers(unit.code, "unit", resources_dir() / "demo" / f"{unit.code}.json")
    first = UNITS[0].code
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp)
        (docs / "SK-Tim-ZI-2026.pdf").write_bytes(_pdf("SK Tim Kerja Pembangunan ZI 2026"))
        (docs / "Rencana-Kerja-ZI.pdf").write_bytes(_pdf("Rencana Kerja Pembangunan ZI 2026"))
        (docs / "ruang-pelayanan.png").write_bytes(_png())
        (docs / "notulen-rapat.txt").write_text(
            "Notulen rapat pembentukan Tim Kerja ZI, 8 Januari 2026.\n", encoding="utf-8"
        )
        (docs / "laporan-survei-ipak.pdf").write_bytes(_pdf("Laporan Survei IPAK dan IPKP 2026"))
        for unit in UNITS:
            ws.attach_evidence(
                unit.code, "unit", "A.I.1.i.a", docs / "SK-Tim-ZI-2026.pdf", "SK Tim"
            )
            for item, note in NOTES.items():
                ws.set_note(unit.code, "unit", item, note)
        ws.attach_evidence(first, "unit", "A.I.1.ii.a", docs / "Rencana-Kerja-ZI.pdf")
        ws.attach_evidence(first, "unit", "A.I.6.ii.e", docs / "ruang-pelayanan.png", "Ruang MPP")
        ws.attach_evidence(first, "tpi", "A.I.1.i.a", docs / "notulen-rapat.txt", "Notulen")
        _evaluate_half(ws, first)
        ws.set_survey(
            first,
            "IPAK",
            3.74,
            412,
            "Semester I 2026",
            "BPS Kabupaten Sukamaju",
            docs / "laporan-survei-ipak.pdf",
        )
        ws.set_survey(first, "IPKP", 3.66, 412, "Semester I 2026", "BPS Kabupaten Sukamaju")
    ws.set_recommendation(first, 5, "Perkuat pengendalian gratifikasi dan tindak lanjut WBS.")
    return ws


def _evaluate_half(ws: Workspace, code: str) -> None:
    """The TPI agrees with most of the unit's pemenuhan answers and marks a few down."""
    view = ws.open_assessment(code)
    unit_answers = view.answers["unit"]
    for n, (node_id, answer) in enumerate(sorted(unit_answers.items())):
        if not node_id.startswith("A.I.") or answer.value is None:
            continue
        value = answer.value
        definition = ws.definition(view.lke)
        item = definition.items[node_id]
        if n % 7 == 3 and isinstance(value, str):
            codes = [o.code for o in item.options]
            value = codes[min(codes.index(value) + 1, len(codes) - 1)]
            ws.set_note(code, "tpi", node_id, "Bukti dukung belum lengkap untuk seluruh bidang.")
        ws.set_answer(code, "tpi", node_id, value)
