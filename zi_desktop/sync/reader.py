"""Verifying a package, in the order that keeps a hostile one harmless.

1. the ZIP structure, names and sizes (:func:`.zipread.read_directory`) — nothing inflated yet;
2. the manifest (guarded parser, size- and depth-capped) and its signature, then whether the
   signer is trusted;
3. the listing: every entry listed, every listed file present with the listed size and method;
4. the receiver: addressed to this identity, not replayed, not older than what was imported;
5. the content: every file streamed once, its SHA-256 compared with the manifest — evidence
   into the staging folder only, data files into memory (capped) — before anything is parsed.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from ..identity.keys import MANIFEST_DOMAIN, fingerprint, verify
from ..inputfile import open_input
from .limits import Limits
from .manifest import MANIFEST, SIGNATURE, Manifest, package_hash, parse
from .reasons import PackageRefused, Reason
from .zipfmt import STORED, Entry
from .zipread import read_directory, read_entry

Trust = Callable[[Manifest], bool]
Tick = Callable[[int], None]


@dataclass(frozen=True)
class ReceiverState:
    """What the receiving workspace knows: its identity and the sending device's history."""

    own_key_id: str | None
    last: tuple[int, str] | None  # last sequence imported from the device, and its hash
    imported: bool  # this very package was imported before


class PackageReader:
    """An open package file; use as a context manager."""

    def __init__(self, path: Path, limits: Limits) -> None:
        self.path = Path(path)
        self.limits = limits
        # A regular file only (never a pipe or device); its size is checked in open() so that
        # an oversized package is refused with its reason code.
        self.f: BinaryIO = open_input(self.path, limit=2**63)
        self.size = os.fstat(self.f.fileno()).st_size
        self.entries: dict[str, Entry] = {}
        self.manifest_bytes = b""

    def __enter__(self) -> PackageReader:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.f.close()

    @property
    def hash(self) -> str:
        return package_hash(self.manifest_bytes)

    def open(self, trusts: Trust) -> Manifest:
        """Steps 1–3; returns the verified manifest."""
        if self.size > self.limits.package_bytes:
            raise PackageRefused(Reason.TOO_LARGE, f"package of {self.size} bytes")
        self.entries = {e.name: e for e in read_directory(self.f, self.size, self.limits)}
        for name in (MANIFEST, SIGNATURE):
            if name not in self.entries:
                raise PackageRefused(Reason.MISSING_FILE, name)
        manifest_entry, sig_entry = self.entries[MANIFEST], self.entries[SIGNATURE]
        if manifest_entry.usize > self.limits.manifest_bytes:
            raise PackageRefused(Reason.TOO_LARGE, f"{MANIFEST}: {manifest_entry.usize} bytes")
        if manifest_entry.method != STORED or sig_entry.method != STORED:
            raise PackageRefused(Reason.MALFORMED, "the manifest and signature are stored")
        if sig_entry.usize != 64:
            raise PackageRefused(Reason.BAD_SIGNATURE, f"{SIGNATURE} of {sig_entry.usize} bytes")
        self.manifest_bytes = self._raw(manifest_entry)
        signature = self._raw(sig_entry)
        manifest = parse(self.manifest_bytes, self.limits)
        if not verify(manifest.signer.public_key, MANIFEST_DOMAIN, self.manifest_bytes, signature):
            raise PackageRefused(Reason.BAD_SIGNATURE, MANIFEST)
        for entry in (manifest_entry, sig_entry):  # headers must agree with signed content
            read_entry(self.f, entry)
        if not trusts(manifest):
            raise PackageRefused(Reason.UNKNOWN_SIGNER, manifest.signer.key_id)
        self._check_listing(manifest)
        return manifest

    def _raw(self, entry: Entry) -> bytes:
        self.f.seek(entry.data_offset)
        data = self.f.read(entry.csize)
        if len(data) != entry.csize:
            raise PackageRefused(Reason.MALFORMED, f"{entry.name}: cut short")
        return data

    def _check_listing(self, manifest: Manifest) -> None:
        listed = {f.path: f for f in manifest.files}
        present = set(self.entries) - {MANIFEST, SIGNATURE}
        for name in sorted(present - set(listed)):
            raise PackageRefused(Reason.UNLISTED_FILE, name)
        for name in sorted(set(listed) - present):
            raise PackageRefused(Reason.MISSING_FILE, name)
        for f in manifest.files:
            e = self.entries[f.path]
            method = "stored" if e.method == STORED else "deflate"
            if (method, e.usize, e.csize) != (f.method, f.size, f.packed_size):
                raise PackageRefused(Reason.HASH_MISMATCH, f"{f.path}: size or method differs")
            if f.path.startswith("data/") and f.size > self.limits.data_bytes:
                raise PackageRefused(Reason.TOO_LARGE, f"{f.path}: {f.size} bytes")
        if set(manifest.evidence_omitted) & {f.path[9:] for f in manifest.files}:
            raise PackageRefused(Reason.MALFORMED, "evidence both included and left out")

    def check_receiver(self, manifest: Manifest, state: ReceiverState) -> bool:
        """Step 4; returns whether this exact package was imported before."""
        if state.own_key_id != manifest.recipient:
            own = fingerprint(state.own_key_id) if state.own_key_id else "none (no identity)"
            raise PackageRefused(
                Reason.WRONG_RECIPIENT,
                f"addressed to {fingerprint(manifest.recipient)}, this identity: {own}",
            )
        if state.imported:
            return True
        if state.last is not None:
            last_seq, last_hash = state.last
            if manifest.sequence < last_seq:
                raise PackageRefused(
                    Reason.STALE_SEQUENCE, f"sequence {manifest.sequence}, last {last_seq}"
                )
            if manifest.sequence == last_seq:
                raise PackageRefused(Reason.REPLAYED, f"sequence {manifest.sequence} again")
            if manifest.sequence == last_seq + 1 and manifest.previous != last_hash:
                raise PackageRefused(Reason.REPLAYED, "previous-package hash differs")
        return False

    def read_contents(
        self, manifest: Manifest, evidence_dir: Path | None, tick: Tick | None = None
    ) -> dict[str, bytes]:
        """Step 5: stream every file; returns the data files' bytes."""
        data: dict[str, bytes] = {}
        for f in sorted(manifest.files, key=lambda x: self.entries[x.path].offset):
            entry = self.entries[f.path]
            if f.path.startswith("data/"):
                buffer = bytearray()
                digest = read_entry(self.f, entry, buffer.extend, tick)
                data[f.path] = bytes(buffer)
            elif evidence_dir is None:
                digest = read_entry(self.f, entry, None, tick)
            else:
                with open(evidence_dir / f.sha256, "xb") as out:
                    digest = read_entry(self.f, entry, out.write, tick)
            if (digest.sha256, digest.packed_sha256) != (f.sha256, f.packed_sha256):
                raise PackageRefused(Reason.HASH_MISMATCH, f.path)
        return data
