"""Every command that reads a file refuses what is not a regular file, or is too large, at once.

The property, checked for every such command and every kind of file a path can name: the
command ends (within a generous bound, so a hang fails the test) with a refusal exit status,
a message, nothing else, and stays under 200 MB of memory. Each run is a child process that
reports its own peak memory.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from zi_desktop.services import identity as idsvc
from zi_desktop.services.demo import build_demo
from zi_desktop.values.views import EvaluatorProfile

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform != "linux", reason="FIFOs, /dev/zero and /proc as on Linux"),
]

BOUND_SECONDS = 60  # far above the 1–2 s each refusal takes; only a hang reaches it
MAX_RSS_MB = 200
PASSPHRASE = "kata sandi rahasia"
# The child reports the peak resident memory of its own image (VmHWM): unlike ru_maxrss it
# does not carry over the size of the test process it was started from.
RUN = """
import re, sys
from pathlib import Path
from zi_desktop.cli.main import main
code = main(sys.argv[1:])
status = Path("/proc/self/status").read_text()
print("MAXRSS", re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1), file=sys.stderr)
sys.exit(code)
"""


def _fifo(folder: Path) -> Path:
    path = folder / "input.fifo"
    os.mkfifo(path)
    return path


def _sparse(folder: Path) -> Path:
    path = folder / "huge.bin"
    with open(path, "wb") as handle:
        handle.truncate(1 << 30)  # 1 GiB that takes no disk
    return path


def _folder(folder: Path) -> Path:
    path = folder / "a-folder"
    path.mkdir()
    return path


def _link_to(make: Callable[[Path], Path]) -> Callable[[Path], Path]:
    def link(folder: Path) -> Path:
        path = folder / "link"
        path.symlink_to(make(folder))
        return path

    return link


KINDS: dict[str, Callable[[Path], Path]] = {
    "fifo": _fifo,
    "device": lambda _folder: Path("/dev/zero"),
    "folder": _folder,
    "sparse 1 GiB": _sparse,
    "link to a fifo": _link_to(_fifo),
    "link to a device": _link_to(lambda _folder: Path("/dev/zero")),
}

# Each command with ``{file}`` where the hostile input goes.
COMMANDS: dict[str, list[str]] = {
    "score": ["score", "{file}"],
    "import-answers": ["import-answers", "{file}", "--unit", "KPP-001", "--tier", "tpi", "{ws}"],
    "attach": ["attach", "{file}", "--unit", "KPP-001", "--item", "A.I.1.i.a", "{ws}"],
    "trust add": ["trust", "add", "{file}", "--yes", "{ws}"],
    "verify (package)": ["verify", "{file}", "--trust", "{card}"],
    "verify (card)": ["verify", "{card}", "--trust", "{file}"],
    "import": ["import", "{file}", "{ws}", "--identity-dir", "{ids}"],
    "join": ["join", "{file}", "-o", "{out}"],
    "passphrase file": [
        "identity",
        "export-card",
        "-o",
        "{out}",
        "--identity-dir",
        "{ids}",
        "--passphrase-file",
        "{file}",
    ],
    "upload": ["upload", "{file}", "--server", "http://127.0.0.1:9", "{ws}"],
    "receipt": ["receipt", "{file}", "{ws}"],
    "import-excel": ["import-excel", "{file}", "--unit", "KPP-001", "--tier", "unit", "{ws}"],
}


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("inputs")
    build_demo(root / "ws").close()
    ids = root / "id"
    profile = EvaluatorProfile("Dewi Lestari", "198703152010122001", "anggota")
    idsvc.create_identity(profile, PASSPHRASE, ids)
    card = root / "dewi.card"
    idsvc.export_card(card, PASSPHRASE, ids)
    return {"ws": str(root / "ws"), "ids": str(ids), "card": str(card)}


def _argv(command: list[str], file: Path, setup: dict[str, str], out: Path) -> list[str]:
    values = {**setup, "file": str(file), "out": str(out)}
    argv = []
    for arg in command:
        if arg == "{ws}":
            argv += ["--workspace", setup["ws"]]
        else:
            argv.append(arg.format(**values))
    return argv


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("command", list(COMMANDS))
def test_no_input_makes_a_command_hang_or_take_much_memory(
    command: str, kind: str, setup: dict[str, str], tmp_path: Path
) -> None:
    file = KINDS[kind](tmp_path)
    out = tmp_path / "out.bin"
    argv = _argv(COMMANDS[command], file, setup, out)
    env = {**os.environ, "ZI_LANG": "en"}
    done = subprocess.run(
        [sys.executable, "-c", RUN, *argv],
        capture_output=True,
        text=True,
        timeout=BOUND_SECONDS,
        env=env,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert done.returncode in (1, 2), (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr, done.stderr
    message = [line for line in done.stderr.splitlines() if not line.startswith("MAXRSS")]
    assert message, "a refusal says why"
    rss_mb = int(done.stderr.rsplit("MAXRSS", 1)[1].split()[0]) / 1024
    assert rss_mb < MAX_RSS_MB, f"{rss_mb:.0f} MB"
    assert not out.exists()
