"""The sync and identity commands end to end, as a user runs them (subprocesses)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sync_helpers import People

from zi_desktop.services.workspace import Workspace
from zi_desktop.values.fingerprint import assessment_fingerprint

ZI = [sys.executable, "-m", "zi_desktop.cli.main"]


class Cli:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.pw = root / "pw.txt"
        self.pw.write_text("kata sandi panjang\n", encoding="utf-8")

    def run(
        self, *args: str, who: str = "dewi", lang: str = "en"
    ) -> subprocess.CompletedProcess[str]:
        env = dict(
            os.environ,
            ZI_LANG=lang,
            ZI_IDENTITY_DIR=str(self.root / f"id-{who}"),
            PYTHONIOENCODING="utf-8",
        )
        return subprocess.run(
            [*ZI, *args],
            env=env,
            capture_output=True,
            text=True,
            check=False,
            stdin=subprocess.DEVNULL,
        )

    def ok(self, *args: str, **kw: str) -> str:
        done = self.run(*args, **kw)
        assert done.returncode == 0, done.stderr + done.stdout
        return done.stdout


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    c = Cli(tmp_path)
    for who, name, nip, role in [
        ("dewi", "Dewi Lestari", "198703152010122001", "anggota"),
        ("koor", "Hendra Gunawan", "197001011995031002", "koordinator"),
    ]:
        out = c.ok(
            "identity",
            "init",
            "--name",
            name,
            "--nip",
            nip,
            "--role",
            role,
            "--passphrase-file",
            str(c.pw),
            who=who,
        )
        assert "Key fingerprint: " in out
        c.ok(
            "identity",
            "export-card",
            "-o",
            str(tmp_path / f"{who}.card"),
            "--passphrase-file",
            str(c.pw),
            who=who,
        )
    return c


def test_identity_show_and_refusals(cli: Cli) -> None:
    shown = cli.ok("identity", "show")
    assert "Dewi Lestari" in shown and "anggota" in shown
    fp = json.loads(cli.ok("identity", "show", "--json"))["fingerprint"]
    assert fp in shown and len(fp) == 39
    again = cli.run(
        "identity",
        "init",
        "--name",
        "X",
        "--nip",
        "198703152010122001",
        "--role",
        "anggota",
        "--passphrase-file",
        str(cli.pw),
    )
    assert again.returncode == 2 and "--replace" in again.stderr
    missing = cli.run("identity", "export-card", "-o", str(cli.root / "x.card"))
    assert missing.returncode == 2 and "--passphrase-file" in missing.stderr
    wrong = cli.root / "wrong.txt"
    wrong.write_text("bukan ini sandinya")
    bad = cli.run(
        "identity", "export-card", "-o", str(cli.root / "x.card"), "--passphrase-file", str(wrong)
    )
    assert bad.returncode == 2 and "Wrong passphrase" in bad.stderr
    assert not (cli.root / "x.card").exists()


def test_full_cycle_on_the_command_line(cli: Cli, tmp_path: Path) -> None:
    root = str(tmp_path)
    cli.ok("demo", "--workspace", f"{root}/koor-ws", who="koor")
    cli.ok("init", "--workspace", f"{root}/dewi-ws")
    unconfirmed = cli.run(
        "trust", "add", f"{root}/dewi.card", "--workspace", f"{root}/koor-ws", who="koor"
    )
    assert unconfirmed.returncode == 2 and "--yes" in unconfirmed.stderr
    added = cli.ok(
        "trust", "add", f"{root}/dewi.card", "--yes", "--workspace", f"{root}/koor-ws", who="koor"
    )
    assert "Enrolled." in added
    assert "Dewi Lestari" in cli.ok("trust", "list", "--workspace", f"{root}/koor-ws", who="koor")
    # The coordinator assigns KPP-001; Dewi confirms the key on first use.
    cli.ok(
        "assign",
        "--unit",
        "KPP-001",
        "--to",
        f"{root}/dewi.card",
        "-o",
        f"{root}/a.zisync",
        "--passphrase-file",
        str(cli.pw),
        "--workspace",
        f"{root}/koor-ws",
        who="koor",
    )
    shown = cli.ok("verify", f"{root}/a.zisync", "--workspace", f"{root}/dewi-ws")
    assert "NEW coordinator key" in shown
    koor_fp = json.loads(cli.ok("identity", "show", "--json", who="koor"))["fingerprint"]
    refused = cli.run("import", f"{root}/a.zisync", "--workspace", f"{root}/dewi-ws")
    assert refused.returncode == 2 and koor_fp in refused.stdout  # no one to confirm it
    done = cli.ok(
        "import", f"{root}/a.zisync", "--accept-key", koor_fp, "--workspace", f"{root}/dewi-ws"
    )
    assert "Coordinator key pinned" in done
    assert "nothing changed" in cli.ok(
        "import", f"{root}/a.zisync", "--workspace", f"{root}/dewi-ws"
    )
    # Dewi evaluates and sends her work back (to the pinned coordinator by default).
    with Workspace.open(tmp_path / "dewi-ws", create=False) as ws:
        ws.set_answer("KPP-001", "tpi", "A.I.1.i.a", "Ya")
        ws.set_note("KPP-001", "tpi", "A.I.1.i.a", "SK Tim ZI — sudah ditandatangani ✓")
        expected = assessment_fingerprint(ws.open_assessment("KPP-001"))
    cli.ok(
        "export",
        "--unit",
        "KPP-001",
        "-o",
        f"{root}/s.zisync",
        "--passphrase-file",
        str(cli.pw),
        "--workspace",
        f"{root}/dewi-ws",
    )
    text = cli.ok("verify", f"{root}/s.zisync", "--trust", f"{root}/dewi.card")
    printed = " ".join(expected.upper()[i : i + 4] for i in range(0, 64, 4))
    assert "Package valid" in text and printed in text and "Dewi Lestari" in text
    doc = json.loads(cli.ok("verify", f"{root}/s.zisync", "--trust", root, "--json"))
    assert doc["valid"] and doc["units"][0]["fingerprint"] == expected
    imported = cli.ok("import", f"{root}/s.zisync", "--workspace", f"{root}/koor-ws", who="koor")
    assert "Imported from Dewi Lestari" in imported
    assert "KPP-001" in cli.ok(
        "packages", "--unit", "KPP-001", "--workspace", f"{root}/koor-ws", who="koor"
    )
    conflicts = cli.ok("conflicts", "--workspace", f"{root}/koor-ws", who="koor")
    assert conflicts.startswith("#1 ") or conflicts.strip() == "No conflicts."


def test_verify_refusal_exits_1_with_a_reason(cli: Cli, tmp_path: Path, people: People) -> None:
    bogus = tmp_path / "bogus.zisync"
    bogus.write_bytes(b"PK\x05\x06" + bytes(18) + b"junk")
    done = cli.run("verify", str(bogus), "--trust", str(tmp_path / "dewi.card"), "--json")
    assert done.returncode == 1
    doc = json.loads(done.stdout)
    assert doc == {**doc, "valid": False, "reason": "malformed"} and doc["message"]
    text = cli.run("verify", str(bogus), "--trust", str(tmp_path / "dewi.card"), lang="id")
    assert text.returncode == 1 and "REFUSED (malformed)" in text.stderr.replace(
        "DITOLAK", "REFUSED"
    )


def test_split_and_join_on_the_command_line(cli: Cli, tmp_path: Path) -> None:
    root = str(tmp_path)
    cli.ok("demo", "--workspace", f"{root}/ws")
    big = tmp_path / "laporan.pdf"
    big.write_bytes(b"%PDF-1.4\n" + os.urandom(2_500_000))
    cli.ok(
        "attach", "--unit", "KPP-001", "--item", "A.I.2.i.a", str(big), "--workspace", f"{root}/ws"
    )
    out = cli.ok(
        "export",
        "--unit",
        "KPP-001",
        "--to",
        f"{root}/koor.card",
        "--split-mb",
        "1",
        "-o",
        f"{root}/p.zisync",
        "--passphrase-file",
        str(cli.pw),
        "--workspace",
        f"{root}/ws",
    )
    parts = sorted(tmp_path.glob("p.zisync.0*"))
    assert len(parts) == 3 and out.count("Written:") == 3
    missing = cli.run("join", str(parts[0]), str(parts[2]), "-o", f"{root}/j.zisync")
    assert (
        missing.returncode == 1 and "2" in missing.stderr and not (tmp_path / "j.zisync").exists()
    )
    cli.ok("join", *map(str, parts), "-o", f"{root}/j.zisync")
    assert "Package valid" in cli.ok("verify", f"{root}/j.zisync", "--trust", f"{root}/dewi.card")


def test_verify_names_the_recipient_and_prints_its_fingerprint_once(
    cli: Cli, tmp_path: Path
) -> None:
    root = str(tmp_path)
    cli.ok("demo", "--workspace", f"{root}/koor-ws", who="koor")
    cli.ok(
        "assign",
        "--unit",
        "KPP-001",
        "--to",
        f"{root}/dewi.card",
        "-o",
        f"{root}/a.zisync",
        "--passphrase-file",
        str(cli.pw),
        "--workspace",
        f"{root}/koor-ws",
        who="koor",
    )
    dewi_fp = json.loads(cli.ok("identity", "show", "--json"))["fingerprint"]
    mine = cli.ok("verify", f"{root}/a.zisync", "--trust", f"{root}/koor.card")  # Dewi's own
    line = next(x for x in mine.splitlines() if x.startswith("Recipient"))
    assert "Dewi Lestari" in line and line.count(dewi_fp) == 1
    # Someone without Dewi's card sees her key once, without a name it cannot know.
    other = cli.ok("verify", f"{root}/a.zisync", "--trust", f"{root}/koor.card", who="nobody")
    line = next(x for x in other.splitlines() if x.startswith("Recipient"))
    assert line.count(dewi_fp) == 1 and "Dewi" not in line
    # The recipient's card, given with --trust, names them too.
    named = cli.ok(
        "verify",
        f"{root}/a.zisync",
        "--trust",
        f"{root}/koor.card",
        "--trust",
        f"{root}/dewi.card",
        who="koor",
    )
    line = next(x for x in named.splitlines() if x.startswith("Recipient"))
    assert "Dewi Lestari" in line and line.count(dewi_fp) == 1
