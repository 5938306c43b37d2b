"""A small fault-injecting TCP proxy on loopback, between ``zi upload`` and ``zi serve``.

Counts the bytes it forwards each way and, when the client-to-server count passes a fault's
position, does what the fault says to the connection carrying that byte: reset it, stall it
with the sockets open, cut the next answer short, drip slowly for a while, refuse new
connections for a while, or flip one byte. Faults fire once each, in order. Every thread ends
when its connection does; :meth:`close` ends them all.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time
from dataclasses import dataclass

CHUNK = 16 * 1024
BUFFER = 64 * 1024


@dataclass
class Fault:
    kind: str  # reset | stall | truncate | drip | refuse | corrupt
    at: int  # client-to-server byte position
    seconds: float = 0.0  # stall, drip, refuse: how long
    rate: int = 0  # drip: bytes per second


class FaultProxy:
    def __init__(self, target_port: int, faults: list[Fault] | None = None) -> None:
        self.target = ("127.0.0.1", target_port)
        self.faults = sorted(faults or [], key=lambda f: f.at)
        self.up = self.down = 0
        self.fired: list[str] = []
        self._lock = threading.Lock()
        self._closed = threading.Event()
        self._socks: set[socket.socket] = set()
        self._threads: list[threading.Thread] = []
        self._listener = self._listen(0)
        self.port = self._listener.getsockname()[1]
        self._accepting = threading.Thread(target=self._accept, daemon=True)
        self._accepting.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _listen(self, port: int) -> socket.socket:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", port))
        sock.listen(16)
        sock.settimeout(0.2)
        return sock

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                client, _addr = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                if self._closed.is_set():
                    return
                time.sleep(0.05)
                continue
            try:
                server = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            for s in (client, server):
                s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, BUFFER)
                s.settimeout(0.2)
            conn = _Conn(self, client, server)
            for target in (conn.pump_up, conn.pump_down):
                thread = threading.Thread(target=target, daemon=True)
                thread.start()
                self._threads.append(thread)

    def due(self, position: int) -> Fault | None:
        with self._lock:
            if self.faults and position >= self.faults[0].at:
                fault = self.faults.pop(0)
                self.fired.append(fault.kind)
                return fault
        return None

    def refuse_for(self, seconds: float) -> None:
        """Close the listening socket, so connections are refused, then listen again."""
        self._listener.close()
        time.sleep(seconds)
        if not self._closed.is_set():
            self._listener = self._listen(self.port)

    def close(self) -> None:
        self._closed.set()
        self._listener.close()
        with self._lock:
            socks = list(self._socks)
        for s in socks:
            _reset(s)
        self._accepting.join(5)
        for thread in self._threads:
            thread.join(5)


def _reset(s: socket.socket) -> None:
    with contextlib.suppress(OSError):
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        s.close()


class _Conn:
    def __init__(self, proxy: FaultProxy, client: socket.socket, server: socket.socket) -> None:
        self.proxy, self.client, self.server = proxy, client, server
        self.dead = threading.Event()
        self.stalled_until = 0.0
        self.drip: tuple[float, int] = (0.0, 0)  # until, bytes per second
        self.truncate_next = False
        with proxy._lock:
            proxy._socks.update((client, server))

    def end(self) -> None:
        self.dead.set()
        _reset(self.client)
        _reset(self.server)

    def _recv(self, s: socket.socket) -> bytes | None:
        """A chunk, b"" at the end, None when nothing came yet."""
        try:
            return s.recv(CHUNK)
        except TimeoutError:
            return None
        except OSError:
            return b""

    def _send(self, s: socket.socket, data: bytes) -> bool:
        until, rate = self.drip
        view = memoryview(data)
        while view and not self.dead.is_set():
            piece = view[: max(1, rate // 20)] if time.monotonic() < until else view
            try:
                sent = s.send(piece)
            except TimeoutError:
                continue
            except OSError:
                return False
            view = view[sent:]
            if time.monotonic() < until:
                time.sleep(0.05)
        return not self.dead.is_set()

    def _wait_stall(self) -> None:
        while time.monotonic() < self.stalled_until and not self.dead.is_set():
            time.sleep(0.05)

    def pump_up(self) -> None:
        proxy = self.proxy
        while not self.dead.is_set() and not proxy._closed.is_set():
            self._wait_stall()
            data = self._recv(self.client)
            if data is None:
                continue
            if not data:
                break
            with proxy._lock:
                start = proxy.up
                proxy.up += len(data)
            fault = proxy.due(start + len(data))
            if fault is not None:
                data = self._apply(fault, data, start)
                if data is None:
                    return
            if not self._send(self.server, data):
                break
        self.end()

    def _apply(self, fault: Fault, data: bytes, start: int) -> bytes | None:
        cut = max(0, min(len(data), fault.at - start))
        if fault.kind == "reset":
            self._send(self.server, data[:cut])
            self.end()
            return None
        if fault.kind == "refuse":
            self.end()
            threading.Thread(
                target=self.proxy.refuse_for, args=(fault.seconds,), daemon=True
            ).start()
            return None
        if fault.kind == "stall":
            self.stalled_until = time.monotonic() + fault.seconds
            self._wait_stall()
            self.end()
            return None
        if fault.kind == "corrupt":
            index = min(cut, len(data) - 1)
            return data[:index] + bytes([data[index] ^ 0xFF]) + data[index + 1 :]
        if fault.kind == "drip":
            self.drip = (time.monotonic() + fault.seconds, fault.rate)
        if fault.kind == "truncate":
            self.truncate_next = True
        return data

    def pump_down(self) -> None:
        proxy = self.proxy
        while not self.dead.is_set() and not proxy._closed.is_set():
            self._wait_stall()
            data = self._recv(self.server)
            if data is None:
                continue
            if not data:
                break
            if self.truncate_next:
                self.truncate_next = False
                with proxy._lock:
                    proxy.down += len(data) // 2
                self._send(self.client, data[: len(data) // 2])
                self.end()
                return
            with proxy._lock:
                proxy.down += len(data)
            if not self._send(self.client, data):
                break
        self.end()
