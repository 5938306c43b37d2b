"""Exporting signed packages: sync packages to the coordinator, assignments to an evaluator.

:func:`preview_export` shows what a package will hold (size, contents, fingerprints) without
a passphrase; :func:`export_package` and :func:`assign_package` write it. A package is written
to a temp file beside the target and fsynced; then the export is recorded (sequence, state for
the next delta) in one transaction; then the file is renamed into place (or split into parts).
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from sqlmodel import Session, col, select

from ... import __version__
from ...errors import Cancelled, UserFacingError
from ...formatting import format_size
from ...i18n import _
from ...identity import canonical
from ...identity.store import IdentityStore, PublicIdentity
from ...storage import trust_store
from ...storage.constants import TIERS
from ...storage.durable import fsync_dir, os_error_message, temp_path
from ...storage.evidence import CancelCheck, Progress
from ...storage.sync_tables import ExportState, PackageOut, PeerEvidence, SyncDevice
from ...storage.tables import AuditEvent, StoredFile
from ...sync import collect, split
from ...sync.delta import delta
from ...sync.limits import DEFAULT as DEFAULT_LIMITS
from ...sync.manifest import GENESIS, Manifest, SignerInfo, UnitEntry
from ...sync.payload import AssessmentData, assessments_json, audit_json
from ...sync.records import digests, records_of
from ...sync.writer import EvidenceSource, write_package
from ...values.fingerprint import assessment_fingerprint
from ..identity import KeyInfo, Unlock, card_info, pinned_info, read_card, signer
from ..workspace import Workspace
from .values import PackageSummary, unit_content


@dataclass(frozen=True)
class Plan:
    summary: PackageSummary
    draft: Manifest
    data: dict[str, bytes]
    evidence: list[EvidenceSource]
    states: dict[tuple[str, int], dict[str, str]]
    sent: set[str]


class NoRecipient(UserFacingError):
    """No recipient given and no coordinator pinned yet (the app offers to choose a card)."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "No recipient: import an assignment package from your coordinator first (it "
                "pins the coordinator's key), or name the coordinator's card with --to."
            )
        )


def _recipient(s: Session, card: Path | None) -> KeyInfo:
    if card is not None:
        return card_info(read_card(card))
    pin = trust_store.pinned(s)
    if pin is None:
        raise NoRecipient()
    return pinned_info(pin)


def _audit_head(s: Session) -> tuple[int, str]:
    last = s.exec(select(AuditEvent).order_by(col(AuditEvent.seq).desc())).first()
    return (last.seq, last.hash) if last is not None else (0, GENESIS)


