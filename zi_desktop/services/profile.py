"""The evaluator's profile (name, NIP, role, instansi): one per person, beside the signing key.

The profile belongs to the person, like the key: it is ``profile.json`` in the identity folder
(:func:`zi_desktop.identity.folder.default_identity_dir`), never a workspace's. The app asks
for it on the first start, before any workspace is used, and records it as the evaluator of
every workspace it opens, so that changes are credited to whoever really made them.

Once a signing key exists, its sealed file carries the same profile (cards are made from it).
The two never disagree: creating the key writes the profile it was made with, and changing
the profile seals the key again under the new one, which needs the passphrase
(:class:`NeedsPassphrase` says so). A profile written by an older version only inside the key
file is read from there.

This module is read at start-up: the signing library loads only when a key is involved.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import UserFacingError
from ..i18n import _
from ..identity.folder import default_identity_dir
from ..storage.durable import write_bytes
from ..values.people import check_person
from ..values.views import EvaluatorProfile

FILE_NAME = "profile.json"
KEY_FILE_NAME = "identity.json"  # zi_desktop.identity.store.FILE_NAME
FIELDS = ("name", "nip", "role", "instansi")


class NeedsPassphrase(UserFacingError):
    """The profile differs from the one sealed with the key: the passphrase must confirm it."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Your signing key carries your profile: enter the key's passphrase to change "
                "the profile."
            )
        )


def _folder(folder: Path | None) -> Path:
    return Path(folder) if folder is not None else default_identity_dir()


def check_profile(profile: EvaluatorProfile) -> None:
    """Raise a user-facing error unless the profile can be recorded."""
    check_person(profile.name, profile.nip, profile.role)


def _from_json(raw: object) -> EvaluatorProfile | None:
    if not isinstance(raw, dict) or not all(isinstance(raw.get(f), str) for f in FIELDS):
        return None
    profile = EvaluatorProfile(*(str(raw[f]) for f in FIELDS))
    try:
        check_profile(profile)
    except UserFacingError:
        return None
    return profile


def _key_profile(folder: Path) -> EvaluatorProfile | None:
    if not (folder / KEY_FILE_NAME).is_file():
        return None
    from ..identity.store import IdentityStore

    p = IdentityStore(folder).load().profile
    return EvaluatorProfile(p.name, p.nip, p.role, p.instansi)


def load_profile(folder: Path | None = None) -> EvaluatorProfile | None:
    """The person's profile, or ``None`` before it was given (or when its file is damaged)."""
    where = _folder(folder)
    try:
        raw = json.loads((where / FILE_NAME).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return _key_profile(where)
    except (OSError, ValueError):
        raw = None
    return _from_json(raw) or _key_profile(where)


def save_profile(
    profile: EvaluatorProfile, folder: Path | None = None, passphrase: str | None = None
) -> EvaluatorProfile:
    """Record the person's profile; with a key whose profile differs, seal it again (this
    needs ``passphrase``, else :class:`NeedsPassphrase`)."""
    check_profile(profile)
    where = _folder(folder)
    sealed = _key_profile(where)
    if sealed is not None and sealed != profile:
        if passphrase is None:
            raise NeedsPassphrase()
        from ..identity.store import IdentityStore, Profile

        IdentityStore(where).update_profile(
            Profile(*(getattr(profile, f) for f in FIELDS)), passphrase
        )
    write_profile_file(profile, where)
    return profile


def write_profile_file(profile: EvaluatorProfile, folder: Path) -> None:
    """Write ``profile.json`` (the key's own profile is the caller's business)."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise UserFacingError(
            _("Cannot create the identity folder {folder}: {error}").format(
                folder=folder, error=exc.strerror or exc
            )
        ) from None
    text = json.dumps({f: getattr(profile, f) for f in FIELDS}, ensure_ascii=False, indent=1)
    write_bytes(folder / FILE_NAME, text.encode("utf-8"))
