"""Identity and trust use cases: the evaluator's key, public key cards, the trust store.

The UI's identity dialog and the ``zi identity`` / ``zi trust`` commands call these. Every
function that signs takes either the passphrase or an already unlocked :class:`Signer`;
nothing here writes the private key anywhere but the sealed key file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import UserFacingError
from ..i18n import _
from ..identity import trust
from ..identity.card import BadCard, Card, make_card, parse_card
from ..identity.keys import Signer, fingerprint, normalise_key_ref
from ..identity.store import IdentityStore, Profile, PublicIdentity
from ..inputfile import LIMITS, read_input
from ..storage import trust_store
from ..storage.durable import write_bytes
from ..storage.sync_tables import CoordinatorPin, TrustedKey
from ..values.views import EvaluatorProfile
from .profile import write_profile_file
from .workspace import Workspace

Unlock = Signer | str  # an unlocked key, or the passphrase that unlocks it


@dataclass(frozen=True)
class IdentityInfo:
    name: str
    nip: str
    role: str
    instansi: str
    key_id: str
    fingerprint: str
    created: str
    folder: Path


@dataclass(frozen=True)
class KeyInfo:
    """A public key someone holds, as a person confirms it: who, and the fingerprint."""

    name: str
    nip: str
    role: str
    instansi: str
    key_id: str
    fingerprint: str
    added: str = ""
    refused: str = ""  # why this stored key is never trusted; "" when it is usable


def _info(identity: PublicIdentity, folder: Path) -> IdentityInfo:
    p = identity.profile
    return IdentityInfo(
        p.name,
        p.nip,
        p.role,
        p.instansi,
        identity.key_id,
        identity.fingerprint,
        identity.created,
        folder,
    )


def key_info(row: TrustedKey) -> KeyInfo:
    """An enrolled key as its card names the person."""
    return KeyInfo(
        row.name,
        row.nip,
        row.role,
        row.instansi,
        row.key_id,
        fingerprint(row.key_id),
        row.added_at,
        refused=_weakness(row.public_key),
    )


def pinned_info(pin: CoordinatorPin) -> KeyInfo:
    """The pinned coordinator key, named as it was when its fingerprint was confirmed."""
    return KeyInfo(
        pin.name,
        "",
        "",
        "",
        pin.key_id,
        fingerprint(pin.key_id),
        pin.pinned_at,
        refused=_weakness(pin.public_key),
    )


def _weakness(public_key_b64: str) -> str:
    """Why a stored key can never be trusted (a weak key enrolled by an older version)."""
    if trust.is_weak(public_key_b64):
        return _("a weak Ed25519 key that could verify forged signatures")
    return ""


def card_info(card: Card) -> KeyInfo:
    p = card.profile
    return KeyInfo(p.name, p.nip, p.role, p.instansi, card.key_id, card.fingerprint, card.created)


def create_identity(
    profile: EvaluatorProfile, passphrase: str, folder: Path | None = None, replace: bool = False
) -> IdentityInfo:
    """Make the evaluator's key pair, sealed under ``passphrase``; the profile it carries
    becomes the person's profile (:mod:`.profile`), so that the two never disagree."""
    store = IdentityStore(folder)
    made = store.create(
        Profile(profile.name, profile.nip, profile.role, profile.instansi), passphrase, replace
    )
    write_profile_file(profile, store.folder)
    return _info(made, store.folder)


def current_identity(folder: Path | None = None) -> IdentityInfo | None:
    store = IdentityStore(folder)
    found = store.load_optional()
    return None if found is None else _info(found, store.folder)


def signer(unlock: Unlock, folder: Path | None = None) -> Signer:
    """The unlocked key: ``unlock`` itself, or the identity's key opened with the passphrase."""
    if isinstance(unlock, Signer):
        return unlock
    return IdentityStore(folder).unlock(unlock)


def export_card(target: Path, unlock: Unlock, folder: Path | None = None) -> KeyInfo:
    """Write this evaluator's self-signed public key card to ``target``."""
    store = IdentityStore(folder)
    identity = store.load()
    key = signer(unlock, folder)
    if key.key_id != identity.key_id:
        raise UserFacingError(_("The unlocked key is not this identity's key."))
    data = make_card(identity, key)
    write_bytes(Path(target), data)
    return card_info(parse_card(data))


def read_card(path: Path) -> Card:
    """A card file, checked (self-signature included); a clear error otherwise."""
    data = read_input(Path(path), LIMITS["card"])
    try:
        return parse_card(data)
    except BadCard as bad:
        raise UserFacingError(
            _("{path} is not a valid ZI Desktop key card: {problem}").format(path=path, problem=bad)
        ) from None


def preview_card(path: Path) -> KeyInfo:
    """Who a card names and its fingerprint, for a person to confirm before enrolling it."""
    return card_info(read_card(path))


def trust_card(ws: Workspace, path: Path) -> tuple[KeyInfo, bool]:
    """Enrol a card's key (after a person confirmed its fingerprint); returns (key, new)."""
    card = read_card(path)
    with ws.transaction() as s:
        new = trust_store.enrol(s, trust.enrolment(card))
        value = {"name": card.profile.name, "nip": card.profile.nip, "role": card.profile.role}
        ws.audit(s, f"trust/{card.key_id}", None if new else "refreshed", value)
    return card_info(card), new


def trusted_keys(ws: Workspace) -> list[KeyInfo]:
    with ws.reading() as s:
        return [key_info(row) for row in trust_store.trusted(s)]


def untrust(ws: Workspace, ref: str) -> KeyInfo:
    """Remove an enrolled key named by its key id or fingerprint (at least 8 hex digits)."""
    with ws.transaction() as s:
        found = trust_store.find(s, trust.key_prefix(ref))
        if len(found) != 1:
            raise UserFacingError(
                _("No single trusted key matches {ref}; see 'zi trust list'.").format(
                    ref=normalise_key_ref(ref)[:64] or ref
                )
            )
        info = key_info(found[0])
        trust_store.remove(s, found[0].key_id)
        ws.audit(s, f"trust/{info.key_id}", {"name": info.name}, None)
    return info


def coordinator_key(ws: Workspace) -> KeyInfo | None:
    """The coordinator key pinned from the first assignment package, if any."""
    with ws.reading() as s:
        pin: CoordinatorPin | None = trust_store.pinned(s)
        if pin is None:
            return None
        return pinned_info(pin)
