"""Verifying and importing packages (``zi verify``, ``zi import`` and the import dialog).

Verify first (structure, signature, trust, recipient, sequence, every file's hash), then parse
the data strictly and check it against the LKE, then stage evidence in
``evidence/incoming/stage-*`` (removed on open after a crash), then commit in one transaction.
Any refusal leaves the database and every file outside the staging folder untouched, and the
staging folder is removed. Importing the same package again changes nothing and says so.
"""

from __future__ import annotations

import secrets
import shutil
from collections.abc import Sequence
from pathlib import Path

from sqlmodel import select

from ...errors import UserFacingError
from ...formatting import one_line
from ...i18n import _
from ...identity.keys import fingerprint, normalise_key_ref
from ...identity.store import IdentityStore, PublicIdentity
from ...lke.loader import load_definition
from ...storage.evidence import CancelCheck, Progress
from ...storage.filetypes import UnsupportedType, detect_type
from ...storage.sync_tables import RemoteAuditEvent
from ...storage.tables import StoredFile
from ...sync.contents import Contents, load
from ...sync.limits import DEFAULT, Limits
from ...sync.manifest import Manifest
from ...sync.reader import PackageReader
from ...sync.reasons import PackageRefused, Reason
from ...values.fingerprint import assessment_fingerprint
from ..identity import KeyInfo
from ..workspace import Workspace
from .commit import commit
from .export import _ticker
from .trust import Trust, last_received, receiver_state, workspace_trust
from .values import ImportResult, PackageSummary, unit_content, view_of


class NeedsPin(UserFacingError):
    """An assignment from a coordinator key not pinned yet: a person must confirm it first."""

    def __init__(self, signer: KeyInfo) -> None:
        super().__init__(
            _(
                "First assignment from a coordinator ({name}): compare the key fingerprint "
                "{fingerprint} with the coordinator (by phone or in person) and confirm it "
                "to import."
            ).format(name=one_line(signer.name), fingerprint=signer.fingerprint)
        )
        self.signer = signer


def _summary(
    m: Manifest,
    r: PackageReader,
    contents: Contents | None,
    trusts: Trust,
    seen: bool,
    own: PublicIdentity | None,
) -> PackageSummary:
    """What a package holds, naming its signer (and recipient) as the verifier knows them."""
    units = []
    for a in contents.assessments if contents else ():
        sent = next(u.fingerprint for u in m.units if u.code == a.unit.code)
        checked = False
        if m.mode == "full" and m.kind == "sync":
            computed = assessment_fingerprint(view_of(a, load_definition(a.lke)))
            if computed != sent:
                raise PackageRefused(Reason.MALFORMED, f"{a.unit.code}: fingerprint differs")
            checked = True
        units.append(unit_content(a, sent, checked))
    evidence = [f for f in m.files if f.path.startswith("evidence/")]
    return PackageSummary(
        kind=m.kind,
        mode=m.mode,
        signer=trusts.signer(m),
        recipient=_recipient(m, trusts, own),
        sequence=m.sequence,
        base=m.base,
        units=tuple(units),
        evidence_files=len(evidence),
        evidence_bytes=sum(f.size for f in evidence),
        evidence_omitted=len(m.evidence_omitted),
        audit_events=len(contents.audit.events) if contents and contents.audit else 0,
        size=r.size,
        package_hash=r.hash,
        package_id=m.package_id,
        device_id=m.device_id,
        created=m.created,
        trusted_as=trusts.how(m),
        already_imported=seen,
    )


def _recipient(m: Manifest, trusts: Trust, own: PublicIdentity | None) -> KeyInfo:
    if own is not None and own.key_id == m.recipient:
        p = own.profile
        return KeyInfo(p.name, p.nip, p.role, p.instansi, own.key_id, own.fingerprint)
    known = trusts.people.get(m.recipient)
    return known or KeyInfo("", "", "", "", m.recipient, fingerprint(m.recipient))


