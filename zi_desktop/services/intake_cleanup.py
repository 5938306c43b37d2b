"""Cleaning up the intake: unfinished uploads expire, and nothing is kept that nobody needs.

:func:`expire` ends the open sessions whose time ran out (their uploads and package file go,
and blobs no live session needs). :func:`sweep`, run when the intake starts, also removes what
a crash may have left: upload files without an upload row, package files of ended sessions,
and blobs no live session needs.
"""

from __future__ import annotations

from sqlmodel import col, select

from ..storage.intake_tables import IntakeBlob, IntakeSession, IntakeUpload
from .intake_commit import release
from .intake_desk import LIVE, IntakeDesk, stamp, utc_now


def expire(desk: IntakeDesk) -> int:
    """End the open sessions past their expiry; returns how many."""
    now = stamp(utc_now())
    with desk.ws.transaction() as s:
        rows = list(
            s.exec(
                select(IntakeSession).where(
                    IntakeSession.state == "open", col(IntakeSession.expires) < now
                )
            )
        )
        for row in rows:
            row.state, row.reason = "expired", "expired"
            s.add(row)
    release(desk, [row.id for row in rows])
    return len(rows)


def sweep(desk: IntakeDesk) -> int:
    """Remove files no row or live session refers to; returns how many."""
    expire(desk)
    desk.files.sync_uploads()
    with desk.ws.reading() as s:
        upload_ids = set(s.exec(select(IntakeUpload.id)))
        live = set(s.exec(select(IntakeSession.id).where(col(IntakeSession.state).in_(LIVE))))
        needed = set(
            s.exec(
                select(IntakeBlob.sha256)
                .join(IntakeSession, col(IntakeSession.id) == IntakeBlob.session_id)
                .where(col(IntakeSession.state).in_(LIVE))
            )
        )
    removed = 0
    for upload_id in desk.files.upload_ids() - upload_ids:
        desk.files.remove_upload(upload_id)
        removed += 1
    for session_id in desk.files.package_names() - live:
        desk.remove_session_files(session_id)
        removed += 1
    for sha in desk.files.blob_names() - needed:
        desk.files.remove_blob(sha)
        removed += 1
    return removed
