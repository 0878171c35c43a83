"""Browser tests: the real bot (with this project's channels) + the widget in headless Chromium.

One Rasa server and one action server for the whole session (tests/botstack.py, with the
committed credentials.yml: the project's socket.io and feedback channels), allowing the test
page's origin (CORS). Pages are served by a small local HTTP server: the widget from ``widget/``,
rasa-webchat from ``tests/widget/webchat/`` (test only), and host pages generated per test.
"""

from __future__ import annotations

import html
import os
import shutil
import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.botstack import ROOT, free_port, newest_model, running_bot

HERE = Path(__file__).resolve().parent
CHROMIUM = os.environ.get("LOTSE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

try:
    from playwright.sync_api import Browser, Page, expect, sync_playwright
except ImportError:  # pragma: no cover - depends on the environment
    sync_playwright = None


def host_page(query: dict[str, list[str]]) -> str:
    """A plain municipal page with the widget embedded by one script tag."""
    attrs = {key: values[0] for key, values in query.items() if key in {"server", "transport", "color", "title"}}
    data = " ".join(f'data-{key}="{html.escape(value)}"' for key, value in attrs.items())
    css = query.get("css", [""])[0].replace("<", "")  # the host page's own (hostile) CSS, for isolation tests
    return f"""<!doctype html>
<html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Stadt Krefeld – Weiterbildung</title><style>{css}</style></head>
<body><main><h1>Weiterbildung in Krefeld</h1><p>Informationen der Stadt zur beruflichen Weiterbildung.</p></main>
<script src="/widget/lotse-widget.js" {data}></script></body></html>"""


class Handler(SimpleHTTPRequestHandler):
    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/host.html":
            body = host_page(urllib.parse.parse_qs(url.query)).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def translate_path(self, path: str) -> str:
        path = urllib.parse.urlsplit(path).path
        for prefix, folder in (("/widget/", ROOT / "widget"), ("/webchat/", HERE / "webchat")):
            if path.startswith(prefix):
                target = (folder / path[len(prefix):]).resolve()
                return str(target) if target.is_relative_to(folder) else str(folder / "missing")
        return str(HERE / "missing")

    def log_message(self, *args: Any) -> None:
        pass


@dataclass
class Stack:
    web: str  # origin of the test pages
    server: str  # Rasa server (socket.io, REST, feedback)
    db_url: str

    def page_url(self, **attrs: str) -> str:
        return f"{self.web}/host.html?" + urllib.parse.urlencode({"server": self.server, **attrs})


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    if sync_playwright is None:
        pytest.skip("Playwright für Python ist nicht installiert (Browser-Tests übersprungen)")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium nicht gefunden unter {CHROMIUM} (apt-get install chromium)")
    model = newest_model()
    if model is None or not model.is_file():
        pytest.skip("kein trainiertes Modell unter models/ – erst `make train` ausführen")
    web_port = free_port()
    web = ThreadingHTTPServer(("127.0.0.1", web_port), partial(Handler, directory=str(HERE)))
    threading.Thread(target=web.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{web_port}"
    try:
        with running_bot(model, tmp_path_factory.mktemp("widget-bot"), cors=(origin,)) as processes:
            yield Stack(origin, processes.rasa_url, processes.db_url)
    finally:
        web.shutdown()


@pytest.fixture(scope="session")
def browser(stack: Stack) -> Iterator[Browser]:
    expect.set_options(timeout=30_000)  # the bot on a busy CI machine; not a performance threshold
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1024, "height": 800}, locale="de-DE", accept_downloads=True)
    # Nothing may be loaded from elsewhere: every script, style and font comes from our own servers.
    blocked: list[str] = []

    def only_local(route: Any) -> None:
        if route.request.url.startswith(("http://127.0.0.1", "http://localhost", "blob:", "data:")):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    page = context.new_page()
    page.lotse_blocked = blocked  # type: ignore[attr-defined]
    yield page
    context.close()
