"""No private-key bytes anywhere on disk: after creating an identity, exporting a package, and
an export killed half-way (SIGKILL), the whole temp tree — identity folder, workspace, temp
folder (TMPDIR), home, output, leftovers of the killed export — holds the private key in no
form (raw, hex, base64), and the sealed key file holds it only encrypted."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from pathlib import Path

import pytest

from zi_desktop.identity.store import IdentityStore

PASS = "kata sandi yang panjang"
CHILD = """
import os, signal, sys
from pathlib import Path
from zi_desktop.services.sync import export as sync
from zi_desktop.services.workspace import Workspace

ws = Workspace.open(Path(sys.argv[1]), create=False)

def progress(done: int, total: int) -> None:
    print("KILL", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)  # a crash in the middle of writing evidence

sync.export_package(ws, ["KPP-001"], Path(sys.argv[2]), sys.argv[3], to=Path(sys.argv[4]),
                    progress=progress)
"""


def _run(
    args: list[str], env: dict[str, str], check: bool = True
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if check:
        assert done.returncode == 0, done.stderr
    return done


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL")
def test_private_key_never_reaches_the_disk(tmp_path: Path) -> None:
    for sub in ("tmp", "home", "out"):
        (tmp_path / sub).mkdir()
    env = dict(
        os.environ,
        ZI_IDENTITY_DIR=str(tmp_path / "id"),
        TMPDIR=str(tmp_path / "tmp"),
        HOME=str(tmp_path / "home"),
        XDG_CONFIG_HOME=str(tmp_path / "home"),
        XDG_DATA_HOME=str(tmp_path / "home"),
        ZI_LANG="en",
    )
    zi = [sys.executable, "-m", "zi_desktop.cli.main"]
    pw = tmp_path / "pw"
    pw.write_text(PASS + "\n")
    _run(
        [
            *zi,
            "identity",
            "init",
            "--name",
            "Dewi",
            "--nip",
            "198703152010122001",
            "--role",
            "anggota",
            "--passphrase-file",
            str(pw),
        ],
        env,
    )
    koor = dict(env, ZI_IDENTITY_DIR=str(tmp_path / "koor-id"))
    _run(
        [
            *zi,
            "identity",
            "init",
            "--name",
            "Koor",
            "--nip",
            "197001011995031002",
            "--role",
            "koordinator",
            "--passphrase-file",
            str(pw),
        ],
        koor,
    )
    _run(
        [
            *zi,
            "identity",
            "export-card",
            "-o",
            str(tmp_path / "koor.card"),
            "--passphrase-file",
            str(pw),
        ],
        koor,
    )
    _run(
        [
            *zi,
            "identity",
            "export-card",
            "-o",
            str(tmp_path / "dewi.card"),
            "--passphrase-file",
            str(pw),
        ],
        env,
    )
    _run([*zi, "demo", "--workspace", str(tmp_path / "ws")], env)
    _run(
        [
            *zi,
            "export",
            "--unit",
            "KPP-001",
            "--unit",
            "RSUD-002",
            "--to",
            str(tmp_path / "koor.card"),
            "-o",
            str(tmp_path / "out" / "p.zisync"),
            "--passphrase-file",
            str(pw),
            "--workspace",
            str(tmp_path / "ws"),
        ],
        env,
    )
    crashed = _run(
        [
            sys.executable,
            "-c",
            CHILD,
            str(tmp_path / "ws"),
            str(tmp_path / "out" / "crash.zisync"),
            PASS,
            str(tmp_path / "koor.card"),
        ],
        env,
        check=False,
    )
    assert crashed.returncode == -9 and "KILL" in crashed.stdout
    leftovers = [p for p in (tmp_path / "out").iterdir() if p.name.endswith(".part")]
    assert leftovers, "the killed export should have left its temp file"

    seeds = [
        IdentityStore(tmp_path / folder).unlock(PASS)._key.private_bytes_raw()
        for folder in ("id", "koor-id")
    ]
    forms = []
    for seed in seeds:
        forms += [
            seed,
            seed.hex().encode(),
            seed.hex().upper().encode(),
            base64.b64encode(seed),
            base64.urlsafe_b64encode(seed).rstrip(b"="),
            base64.b64encode(seed).rstrip(b"="),
        ]
    scanned = 0
    for path in tmp_path.rglob("*"):
        if path.is_file() and not path.is_symlink():
            data = path.read_bytes()
            scanned += 1
            for form in forms:
                assert form not in data, f"private key bytes in {path}"
    assert scanned > 10
