"""The last step of an import: evidence into the store, then one transaction for everything.

Staged evidence is moved into the content-addressed store first (as attaching does: a crash
leaves at most an unreferenced stored file), then one transaction creates missing units and
assessments, merges every assessment record by record, rescores, records the package, the
sender's audit events and what evidence the sender holds, pins the coordinator key on first
use, and appends the import's audit events. If the transaction fails, the moved files that
were new are removed again. An import never deletes stored files.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import Session, select

from ...identity.keys import b64
from ...storage import trust_store
from ...storage.durable import fsync_dir
from ...storage.rows import now
from ...storage.sync_tables import PackageIn, PeerEvidence, RemoteAuditEvent
from ...storage.tables import StoredFile
from ...sync.apply import ensure_assessment
from ...sync.collect import blobs
from ...sync.contents import Contents
from ...sync.manifest import Manifest
from ...sync.merge import Tally, merge
from ..workspace import Workspace


@dataclass
class Done:
    taken: int = 0
    removed: int = 0
    conflicts: int = 0
    unchanged: int = 0
    created: list[str] = field(default_factory=list)
    pinned: bool = False

    def add(self, t: Tally) -> None:
        self.taken += t.taken
        self.removed += t.removed
        self.conflicts += t.conflicts
        self.unchanged += t.unchanged


def move_into_store(ws: Workspace, staging: Path, shas: list[str]) -> list[Path]:
    """Move staged evidence into the store (durably); returns the files that are new."""
    moved: list[Path] = []
    try:
        for sha in shas:
            final = ws.store.path_of(sha)
            if final.is_file():
                continue
            final.parent.mkdir(exist_ok=True)
            os.replace(staging / sha, final)
            moved.append(final)
            fsync_dir(final.parent)
        if moved:
            fsync_dir(ws.store.root)
    except BaseException:
        for path in moved:
            path.unlink(missing_ok=True)
        raise
    return moved


def commit(
    ws: Workspace,
    m: Manifest,
    package_hash: str,
    contents: Contents,
    staging: Path,
    mimes: dict[str, str],
    pin: bool,
    signer_name: str,
) -> Done:
    """Store the evidence and merge everything in one transaction.

    ``signer_name`` is the signer as the trust store knows them (the enrolled card), recorded
    with the package instead of the name the manifest claims.
    """
    sizes = {f.sha256: f.size for f in m.files if f.path.startswith("evidence/")}
    moved = move_into_store(ws, staging, sorted(mimes))
    done = Done()
    try:
        with ws.transaction() as s:
            for sha in sorted(mimes):
                if s.get(StoredFile, sha) is None:
                    s.add(StoredFile(sha256=sha, size=sizes[sha], mime=mimes[sha], stored_at=now()))
            s.flush()
            for a in contents.assessments:
                unit, assessment, period, made = ensure_assessment(s, a)
                for entity in made:
                    ws.audit(s, entity, None, {"package": m.package_id})
                done.created += made
                done.add(
                    merge(
                        s,
                        (unit, assessment, period),
                        a,
                        m.mode == "full",
                        m.signer.key_id,
                        m.package_id,
                        lambda e, old, new: ws.audit(s, e, old, new),
                    )
                )
                for tier in ("unit", "tpi"):
                    ws.rescore(s, unit, assessment, period, tier)
            if pin:
                trust_store.pin(s, m.signer.key_id, b64(m.signer.public_key), m.signer.name)
                done.pinned = True
            _record(s, m, package_hash, contents, done, signer_name)
            ws.audit(
                s,
                f"package/{m.package_id}",
                None,
                {
                    "kind": m.kind,
                    "mode": m.mode,
                    "signer": m.signer.key_id,
                    "sequence": m.sequence,
                    "taken": done.taken,
                    "conflicts": done.conflicts,
                },
            )
    except BaseException:
        for path in moved:
            path.unlink(missing_ok=True)
        raise
    return done


def _record(
    s: Session, m: Manifest, package_hash: str, contents: Contents, done: Done, signer_name: str
) -> None:
    summary = {"taken": done.taken, "removed": done.removed, "conflicts": done.conflicts}
    s.add(
        PackageIn(
            manifest_sha256=package_hash,
            package_id=m.package_id,
            kind=m.kind,
            mode=m.mode,
            device_id=m.device_id,
            signer=m.signer.key_id,
            signer_name=signer_name,
            sequence=m.sequence,
            previous=m.previous,
            created=m.created,
            imported_at=now().isoformat(timespec="seconds"),
            units=json.dumps([u.code for u in m.units], ensure_ascii=False),
            summary=json.dumps(summary),
        )
    )
    if contents.audit is not None:
        known = set(
            s.exec(
                select(RemoteAuditEvent.seq).where(
                    RemoteAuditEvent.signer == m.signer.key_id,
                    RemoteAuditEvent.device_id == m.device_id,
                )
            )
        )
        for e in contents.audit.events:
            if e.seq not in known:
                s.add(
                    RemoteAuditEvent(
                        signer=m.signer.key_id,
                        device_id=m.device_id,
                        package_id=m.package_id,
                        **vars(e),
                    )
                )
    held = set(m.evidence_omitted).union(*(blobs(a) for a in contents.assessments))
    for sha in sorted(held):
        if s.get(PeerEvidence, (m.signer.key_id, sha)) is None:
            s.add(PeerEvidence(peer=m.signer.key_id, sha256=sha))