def _plan(
    ws: Workspace,
    codes: list[str],
    kind: str,
    since_last: bool,
    to: Path | None,
    identity_folder: Path | None,
) -> Plan:
    me: PublicIdentity = IdentityStore(identity_folder).load()
    if not codes:
        raise UserFacingError(_("Name at least one unit (--unit CODE)."))
    tiers = TIERS if kind == "sync" else ("unit",)
    fingerprints = {
        code: assessment_fingerprint(ws.open_assessment(code)) if kind == "sync" else None
        for code in dict.fromkeys(codes)
    }
    with ws.reading() as s:
        recipient = _recipient(s, to)
        if recipient.key_id == me.key_id:
            raise UserFacingError(_("A package cannot be addressed to its own signer."))
        device = s.get(SyncDevice, 1)
        assert device is not None
        last = s.exec(
            select(PackageOut)
            .where(PackageOut.recipient == recipient.key_id)
            .order_by(col(PackageOut.sequence).desc())
        ).first()
        is_delta = kind == "sync" and since_last and last is not None
        items: list[AssessmentData] = []
        states: dict[tuple[str, int], dict[str, str]] = {}
        for code in fingerprints:
            unit, a, p = ws.assessment_rows(s, code)
            whole = collect.assessment_data(s, unit, a, p, tiers)
            states[(code, p.year)] = digests(records_of(whole))
            old = s.get(ExportState, (recipient.key_id, code, p.year)) if is_delta else None
            items.append(
                delta(whole, json.loads(old.records) if old else {}) if is_delta else whole
            )
        needed = set().union(*(collect.blobs(a) for a in items))
        known = (
            {
                r.sha256
                for r in s.exec(select(PeerEvidence).where(PeerEvidence.peer == recipient.key_id))
            }
            if is_delta
            else set()
        )
        omitted = sorted(needed & known)
        sources = []
        for sha in sorted(needed - known):
            blob = s.get(StoredFile, sha)
            assert blob is not None
            sources.append(EvidenceSource(sha, ws.store.path_of(sha), blob.size, blob.mime))
        audit = collect.audit_after(s, last.audit_seq if is_delta and last else 0)
        head = _audit_head(s)
    data = {"data/assessments.json": canonical.dumps(assessments_json(items))}
    if kind == "sync":
        data["data/audit.json"] = canonical.dumps(audit_json(audit))
    _check_sizes(data)
    p_ = me.profile
    draft = Manifest(
        kind=kind,
        mode="delta" if is_delta else "full",
        package_id=secrets.token_hex(16),
        device_id=device.device_id,
        signer=SignerInfo(me.key_id, me.public_key, p_.name, p_.nip, p_.role),
        sequence=(last.sequence + 1) if last else 1,
        previous=last.manifest_sha256 if last else GENESIS,
        base=last.sequence if is_delta and last else None,
        recipient=recipient.key_id,
        created=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        lke=tuple(sorted({a.lke for a in items})),
        units=tuple(
            UnitEntry(a.unit.code, a.year, a.lke, fingerprints[a.unit.code]) for a in items
        ),
        audit_head=head,
        evidence_omitted=tuple(omitted),
        files=(),
        app=__version__,
    )
    evidence_bytes = sum(e.size for e in sources)
    summary = PackageSummary(
        kind=kind,
        mode=draft.mode,
        signer=KeyInfo(p_.name, p_.nip, p_.role, p_.instansi, me.key_id, me.fingerprint),
        recipient=recipient,
        sequence=draft.sequence,
        base=draft.base,
        units=tuple(unit_content(a, fingerprints[a.unit.code], False) for a in items),
        evidence_files=len(sources),
        evidence_bytes=evidence_bytes,
        evidence_omitted=len(omitted),
        audit_events=len(audit.events) if kind == "sync" else 0,
        size=evidence_bytes + sum(len(d) for d in data.values()) + 2048 + 200 * len(sources),
        package_id=draft.package_id,
        device_id=draft.device_id,
    )
    sent = {e.sha256 for e in sources} | set(omitted)
    return Plan(summary, draft, data, sources, states if kind == "sync" else {}, sent)


def _check_sizes(data: dict[str, bytes]) -> None:
    """Refuse to write a package its recipient would refuse as too large."""
    for path, content in data.items():
        if len(content) > DEFAULT_LIMITS.data_bytes:
            raise UserFacingError(
                _(
                    "{file} of this package would be {size}, more than a package may hold "
                    "({limit}). Send fewer units per package (or use --since-last)."
                ).format(
                    file=path,
                    size=format_size(len(content)),
                    limit=format_size(DEFAULT_LIMITS.data_bytes),
                )
            )


def preview_export(
    ws: Workspace,
    codes: list[str],
    since_last: bool = False,
    to: Path | None = None,
    identity_folder: Path | None = None,
    kind: str = "sync",
) -> PackageSummary:
    """What :func:`export_package` would write (size estimated; data files not compressed)."""
    return _plan(ws, codes, kind, since_last, to, identity_folder).summary


def _ticker(
    total: int, progress: Progress | None, cancel: CancelCheck | None
) -> Callable[[int], None]:
    done = [0]

    def tick(count: int) -> None:
        if cancel is not None and cancel():
            raise Cancelled()
        done[0] += count
        if progress is not None:
            progress(done[0], total)

    return tick


def _record(s: Session, plan: Plan, package_hash: str, target: Path) -> None:
    """The package written: its sequence, what each assessment's records were, what was sent."""
    d = plan.draft
    s.add(
        PackageOut(
            manifest_sha256=package_hash,
            package_id=d.package_id,
            kind=d.kind,
            mode=d.mode,
            recipient=d.recipient,
            sequence=d.sequence,
            previous=d.previous,
            base_sequence=d.base,
            audit_seq=d.audit_head[0],
            audit_hash=d.audit_head[1],
            created=d.created,
            units=json.dumps([u.code for u in d.units]),
            file_name=target.name,
        )
    )
    for (code, year), state in plan.states.items():
        row = s.get(ExportState, (d.recipient, code, year)) or ExportState(
            recipient=d.recipient, unit_code=code, year=year, records=""
        )
        row.records = json.dumps(state, sort_keys=True)
        s.add(row)
    for sha in sorted(plan.sent):
        if s.get(PeerEvidence, (d.recipient, sha)) is None:
            s.add(PeerEvidence(peer=d.recipient, sha256=sha))


