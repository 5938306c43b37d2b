"""The HTTP side of an upload (httpx): one method per request of ``zi-intake/1``.

Every request has explicit timeouts (connect, and read/write: a stalled link ends in one).
What the network does — refused or reset connections, timeouts, cut answers, 5xx, 429 —
raises :class:`Retry` (with the server's ``Retry-After`` when it sent one); a refusal raises
:class:`Refusal` with its reason code; an expired or unknown session or upload raises
:class:`Gone`; an expired login raises :class:`Relogin`.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import httpx

from ..identity.keys import Signer, b64
from ..services.intake_auth import sign_login
from ..sync.frame import Frame

PREFIX = "/zi-intake/1"
TUS = {"Tus-Resumable": "1.0.0"}
PIECE = 1024 * 1024
SLICE = 64 * 1024


def piece_checksums(data: bytes) -> str:
    """The ``Zi-Pieces`` header of ``data``: the SHA-256 of every PIECE bytes of it."""
    digests = ",".join(
        base64.b64encode(hashlib.sha256(data[i : i + PIECE]).digest()).decode()
        for i in range(0, len(data), PIECE)
    )
    return f"sha256 {PIECE} {digests}"


class Retry(Exception):
    def __init__(self, problem: str, retry_after: float | None = None) -> None:
        super().__init__(problem)
        self.retry_after = retry_after


class Refusal(Exception):
    def __init__(self, code: str, message: str, detail: str, doc: dict[str, Any]) -> None:
        super().__init__(f"{code}: {detail}")
        self.code, self.message, self.detail, self.doc = code, message, detail, doc


class Gone(Exception):
    """The session or upload is no longer at the intake (expired, cleaned up, or dropped)."""


class Relogin(Exception):
    """The login token expired."""


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after", "")
    return float(value) if value.isdigit() else None


def _doc(response: httpx.Response) -> dict[str, Any]:
    try:
        doc = response.json()
    except ValueError:
        return {}
    return doc if isinstance(doc, dict) else {}


class Wire:
    """An HTTP/1.1 connection to one intake, with the login token once logged in."""

    def __init__(self, server: str, timeout: float, verify: str | bool = True) -> None:
        self.server = server.rstrip("/")
        limits = httpx.Timeout(
            connect=min(timeout, 15.0), read=timeout, write=timeout, pool=timeout
        )
        self.http = httpx.Client(
            base_url=self.server, timeout=limits, verify=verify, headers={"User-Agent": "zi-upload"}
        )
        self.token: str | None = None

    def close(self) -> None:
        self.http.close()

    def _send(self, method: str, path: str, **kw: Any) -> httpx.Response:
        headers = dict(kw.pop("headers", {}))
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        try:
            response = self.http.request(method, path, headers=headers, **kw)
        except httpx.TransportError as exc:
            raise Retry(f"{type(exc).__name__}: {exc}") from None
        if response.status_code >= 500 or response.status_code in (408, 429):
            raise Retry(f"HTTP {response.status_code}", _retry_after(response))
        if response.status_code == 401 and self.token:
            self.token = None
            raise Relogin()
        return response

    def _refuse(self, response: httpx.Response) -> Refusal:
        doc = _doc(response)
        code = response.headers.get("zi-reason") or str(doc.get("reason") or "")
        if not code:
            return Refusal("bad_request", "", f"HTTP {response.status_code}", doc)
        return Refusal(code, str(doc.get("message") or ""), str(doc.get("detail") or ""), doc)

    def _json(self, response: httpx.Response, ok: tuple[int, ...]) -> dict[str, Any]:
        if response.status_code in (404, 410):
            raise Gone()
        if response.status_code not in ok:
            raise self._refuse(response)
        doc = _doc(response)
        if not doc:
            raise Retry("an answer that is not JSON (cut short?)")
        return doc

    # -- login, sessions ---------------------------------------------------------------------
    def login(self, key: Signer) -> str:
        """Log in; returns the coordinator key id the intake names."""
        self.token = None
        doc = self._json(
            self._send("POST", f"{PREFIX}/auth/challenge", json={"key_id": key.key_id}), (200,)
        )
        coordinator, nonce = str(doc.get("coordinator", "")), str(doc.get("nonce", ""))
        signature = b64(sign_login(key, coordinator, nonce))
        granted = self._json(
            self._send(
                "POST",
                f"{PREFIX}/auth/token",
                json={"key_id": key.key_id, "nonce": nonce, "signature": signature},
            ),
            (200,),
        )
        self.token = str(granted.get("token", ""))
        return coordinator

    def package(self, package: str) -> dict[str, Any] | None:
        try:
            return self._json(self._send("GET", f"{PREFIX}/packages/{package}"), (200, 201, 202))
        except Gone:
            return None

    def offer(self, package: str, frame: Frame) -> dict[str, Any]:
        body = {"package": package, "size": frame.size, "frame": frame.to_json()}
        return self._json(self._send("POST", f"{PREFIX}/sessions", json=body), (200, 201, 202))

    def session(self, session: str) -> dict[str, Any]:
        return self._json(self._send("GET", f"{PREFIX}/sessions/{session}"), (200, 201, 202))

    def commit(self, session: str) -> dict[str, Any]:
        response = self._send("POST", f"{PREFIX}/sessions/{session}/commit")
        if response.status_code == 409 and response.headers.get("zi-reason") == "missing_files":
            return _doc(response)
        return self._json(response, (200, 202))

    # -- uploads (tus) -----------------------------------------------------------------------
    def create(self, session: str, sha256: str, size: int) -> tuple[str, int]:
        meta = ",".join(
            f"{k} {base64.b64encode(v.encode()).decode()}"
            for k, v in (("session", session), ("sha256", sha256))
        )
        headers = {**TUS, "Upload-Length": str(size), "Upload-Metadata": meta}
        response = self._send("POST", f"{PREFIX}/blobs", headers=headers)
        if response.status_code in (404, 410):
            raise Gone()
        if response.status_code != 201 or "location" not in response.headers:
            raise self._refuse(response)
        return response.headers["location"], int(response.headers.get("upload-offset", "0"))

    def head(self, path: str) -> int:
        response = self._send("HEAD", path, headers=TUS)
        if response.status_code in (404, 410):
            raise Gone()
        if response.status_code != 200 or not response.headers.get("upload-offset", "").isdigit():
            raise self._refuse(response)
        return int(response.headers["upload-offset"])

    def patch(
        self,
        path: str,
        offset: int,
        length: int,
        chunks: Iterable[bytes],
        pieces: str,
        pace: Callable[[int], None],
        sent: Callable[[int], None],
    ) -> int:
        """Append ``length`` bytes (``chunks``) at ``offset``, checked by ``pieces`` (the
        ``Zi-Pieces`` header); returns the offset the intake confirmed."""
        headers = {
            **TUS,
            "Upload-Offset": str(offset),
            "Content-Length": str(length),
            "Content-Type": "application/offset+octet-stream",
            "Zi-Pieces": pieces,
        }

        def body() -> Iterator[bytes]:
            for chunk in chunks:
                pace(len(chunk))
                sent(len(chunk))
                yield chunk

        response = self._send("PATCH", path, headers=headers, content=body())
        if response.status_code in (404, 410):
            raise Gone()
        held = response.headers.get("upload-offset", "")
        if response.status_code in (204, 409) and held.isdigit():
            return int(held)
        if response.status_code == 460:
            reason = response.headers.get("zi-reason", "")
            if reason == "hash_mismatch":
                raise Gone()
            raise Retry("a piece arrived damaged")
        raise self._refuse(response)

    def patch_bytes(self, path: str, offset: int, data: bytes) -> int:
        """:meth:`patch` of bytes in memory (small uploads, tests)."""
        slices = (data[i : i + SLICE] for i in range(0, len(data), SLICE))
        return self.patch(
            path, offset, len(data), slices, piece_checksums(data), lambda n: None, lambda n: None
        )
