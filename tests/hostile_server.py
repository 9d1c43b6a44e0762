"""A misbehaving HTTP server on 127.0.0.1, written byte by byte (http.server would not send
what these send). Paths: /trickle (the status line and headers one byte a second),
/processing (`102 Processing` every half second, forever), /retry/unicode (503 with
`Retry-After: ²`), /retry/30 (503 with `Retry-After: 30`), /loc/NAME (a redirect to a
`Location:` no browser follows: ipv6, mailto, javascript, data, bad-port), anything else 200.
"""

from __future__ import annotations

import socketserver
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

LOCATIONS = {
    "ipv6": "http://[::1",
    "mailto": "mailto:someone@example.org",
    "javascript": "javascript:alert(1)",
    "data": "data:text/html,<p>hi</p>",
    "bad-port": "http://127.0.0.1:99999/",
}


class _Handler(socketserver.BaseRequestHandler):
    server: HostileServer

    def handle(self) -> None:
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.request.recv(4096)
            if not chunk:
                return
            head += chunk
        path = head.split(b" ", 2)[1].decode("latin-1")
        try:
            self._answer(path)
        except OSError:
            return  # the client gave up, as it should

    def _send(self, text: str) -> None:
        self.request.sendall(text.encode("latin-1"))

    def _answer(self, path: str) -> None:
        stop = self.server.stopping
        if path == "/trickle":
            for byte in "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n":
                if stop.wait(1.0):
                    return
                self._send(byte)
        elif path == "/processing":
            while not stop.wait(0.5):
                self._send("HTTP/1.1 102 Processing\r\n\r\n")
        elif path.startswith("/retry/"):
            value = "\u00b2" if path.endswith("unicode") else "30"
            self.request.sendall(b"HTTP/1.1 503 Busy\r\nRetry-After: " + value.encode("utf-8") +
                                 b"\r\nContent-Length: 0\r\n\r\n")
        elif path.startswith("/loc/"):
            target = LOCATIONS[path.removeprefix("/loc/")]
            self._send(f"HTTP/1.1 302 Found\r\nLocation: {target}\r\nContent-Length: 0\r\n\r\n")
        else:
            self._send("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")


class HostileServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.stopping = threading.Event()

    @property
    def base(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"


@contextmanager
def hostile() -> Iterator[HostileServer]:
    server = HostileServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()
        time.sleep(0.1)
