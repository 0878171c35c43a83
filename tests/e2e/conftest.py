"""Starts the real bot (action server + Rasa server with the trained model) on free ports.

Everything runs against a temporary data directory, so the tests never touch ``var/``.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _model() -> Path | None:
    named = os.environ.get("LOTSE_MODEL")
    if named:
        return Path(named)
    models = sorted((ROOT / "models").glob("lotse-*.tar.gz"), key=lambda p: p.stat().st_mtime)
    return models[-1] if models else None


@dataclass
class RunningBot:
    rest_url: str
    db_url: str
    tracker_url: str

    def say(self, sender: str, message: str) -> list[dict]:
        body = json.dumps({"sender": sender, "message": message}).encode()
        request = urllib.request.Request(self.rest_url, data=body, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    def texts(self, sender: str, message: str) -> list[str]:
        return [m["text"] for m in self.say(sender, message) if m.get("text")]


def _wait(url: str, processes: list[subprocess.Popen], timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(p.poll() is not None for p in processes):
            raise RuntimeError(f"a bot process exited early while waiting for {url}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"{url} did not come up within {timeout} s")


@pytest.fixture(scope="session")
def bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningBot]:
    model = _model()
    if model is None or not model.is_file():
        pytest.skip("kein trainiertes Modell unter models/ – erst `make train` oder `make test` ausführen")
    data_dir = tmp_path_factory.mktemp("lotse-data")
    actions_port, rasa_port = _free_port(), _free_port()
    endpoints = data_dir / "endpoints.yml"
    endpoints.write_text(
        f'action_endpoint:\n  url: "http://127.0.0.1:{actions_port}/webhook"\n'
        f'tracker_store:\n  type: SQL\n  dialect: "sqlite"\n  db: "{data_dir / "tracker.sqlite3"}"\n'
    )
    env = {
        **os.environ,
        "LOTSE_DATA_DIR": str(data_dir),
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "PYTHONWARNINGS": "ignore",
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    }
    subprocess.run([str(BIN / "lotse"), "db", "init"], cwd=ROOT, env=env, check=True, capture_output=True)
    log = (data_dir / "bot.log").open("w")
    processes = [
        subprocess.Popen(
            [str(BIN / "rasa"), "run", "actions", "--actions", "actions", "--port", str(actions_port)],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        ),
        subprocess.Popen(
            [str(BIN / "rasa"), "run", "--model", str(model), "--port", str(rasa_port),
             "--credentials", "credentials.yml", "--endpoints", str(endpoints)],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        ),
    ]
    try:
        _wait(f"http://127.0.0.1:{actions_port}/health", processes)
        _wait(f"http://127.0.0.1:{rasa_port}/", processes)
        yield RunningBot(
            rest_url=f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook",
            db_url=f"sqlite:///{data_dir / 'offers.sqlite3'}",
            tracker_url=f"sqlite:///{data_dir / 'tracker.sqlite3'}",
        )
    except RuntimeError:
        log.flush()
        print((data_dir / "bot.log").read_text()[-5000:])
        raise
    finally:
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, 15)
        for process in processes:
            process.wait(timeout=20)
        log.close()
