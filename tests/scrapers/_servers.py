"""Test helpers: a fake clock, and a raw socket server for what werkzeug won't send.

pytest-httpserver covers well-formed answers; a body shorter than its
Content-Length, or an answer that takes longer than the client's timeout,
need a server that writes bytes by hand. Each connection is served in its
own thread, so a slow answer never holds up the next one.
"""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field


@dataclass
class FakeClock:
    """monotonic() and sleep() for the client: sleeping moves time, never waits."""

    now: float = 1000.0
    sleeps: list[float] = field(default_factory=list)

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@dataclass(frozen=True)
class Canned:
    """One scripted answer: raw bytes, written after ``delay`` seconds."""

    raw: bytes
    delay: float = 0.0


def http_response(status: str, body: bytes, headers: dict[str, str] | None = None) -> bytes:
    lines = [
        f"HTTP/1.1 {status}",
        "Connection: close",
        *(f"{k}: {v}" for k, v in (headers or {}).items()),
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


class RawServer:
    """Answers connection n with script[n] (the last one repeats), then closes it."""

    def __init__(self, script: list[Canned]) -> None:
        self._script = script
        self._served = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._workers: list[threading.Thread] = []
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(8)
        self._sock.settimeout(0.05)
        self.port = self._sock.getsockname()[1]
        self._acceptor = threading.Thread(target=self._accept_loop, daemon=True)
        self._acceptor.start()

    @property
    def connections(self) -> int:
        with self._lock:
            return self._served

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def close(self) -> None:
        self._stop.set()
        self._acceptor.join()
        for worker in self._workers:
            worker.join()
        self._sock.close()

    def _accept_loop(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            with self._lock:
                canned = self._script[min(self._served, len(self._script) - 1)]
                self._served += 1
            worker = threading.Thread(target=self._serve, args=(conn, canned), daemon=True)
            self._workers.append(worker)
            worker.start()

    def _serve(self, conn: socket.socket, canned: Canned) -> None:
        with conn:
            conn.settimeout(2.0)
            request = b""
            try:
                while b"\r\n\r\n" not in request:
                    chunk = conn.recv(4096)
                    if not chunk:
                        return
                    request += chunk
                if self._stop.wait(canned.delay):
                    return
                conn.sendall(canned.raw)
            except OSError:
                return  # the client gave up first (the timeout tests)
