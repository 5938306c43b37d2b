"""Why the intake refuses a request, and why an upload stopped: one code, one sentence.

A refused package keeps the reason codes of ``zi verify`` (:class:`~zi_desktop.sync.reasons.
Reason`); these are the codes of the upload protocol itself (``docs/intake-protocol.md``).
The server sends the code; each side shows the sentence in its own user's language.
"""

from __future__ import annotations

from ..errors import UserFacingError
from ..i18n import N_, _
from ..sync.reasons import SENTENCES as PACKAGE_SENTENCES
from ..sync.reasons import Reason

UNAUTHORIZED = "unauthorized"
BAD_NONCE = "bad_nonce"
NOT_FOUND = "not_found"
EXPIRED = "expired"
TOO_MANY_SESSIONS = "too_many_sessions"
BUSY = "busy"
OFFSET_MISMATCH = "offset_mismatch"
CHECKSUM_MISMATCH = "checksum_mismatch"
MISSING_FILES = "missing_files"
BAD_REQUEST = "bad_request"
NOT_SYNC = "not_sync"
BAD_RECEIPT = "bad_receipt"
WRONG_SERVER = "wrong_server"

SENTENCES = {
    UNAUTHORIZED: N_(
        "The intake did not accept this key's login (the key is not enrolled there, or the "
        "login expired). Ask the coordinator to enrol your card."
    ),
    BAD_NONCE: N_("The login challenge expired or was already used; try again."),
    NOT_FOUND: N_("The intake does not know this upload (it may have been cleaned up)."),
    EXPIRED: N_("The unfinished upload expired at the intake; it starts again."),
    TOO_MANY_SESSIONS: N_("Too many unfinished uploads from this key at once; try again later."),
    BUSY: N_("The intake is busy; try again later."),
    OFFSET_MISMATCH: N_("The intake holds a different number of bytes than was assumed."),
    CHECKSUM_MISMATCH: N_("Bytes were damaged on the way; they are sent again."),
    MISSING_FILES: N_("The intake still lacks files of this package."),
    BAD_REQUEST: N_("The intake could not understand the request."),
    NOT_SYNC: N_("The intake takes evaluators' sync packages only."),
    BAD_RECEIPT: N_(
        "The server's receipt is not signed by the coordinator the package is addressed to: "
        "the address may be wrong, or something on the way changed the answer. The package "
        "was not confirmed as delivered."
    ),
    WRONG_SERVER: N_(
        "This server is not the intake of the coordinator the package is addressed to. "
        "Check the address."
    ),
}


def sentence(code: str) -> str:
    """The translated sentence of an intake or package reason code."""
    if code in SENTENCES:
        return _(SENTENCES[code])
    try:
        return _(PACKAGE_SENTENCES[Reason(code)])
    except ValueError:
        return _("The intake refused the request ({reason}).").format(reason=code)


class IntakeRefused(UserFacingError):
    """The intake refuses a request: ``code`` says why, ``detail`` where (not translated)."""

    def __init__(self, code: str, detail: str = "", retry_after: int | None = None) -> None:
        super().__init__(sentence(code), details=detail)
        self.code = code
        self.detail = detail
        self.retry_after = retry_after

    def __str__(self) -> str:
        return f"{self.code}: {self.detail}" if self.detail else self.code
