"""Smoke test of a build: run the built programs the way a user would, on a clean home folder.

``python packaging/smoke_test.py [dist/zi-desktop]`` (``make package`` runs it) checks that

1. the build holds every listed data file and none of the Qt files ``contents.py`` leaves out;
   on Linux, that it carries every shared library it links to (``linked_libraries.py``);
2. ``zi`` scores a demo answers file in Indonesian, and its JSON equals the source tree's;
3. ``zi`` makes a demo workspace, a PDF report, an Excel workbook it reads back, and a signed
   package it verifies — the features whose libraries (reportlab, openpyxl, python-calamine,
   cryptography) are imported on first use;
   Then ``zi serve`` (Starlette on uvicorn) receives that package from ``zi upload`` (httpx)
   on loopback, and ``zi receipt`` checks the coordinator's signed receipt;
4. ``zi-desktop`` renders its window to a PNG (Qt offscreen; also on X11 under ``xvfb-run``
   when that is installed);
5. in a copy of the build with a ``portable`` file beside the programs, the workspace and
   the settings are made in ``workspace/`` and ``settings/`` there, and nothing in the home
   folder (on Windows the user folders are not found through ``HOME``, so that last check
   proves less there). The window saves its settings only when closed by the user, so the
   settings folder is checked through ``zi identity init``, which keeps the key in it.

Every check prints one line; the first failure stops the test with exit status 1.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from contents import datas, keep_qt_file  # noqa: E402

EXE = ".exe" if sys.platform == "win32" else ""
ANSWERS = ROOT / "resources" / "demo" / "KPP-001.json"
SCREEN = (1366, 768)
MIN_SHOT_BYTES = 20_000  # a blank 1366×768 window compresses to a few KB
TIMEOUT = 180
NIPS = {"anggota": "198703152010122001", "koordinator": "198703152010122002"}


class Failed(Exception):
    pass


def check(ok: object, what: str, detail: str = "") -> None:
    if not ok:
        raise Failed(f"FAILED: {what}" + (f"\n{detail}" if detail else ""))
    print(f"ok: {what}", flush=True)


def run(cmd: list[str | Path], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    args = [str(c) for c in cmd]
    try:
        done = subprocess.run(
            args, env=env, capture_output=True, text=True, encoding="utf-8", timeout=TIMEOUT
        )
    except subprocess.TimeoutExpired:
        raise Failed(f"FAILED: {' '.join(args)} still running after {TIMEOUT} s") from None
    if done.returncode != 0:
        raise Failed(f"FAILED: {' '.join(args)} exited {done.returncode}\n{done.stderr}")
    return done


def clean_env(home: Path) -> dict[str, str]:
    """The user's environment with an empty home folder and no ZI Desktop settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "ZI_"))}
    env["HOME"] = env["USERPROFILE"] = str(home)
    env["APPDATA"] = str(home / "AppData" / "Roaming")
    env["LOCALAPPDATA"] = str(home / "AppData" / "Local")
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def check_contents(build: Path) -> None:
    internal = build / "_internal"
    missing = [dest for src, dest in datas(".") if not (internal / dest / Path(src).name).is_file()]
    check(not missing, "every listed data file is in the build", "\n".join(missing))
    files = [p.relative_to(internal).as_posix() for p in internal.rglob("*") if p.is_file()]
    extra = [f for f in files if not keep_qt_file(f)]
    check(not extra, "no Qt plugin or translation that contents.py leaves out", "\n".join(extra))
    if sys.platform.startswith("linux"):
        from linked_libraries import problems

        found = "\n".join(problems(build))
        check(not found, "every linked library is in the build or left to the system", found)


