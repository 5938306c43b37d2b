"""Whom a workspace trusts for a package, and what it already received from the sender."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import Session, col, select

from ...errors import UserFacingError
from ...i18n import _
from ...identity import trust
from ...identity.keys import fingerprint
from ...storage import trust_store
from ...storage.sync_tables import PackageIn
from ...sync.manifest import Manifest
from ...sync.reader import ReceiverState
from ..identity import KeyInfo, card_info, key_info, pinned_info, read_card
from ..workspace import Workspace


@dataclass(frozen=True)
class Trust:
    """The keys a verifier trusts, and who each is according to its card or pin.

    ``people`` holds the person behind every trusted key as the verifier knows them — the
    enrolled card, the card given with ``--trust``, or the pinned coordinator — never the
    name a manifest claims.
    """

    enrolled: frozenset[str]
    pinned: str | None
    cards: frozenset[str]
    use_workspace: bool
    people: Mapping[str, KeyInfo] = field(default_factory=dict)

    def signer(self, m: Manifest) -> KeyInfo:
        """The signer as the trust store knows them; the claimed name only on first use."""
        known = self.people.get(m.signer.key_id)
        if known is not None:
            return known
        s = m.signer
        return KeyInfo(s.name, s.nip, s.role, "", s.key_id, fingerprint(s.key_id))

    def how(self, m: Manifest) -> str:
        """enrolled | pinned | card | first-use | "" (not trusted)."""
        key = m.signer.key_id
        if key in self.cards:
            return "card"
        if not self.use_workspace:
            return ""
        if m.kind == "sync":
            return "enrolled" if key in self.enrolled else ""
        if self.pinned is None:
            return "first-use"
        return "pinned" if key == self.pinned else ""


def workspace_trust(ws: Workspace | None, cards: Sequence[Path]) -> Trust:
    given = [card_info(read_card(p)) for p in card_files(cards)]
    people = {k.key_id: k for k in given}
    card_ids = frozenset(people)
    if ws is None:
        return Trust(frozenset(), None, card_ids, False, people)
    with ws.reading() as s:
        pin = trust_store.pinned(s)
        rows = [row for row in trust_store.trusted(s) if not trust.is_weak(row.public_key)]
    enrolled = [key_info(row) for row in rows]
    if pin is not None and not trust.is_weak(pin.public_key):
        people.setdefault(pin.key_id, pinned_info(pin))
    people.update({k.key_id: k for k in enrolled})
    enrolled_ids = frozenset(k.key_id for k in enrolled)
    return Trust(enrolled_ids, pin.key_id if pin else None, card_ids, True, people)


def card_files(cards: Sequence[Path]) -> list[Path]:
    """The card files named: files as given, and the ``*.card`` files of folders."""
    files: list[Path] = []
    for path in map(Path, cards):
        found = sorted(p for p in path.glob("*.card") if p.is_file()) if path.is_dir() else [path]
        if not found:
            raise UserFacingError(_("No *.card files in {folder}.").format(folder=path))
        files += found
    return files


def last_received(s: Session, m: Manifest) -> PackageIn | None:
    """The newest package imported from the manifest's signer and device.

    Keyed by the signing key as well as the device id: the device id is whatever the signer
    wrote, so one sender can never advance, or block, the sequence of another.
    """
    return s.exec(
        select(PackageIn)
        .where(PackageIn.signer == m.signer.key_id, PackageIn.device_id == m.device_id)
        .order_by(col(PackageIn.sequence).desc())
    ).first()


def receiver_state(s: Session, m: Manifest, package_hash: str, own: str | None) -> ReceiverState:
    last = last_received(s, m)
    seen = s.exec(select(PackageIn).where(PackageIn.manifest_sha256 == package_hash)).first()
    return ReceiverState(
        own, (last.sequence, last.manifest_sha256) if last else None, seen is not None
    )
