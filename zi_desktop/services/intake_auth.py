"""Logging in to the intake without a password: a fresh nonce, signed with the uploader's key.

The server hands out a random nonce for a key id; the client signs
``"zi-intake/1 auth" ‖ 0x00 ‖`` the canonical JSON of ``{coordinator, key_id, nonce}`` (so a
login made for one coordinator is worth nothing at another, and no other document of ZI
Desktop can pass for it); the server checks the signature with the key enrolled in the
coordinator's trust store, forgets the nonce, and hands out a short-lived random token. Nonces
and tokens live in memory only: after a restart, clients log in again.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict

from ..identity import canonical
from ..identity.keys import INTAKE_AUTH_DOMAIN, Signer, unb64, verify
from ..storage import trust_store
from . import intake_reasons as why
from .intake_reasons import IntakeRefused
from .workspace import Workspace

MAX_PENDING = 10_000  # nonces and tokens kept; the oldest go first


def login_message(coordinator: str, key_id: str, nonce: str) -> bytes:
    return canonical.dumps({"coordinator": coordinator, "key_id": key_id, "nonce": nonce})


def sign_login(key: Signer, coordinator: str, nonce: str) -> bytes:
    """The client's half: its signature of the login for ``nonce`` at ``coordinator``."""
    return key.sign(INTAKE_AUTH_DOMAIN, login_message(coordinator, key.key_id, nonce))


class Gate:
    """Nonces given out and tokens granted, with their expiry (monotonic clock)."""

    def __init__(self, coordinator: str, nonce_seconds: int, token_seconds: int) -> None:
        self.coordinator = coordinator
        self.nonce_seconds, self.token_seconds = nonce_seconds, token_seconds
        self._nonces: OrderedDict[str, tuple[str, float]] = OrderedDict()
        self._tokens: OrderedDict[str, tuple[str, float]] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def _put(book: OrderedDict[str, tuple[str, float]], key: str, value: tuple[str, float]) -> None:
        book[key] = value
        while len(book) > MAX_PENDING:
            book.popitem(last=False)

    def challenge(self, key_id: str) -> str:
        nonce = secrets.token_urlsafe(32)
        with self._lock:
            self._put(self._nonces, nonce, (key_id, time.monotonic() + self.nonce_seconds))
        return nonce

    def login(self, ws: Workspace, key_id: str, nonce: str, signature: str) -> str:
        """A token for ``key_id`` when the signature and the enrolment check out."""
        with self._lock:
            found = self._nonces.pop(nonce, None)
        if found is None or found[0] != key_id or found[1] < time.monotonic():
            raise IntakeRefused(why.BAD_NONCE)
        with ws.reading() as s:
            row = trust_store.get(s, key_id)
        if row is None:
            raise IntakeRefused(why.UNAUTHORIZED, f"key {key_id[:16]}… is not enrolled")
        try:
            sig = unb64(signature, 64)
        except ValueError:
            raise IntakeRefused(why.UNAUTHORIZED, "signature is not 64 bytes of base64") from None
        message = login_message(self.coordinator, key_id, nonce)
        if not verify(unb64(row.public_key, 32), INTAKE_AUTH_DOMAIN, message, sig):
            raise IntakeRefused(why.UNAUTHORIZED, "the login signature does not verify")
        token = secrets.token_urlsafe(32)
        with self._lock:
            self._put(self._tokens, token, (key_id, time.monotonic() + self.token_seconds))
        return token

    def who(self, token: str) -> str:
        """The key id a token was granted to; ``unauthorized`` when unknown or expired."""
        with self._lock:
            found = self._tokens.get(token)
        if found is None or found[1] < time.monotonic():
            raise IntakeRefused(why.UNAUTHORIZED, "no valid token")
        return found[0]