def size_mb(folder: Path) -> float:
    files = (p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 1e6


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        raise Failed(f"FAILED: {path} is not a PNG")
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def check_window(build: Path, env: dict[str, str], tmp: Path, *prefix: str) -> None:
    shot = tmp / f"shot-{len(list(tmp.glob('shot-*')))}.png"
    window = build / f"zi-desktop{EXE}"
    run([*prefix, window, "--workspace", tmp / "window-ws", "--screenshot", shot], env)
    platform = "X11, xvfb-run" if prefix else "offscreen"
    check(
        shot.is_file() and png_size(shot) == SCREEN, f"zi-desktop renders its window ({platform})"
    )
    size = shot.stat().st_size
    check(size > MIN_SHOT_BYTES, f"the screenshot is not blank ({size:,} bytes)")


def check_score(zi: Path, env: dict[str, str]) -> None:
    text = run([zi, "score", ANSWERS], env).stdout
    indonesian = "NILAI TOTAL: 91,96" in text and "Menuju WBK: memenuhi syarat" in text
    check(indonesian, "zi score: total 91,96, Menuju WBK memenuhi syarat (in Indonesian)", text)
    built = run([zi, "score", "--json", ANSWERS], env).stdout
    doc = json.loads(built)
    eligible = doc["verdict"]["WBBM"]["status"] == "eligible"
    check(round(doc["total"], 2) == 91.96 and eligible, "zi score --json: 91.96, WBBM eligible")
    source = run([sys.executable, "-m", "zi_desktop.cli.main", "score", "--json", ANSWERS], env)
    check(built == source.stdout, "zi score --json prints the same as the source tree")


def check_documents(zi: Path, env: dict[str, str], ws: list[str | Path], tmp: Path) -> None:
    """The demo workspace, its PDF and .docx reports (reportlab, fonts; python-docx) and LKE
    workbook (calamine reads it)."""
    run([zi, "demo", *ws], env)
    check("KPP-001" in run([zi, "units", *ws], env).stdout, "zi demo makes the demo workspace")
    pdf = tmp / "lhe.pdf"
    run([zi, "report", "--unit", "KPP-001", "-o", pdf, *ws], env)
    data = pdf.read_bytes()
    check(data.startswith(b"%PDF") and b"DejaVuSans" in data, "zi report writes a PDF, fonts in")
    docx = tmp / "lhe.docx"
    run([zi, "report", "--unit", "KPP-001", "-o", docx, *ws], env)
    with zipfile.ZipFile(docx) as package:
        body = package.read("word/document.xml").decode("utf-8")
    check("PENDAHULUAN" in body, "zi report writes the LHE as .docx (python-docx, its templates)")
    xlsx = tmp / "lke.xlsx"
    run([zi, "export-excel", "--unit", "KPP-001", "-o", xlsx, *ws], env)
    read = run([zi, "import-excel", "--unit", "KPP-001", "--tier", "tpn", "--yes", xlsx, *ws], env)
    check("127" in read.stdout, "zi export-excel, import-excel: 127 answers (openpyxl, calamine)")


def check_signed_package(
    zi: Path, env: dict[str, str], ws: list[str | Path], tmp: Path
) -> tuple[list[str | Path], Path, list[str | Path], Path]:
    """Two identities (cryptography); one signs a package for the other, who verifies it.

    Returns the evaluator's options and card, the coordinator's options, and the package."""
    evaluator, evaluator_card = signing_key(zi, env, tmp, "anggota")
    coordinator, coordinator_card = signing_key(zi, env, tmp, "koordinator")
    package = tmp / "KPP-001.zisync"
    export = ["export", "--unit", "KPP-001", "-o", package, "--to", coordinator_card]
    run([zi, *export, *evaluator, *ws], env)
    verify = ["verify", "--trust", evaluator_card, package, *coordinator[:2], *ws]
    valid = run([zi, *verify], env).returncode == 0  # 1 for a package that is not valid
    check(valid, "zi export signs a package and zi verify accepts it (cryptography)")
    return evaluator, evaluator_card, coordinator, package


def check_upload(
    zi: Path,
    env: dict[str, str],
    tmp: Path,
    keys: tuple[list[str | Path], Path, list[str | Path], Path],
) -> None:
    """zi serve (Starlette, uvicorn) takes the package zi upload (httpx) sends it, on loopback."""
    evaluator, evaluator_card, coordinator, package = keys
    hub = ["--workspace", tmp / "hub-ws"]
    run([zi, "init", *hub], env)
    run([zi, "trust", "add", evaluator_card, "--yes", *hub], env)
    serve = [str(c) for c in (zi, "serve", "--port", "0", *coordinator, *hub)]
    server = subprocess.Popen(
        serve,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert server.stdout is not None
        line = server.stdout.readline()
        check(line.startswith("listening on http://127.0.0.1:"), "zi serve listens", line)
        upload = [zi, "upload", package, "--server", line.split()[-1], "--json", *evaluator]
        done = run(upload, env)
        status = json.loads(done.stdout).get("status") if done.returncode == 0 else done.stderr
        check(status == "imported", "zi upload: imported, with a receipt (httpx)", str(status))
        receipt = package.with_name(package.name + ".receipt")
        shown = run([zi, "receipt", receipt], env)
        check(shown.returncode == 0, "zi receipt checks the coordinator's receipt", shown.stdout)
    finally:
        server.terminate()
        server.wait(30)
        if server.stdout is not None:
            server.stdout.close()


def signing_key(
    zi: Path, env: dict[str, str], tmp: Path, role: str
) -> tuple[list[str | Path], Path]:
    """A new identity (in ``tmp/<role>``): the options that use it (folder first), its card."""
    options = ["--identity-dir", tmp / role, *passphrase(tmp)]
    run(
        [
            zi,
            "identity",
            "init",
            "--name",
            f"Uji {role}",
            "--nip",
            NIPS[role],
            "--role",
            role,
            *options,
        ],
        env,
    )
    card = tmp / f"{role}.card"
    run([zi, "identity", "export-card", "-o", card, *options], env)
    return options, card


def passphrase(tmp: Path) -> list[str | Path]:
    path = tmp / "passphrase.txt"
    path.write_text("smoke-test passphrase\n", encoding="utf-8")
    return ["--passphrase-file", path]


def check_portable(build: Path, env: dict[str, str], tmp: Path) -> None:
    copy = tmp / "usb" / "zi-desktop"
    shutil.copytree(build, copy, symlinks=True)
    (copy / "portable").write_bytes(b"")
    home = Path(env["HOME"])
    before = set(home.rglob("*"))
    run([copy / f"zi-desktop{EXE}", "--screenshot", tmp / "portable.png"], env)
    made = (copy / "workspace" / "zi.sqlite").is_file()
    check(made, "portable: zi-desktop makes workspace/ beside itself")
    zi = copy / f"zi{EXE}"
    listed = run([zi, "units", "--json"], env).stdout  # fails unless that workspace exists
    check(listed.strip() == "", "portable: zi uses that workspace (empty: never the demo)")
    run(
        [
            zi,
            "identity",
            "init",
            "--name",
            "Uji",
            "--nip",
            NIPS["anggota"],
            "--role",
            "anggota",
            *passphrase(tmp),
        ],
        env,
    )
    kept = (copy / "settings" / "identity" / "identity.json").is_file()
    check(kept, "portable: settings/ (here the signing key) beside the programs")
    new = "\n".join(str(p) for p in sorted(home.rglob("*")) if p not in before)
    check(not new, "portable: nothing written to the home folder", new)


def main(argv: list[str]) -> int:
    build = Path(argv[0] if argv else ROOT / "dist" / "zi-desktop").resolve()
    zi = build / f"zi{EXE}"
    with tempfile.TemporaryDirectory(prefix="zi-smoke-") as name:
        tmp = Path(name)
        env = clean_env(tmp / "home")
        (tmp / "home").mkdir()
        try:
            check_contents(build)
            check_score(zi, env)
            check_documents(zi, env, ["--workspace", tmp / "cli-ws"], tmp)
            keys = check_signed_package(zi, env, ["--workspace", tmp / "cli-ws"], tmp)
            check_upload(zi, env, tmp, keys)
            check_window(build, env, tmp)
            if shutil.which("xvfb-run"):
                check_window(build, {**env, "QT_QPA_PLATFORM": "xcb"}, tmp, "xvfb-run", "-a")
            else:
                print("skipped: X11 window (xvfb-run is not installed)")
            check_portable(build, env, tmp)
        except Failed as failure:
            print(failure, file=sys.stderr)
            return 1
    print(f"smoke test passed: {build} ({size_mb(build):.0f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
