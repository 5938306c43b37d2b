"""``zi upload`` and ``zi receipt`` as a user runs them, against a real ``zi serve``."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from intake_helpers import ZI, Server, env_for, imported, intake_files
from sync_helpers import PASSPHRASE, People

from zi_desktop.sync.receipt import parse_receipt


def upload(people_dewi: object, *args: str) -> subprocess.CompletedProcess[str]:
    pw = Path(args[0]).with_name("dewi.pw")
    pw.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return subprocess.run(
        [
            *ZI,
            "upload",
            *args,
            "--passphrase-file",
            str(pw),
            "--json",
            "--retries",
            "2",
            "--timeout",
            "5",
        ],
        env=env_for(people_dewi),
        capture_output=True,
        text=True,
        check=False,  # type: ignore[arg-type]
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


def test_upload_imports_and_writes_a_valid_receipt(
    package: Path, server: Server, people: People, koor_ws: Path
) -> None:
    done = upload(
        people.dewi,
        str(package),
        "--server",
        server.url,
        "--workspace",
        str(package.parent / "dewi-ws"),
    )
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert doc["status"] == "imported"
    assert doc["files_skipped"] == 0 and doc["files_sent"] >= 5
    assert doc["bytes_sent"] >= 6_000_000 and doc["bytes_skipped"] == 0
    receipt_file = package.with_name(package.name + ".receipt")
    assert doc["receipt"] == str(receipt_file)
    receipt = parse_receipt(receipt_file.read_bytes())
    assert receipt.coordinator == people.koor.key_id and receipt.result == "imported"
    assert receipt.package == doc["package"] and receipt.units == ("KPP-001",)
    assert receipt.counts["taken"] > 0
    assert not package.with_name(package.name + ".journal").exists()
    server.stop()
    assert imported(koor_ws, doc["package"]) == 1
    assert intake_files(koor_ws) == {"uploads": [], "blobs": [], "packages": []}
    shown = subprocess.run(
        [*ZI, "receipt", str(receipt_file), "--workspace", str(koor_ws)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert shown.returncode == 0, shown.stderr
    assert "Receipt valid" in shown.stdout and doc["package"] in shown.stdout


def test_a_changed_receipt_is_refused(package: Path, server: Server, people: People) -> None:
    done = upload(people.dewi, str(package), "--server", server.url)
    assert done.returncode == 0, done.stderr
    receipt_file = package.with_name(package.name + ".receipt")
    forged = receipt_file.read_bytes().replace(b'"result":"imported"', b'"result":"received"')
    assert forged != receipt_file.read_bytes()
    receipt_file.write_bytes(forged)
    shown = subprocess.run(
        [*ZI, "receipt", str(receipt_file), "--json"], capture_output=True, text=True, check=False
    )
    assert shown.returncode == 1
    assert json.loads(shown.stdout)["reason"] == "bad_receipt"


def test_no_server_is_exit_3_and_the_next_run_completes(
    package: Path, served: object, people: People, tmp_path: Path
) -> None:
    import socket

    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    free = probe.getsockname()[1]
    probe.close()
    down = upload(people.dewi, str(package), "--server", f"http://127.0.0.1:{free}")
    assert down.returncode == 3, down.stderr
    assert json.loads(down.stdout)["status"] == "unavailable"
    server = served()  # type: ignore[operator]
    done = upload(people.dewi, str(package), "--server", server.url)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["status"] == "imported"


def test_a_server_that_is_not_the_recipient_gets_nothing(
    package: Path, served: object, people: People, tmp_path: Path
) -> None:
    from intake_helpers import coordinator_workspace

    other = coordinator_workspace(tmp_path / "other-ws", [people.dewi.card])
    server = served(workspace=other, person=people.agus)  # type: ignore[operator]
    done = upload(people.dewi, str(package), "--server", server.url)
    assert done.returncode == 1
    doc = json.loads(done.stdout)
    assert doc["status"] == "refused" and doc["reason"] == "wrong_server"
    server.stop()
    assert intake_files(other) == {"uploads": [], "blobs": [], "packages": []}


def test_the_parts_of_a_split_package_upload_as_one(
    dewi: object, server: Server, people: People, tmp_path: Path
) -> None:
    from intake_helpers import export

    export(dewi, ["KPP-001"], tmp_path / "split.zisync", people.koor.card, split_mb=2)  # type: ignore[arg-type]
    parts = sorted(str(p) for p in tmp_path.glob("split.zisync.0*"))
    assert len(parts) >= 3
    done = upload(people.dewi, *parts, "--server", server.url)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["status"] == "imported"
    assert (tmp_path / "split.zisync.receipt").is_file()
    assert not list(tmp_path.glob(".*.part"))
