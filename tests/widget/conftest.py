"""Browser tests: the real bot (with this project's channels) + the widget in headless Chromium.

One Rasa server and one action server for the whole session, started like tests/e2e does, but with
a credentials file that opens the project's socket.io and feedback channels and allows the test
page's origin (CORS). Pages are served by a small local HTTP server: the widget from ``widget/``,
rasa-webchat from ``tests/widget/webchat/`` (test only), and host pages generated per test.
"""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import BIN, ROOT, _free_port, _model, _wait

HERE = Path(__file__).resolve().parent
CHROMIUM = os.environ.get("LOTSE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
CREDENTIALS = """\
rest:
channels.socketio.LotseSocketIOInput:
  user_message_evt: user_uttered
  bot_message_evt: bot_uttered
  session_persistence: true
channels.feedback.FeedbackInput:
"""

try:
    from playwright.sync_api import Browser, Page, expect, sync_playwright
except ImportError:  # pragma: no cover - depends on the environment
    sync_playwright = None


def host_page(query: dict[str, list[str]]) -> str:
    """A plain municipal page with the widget embedded by one script tag."""
    attrs = {key: values[0] for key, values in query.items() if key in {"server", "transport", "color", "title"}}
    data = " ".join(f'data-{key}="{html.escape(value)}"' for key, value in attrs.items())
    return f"""<!doctype html>
<html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Stadt Krefeld – Weiterbildung</title></head>
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
    model = _model()
    if model is None or not model.is_file():
        pytest.skip("kein trainiertes Modell unter models/ – erst `make train` ausführen")
    web_port, actions_port, rasa_port = _free_port(), _free_port(), _free_port()
    web = ThreadingHTTPServer(("127.0.0.1", web_port), partial(Handler, directory=str(HERE)))
    threading.Thread(target=web.serve_forever, daemon=True).start()
    data_dir = tmp_path_factory.mktemp("widget-bot")
    (data_dir / "credentials.yml").write_text(CREDENTIALS)
    (data_dir / "endpoints.yml").write_text(
        f'action_endpoint:\n  url: "http://127.0.0.1:{actions_port}/webhook"\n'
        f'tracker_store:\n  type: SQL\n  dialect: "sqlite"\n  db: "{data_dir / "tracker.sqlite3"}"\n'
    )
    env = {**os.environ, "LOTSE_DATA_DIR": str(data_dir), "TF_CPP_MIN_LOG_LEVEL": "3",
           "PYTHONWARNINGS": "ignore", "SQLALCHEMY_SILENCE_UBER_WARNING": "1"}
    subprocess.run([str(BIN / "lotse"), "db", "init"], cwd=ROOT, env=env, check=True, capture_output=True)
    log = (data_dir / "bot.log").open("w")
    origin = f"http://127.0.0.1:{web_port}"
    processes = [
        subprocess.Popen(
            [str(BIN / "rasa"), "run", "actions", "--actions", "actions", "--port", str(actions_port)],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        ),
        subprocess.Popen(
            [str(BIN / "rasa"), "run", "--model", str(model), "--port", str(rasa_port), "--cors", origin,
             "--credentials", str(data_dir / "credentials.yml"), "--endpoints", str(data_dir / "endpoints.yml")],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        ),
    ]
    try:
        _wait(f"http://127.0.0.1:{actions_port}/health", processes)
        _wait(f"http://127.0.0.1:{rasa_port}/", processes)
        yield Stack(origin, f"http://127.0.0.1:{rasa_port}", f"sqlite:///{data_dir / 'offers.sqlite3'}")
    except RuntimeError:
        log.flush()
        print((data_dir / "bot.log").read_text()[-5000:])
        raise
    finally:
        web.shutdown()
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, 15)
        for process in processes:
            process.wait(timeout=20)
        log.close()


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
        if route.request.url.startswith(("http://127.0.0.1", "blob:", "data:")):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    page = context.new_page()
    page.lotse_blocked = blocked  # type: ignore[attr-defined]
    yield page
    context.close()
