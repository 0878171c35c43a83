"""Running the advisor app for real on a free port, and a tiny HTTP client that keeps cookies.

No test client is installed for Sanic 21.12, so the app serves on 127.0.0.1 in a background
thread; the client does not follow redirects, so tests see exactly what the app answers.
"""

from __future__ import annotations

import asyncio
import re
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from http.cookies import SimpleCookie

from sanic import Sanic

from advisor.web import create_app


class Clock:
    """A clock the test moves by hand: lockouts and session expiry without sleeping."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_app(db_url: str, clock: Clock) -> Iterator[str]:
    """Serve the app until the block ends; yields its base URL."""
    # Test mode lets Sanic start several apps in one process (its start-up rewrites shared methods).
    Sanic.test_mode = True
    app = create_app(db_url, clock)
    # As behind the reverse proxy of a deployment: the client address comes from X-Real-IP
    # (Client(address=...)); without the header it is the connection's, 127.0.0.1.
    app.config.REAL_IP_HEADER = "x-real-ip"
    port = free_port()
    ready, state = threading.Event(), {}

    def serve() -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        state["loop"] = loop
        try:
            server = loop.run_until_complete(
                app.create_server(host="127.0.0.1", port=port, return_asyncio_server=True, access_log=False)
            )
            for step in (server.startup, server.before_start, server.after_start):
                loop.run_until_complete(step())
        except BaseException as exc:
            state["error"] = exc
            ready.set()
            raise
        ready.set()
        loop.run_forever()
        loop.run_until_complete(server.before_stop())
        server.close()
        loop.run_until_complete(server.wait_closed())
        loop.run_until_complete(server.after_stop())
        loop.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    if not ready.wait(20) or "error" in state:
        raise RuntimeError(f"Beratungspostfach startet nicht: {state.get('error')!r}")
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        state["loop"].call_soon_threadsafe(state["loop"].stop)
        thread.join(10)


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    set_cookies: list[str]
    text: str

    @property
    def location(self) -> str | None:
        return self.headers.get("location")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


@dataclass
class Client:
    base: str
    cookies: dict[str, str] = field(default_factory=dict)
    host: str | None = None
    #: The client's address as the proxy reports it (X-Real-IP); None: 127.0.0.1.
    address: str | None = None

    def get(self, path: str) -> Response:
        return self._send("GET", path, None)

    def post(self, path: str, form: dict[str, str]) -> Response:
        return self._send("POST", path, urllib.parse.urlencode(form).encode())

    def csrf(self, path: str) -> str:
        """The CSRF token from the form on ``path``, as a browser would submit it."""
        match = re.search(r'name="csrf" value="([^"]+)"', self.get(path).text)
        assert match, f"kein CSRF-Feld auf {path}"
        return match.group(1)

    def login(self, email: str, password: str) -> Response:
        token = self.csrf("/anmelden")
        return self.post("/anmelden", {"csrf": token, "email": email, "passwort": password})

    def _send(self, method: str, path: str, body: bytes | None) -> Response:
        request = urllib.request.Request(self.base + path, data=body, method=method)
        if body is not None:
            request.add_header("Content-Type", "application/x-www-form-urlencoded")
        if self.cookies:
            request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if self.host:
            request.add_header("Host", self.host)
        if self.address:
            request.add_header("X-Real-IP", self.address)
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            raw = opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            raw = error
        with raw:
            set_cookies = raw.headers.get_all("Set-Cookie") or []
            response = Response(raw.status, {k.lower(): v for k, v in raw.headers.items()}, set_cookies,
                                raw.read().decode("utf-8"))
        for header in set_cookies:
            for name, morsel in SimpleCookie(header).items():
                if morsel.value and morsel["max-age"] != "0":
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        return response
