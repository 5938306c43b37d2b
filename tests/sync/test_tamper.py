"""Tampering: any changed byte of a package is refused.

Every byte of the manifest and of the signature is flipped in turn (exhaustively), and at
least 500 bytes anywhere else in the package are changed (Hypothesis); each damaged copy
must be refused by ``verify_package``. The package format leaves no byte free: headers are
canonical, every file is hashed, the manifest is signed (see docs/package-format.md).
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sync_helpers import People
from test_import import export

from zi_desktop.services.sync import importer as sync_import
from zi_desktop.services.workspace import Workspace
from zi_desktop.sync.limits import Limits
from zi_desktop.sync.reasons import PackageRefused
from zi_desktop.sync.zipread import read_directory


@pytest.fixture(scope="module")
def package(
    people: People, demo_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[bytes, Path]:
    folder = tmp_path_factory.mktemp("tamper")
    shutil.copytree(demo_template, folder / "ws")
    ws: Workspace = Workspace.open(folder / "ws", create=False)
    try:
        path = export(ws, people.dewi, people, folder / "p.zisync", ["DUK-003"]).paths[0]
    finally:
        ws.close()
    return path.read_bytes(), folder


def _refused(data: bytes, folder: Path, card: Path) -> bool:
    target = folder / "tampered.zisync"
    target.write_bytes(data)
    try:
        sync_import.verify_package(target, cards=[card])
    except PackageRefused:
        return True
    return False


def _region(data: bytes, name: str) -> range:
    entries = {e.name: e for e in read_directory(io.BytesIO(data), len(data), Limits())}
    entry = entries[name]
    return range(entry.data_offset, entry.data_offset + entry.csize)


def test_the_untouched_package_is_valid(package: tuple[bytes, Path], people: People) -> None:
    data, folder = package
    assert not _refused(data, folder, people.dewi.card)


@pytest.mark.parametrize("name", ["manifest.json", "manifest.sig"])
def test_every_byte_of_the_manifest_and_signature_matters(
    name: str, package: tuple[bytes, Path], people: People
) -> None:
    data, folder = package
    region = _region(data, name)
    assert len(region) >= (64 if name == "manifest.sig" else 500)
    for position in region:
        for flip in (0x01, 0xFF):
            damaged = bytearray(data)
            damaged[position] ^= flip
            assert _refused(bytes(damaged), folder, people.dewi.card), (name, position, flip)


def test_any_other_byte_matters(package: tuple[bytes, Path], people: People) -> None:
    data, folder = package
    signed = set(_region(data, "manifest.json")) | set(_region(data, "manifest.sig"))
    elsewhere = [i for i in range(len(data)) if i not in signed]
    tried: list[int] = []

    @settings(
        max_examples=600,
        deadline=None,
        derandomize=False,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(st.sampled_from(elsewhere), st.integers(1, 255))
    def check(position: int, flip: int) -> None:
        damaged = bytearray(data)
        damaged[position] ^= flip
        tried.append(position)
        assert _refused(bytes(damaged), folder, people.dewi.card), (position, flip)

    check()
    assert len(set(tried)) >= 500
