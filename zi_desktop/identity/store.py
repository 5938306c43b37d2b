"""Where the evaluator's identity lives: ``identity.json`` in the identity folder.

The folder is ``identity/`` in the per-user settings folder (portable-aware, see
:func:`zi_desktop.storage.location.settings_dir`), or the folder named by the environment
variable ``ZI_IDENTITY_DIR``, or any folder passed to :class:`IdentityStore` (tests). The key
belongs to the person, not to a workspace: a workspace folder can be copied or handed over
without the key going with it. The file is written durably with mode 0600 in a 0700 folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ..errors import UserFacingError
from ..i18n import _
from ..inputfile import LIMITS, read_input
from ..storage.durable import write_bytes
from ..values.people import check_person
from . import keyfile
from .folder import ENV_FOLDER as ENV_FOLDER  # where the folder is, without the key code
from .folder import default_identity_dir
from .keys import Signer, fingerprint, unb64

FILE_NAME = "identity.json"
MIN_PASSPHRASE = 8


@dataclass(frozen=True)
class Profile:
    name: str
    nip: str
    role: str
    instansi: str = ""


@dataclass(frozen=True)
class PublicIdentity:
    profile: Profile
    key_id: str
    public_key: bytes
    created: str

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.key_id)


def check_profile(profile: Profile) -> None:
    check_person(profile.name, profile.nip, profile.role)


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise UserFacingError(
            _("The passphrase needs at least {count} characters.").format(count=MIN_PASSPHRASE)
        )


class IdentityStore:
    """The identity folder: create, read (public part) and unlock the evaluator's key."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = Path(folder) if folder is not None else default_identity_dir()
        self.path = self.folder / FILE_NAME

    def exists(self) -> bool:
        return self.path.is_file()

    def create(self, profile: Profile, passphrase: str, replace: bool = False) -> PublicIdentity:
        """Make a new key pair and seal it under ``passphrase``."""
        check_profile(profile)
        check_passphrase(passphrase)
        if self.exists() and not replace:
            raise UserFacingError(
                _(
                    "An identity already exists in {folder}. Packages signed with it would no "
                    "longer be recognised if it were replaced; use --replace if you mean it."
                ).format(folder=self.folder)
            )
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if os.name != "nt":
                os.chmod(self.folder, 0o700)
        except OSError as exc:
            raise UserFacingError(
                _("Cannot create the identity folder {folder}: {error}").format(
                    folder=self.folder, error=exc.strerror or exc
                )
            ) from None
        created = datetime.now(UTC).isoformat(timespec="seconds")
        header = {"profile": _profile_dict(profile), "created": created}
        write_bytes(self.path, keyfile.seal(Ed25519PrivateKey.generate(), passphrase, header))
        return self.load()

    def _read(self) -> bytes:
        if not self.exists():
            raise UserFacingError(
                _("No identity yet. Create one with 'zi identity init' (folder: {folder}).").format(
                    folder=self.folder
                )
            )
        return read_input(self.path, LIMITS["identity"])

    def load(self) -> PublicIdentity:
        """The public part of the identity; no passphrase needed."""
        try:
            doc = keyfile.read(self._read())
            raw = doc["profile"]
            fields = [raw[k] for k in ("name", "nip", "role", "instansi")]
            if set(raw) != {"name", "nip", "role", "instansi"} or not all(
                isinstance(f, str) for f in fields
            ):
                raise ValueError("the profile must hold name, nip, role and instansi as text")
            profile = Profile(*fields)
            return PublicIdentity(
                profile, doc["key_id"], unb64(doc["public_key"], 32), str(doc["created"])
            )
        except (keyfile.BadKeyFile, KeyError, TypeError, ValueError) as exc:
            raise _damaged(self.path, exc) from None

    def load_optional(self) -> PublicIdentity | None:
        return self.load() if self.exists() else None

    def update_profile(self, profile: Profile, passphrase: str) -> PublicIdentity:
        """Seal the same key again under a changed profile (the key id stays the same).

        The profile is bound to the sealed key, so only the passphrase can change it; cards
        exported before show the old profile until exported again.
        """
        check_profile(profile)
        current = self.load()
        header = {"profile": _profile_dict(profile), "created": current.created}
        try:
            data = keyfile.reseal(self._read(), passphrase, header)
        except keyfile.WrongPassphrase:
            raise UserFacingError(_("Wrong passphrase; the profile was not changed.")) from None
        except keyfile.BadKeyFile as exc:
            raise _damaged(self.path, exc) from None
        write_bytes(self.path, data)
        return self.load()

    def unlock(self, passphrase: str) -> Signer:
        """The private key, opened with ``passphrase``, in memory only."""
        try:
            return keyfile.unseal(self._read(), passphrase)
        except keyfile.WrongPassphrase:
            raise UserFacingError(_("Wrong passphrase; the key was not unlocked.")) from None
        except keyfile.BadKeyFile as exc:
            raise _damaged(self.path, exc) from None


def _profile_dict(profile: Profile) -> dict[str, str]:
    return {
        "name": profile.name,
        "nip": profile.nip,
        "role": profile.role,
        "instansi": profile.instansi,
    }


def _damaged(path: Path, exc: Exception) -> UserFacingError:
    return UserFacingError(
        _("The identity file {path} is damaged: {problem}").format(path=path, problem=exc),
        details=repr(exc),
    )
