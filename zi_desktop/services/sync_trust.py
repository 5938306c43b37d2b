"""Whom a workspace trusts for a package, and what it already received from the sender."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, col, select

from ..errors import UserFacingError
from ..i18n import _
from ..identity import trust
from ..identity.keys import fingerprint
from ..identity.store import PublicIdentity
from ..storage.sync_tables import PackageIn
from ..sync.manifest import Manifest
from ..sync.reader import ReceiverState
from .identity import KeyInfo, card_info, read_card
from .workspace import Workspace


@dataclass(frozen=True)
class Trust:
    enrolled: frozenset[str]
    pinned: str | None
    cards: frozenset[str]
    use_workspace: bool

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
    card_ids = frozenset(read_card(p).key_id for p in card_files(cards))
    if ws is None:
        return Trust(frozenset(), None, card_ids, False)
    with ws.reading() as s:
        pin = trust.pinned(s)
        enrolled = frozenset(k.key_id for k in trust.trusted(s))
    return Trust(enrolled, pin.key_id if pin else None, card_ids, True)


def card_files(cards: Sequence[Path]) -> list[Path]:
    """The card files named: files as given, and the ``*.card`` files of folders."""
    files: list[Path] = []
    for path in map(Path, cards):
        found = sorted(p for p in path.glob("*.card") if p.is_file()) if path.is_dir() else [path]
        if not found:
            raise UserFacingError(_("No *.card files in {folder}.").format(folder=path))
        files += found
    return files


def receiver_state(s: Session, m: Manifest, package_hash: str, own: str | None) -> ReceiverState:
    last = s.exec(
        select(PackageIn)
        .where(PackageIn.device_id == m.device_id)
        .order_by(col(PackageIn.sequence).desc())
    ).first()
    seen = s.exec(select(PackageIn).where(PackageIn.manifest_sha256 == package_hash)).first()
    return ReceiverState(
        own, (last.sequence, last.manifest_sha256) if last else None, seen is not None
    )


def named_recipient(
    key_id: str, ws: Workspace | None, cards: Sequence[Path], own: PublicIdentity | None
) -> KeyInfo:
    """Who a package is addressed to, by name where this side knows the key: its own
    identity, an enrolled card, the pinned coordinator or a card given; else the key alone."""
    if own is not None and own.key_id == key_id:
        p = own.profile
        return KeyInfo(p.name, p.nip, p.role, p.instansi, key_id, fingerprint(key_id))
    for path in card_files(cards):
        card = read_card(path)
        if card.key_id == key_id:
            return card_info(card)
    if ws is not None:
        with ws.reading() as s:
            known = next((k for k in trust.trusted(s) if k.key_id == key_id), None)
            pin = trust.pinned(s)
        if known is not None:
            return KeyInfo(known.name, known.nip, known.role, known.instansi, key_id,
                           fingerprint(key_id))  # fmt: skip
        if pin is not None and pin.key_id == key_id:
            return KeyInfo(pin.name, "", "", "", key_id, fingerprint(key_id))
    return KeyInfo("", "", "", "", key_id, fingerprint(key_id))
