"""Committing an upload: the package put together, received, imported, and the receipts.

When a session holds every file, :func:`assemble` copies each file's bytes into its place in
the session's package file (fsynced), marks the session **received** and signs a receipt that
says so. :func:`import_received` then runs the ordinary import (``zi import``'s
:func:`~zi_desktop.services.sync.importer.import_package`: every check again, staging, one
transaction) and replaces that receipt with one that says **imported**, with the counts. A
refusal at import ends the session with the package's reason code; any other failure (a delta
whose base has not arrived, a busy or full disk) leaves it received, and the intake tries
again later. Files no live session needs any more leave the blob store.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from sqlmodel import Session, col, select

from ..errors import UserFacingError
from ..storage.intake_tables import IntakeBlob, IntakeReceipt, IntakeSession, IntakeUpload
from ..storage.sync_tables import PackageIn
from ..sync.frame import regions
from ..sync.manifest import Manifest
from ..sync.reasons import PackageRefused
from ..sync.receipt import Receipt, sign_receipt, stamp
from . import intake_reasons as why
from .intake_desk import LIVE, IntakeDesk
from .intake_reasons import IntakeRefused
from .intake_values import SessionView
from .sync.importer import import_package
from .sync.values import ImportResult

CHUNK = 1024 * 1024
NO_COUNTS = {"taken": 0, "removed": 0, "conflicts": 0, "unchanged": 0}


def _receipt(
    desk: IntakeDesk, m: Manifest, package: str, size: int, result: str, counts: dict[str, int]
) -> bytes:
    r = Receipt(
        coordinator=desk.key.key_id,
        coordinator_key=desk.key.public_key,
        package=package,
        package_size=size,
        package_id=m.package_id,
        signer=m.signer.key_id,
        device_id=m.device_id,
        sequence=m.sequence,
        units=tuple(u.code for u in m.units),
        result=result,
        counts=counts,
        files=len(m.files),
        file_bytes=sum(f.packed_size for f in m.files),
        time=stamp(),
    )
    return sign_receipt(r, desk.key)


def _keep_receipt(s: Session, package: str, result: str, data: bytes) -> None:
    row = s.get(IntakeReceipt, package) or IntakeReceipt(package=package, result="", receipt="")
    row.result, row.receipt = result, data.decode("utf-8")
    s.add(row)


def _copy_into(fd: int, offset: int, source: Path, size: int) -> None:
    with open(source, "rb") as src:
        if os.fstat(src.fileno()).st_size != size:
            raise IntakeRefused(why.MISSING_FILES, f"{source.name} changed size")
        os.lseek(fd, offset, os.SEEK_SET)
        left = size
        while left:
            chunk = src.read(min(CHUNK, left))
            if not chunk:
                raise IntakeRefused(why.MISSING_FILES, f"{source.name} cut short")
            view = memoryview(chunk)
            while view:
                view = view[os.write(fd, view) :]
            left -= len(chunk)


def assemble(desk: IntakeDesk, session_id: str) -> SessionView:
    """Every file present: the package is put together and the session received."""
    view = desk.session(session_id)
    if view.status != "open":
        return view
    if view.needed:
        raise IntakeRefused(why.MISSING_FILES, f"{len(view.needed)} file(s) still missing")
    r, m = desk.reader(session_id)
    with r:
        found = regions(m, r.entries)
        size = r.size
    fd = os.open(desk.files.package_path(session_id), os.O_WRONLY | getattr(os, "O_BINARY", 0))
    try:
        for region in found:
            source = desk.held(region.sha256)
            if source is None:
                raise IntakeRefused(why.MISSING_FILES, region.path)
            _copy_into(fd, region.offset, source, region.size)
        os.fsync(fd)
    finally:
        os.close(fd)
    data = _receipt(desk, m, view.package, size, "received", NO_COUNTS)
    with desk.ws.transaction() as s:
        row = s.get(IntakeSession, session_id)
        assert row is not None
        row.state = "received"
        s.add(row)
        _keep_receipt(s, view.package, "received", data)
    return desk.session(session_id)


def import_received(desk: IntakeDesk, session_id: str) -> SessionView:
    """Import a received package; the session ends imported, refused, or stays received."""
    with desk.import_lock:
        view = desk.session(session_id)
        if view.status != "received":
            return view
        path = desk.files.package_path(session_id)
        r, m = desk.reader(session_id)
        with r:
            size = r.size
        try:
            result = import_package(desk.ws, path, identity_folder=desk.identity_folder)
        except PackageRefused as refusal:
            _end(desk, session_id, "refused", refusal.reason.value, refusal.detail)
            return desk.session(session_id)
        except UserFacingError as pending:
            with desk.ws.transaction() as s:
                row = s.get(IntakeSession, session_id)
                assert row is not None
                row.reason, row.detail = "pending", pending.message
                s.add(row)
            return desk.session(session_id)
        data = _receipt(desk, m, view.package, size, "imported", _counts(result))
        _end(desk, session_id, "imported", "", "", data)
        return desk.session(session_id)


def _counts(result: ImportResult) -> dict[str, int]:
    return {
        "taken": result.taken,
        "removed": result.removed,
        "conflicts": result.conflicts,
        "unchanged": result.unchanged,
    }


def _end(
    desk: IntakeDesk, session_id: str, state: str, reason: str, detail: str, receipt: bytes = b""
) -> None:
    with desk.ws.transaction() as s:
        row = s.get(IntakeSession, session_id)
        assert row is not None
        row.state, row.reason, row.detail = state, reason, detail
        s.add(row)
        if receipt:
            _keep_receipt(s, row.package, state, receipt)
        else:
            found = s.get(IntakeReceipt, row.package)
            if found is not None:
                s.delete(found)
    release(desk, [session_id])


def release(desk: IntakeDesk, session_ids: list[str]) -> None:
    """Drop what ended sessions kept: uploads, the package file, blobs no live session needs."""
    if not session_ids:
        return
    with desk.ws.transaction() as s:
        ups = s.exec(select(IntakeUpload).where(col(IntakeUpload.session_id).in_(session_ids)))
        upload_ids = []
        for up in ups:
            upload_ids.append(up.id)
            s.delete(up)
        shas = set(
            s.exec(select(IntakeBlob.sha256).where(col(IntakeBlob.session_id).in_(session_ids)))
        )
        still = set(
            s.exec(
                select(IntakeBlob.sha256)
                .join(IntakeSession, col(IntakeSession.id) == IntakeBlob.session_id)
                .where(col(IntakeSession.state).in_(LIVE), col(IntakeBlob.sha256).in_(shas))
            )
        )
    for upload_id in upload_ids:
        desk.files.remove_upload(upload_id)
        desk.hashes.forget(upload_id)
    for sha in shas - still:
        desk.files.remove_blob(sha)
    for session_id in session_ids:
        desk.remove_session_files(session_id)


def receipt_for_imported(desk: IntakeDesk, package: str) -> bytes:
    """The receipt of a package imported without the intake (``zi import``): made once, kept."""
    with desk.ws.transaction() as s:
        kept = s.get(IntakeReceipt, package)
        if kept is not None and kept.result == "imported":
            return kept.receipt.encode("utf-8")
        row = s.exec(select(PackageIn).where(PackageIn.manifest_sha256 == package)).one()
        summary = json.loads(row.summary)
        counts = {k: int(summary.get(k, 0)) for k in NO_COUNTS}
        r = Receipt(
            coordinator=desk.key.key_id,
            coordinator_key=desk.key.public_key,
            package=package,
            package_size=0,
            package_id=row.package_id,
            signer=row.signer,
            device_id=row.device_id,
            sequence=row.sequence,
            units=tuple(json.loads(row.units)),
            result="imported",
            counts=counts,
            files=0,
            file_bytes=0,
            time=stamp(),
        )
        data = sign_receipt(r, desk.key)
        _keep_receipt(s, package, "imported", data)
        return data


def pending_sessions(desk: IntakeDesk) -> list[str]:
    """Sessions received and not yet imported, oldest first."""
    with desk.ws.reading() as s:
        return list(
            s.exec(
                select(IntakeSession.id)
                .where(IntakeSession.state == "received")
                .order_by(col(IntakeSession.created))
            )
        )
