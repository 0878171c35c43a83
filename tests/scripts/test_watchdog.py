"""The stack's defence in depth (issue 16): a frozen replica is noticed, and when no replica answers,
citizens get the German apology from HAProxy instead of its English "503 Service Unavailable".
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from watchdog import Watch, answers, write_error_pages  # noqa: E402

APOLOGY = "Entschuldigung, gerade gibt es eine technische Störung. Bitte versuchen Sie es später noch einmal."


class Replica:
    """A server that answers GET / until it is frozen: then it accepts and never replies, like a
    Rasa server whose event loop is blocked."""

    def __init__(self) -> None:
        self.awake = threading.Event()
        self.awake.set()
        awake = self.awake

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                awake.wait(timeout=30)
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"Hello from Rasa")

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.awake.set()
        self.server.shutdown()
        self.server.server_close()


def _probe(url: str) -> bool:
    return answers(url, timeout=0.3)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_replica_that_stops_answering_is_reported_frozen_and_watched_again_after_a_restart() -> None:
    replica = Replica()
    watch = Watch("Rasa1", replica.url, misses=3, interval=0.05, probe=_probe).start()
    try:
        time.sleep(0.5)
        assert not watch.frozen.is_set(), "an answering replica is not frozen"
        replica.awake.clear()  # the event loop blocks: the port accepts, nothing answers
        assert watch.frozen.wait(timeout=10), "a replica that answers no one must be reported"
        replica.awake.set()
        watch.restarted()
        time.sleep(0.5)
        assert not watch.frozen.is_set()
    finally:
        watch.stop()
        replica.close()


def test_a_replica_still_loading_its_model_is_not_frozen() -> None:
    url = f"http://127.0.0.1:{_free_port()}/"  # nothing listens yet: the replica is starting
    watch = Watch("Rasa2", url, misses=2, interval=0.05, probe=_probe).start()
    try:
        time.sleep(0.6)
        assert not watch.frozen.is_set()
    finally:
        watch.stop()


def test_error_pages_carry_the_apology_as_json_for_the_rest_channel_and_html_otherwise(tmp_path: Path) -> None:
    write_error_pages(tmp_path, APOLOGY + " <b>")
    head, body = (tmp_path / "503-rest.http").read_bytes().split(b"\r\n\r\n", 1)
    assert head.startswith(b"HTTP/1.0 503 ")
    assert f"Content-Length: {len(body)}".encode() in head
    assert json.loads(body) == {"code": "unavailable", "meldung": APOLOGY + " <b>"}
    page = (tmp_path / "502.http").read_bytes().split(b"\r\n\r\n", 1)[1].decode()
    assert APOLOGY in page and "&lt;b&gt;" in page and 'lang="de"' in page


@pytest.mark.skipif(shutil.which("haproxy") is None, reason="HAProxy fehlt (apt-get install -y haproxy)")
def test_haproxy_with_no_replica_answers_citizens_in_german(tmp_path: Path) -> None:
    """deploy/haproxy.cfg as `make stack` runs it, with both replicas down."""
    write_error_pages(tmp_path / "errors", APOLOGY)
    ports = {name: _free_port() for name in (
        "LOTSE_RASA_PORT", "LOTSE_RASA1_PORT", "LOTSE_RASA2_PORT", "LOTSE_ACTIONS_PORT",
        "LOTSE_ACTIONS1_PORT", "LOTSE_ACTIONS2_PORT", "LOTSE_HAPROXY_STATS_PORT",
    )}
    env = {**os.environ, **{k: str(v) for k, v in ports.items()}, "LOTSE_HAPROXY_ERRORS": str(tmp_path / "errors")}
    balancer = subprocess.Popen(
        ["haproxy", "-db", "-f", str(ROOT / "deploy" / "haproxy.cfg")], env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{ports['LOTSE_RASA_PORT']}"
    try:
        rest = _request_until_answered(f"{base}/webhooks/rest/webhook", b'{"sender": "x", "message": "Hallo"}')
        assert rest.code == 503
        assert rest.headers["Content-Type"].startswith("application/json")
        assert json.loads(rest.read()) == {"code": "unavailable", "meldung": APOLOGY}
        page = _request_until_answered(f"{base}/socket.io/?EIO=4&transport=polling", None)
        assert page.code == 503 and APOLOGY in page.read().decode()
    finally:
        balancer.terminate()
        output = balancer.communicate(timeout=10)[0].decode(errors="replace")
    assert "parsing" not in output and "unable to" not in output, output  # the configuration loaded cleanly


def _request_until_answered(url: str, data: bytes | None) -> urllib.error.HTTPError:
    deadline = time.monotonic() + 15
    while True:
        try:
            urllib.request.urlopen(urllib.request.Request(url, data=data), timeout=5)
        except urllib.error.HTTPError as error:
            return error
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
        else:
            raise AssertionError(f"{url} answered although no replica runs")
