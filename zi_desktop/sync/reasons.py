"""Why a package is refused: one reason code and a sentence for people.

The codes are part of the package format (``docs/package-format.md``) and of the output of
``zi verify --json``; they never change meaning.
"""

from __future__ import annotations

from enum import StrEnum

from ..errors import UserFacingError
from ..i18n import N_, _


class Reason(StrEnum):
    BAD_SIGNATURE = "bad_signature"
    UNKNOWN_SIGNER = "unknown_signer"
    HASH_MISMATCH = "hash_mismatch"
    MISSING_FILE = "missing_file"
    UNLISTED_FILE = "unlisted_file"
    MALFORMED = "malformed"
    UNSAFE_PATH = "unsafe_path"
    TOO_LARGE = "too_large"
    UNSUPPORTED_VERSION = "unsupported_version"
    WRONG_RECIPIENT = "wrong_recipient"
    REPLAYED = "replayed"
    STALE_SEQUENCE = "stale_sequence"


SENTENCES = {
    Reason.BAD_SIGNATURE: N_(
        "The signature does not match the package: it was changed after it was signed, or it "
        "is damaged. Ask the sender for a new copy."
    ),
    Reason.UNKNOWN_SIGNER: N_(
        "The package is signed by a key this workspace does not trust. Enrol the sender's card "
        "first (after comparing its fingerprint), or ask who really sent it."
    ),
    Reason.HASH_MISMATCH: N_(
        "A file in the package does not match the hash or size its manifest lists: the package "
        "is damaged or was tampered with. Ask the sender for a new copy."
    ),
    Reason.MISSING_FILE: N_(
        "A file the package needs is missing from it. Ask the sender for a complete copy."
    ),
    Reason.UNLISTED_FILE: N_(
        "The package holds a file its manifest does not list; it is refused whole."
    ),
    Reason.MALFORMED: N_(
        "This is not a valid ZI Desktop package (damaged, cut short, or built by something "
        "else). Ask the sender for a new copy."
    ),
    Reason.UNSAFE_PATH: N_(
        "The package holds a file name that could write outside its folder (a path, a link or "
        "a clashing name); it is refused whole."
    ),
    Reason.TOO_LARGE: N_(
        "The package, or something in it, is larger than this app accepts; it is refused "
        "before anything is unpacked."
    ),
    Reason.UNSUPPORTED_VERSION: N_(
        "The package was made by a newer or unknown version of ZI Desktop. Update ZI Desktop "
        "and try again."
    ),
    Reason.WRONG_RECIPIENT: N_(
        "The package is addressed to someone else, not to this workspace's identity."
    ),
    Reason.REPLAYED: N_(
        "This device already sent a different package in this place of its sequence: the "
        "package is an old or forked copy. Ask the sender to export again."
    ),
    Reason.STALE_SEQUENCE: N_(
        "A newer package from the same device was already imported; this older one is refused "
        "so that it cannot undo newer work."
    ),
}


class PackageRefused(UserFacingError):
    """A package was refused; ``reason`` is the code, ``detail`` says where (not translated)."""

    def __init__(self, reason: Reason, detail: str = "") -> None:
        super().__init__(_(SENTENCES[reason]), details=detail)
        self.reason = reason
        self.detail = detail

    def __str__(self) -> str:
        return f"{self.reason.value}: {self.detail}" if self.detail else self.reason.value
