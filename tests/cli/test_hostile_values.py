"""Hostile values inside otherwise well-formed inputs: numbers that would take forever to make
exact, part headers that declare absurd counts, names that carry terminal escape sequences.

Each runs ``zi`` as a child process with a bound, so that a hang fails the test instead of
stopping the suite.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from zi_desktop.identity import canonical
from zi_desktop.identity.keys import CARD_DOMAIN, b64
from zi_desktop.services import identity as idsvc
from zi_desktop.values.views import EvaluatorProfile

BOUND_SECONDS = 60
PASSPHRASE = "kata sandi rahasia"


def zi(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, ZI_LANG="en", PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "zi_desktop.cli.main", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=BOUND_SECONDS,
        stdin=subprocess.DEVNULL,
        check=False,
    )


# -- numbers with huge exponents or digit counts --------------------------------------------------

HUGE = [
    "1e999999999",
    "1E+999999999",
    "-1e999999999",
    "1e-999999999",
    "4e-999999999",
    "0." + "0" * 5000 + "1",
    "1" + "0" * 4000 + ".5",
    "3." + "3" * 4100,
]


@pytest.mark.parametrize("node", ["B.I.a", "A.II.1.i.a.1"])
@pytest.mark.parametrize("number", HUGE)
def test_a_number_too_big_to_make_exact_is_refused_at_once(
    number: str, node: str, tmp_path: Path
) -> None:
    path = tmp_path / "answers.json"
    path.write_text(
        f'{{"format": "zi-answers/1", "lke": "permenpanrb-90-2021", '
        f'"answers": {{"{node}": {number}}}}}',
        encoding="utf-8",
    )
    done = zi("score", str(path))
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert node in done.stderr and len(done.stderr) < 2000


def test_numbers_of_ordinary_size_still_score(tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    path.write_text(
        '{"format": "zi-answers/1", "lke": "permenpanrb-90-2021", '
        '"answers": {"B.I.a": 3.7525, "A.II.1.i.a.1": 1.2e2, "A.II.1.i.a.2": 200}}',
        encoding="utf-8",
    )
    done = zi("score", str(path))
    assert done.returncode == 0, done.stderr


# -- split parts declaring absurd numbers ----------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "package_size"),
    [(10**12, 1000), (2**53, 1000), (100_001, 10**6), (3, 2**40), (10**15, 2**53)],
)
def test_a_part_header_declaring_absurd_counts_is_refused_before_allocating(
    count: int, package_size: int, tmp_path: Path
) -> None:
    body = b"x" * 10
    header = {
        "package": "a" * 64,
        "package_size": package_size,
        "index": 1,
        "count": count,
        "offset": 0,
        "size": len(body),
        "sha256": __import__("hashlib").sha256(body).hexdigest(),
    }
    part = tmp_path / "p.zisync.001"
    part.write_bytes(b"ZI-PART/1 " + canonical.dumps(header) + b"\n" + body)
    done = zi("join", str(part), "-o", str(tmp_path / "out.zisync"))
    assert done.returncode in (1, 2), done.stderr
    assert "Traceback" not in done.stderr and "part" in done.stderr
    assert not (tmp_path / "out.zisync").exists()


# -- names that carry terminal control sequences ---------------------------------------------------

ESCAPES = {
    "erase line and fake a fingerprint": "Dewi\x1b[2K\rKey fingerprint: AAAA-AAAA-AAAA-AAAA",
    "newline with a fake line": "Dewi\nKey fingerprint: AAAA-AAAA-AAAA-AAAA-AAAA-AAAA",
    "C1 control sequence introducer": "Dewi\x9b2K",
    "bidirectional override": "Dewi \u202eAAAA-BBBB",
    "bell and backspace": "Dewi\x07\x08\x08\x08",
    "operating system command (title)": "Dewi\x1b]0;owned\x07",
}


def _card_named(name: str, tmp_path: Path) -> Path:
    """A genuine, self-signed card whose name carries ``name`` (the key is real)."""
    folder = tmp_path / "id"
    idsvc.create_identity(
        EvaluatorProfile("Sementara", "198703152010122001", "anggota"), PASSPHRASE, folder
    )
    signer = idsvc.signer(PASSPHRASE, folder)
    body = {
        "format": "zi-card/1",
        "name": name,
        "nip": "198703152010122001",
        "role": "anggota",
        "instansi": "",
        "public_key": b64(signer.public_key),
        "key_id": signer.key_id,
        "created": "2026-12-01T00:00:00+00:00",
    }
    card = tmp_path / "x.card"
    signature = signer.sign(CARD_DOMAIN, canonical.dumps(body))
    card.write_bytes(canonical.dumps({**body, "signature": b64(signature)}))
    return card


def _assert_clean(text: str) -> None:
    for bad in ("\x1b", "\r", "\x9b", "\u202e", "\x07", "\x08"):
        assert bad not in text, repr(text)


@pytest.mark.parametrize("name", list(ESCAPES.values()), ids=list(ESCAPES))
def test_names_from_a_card_reach_the_terminal_escaped(name: str, tmp_path: Path) -> None:
    card = _card_named(name, tmp_path)
    workspace = tmp_path / "ws"
    assert zi("init", "--workspace", str(workspace)).returncode == 0
    done = zi("trust", "add", str(card), "--yes", "--workspace", str(workspace))
    assert done.returncode == 0, done.stderr
    _assert_clean(done.stdout + done.stderr)
    fingerprint_lines = [ln for ln in done.stdout.splitlines() if ln.startswith("Key fingerprint")]
    assert len(fingerprint_lines) == 1  # the card cannot print a second, fake one
    listed = zi("trust", "list", "--workspace", str(workspace))
    _assert_clean(listed.stdout + listed.stderr)
    as_json = zi("trust", "list", "--json", "--workspace", str(workspace))
    _assert_clean(as_json.stdout)
    assert json.loads(as_json.stdout)["trusted"][0]["name"] == name  # data stays exact
