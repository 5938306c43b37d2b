"""The workspace commands of ``zi`` end to end, as subprocesses, checked against the services.

``init``, ``demo``, ``units`` (text and ``--json``), ``import-answers``, ``export-answers``,
``score --unit``, ``attach`` and ``audit verify``; every one takes ``--workspace DIR``; bad
input exits 2 with a message and changes nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from zi_desktop.cli.main import build_parser
from zi_desktop.services.workspace import Workspace
from zi_desktop.storage.tables import SCHEMA_VERSION

WORKSPACE_COMMANDS = (
    "init",
    "demo",
    "units",
    "import-answers",
    "export-answers",
    "attach",
    "audit",
)
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"


def zi(*args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, ZI_LANG=lang, PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "zi_desktop.cli.main", *args],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=120,
    )


def ok(*args: str) -> str:
    done = zi(*args)
    assert done.returncode == 0, f"zi {' '.join(args)}: {done.stderr}"
    return done.stdout


def refused(*args: str) -> str:
    done = zi(*args)
    assert done.returncode == 2, f"zi {' '.join(args)} exited {done.returncode}: {done.stderr}"
    assert done.stderr.strip()
    return done.stderr


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli") / "demo"
    out = ok("demo", "--workspace", str(folder))
    assert str(folder) in out
    return folder


def _services(demo: Path) -> Workspace:
    ws: Workspace = Workspace.open(demo, create=False)
    return ws


# -- the option every command takes -----------------------------------------------------


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("no subcommands")


@pytest.mark.parametrize("command", [*WORKSPACE_COMMANDS, "score"])
def test_every_workspace_command_accepts_workspace_dir(command: str) -> None:
    sub = _subcommands()[command]
    options = {o for a in sub._actions for o in a.option_strings}
    assert "--workspace" in options


# -- init, demo, units -------------------------------------------------------------------


def test_init_creates_an_empty_workspace(tmp_path: Path) -> None:
    folder = tmp_path / "baru"
    out = ok("init", "--workspace", str(folder))
    assert str(folder) in out
    conn = sqlite3.connect(folder / "zi.sqlite")
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        conn.close()
    assert (folder / "evidence").is_dir() and (folder / "backups").is_dir()
    assert ok("units", "--workspace", str(folder)) == ""
    assert ok("units", "--json", "--workspace", str(folder)) == ""


def test_commands_need_an_existing_workspace(tmp_path: Path) -> None:
    err = refused("units", "--workspace", str(tmp_path / "none"))
    assert "zi init" in err
    assert not (tmp_path / "none" / "zi.sqlite").exists()


def test_demo_refuses_a_folder_with_a_workspace(demo: Path) -> None:
    before = (demo / "zi.sqlite").stat().st_mtime_ns
    err = refused("demo", "--workspace", str(demo))
    assert str(demo) in err
    assert (demo / "zi.sqlite").stat().st_mtime_ns == before


def test_units_text_and_json(demo: Path) -> None:
    text = ok("units", "--workspace", str(demo))
    lines = text.splitlines()
    assert len(lines) == 3
    assert {line.split()[0] for line in lines} == {"KPP-001", "RSUD-002", "DUK-003"}
    docs = [
        json.loads(line) for line in ok("units", "--json", "--workspace", str(demo)).splitlines()
    ]
    with _services(demo) as ws:
        rows = {r.code: r for r in ws.list_units()}
    assert [d["code"] for d in docs] == list(rows)
    for doc in docs:
        row = rows[doc["code"]]
        assert set(doc) >= {
            "code",
            "name",
            "instansi",
            "target",
            "status",
            "year",
            "answered_tpi",
            "required",
            "nilai_unit",
            "nilai_tpi",
            "verdict",
        }
        assert doc["name"] == row.name and doc["year"] == row.year == 2026
        assert (doc["answered_tpi"], doc["required"]) == (row.answered_tpi, 127)
        assert doc["nilai_unit"] == pytest.approx(float(row.nilai_unit or 0), abs=1e-12)
        assert doc["verdict"] == {"WBK": row.verdict_wbk, "WBBM": row.verdict_wbbm}
    assert 1 <= {d["code"]: d for d in docs}["KPP-001"]["answered_tpi"] <= 126
    only = ok("units", "--search", "rsud", "--workspace", str(demo)).splitlines()
    assert [line.split()[0] for line in only] == ["RSUD-002"]


# -- answers files, scores ---------------------------------------------------------------


def test_export_import_and_score(demo: Path, tmp_path: Path) -> None:
    printed = ok("export-answers", "--unit", "DUK-003", "--tier", "unit", "--workspace", str(demo))
    target = tmp_path / "out" / "DUK-003-unit.json"
    target.parent.mkdir()
    assert (
        ok(
            "export-answers",
            "--unit",
            "DUK-003",
            "--tier",
            "unit",
            "-o",
            str(target),
            "--workspace",
            str(demo),
        )
        == ""
    )
    assert target.read_text(encoding="utf-8") == printed
    with _services(demo) as ws:
        assert ws.export_answers("DUK-003", "unit") == printed
    assert not any(p.name.endswith(".part") for p in target.parent.iterdir())

    out = ok(
        "import-answers",
        str(target),
        "--unit",
        "DUK-003",
        "--tier",
        "tpi",
        "--workspace",
        str(demo),
    )
    with _services(demo) as ws:
        view = ws.open_assessment("DUK-003")
        assert ws.export_answers("DUK-003", "tpi") == printed
        assert view.scores["tpi"] == view.scores["unit"]
        changed = sum(1 for a in view.answers["tpi"].values() if a.value is not None)
    assert str(changed) in out

    by_unit = json.loads(ok("score", "--unit", "DUK-003", "--json", "--workspace", str(demo)))
    by_file = json.loads(ok("score", str(target), "--json"))
    assert set(by_unit) == set(by_file)
    assert set(by_unit["areas"]) == set(by_file["areas"])
    assert by_unit["total"] == by_file["total"]
    assert by_unit["verdict"] == by_file["verdict"]
    assert by_unit["total"] == float(view.scores["tpi"].total)


def test_score_unit_json_matches_services(demo: Path) -> None:
    for tier in ("tpi", "unit"):
        doc = json.loads(
            ok("score", "--unit", "KPP-001", "--tier", tier, "--json", "--workspace", str(demo))
        )
        with _services(demo) as ws:
            live = ws.open_assessment("KPP-001").scores[tier]
        assert doc["total"] == float(live.total)
        assert doc["complete"] == live.complete
        assert doc["missing"] == list(live.missing)
        assert {k: v["status"] for k, v in doc["verdict"].items()} == {
            k: v.status for k, v in live.verdicts.items()
        }
    table = ok("score", "--unit", "KPP-001", "--workspace", str(demo))
    assert "KPP-001" in table


def test_import_of_a_bad_file_is_refused_and_changes_nothing(demo: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "format": "zi-answers/1",
                "lke": "permenpanrb-90-2021",
                "answers": {"A.I.1.i.a": "Mungkin"},
            }
        ),
        encoding="utf-8",
    )
    before = ok("export-answers", "--unit", "RSUD-002", "--tier", "tpi", "--workspace", str(demo))
    err = refused(
        "import-answers", str(bad), "--unit", "RSUD-002", "--tier", "tpi", "--workspace", str(demo)
    )
    assert "bad.json" in err and "A.I.1.i.a" in err
    after = ok("export-answers", "--unit", "RSUD-002", "--tier", "tpi", "--workspace", str(demo))
    assert after == before


# -- attach ------------------------------------------------------------------------------


def test_attach_a_good_file(demo: Path, tmp_path: Path) -> None:
    source = tmp_path / "SK Tim ZI.pdf"
    source.write_bytes(PDF + b"cli attach")
    with _services(demo) as ws:
        before = len(ws.open_assessment("RSUD-002").evidence)
    out = ok(
        "attach",
        str(source),
        "--unit",
        "RSUD-002",
        "--item",
        "A.I.1.ii.a",
        "--caption",
        "SK",
        "--workspace",
        str(demo),
    )
    with _services(demo) as ws:
        evidence = ws.open_assessment("RSUD-002").evidence
        assert len(evidence) == before + 1
        link = evidence[-1]
        assert (link.node_id, link.tier, link.caption, link.file_name, link.mime) == (
            "A.I.1.ii.a",
            "tpi",
            "SK",
            "SK Tim ZI.pdf",
            "application/pdf",
        )
        assert ws.store.verify(link.sha256)
    assert link.sha256[:12] in out and "application/pdf" in out


def test_attach_a_forbidden_type_attaches_nothing(demo: Path, tmp_path: Path) -> None:
    good = tmp_path / "laporan.pdf"
    good.write_bytes(PDF + b"never attached")
    bad = tmp_path / "setup.pdf"
    bad.write_bytes(b"MZ\x90\x00" + b"\x00" * 200)
    with _services(demo) as ws:
        before = (ws.open_assessment("KPP-001").evidence, ws.store.stored(), ws.verify_audit())
    err = refused(
        "attach",
        str(good),
        str(bad),
        "--unit",
        "KPP-001",
        "--item",
        "A.I.1.i.a",
        "--workspace",
        str(demo),
    )
    assert "setup.pdf" in err and "not an allowed evidence type" in err
    with _services(demo) as ws:
        after = (ws.open_assessment("KPP-001").evidence, ws.store.stored(), ws.verify_audit())
    assert after == before


def test_audit_verify(demo: Path) -> None:
    out = ok("audit", "verify", "--workspace", str(demo))
    with _services(demo) as ws:
        report = ws.verify_audit()
    assert report.ok and str(report.events) in out


# -- unknown unit ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("score", "--unit", "NOPE-404", "--json"),
        ("export-answers", "--unit", "NOPE-404", "--tier", "tpi"),
        ("import-answers", "{answers}", "--unit", "NOPE-404", "--tier", "tpi"),
        ("attach", "{pdf}", "--unit", "NOPE-404", "--item", "A.I.1.i.a"),
    ],
    ids=["score", "export-answers", "import-answers", "attach"],
)
def test_unknown_unit_exits_2_naming_the_code(
    demo: Path, tmp_path: Path, args: tuple[str, ...]
) -> None:
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(PDF + b"unknown unit")
    answers = tmp_path / "a.json"
    answers.write_text(
        json.dumps({"format": "zi-answers/1", "lke": "permenpanrb-90-2021", "answers": {}}),
        encoding="utf-8",
    )
    argv = [a.format(answers=answers, pdf=pdf) for a in args]
    with _services(demo) as ws:
        events = ws.verify_audit().events
        stored = ws.store.stored()
    err = refused(*argv, "--workspace", str(demo))
    assert "NOPE-404" in err
    with _services(demo) as ws:
        assert ws.verify_audit().events == events
        assert ws.store.stored() == stored


def test_unknown_unit_message_in_indonesian(demo: Path) -> None:
    done = zi("score", "--unit", "NOPE-404", "--workspace", str(demo), lang="id")
    assert done.returncode == 2 and "NOPE-404" in done.stderr


# -- the workspace before the command, or from the environment ----------------------------------


def test_the_workspace_may_come_before_the_command(demo: Path) -> None:
    after = ok("units", "--workspace", str(demo))
    assert ok("--workspace", str(demo), "units") == after
    assert "KPP-001" in after


def test_zi_workspace_names_the_default_workspace(demo: Path, tmp_path: Path) -> None:
    env = dict(os.environ, ZI_LANG="en", PYTHONIOENCODING="utf-8", ZI_WORKSPACE=str(demo))
    done = subprocess.run(
        [sys.executable, "-m", "zi_desktop.cli.main", "units"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0 and "KPP-001" in done.stdout, done.stderr
    # an option given says more than the variable, before or after the command
    other = tmp_path / "other"
    ok("init", "--workspace", str(other))
    for args in (["--workspace", str(other), "units"], ["units", "--workspace", str(other)]):
        done = subprocess.run(
            [sys.executable, "-m", "zi_desktop.cli.main", *args],
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        assert done.returncode == 0 and "KPP-001" not in done.stdout, done.stderr