class FileExists(UserFacingError):
    """The target (or its first part) exists, and replacing it was not asked for."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            _("{path} exists already; it is not replaced unless you ask for it.").format(path=path)
        )
        self.path = path


def _taken(target: Path, split_mb: int | None, overwrite: bool) -> None:
    first = split.part_name(target, 1, 1) if split_mb is not None else target
    if not overwrite and (target.exists() or first.exists()):
        raise FileExists(first if first.exists() else target)


def _write(
    ws: Workspace,
    plan: Plan,
    target: Path,
    unlock: Unlock,
    identity_folder: Path | None,
    split_mb: int | None,
    progress: Progress | None,
    cancel: CancelCheck | None,
    overwrite: bool = False,
) -> PackageSummary:
    _taken(Path(target), split_mb, overwrite)
    key = signer(unlock, identity_folder)
    if key.key_id != plan.draft.signer.key_id:
        raise UserFacingError(_("The unlocked key is not this identity's key."))
    target = Path(target)
    if not target.parent.is_dir():
        raise UserFacingError(_("The folder {folder} does not exist.").format(folder=target.parent))
    if target.is_dir():
        raise UserFacingError(
            _("{path} is a folder; give the name of the package file to write.").format(path=target)
        )
    if split_mb is not None and split_mb < 1:
        raise UserFacingError(_("--split-mb needs a size of at least 1 MB."))
    tick = _ticker(plan.summary.evidence_bytes, progress, cancel)
    tmp = temp_path(target.parent)
    placed: tuple[Path, ...] = ()
    try:
        fd = os.open(tmp, os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        with os.fdopen(fd, "w+b") as out:
            written = write_package(out, plan.draft, plan.data, plan.evidence, key, tick)
        if split_mb is not None:
            placed = tuple(split.split(tmp, target, split_mb * 1_000_000))
            tmp.unlink()
        # The package is recorded in the same transaction that puts it in place, so an export
        # that did not produce its file takes no sequence number and changes nothing.
        with ws.transaction() as s:
            _record(s, plan, written.hash, target)
            s.flush()
            if split_mb is None:
                os.replace(tmp, target)
                fsync_dir(target.parent)
                placed = (target,)
        paths = placed
    except OSError as exc:
        _remove(tmp, *placed)
        raise os_error_message(exc, target) from exc
    except BaseException:
        _remove(tmp, *placed)
        raise
    size = sum(p.stat().st_size for p in paths)
    return replace(
        plan.summary, size=size, package_hash=written.hash, created=plan.draft.created, paths=paths
    )


def _remove(*paths: Path) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def export_package(
    ws: Workspace,
    codes: list[str],
    target: Path,
    unlock: Unlock,
    *,
    since_last: bool = False,
    to: Path | None = None,
    split_mb: int | None = None,
    identity_folder: Path | None = None,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    overwrite: bool = False,
) -> PackageSummary:
    """Write a signed sync package of the units' latest assessments (all tiers) to ``target``.

    ``since_last``: only what changed since the last package to the same recipient (a full
    package when there was none). ``to``: the recipient's card (default: the pinned
    coordinator). ``split_mb``: write parts of at most that many MB (10^6 bytes) instead.
    An existing ``target`` raises :class:`FileExists` unless ``overwrite``.
    """
    plan = _plan(ws, codes, "sync", since_last, to, identity_folder)
    return _write(ws, plan, target, unlock, identity_folder, split_mb, progress, cancel, overwrite)


def assign_package(
    ws: Workspace,
    codes: list[str],
    to: Path,
    target: Path,
    unlock: Unlock,
    *,
    identity_folder: Path | None = None,
    split_mb: int | None = None,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    overwrite: bool = False,
) -> PackageSummary:
    """Write an assignment package: the units, their self-assessment, notes and evidence.
    An existing ``target`` raises :class:`FileExists` unless ``overwrite``."""
    plan = _plan(ws, codes, "assignment", False, to, identity_folder)
    return _write(ws, plan, target, unlock, identity_folder, split_mb, progress, cancel, overwrite)
