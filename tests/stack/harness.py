"""Runs `scripts/stack.py` (the real command behind `make stack`) on free ports for the tests.

Everything is the test's own: PostgreSQL databases with random names (dropped afterwards), a
temporary data directory, free ports. Redis and RabbitMQ are shared, but every conversation id is
random, so parallel runs never touch each other's locks or events.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.botstack import ROOT, free_port

READY = "Der Weiterbildungslotse läuft"
START_TIMEOUT_SECONDS = 900  # two replicas load the model side by side on a busy two-core machine


@dataclass(frozen=True)
class Stack:
    balancer: str  # http://127.0.0.1:<port>, HAProxy in front of both replicas
    replicas: tuple[str, str]
    stats_csv: str
    tracker_db_url: str
    amqp_url: str

    def say(self, base_url: str, sender: str, message: str) -> list[str]:
        """Send one message over the REST channel; the texts of the bot's answer."""
        body = json.dumps({"sender": sender, "message": message}).encode()
        request = urllib.request.Request(
            f"{base_url}/webhooks/rest/webhook", data=body, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=120) as response:
            return [m["text"] for m in json.loads(response.read()) if m.get("text")]

    def events(self, sender: str) -> list[dict]:
        """The conversation as Rasa stored it in PostgreSQL, in storage order."""
        engine = create_engine(self.tracker_db_url, future=True)
        try:
            with engine.connect() as connection:
                rows = connection.execute(
                    text("SELECT data FROM events WHERE sender_id = :sender ORDER BY id"), {"sender": sender}
                )
                return [json.loads(data) for (data,) in rows]
        finally:
            engine.dispose()

    def requests_per_replica(self) -> dict[str, int]:
        """REST requests HAProxy has sent to each Rasa replica (health checks not counted)."""
        with urllib.request.urlopen(self.stats_csv, timeout=10) as response:
            rows = csv.DictReader(response.read().decode().removeprefix("# ").splitlines())
            servers = [row for row in rows if row["pxname"] == "rasa_rest" and row["svname"] != "BACKEND"]
        return {row["svname"]: int(row["stot"]) for row in servers}


@contextmanager
def running_stack(model: Path, data_dir: Path, postgres_url: str, redis_url: str, amqp_url: str) -> Iterator[Stack]:
    """Start the stack, wait for its "ready" line, stop it with SIGTERM like a service manager."""
    run = uuid.uuid4().hex[:8]
    databases = {
        "LOTSE_OFFER_DB_URL": _database_url(postgres_url, f"lotse_stacktest_{run}_offers"),
        "LOTSE_TRACKER_DB_URL": _database_url(postgres_url, f"lotse_stacktest_{run}_tracker"),
    }
    ports = {
        name: str(free_port())
        for name in (
            "LOTSE_RASA_PORT", "LOTSE_RASA1_PORT", "LOTSE_RASA2_PORT", "LOTSE_ACTIONS_PORT", "LOTSE_ACTIONS1_PORT",
            "LOTSE_ACTIONS2_PORT", "LOTSE_WEB_PORT", "LOTSE_ADVISOR_PORT", "LOTSE_HAPROXY_STATS_PORT",
        )
    }
    env = {
        **os.environ, **databases, **ports,
        "LOTSE_DATA_DIR": str(data_dir), "LOTSE_REDIS_URL": redis_url, "LOTSE_AMQP_URL": amqp_url,
    }
    env.pop("LOTSE_ACTION_ENDPOINT_URL", None)  # the stack points Rasa at its own HAProxy
    log_path = data_dir / "stack.log"
    log = log_path.open("w")
    stack = subprocess.Popen(
        [sys.executable, "scripts/stack.py", "--model", str(model)],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        _wait_for_ready(stack, log_path)
        local = "http://127.0.0.1"
        yield Stack(
            balancer=f"{local}:{ports['LOTSE_RASA_PORT']}",
            replicas=(f"{local}:{ports['LOTSE_RASA1_PORT']}", f"{local}:{ports['LOTSE_RASA2_PORT']}"),
            stats_csv=f"{local}:{ports['LOTSE_HAPROXY_STATS_PORT']}/;csv",
            tracker_db_url=databases["LOTSE_TRACKER_DB_URL"],
            amqp_url=amqp_url,
        )
    finally:
        if stack.poll() is None:
            stack.send_signal(signal.SIGTERM)  # the stack stops its own children
            try:
                stack.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(stack.pid, signal.SIGKILL)
        log.close()
        for url in databases.values():
            _drop_database(postgres_url, make_url(url).database)


def _wait_for_ready(stack: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if READY in log_path.read_text(errors="replace"):
            return
        if stack.poll() is not None:
            raise RuntimeError(f"stack.py exited with {stack.returncode}:\n{_tail(log_path)}")
        time.sleep(1)
    raise RuntimeError(f"stack not ready after {START_TIMEOUT_SECONDS} s:\n{_tail(log_path)}")


def _tail(log_path: Path) -> str:
    return log_path.read_text(errors="replace")[-6000:]


def _database_url(server_url: str, name: str) -> str:
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


def _drop_database(server_url: str, name: str | None) -> None:
    engine = create_engine(server_url, future=True, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        engine.dispose()
