"""The content-addressed evidence store: dedup, streaming, type allow-list, limits, failures."""

from __future__ import annotations

import errno
import hashlib
import os
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

import pytest

from zi_desktop.errors import Cancelled, UserFacingError
from zi_desktop.i18n import _
from zi_desktop.storage import evidence as evidence_module
from zi_desktop.storage.durable import TEMP_SUFFIX
from zi_desktop.storage.evidence import EvidenceStore
from zi_desktop.storage.filetypes import HEAD_BYTES, UnsupportedType, detect_type

NOT_ALLOWED = (
    "{name} is not an allowed evidence type ({kind}). Allowed: PDF, JPEG, PNG, "
    "WebP, HEIC, Office/OpenDocument files, plain text and CSV."
)
DISK_FULL = "The disk is full while writing {path}. Free some space and try again."
IO_ERROR = "The disk reported an input/output error at {path}. Check the disk or USB stick."


@pytest.fixture
def store(tmp_path: Path) -> EvidenceStore:
    s = EvidenceStore(tmp_path / "ws" / "evidence")
    s.ensure()
    return s


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def _zip(path: Path, entries: dict[str, bytes], stored_first: str | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        if stored_first is not None:  # ODF wants an uncompressed 'mimetype' entry first
            archive.writestr(stored_first, entries[stored_first], zipfile.ZIP_STORED)
        for name, data in entries.items():
            if name != stored_first:
                archive.writestr(name, data)
    return path


def _leftovers(store: EvidenceStore) -> list[Path]:
    return [p for p in store.root.rglob("*") if p.name.endswith(TEMP_SUFFIX)]


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< >>\n%%EOF\n"
CONTENT_TYPES = b'<?xml version="1.0"?><Types xmlns="x"/>'

# name, bytes builder (given the folder), expected MIME type
BUILDERS: list[tuple[str, Callable[[Path], Path], str]] = [
    ("laporan.pdf", lambda d: _write(d, "laporan.pdf", PDF), "application/pdf"),
    (
        "foto.jpg",
        lambda d: _write(d, "foto.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x11" * 64),
        "image/jpeg",
    ),
    (
        "foto.png",
        lambda d: _write(d, "foto.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x01" * 32),
        "image/png",
    ),
    (
        "foto.webp",
        lambda d: _write(d, "foto.webp", b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x02" * 32),
        "image/webp",
    ),
    (
        "surat.docx",
        lambda d: _zip(
            d / "surat.docx",
            {"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": b"<w:document/>"},
        ),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    (
        "data.xlsx",
        lambda d: _zip(
            d / "data.xlsx",
            {"[Content_Types].xml": CONTENT_TYPES, "xl/workbook.xml": b"<workbook/>"},
        ),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    (
        "paparan.pptx",
        lambda d: _zip(
            d / "paparan.pptx",
            {"[Content_Types].xml": CONTENT_TYPES, "ppt/presentation.xml": b"<p/>"},
        ),
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
    (
        "notulen.odt",
        lambda d: _zip(
            d / "notulen.odt",
            {
                "mimetype": b"application/vnd.oasis.opendocument.text",
                "content.xml": b"<office:document-content/>",
            },
            stored_first="mimetype",
        ),
        "application/vnd.oasis.opendocument.text",
    ),
    (
        "lama.doc",
        lambda d: _write(d, "lama.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504),
        "application/x-ole-storage",
    ),
    (
        "catatan.txt",
        lambda d: _write(d, "catatan.txt", "Catatan evaluasi — Zona Integritas ✓\n".encode()),
        "text/plain",
    ),
    (
        "rekap.csv",
        lambda d: _write(d, "rekap.csv", b"kode,nilai\nKPP-001,87.5\nRSUD-002,71.25\n"),
        "text/csv",
    ),
]


# -- type detection ----------------------------------------------------------------------


@pytest.mark.parametrize(("name", "build", "mime"), BUILDERS, ids=[b[0] for b in BUILDERS])
def test_allowed_types_are_detected_and_stored(
    store: EvidenceStore, tmp_path: Path, name: str, build: Callable[[Path], Path], mime: str
) -> None:
    source = build(tmp_path)
    assert detect_type(source) == mime
    blob = store.add(source)
    assert blob.mime == mime
    assert blob.size == source.stat().st_size
    assert store.path_of(blob.sha256).read_bytes() == source.read_bytes()


def test_type_comes_from_content_not_extension(store: EvidenceStore, tmp_path: Path) -> None:
    disguised = _write(tmp_path, "foto.jpg", PDF)
    assert store.add(disguised).mime == "application/pdf"
    elf = _write(tmp_path, "laporan.pdf", b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 120)
    with pytest.raises(UserFacingError) as err:
        store.add(elf)
    assert "laporan.pdf" in err.value.message


def test_text_whose_head_ends_inside_a_character_is_text(tmp_path: Path) -> None:
    data = b"a" * (HEAD_BYTES - 1) + "é tail\n".encode()  # 'é' straddles the head boundary
    assert detect_type(_write(tmp_path, "long.txt", data)) == "text/plain"


REFUSED: list[tuple[str, Callable[[Path], Path], str]] = [
    (
        "program.elf",
        lambda d: _write(d, "program", b"\x7fELF\x02\x01\x01" + b"\x00" * 200),
        "unknown",
    ),
    (
        "setup.exe",
        lambda d: _write(d, "setup.exe", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200),
        "unknown",
    ),
    ("random.bin", lambda d: _write(d, "random.bin", bytes(range(256)) * 8), "unknown"),
    (
        "latin1.txt",
        lambda d: _write(d, "latin1.txt", "Laporan \xe9valuasi".encode("latin-1")),
        "unknown",
    ),
    ("arsip.zip", lambda d: _zip(d / "arsip.zip", {"a.txt": b"hello", "b/c.txt": b"x"}), "zip"),
    ("fake.docx", lambda d: _zip(d / "fake.docx", {"word/document.xml": b"<w/>"}), "zip"),
    ("broken.zip", lambda d: _write(d, "broken.zip", b"PK\x03\x04" + b"\x01" * 100), "zip"),
    (
        "fake.heic",
        lambda d: _write(d, "fake.heic", b"\x00\x00\x00\x18ftypheic" + b"\x00" * 64),
        "heic",
    ),
]


@pytest.mark.parametrize(("label", "build", "kind"), REFUSED, ids=[r[0] for r in REFUSED])
def test_forbidden_types_are_refused_naming_file_and_reason(
    store: EvidenceStore, tmp_path: Path, label: str, build: Callable[[Path], Path], kind: str
) -> None:
    source = build(tmp_path)
    with pytest.raises(UnsupportedType):
        detect_type(source)
    with pytest.raises(UserFacingError) as err:
        store.add(source)
    assert err.value.message == _(NOT_ALLOWED).format(name=source.name, kind=kind)
    assert source.name in err.value.message and f"({kind})" in err.value.message
    assert store.stored() == set()
    assert _leftovers(store) == []


def test_refusal_message_in_english(store: EvidenceStore, tmp_path: Path, english: None) -> None:
    source = _write(tmp_path, "virus.exe", b"MZ" + b"\x00" * 100)
    with pytest.raises(UserFacingError) as err:
        store.add(source)
    assert err.value.message.startswith("virus.exe is not an allowed evidence type (unknown)")


# -- dedup, size, missing, original untouched ---------------------------------------------


def test_same_content_twice_is_stored_once(store: EvidenceStore, tmp_path: Path) -> None:
    first = _write(tmp_path, "a.pdf", PDF)
    second = _write(tmp_path, "copy-of-a.pdf", PDF)
    one, two = store.add(first), store.add(second)
    assert one == two
    assert one.sha256 == _sha(PDF)
    assert store.stored() == {one.sha256}
    files = [p for p in store.root.rglob("*") if p.is_file()]
    assert files == [store.path_of(one.sha256)]
    assert store.has(one.sha256) and store.verify(one.sha256)


def test_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    small = EvidenceStore(tmp_path / "evidence", max_bytes=100)
    source = _write(tmp_path, "besar.pdf", PDF + b"0" * 200)
    with pytest.raises(UserFacingError) as err:
        small.add(source)
    expected = _("{name} is {size}; the limit is {limit}.").format(
        name="besar.pdf", size=f"{source.stat().st_size} B", limit="100 B"
    )
    assert err.value.message == expected
    assert small.stored() == set()
    exact = _write(tmp_path, "pas.txt", b"x" * 100)  # exactly at the limit is fine
    assert small.add(exact).size == 100


def test_a_file_growing_past_the_limit_while_read_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    limited = EvidenceStore(tmp_path / "evidence", max_bytes=1000)
    source = _write(tmp_path, "tumbuh.txt", b"x" * 900)
    real_open = EvidenceStore._open

    def open_then_grow(self: EvidenceStore, path: Path) -> tuple[BinaryIO, int, str]:
        result = real_open(self, path)
        with open(path, "ab") as handle:
            handle.write(b"y" * 500)
        return result

    monkeypatch.setattr(EvidenceStore, "_open", open_then_grow)
    with pytest.raises(UserFacingError, match="tumbuh.txt"):
        limited.add(source)
    assert limited.stored() == set() and _leftovers(limited) == []


def test_missing_file(store: EvidenceStore, tmp_path: Path) -> None:
    missing = tmp_path / "tidak-ada.pdf"
    with pytest.raises(UserFacingError) as err:
        store.add(missing)
    assert err.value.message == _("File not found: {path}").format(path=missing)


def test_a_folder_is_refused(store: EvidenceStore, tmp_path: Path) -> None:
    folder = tmp_path / "map"
    folder.mkdir()
    with pytest.raises(UserFacingError, match="map"):
        store.add(folder)
    assert store.stored() == set()


def test_the_original_is_not_modified(store: EvidenceStore, tmp_path: Path) -> None:
    source = _write(tmp_path, "asli.pdf", PDF)
    os.utime(source, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    before = source.stat()
    blob = store.add(source)
    after = source.stat()
    assert source.read_bytes() == PDF
    assert after.st_mtime_ns == before.st_mtime_ns == 1_600_000_000_000_000_000
    assert (after.st_size, after.st_mode, after.st_ino) == (
        before.st_size,
        before.st_mode,
        before.st_ino,
    )
    assert store.path_of(blob.sha256) != source


# -- streaming ---------------------------------------------------------------------------


def test_files_are_read_and_written_in_chunks(
    store: EvidenceStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chunk = 4096
    monkeypatch.setattr(evidence_module, "CHUNK", chunk)
    data = PDF + os.urandom(10 * chunk + 123)
    source = _write(tmp_path, "besar.pdf", data)
    reads: list[int] = []
    writes: list[int] = []
    real_open = open

    class Spy:
        def __init__(self, handle: Any) -> None:
            self.handle = handle

        def __enter__(self) -> Spy:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def read(self, size: int = -1) -> bytes:
            reads.append(size)
            return self.handle.read(size)  # type: ignore[no-any-return]

        def write(self, block: bytes) -> int:
            writes.append(len(block))
            return self.handle.write(block)  # type: ignore[no-any-return]

        def __getattr__(self, name: str) -> Any:
            return getattr(self.handle, name)

    def spy_open(path: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Spy:
        return Spy(real_open(path, mode, *args, **kwargs))

    real_open_input = evidence_module.open_input

    def spy_open_input(path: Any, *args: Any, **kwargs: Any) -> Spy:
        return Spy(real_open_input(path, *args, **kwargs))

    monkeypatch.setattr(evidence_module, "open", spy_open, raising=False)
    monkeypatch.setattr(evidence_module, "open_input", spy_open_input)
    progress: list[tuple[int, int]] = []
    blob = store.add(source, progress=lambda done, total: progress.append((done, total)))
    assert blob.sha256 == _sha(data) and blob.size == len(data)
    sniff, *copy = reads
    assert sniff == HEAD_BYTES  # the type is decided by the head only
    assert copy and all(size == chunk for size in copy)  # never a whole-file read
    assert max(writes) <= chunk
    assert len(writes) == -(-len(data) // chunk)
    assert [p[0] for p in progress] == [min((i + 1) * chunk, len(data)) for i in range(len(writes))]
    assert all(total == len(data) for _done, total in progress)


def test_a_large_sparse_file_is_copied_exactly_in_bounded_memory(
    store: EvidenceStore, tmp_path: Path
) -> None:
    source = tmp_path / "scan.pdf"
    size = 48 * 2**20
    with open(source, "wb") as handle:
        handle.write(PDF)
        handle.seek(size // 2)
        handle.write(b"middle of the scan")
        handle.truncate(size)
    expected = hashlib.sha256()
    with open(source, "rb") as handle:
        while block := handle.read(2**20):
            expected.update(block)
    tracemalloc.start()
    try:
        blob = store.add(source)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert blob.sha256 == expected.hexdigest() and blob.size == size
    assert peak < 8 * 2**20, f"peak {peak} bytes while copying a {size}-byte file"
    assert store.verify(blob.sha256)
    assert store.path_of(blob.sha256).stat().st_size == size


# -- cancel and failures -----------------------------------------------------------------


def test_cancel_raises_cancelled_and_leaves_nothing(
    store: EvidenceStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(evidence_module, "CHUNK", 1024)
    source = _write(tmp_path, "batal.pdf", PDF + b"z" * 10_000)
    asked: list[int] = []

    def cancel() -> bool:
        asked.append(1)
        return len(asked) >= 3  # after two chunks were written to the temp file

    with pytest.raises(Cancelled):
        store.add(source, cancel=cancel)
    assert len(asked) == 3
    assert _leftovers(store) == []
    assert list(store.incoming.iterdir()) == []
    assert store.stored() == set()
    assert source.read_bytes() == PDF + b"z" * 10_000


def _failing_writes(error: int) -> Callable[..., Any]:
    """An ``open`` for the evidence module whose files fail on write with ``error``."""
    real_open = open

    class Failing:
        def __init__(self, handle: Any) -> None:
            self.handle = handle

        def __enter__(self) -> Failing:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def write(self, block: bytes) -> int:
            self.handle.write(block[: len(block) // 2])  # part of it reached the disk
            raise OSError(error, os.strerror(error))

        def __getattr__(self, name: str) -> Any:
            return getattr(self.handle, name)

    def fake_open(path: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real_open(path, mode, *args, **kwargs)
        return Failing(handle) if "x" in mode or "w" in mode else handle

    return fake_open


def _raise(error: int) -> Callable[..., None]:
    def fail(*_args: object, **_kwargs: object) -> None:
        raise OSError(error, os.strerror(error))

    return fail


INJECTIONS = [
    ("write-enospc", "open", errno.ENOSPC, DISK_FULL),
    ("write-eio", "open", errno.EIO, IO_ERROR),
    ("fsync-enospc", "fsync", errno.ENOSPC, DISK_FULL),
    ("fsync-eio", "fsync", errno.EIO, IO_ERROR),
    ("replace-enospc", "replace", errno.ENOSPC, DISK_FULL),
    ("replace-eio", "replace", errno.EIO, IO_ERROR),
]


@pytest.mark.parametrize(
    ("where", "error", "template"), [i[1:] for i in INJECTIONS], ids=[i[0] for i in INJECTIONS]
)
def test_disk_errors_during_the_copy_leave_nothing_behind(
    store: EvidenceStore,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    where: str,
    error: int,
    template: str,
) -> None:
    source = _write(tmp_path, "bukti.pdf", PDF + b"q" * 5000)
    if where == "open":
        monkeypatch.setattr(evidence_module, "open", _failing_writes(error), raising=False)
    else:
        monkeypatch.setattr(evidence_module.os, where, _raise(error))
    with pytest.raises(UserFacingError) as err:
        store.add(source)
    monkeypatch.undo()
    assert err.value.message == _(template).format(path=store.root)
    assert str(error) in err.value.details or os.strerror(error) in err.value.details
    assert _leftovers(store) == []
    assert list(store.incoming.iterdir()) == []
    assert store.stored() == set()
    assert not store.path_of(_sha(source.read_bytes())).exists()
    assert source.read_bytes() == PDF + b"q" * 5000
    assert store.add(source).sha256 == _sha(source.read_bytes())  # works once the disk does


def test_clean_incoming_removes_leftover_part_files(store: EvidenceStore) -> None:
    (store.incoming / f".deadbeef{TEMP_SUFFIX}").write_bytes(b"half a file")
    (store.incoming / f".cafebabe{TEMP_SUFFIX}").write_bytes(b"")
    (store.incoming / "staging").mkdir()
    (store.incoming / "staging" / "x").write_bytes(b"x")
    keep = store.incoming / "README"
    keep.write_text("not a temp file")
    assert store.clean_incoming() == 2
    assert sorted(p.name for p in store.incoming.iterdir()) == ["README"]
    assert store.clean_incoming() == 0


def test_stored_lists_only_complete_files(store: EvidenceStore, tmp_path: Path) -> None:
    blob = store.add(_write(tmp_path, "a.pdf", PDF))
    fan = store.path_of(blob.sha256).parent
    sha_b = _sha(b"other")
    (fan / f".{sha_b[:16]}{TEMP_SUFFIX}").write_bytes(b"partial")
    (fan / f"{sha_b}{TEMP_SUFFIX}").write_bytes(b"partial")
    (fan / sha_b.upper()).write_bytes(b"not lower-case hex")
    (store.incoming / f".abcd{TEMP_SUFFIX}").write_bytes(b"partial")
    (store.incoming / sha_b).write_bytes(b"in incoming, not stored")
    listed = store.stored()
    assert listed == {blob.sha256}
    assert not any(name.endswith(TEMP_SUFFIX) for name in listed)


def test_path_of_refuses_names_that_are_not_a_sha256(store: EvidenceStore) -> None:
    for bad in ("../../etc/passwd", "ab", "G" * 64, "a" * 63, "A" * 64):
        with pytest.raises(ValueError):
            store.path_of(bad)