def verify_package(
    path: Path,
    *,
    ws: Workspace | None = None,
    cards: Sequence[Path] = (),
    identity_folder: Path | None = None,
    limits: Limits = DEFAULT,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> PackageSummary:
    """Check a package completely without writing anything; raises :class:`PackageRefused`.

    With ``cards`` (files or folders of cards) the signer must hold one of them; with ``ws``
    the workspace's trust store applies and the recipient and sequence are checked too.
    """
    if ws is None and not cards:
        raise UserFacingError(_("Give the sender's card (--trust CARD) or open a workspace."))
    trusts = workspace_trust(ws, cards)
    # Without a workspace the identity only names the recipient: a damaged one is no reason to
    # refuse checking the package.
    own = (
        IdentityStore(identity_folder).load_optional()
        if ws is not None
        else _own_identity(identity_folder)
    )
    with PackageReader(path, limits) as r:
        m = r.open(lambda m: bool(trusts.how(m)))
        seen = False
        if ws is not None:
            with ws.reading() as s:
                seen = r.check_receiver(
                    m, receiver_state(s, m, r.hash, own.key_id if own else None)
                )
        total = sum(f.packed_size for f in m.files)
        data = r.read_contents(m, None, _ticker(total, progress, cancel))
        contents = load(m, data, limits)
        return _summary(m, r, contents, trusts, seen, own)


def _own_identity(folder: Path | None) -> PublicIdentity | None:
    """This person's identity, to name them as a recipient; none when it cannot be read."""
    try:
        return IdentityStore(folder).load_optional()
    except UserFacingError:
        return None


def import_package(
    ws: Workspace,
    path: Path,
    *,
    accept_key: str | None = None,
    identity_folder: Path | None = None,
    limits: Limits = DEFAULT,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> ImportResult:
    """Verify, stage and import a package; see the module docstring.

    ``accept_key``: the coordinator's key id or fingerprint as a person confirmed it, needed
    for the first assignment package (raises :class:`NeedsPin` without it).
    """
    trusts = workspace_trust(ws, ())
    own = IdentityStore(identity_folder).load_optional()
    with PackageReader(path, limits) as r:
        m = r.open(lambda m: bool(trusts.how(m)))
        how = trusts.how(m)
        with ws.reading() as s:
            seen = r.check_receiver(m, receiver_state(s, m, r.hash, own.key_id if own else None))
        if seen:
            return ImportResult(_summary(m, r, None, trusts, True, own), True)
        if how == "first-use" and not _confirmed(accept_key, m.signer.key_id):
            raise NeedsPin(trusts.signer(m))
        _check_base(ws, m)
        staging = ws.store.incoming / f"stage-{secrets.token_hex(8)}"
        staging.mkdir(parents=True)
        try:
            total = sum(f.packed_size for f in m.files)
            data = r.read_contents(m, staging, _ticker(total, progress, cancel))
            contents = load(m, data, limits)
            summary = _summary(m, r, contents, trusts, False, own)
            mimes = _stored_types(ws, m, contents, staging)
            _check_audit_continues(ws, m, contents)
            done = commit(
                ws, m, r.hash, contents, staging, mimes, how == "first-use", summary.signer.name
            )
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return ImportResult(
        summary,
        False,
        done.taken,
        done.removed,
        done.conflicts,
        done.unchanged,
        tuple(done.created),
        done.pinned,
    )


def _confirmed(accept: str | None, key_id: str) -> bool:
    ref = normalise_key_ref(accept or "")
    return len(ref) >= 32 and key_id.startswith(ref)


def _check_base(ws: Workspace, m: Manifest) -> None:
    if m.mode != "delta":
        return
    with ws.reading() as s:
        last = last_received(s, m)
    if last is None or m.base is None or last.sequence < m.base:
        raise UserFacingError(
            _(
                "This delta package continues package {base} from {name}, which was not imported "
                "here. Import the missing packages first, or ask for a full package."
            ).format(base=m.base, name=one_line(m.signer.name))
        )


def _stored_types(ws: Workspace, m: Manifest, contents: Contents, staging: Path) -> dict[str, str]:
    """The allowed type of every evidence file, decided by content; omitted ones must be here."""
    declared = {e.sha256: e.mime for a in contents.assessments for e in a.evidence}
    mimes: dict[str, str] = {}
    for f in m.files:
        if not f.path.startswith("evidence/"):
            continue
        staged = staging / f.sha256
        try:
            found = detect_type(staged)
        except (UnsupportedType, OSError):
            raise PackageRefused(
                Reason.MALFORMED, f"{f.path}: not an allowed evidence type"
            ) from None
        csv = found == "text/plain" and declared.get(f.sha256) == "text/csv"
        mimes[f.sha256] = "text/csv" if csv else found  # the type of a text file goes by its name
    with ws.reading() as s:
        for sha in m.evidence_omitted:
            if s.get(StoredFile, sha) is None or not ws.store.has(sha):
                raise PackageRefused(Reason.MISSING_FILE, f"evidence/{sha} (left out, not here)")
    return mimes


def _check_audit_continues(ws: Workspace, m: Manifest, contents: Contents) -> None:
    audit = contents.audit
    if audit is None:
        return
    with ws.reading() as s:
        known = {
            e.seq: e.hash
            for e in s.exec(
                select(RemoteAuditEvent).where(
                    RemoteAuditEvent.signer == m.signer.key_id,
                    RemoteAuditEvent.device_id == m.device_id,
                )
            )
        }
    start_seq, start_hash = audit.start
    if start_seq and known.get(start_seq) != start_hash:
        raise PackageRefused(Reason.MALFORMED, "the audit events do not continue those received")
    for e in audit.events:
        if e.seq in known and known[e.seq] != e.hash:
            raise PackageRefused(
                Reason.MALFORMED, f"audit event {e.seq} differs from the one received"
            )
