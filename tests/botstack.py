"""Starts the real bot (action server + Rasa server with the trained model) on free ports.

Shared by the end-to-end tests and the browser tests. Everything runs against a temporary data
directory, so tests never touch ``var/``; the channels are the committed ``credentials.yml``.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
#: The servers start as `make run` starts them: through the entry point that installs the registry
#: of changes to Rasa (rasa_ext) and sets the import order (rasa_ext/command.py).
SERVE = (str(BIN / "python"), str(ROOT / "scripts" / "serve.py"), "rasa")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def newest_model() -> Path | None:
    """LOTSE_MODEL (set by `make test`), else the newest trained model under models/."""
    named = os.environ.get("LOTSE_MODEL")
    if named:
        return Path(named)
    models = sorted((ROOT / "models").glob("lotse-*.tar.gz"), key=lambda p: p.stat().st_mtime)
    return models[-1] if models else None


@dataclass(frozen=True)
class BotProcesses:
    rasa_url: str  # http://127.0.0.1:<port>
    data_dir: Path

    @property
    def db_url(self) -> str:
        return f"sqlite:///{self.data_dir / 'offers.sqlite3'}"

    @property
    def tracker_url(self) -> str:
        return f"sqlite:///{self.data_dir / 'tracker.sqlite3'}"


def wait_until_up(url: str, processes: list[subprocess.Popen], timeout: float = 180) -> None:
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


@contextmanager
def running_bot(model: Path, data_dir: Path, cors: tuple[str, ...] = ()) -> Iterator[BotProcesses]:
    """Demo database, action server and Rasa server; on failure the end of the bot log is printed."""
    actions_port, rasa_port = free_port(), free_port()
    endpoints = data_dir / "endpoints.yml"
    endpoints.write_text(
        f'action_endpoint:\n  url: "http://127.0.0.1:{actions_port}/webhook"\n  enable_selective_domain: true\n'
        "  headers:\n    Authorization: Bearer ${LOTSE_ACTION_TOKEN}\n"
        "tracker_store:\n  type: stores.tracker_store.WindowedSQLTrackerStore\n"
        f'  dialect: "sqlite"\n  db: "{data_dir / "tracker.sqlite3"}"\n'
        # As endpoints.yml: FAQ answers edited in the advisors' app (stores/nlg.py).
        "nlg:\n  type: stores.nlg.EditedResponses\n"
    )
    env = {
        **os.environ,
        "LOTSE_DATA_DIR": str(data_dir),
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "RASA_TELEMETRY_ENABLED": "false",
        "PYTHONWARNINGS": "ignore",
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
        # The shared secret of the two servers, as `make run` makes one (actions/server.py).
        "LOTSE_ACTION_TOKEN": secrets.token_urlsafe(32),
        "SANIC_HOST": "127.0.0.1",
    }
    subprocess.run([str(BIN / "lotse"), "db", "init"], cwd=ROOT, env=env, check=True, capture_output=True)
    cors_args = ["--cors", *cors] if cors else []
    log = (data_dir / "bot.log").open("w")
    processes = [
        subprocess.Popen(
            [*SERVE, "run", "actions", "--actions", "actions", "--port", str(actions_port)],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        ),
        subprocess.Popen(
            [*SERVE, "run", "--model", str(model), "--port", str(rasa_port), *cors_args,
             "--credentials", "credentials.yml", "--endpoints", str(endpoints)],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        ),
    ]
    try:
        wait_until_up(f"http://127.0.0.1:{actions_port}/health", processes)
        wait_until_up(f"http://127.0.0.1:{rasa_port}/", processes)
        yield BotProcesses(f"http://127.0.0.1:{rasa_port}", data_dir)
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
