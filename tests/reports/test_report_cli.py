"""``zi report`` end to end: one unit, every unit, and bad input (exit status 2)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from zi_desktop.cli.main import main


@pytest.fixture
def folder(report_template: Path, tmp_path: Path) -> Path:
    shutil.copytree(report_template, tmp_path / "ws")
    return tmp_path / "ws"


def test_report_one_unit(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "kpp.pdf"
    args = ["report", "--workspace", str(folder), "--unit", "KPP-001", "-o", str(out)]
    assert main([*args, "--date", "2026-11-23", "--place", "Sukamaju", "--reproducible"]) == 0
    pages = len(PdfReader(out).pages)
    said = capsys.readouterr().out
    assert f"KPP-001: {pages} halaman ditulis ke {out} (draf: penilaian belum lengkap)" in said
    first = out.read_bytes()
    assert main([*args, "--date", "2026-11-23", "--place", "Sukamaju", "--reproducible"]) == 0
    assert out.read_bytes() == first


def test_report_into_a_folder_and_default_exports(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["report", "--workspace", str(folder), "--unit", "RSUD-002", "-o", str(tmp_path)]) == 0
    )
    assert (tmp_path / "LHE-RSUD-002-2026.pdf").exists()
    assert main(["report", "--workspace", str(folder), "--unit", "RSUD-002"]) == 0
    assert (folder / "exports" / "LHE-RSUD-002-2026.pdf").exists()
    said = capsys.readouterr().out  # the TPI tier of RSUD-002 is complete, but not approved
    assert "(draf: belum disetujui)" in said and "belum lengkap" not in said


def test_report_all(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "reports"
    assert (
        main(["--lang", "en", "report", "--workspace", str(folder), "--all", "-o", str(out)]) == 0
    )
    assert sorted(p.name for p in out.iterdir()) == [
        "LHE-DUK-003-2026.pdf",
        "LHE-KPP-001-2026.pdf",
        "LHE-RSUD-002-2026.pdf",
    ]
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and all(" pages written to " in line for line in lines)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--unit", "KPP-001", "--date", "23-11-2026"], "23-11-2026 bukan tanggal"),
        (["--unit", "NOPE"], "NOPE"),
        (["--all", "--year", "2026"], "--year"),
        (
            ["--unit", "KPP-001", "--tier", "unit", "-o", "/nonexistent/dir/x.pdf"],
            "/nonexistent/dir",
        ),
    ],
)
def test_bad_input_exits_2(
    folder: Path, extra: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", "--workspace", str(folder), *extra]) == 2
    assert message in capsys.readouterr().err
