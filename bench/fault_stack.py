"""The stack a fault run starts, and the faults it injects into it (used by bench/faults.py).

The stack is scripts/stack.py's production shape (two Rasa replicas, two action servers, HAProxy,
PostgreSQL, Redis), started from stack.py's own commands but without its watchdog, so that one
process can be killed and started again; the faults are ``kill -9`` of an action server, ended
PostgreSQL connections, and a Redis "restart" for this stack only (see bench/faults.py).
"""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType

import redis
from sqlalchemy import create_engine, text

from bench.fault_accounting import Fault
from bench.targets import POSTGRES_SERVER, QUIET, ROOT, free_port

Clock = Callable[[], float]  # seconds since the load started

# --- the stack ---------------------------------------------------------------------------------------


def _load_stack_script() -> ModuleType:
    """scripts/stack.py as a module (it imports scripts/serve.py as ``serve``)."""
    scripts = str(ROOT / "scripts")
    if scripts not in sys.path:
        sys.path.insert(0, scripts)
    spec = importlib.util.spec_from_file_location("lotse_stack_script", ROOT / "scripts" / "stack.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Stack:
    """stack.py's processes without its watchdog, so one of them can be killed and started again."""

    def __init__(self, model: Path, workdir: Path, redis_db: int, reply_timeout: float) -> None:
        run = uuid.uuid4().hex[:8]
        server = POSTGRES_SERVER.rsplit("/", 1)[0]
        self.databases = {"LOTSE_OFFER_DB_URL": f"lotse_faults_{run}_offers",
                          "LOTSE_TRACKER_DB_URL": f"lotse_faults_{run}_tracker"}
        self.urls = {name: f"{server}/{db}" for name, db in self.databases.items()}
        self.redis_url = f"redis://127.0.0.1:6379/{redis_db}"
        self.redis_db = redis_db
        self.model = model
        self.workdir = workdir
        ports = {name: str(free_port()) for name in (
            "LOTSE_RASA_PORT", "LOTSE_RASA1_PORT", "LOTSE_RASA2_PORT", "LOTSE_ACTIONS_PORT", "LOTSE_ACTIONS1_PORT",
            "LOTSE_ACTIONS2_PORT", "LOTSE_WEB_PORT", "LOTSE_ADVISOR_PORT", "LOTSE_HAPROXY_STATS_PORT")}
        overrides = {
            **QUIET, **ports, **self.urls, "LOTSE_DATA_DIR": str(workdir / "data"), "LOTSE_REDIS_URL": self.redis_url,
            "LOTSE_AMQP_URL": "", "LOTSE_RATE_PER_SENDER": "0", "LOTSE_RATE_PER_IP": "0",
            "LOTSE_REPLY_TIMEOUT": str(reply_timeout),
        }
        os.environ.pop("LOTSE_ACTION_ENDPOINT_URL", None)  # the stack points Rasa at its own HAProxy
        os.environ.update(overrides)  # stack.py reads ports and URLs from the environment
        self.script = _load_stack_script()
        self.env = self.script.stack_environment()
        self.url = f"http://127.0.0.1:{ports['LOTSE_RASA_PORT']}"
        self.stats = f"http://127.0.0.1:{ports['LOTSE_HAPROXY_STATS_PORT']}/;csv"
        self.commands = self.script.commands(model, self.env)
        for unused in ("Chat-Seite", "Beratungspostfach"):  # no message passes through them
            self.commands.pop(unused)
        self.processes: dict[str, subprocess.Popen] = {}
        self.log = (workdir / "stack.log").open("a")

    def start(self) -> None:
        problems = self.script.problems(self.env, self.model)
        if problems:
            raise RuntimeError("; ".join(problems))
        with redis.Redis.from_url(self.redis_url) as r:
            if r.dbsize():
                raise RuntimeError(f"Redis db {self.redis_db} is not empty; choose another with --redis-db")
        self.script.create_databases(self.env)
        self.script.prepare_offers(self.env, self.workdir / "data" / "advisor-demo-zugang.txt")
        for name in ("Aktionsserver 1", "Aktionsserver 2", "Rasa 1"):
            self.launch(name)
        # Rasa 2 only once Rasa 1 has created the tracker tables: two replicas creating them in a
        # fresh database at the same moment collide (UniqueViolation on pg_type, Rasa exits).
        self.wait_for_tables(("events", "lotse_tracker_state"))
        self.launch("Rasa 2")
        for name in ("Aktionsserver 1", "Aktionsserver 2"):
            self.wait_healthy(name)
        for n in (1, 2):
            self.script.wait_until_up(f"http://127.0.0.1:{self.env[f'LOTSE_RASA{n}_PORT']}/", self.processes,
                                      timeout=900)
        self.launch("HAProxy")
        self.script.wait_until_balanced(self.stats, self.processes)

    def wait_for_tables(self, tables: Sequence[str], timeout: float = 900) -> None:
        engine = create_engine(self.urls["LOTSE_TRACKER_DB_URL"], future=True)
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline:
                if self.processes["Rasa 1"].poll() is not None:
                    raise RuntimeError("Rasa 1 exited while starting")
                with engine.connect() as connection:
                    found = [connection.execute(text("SELECT to_regclass(:t)"), {"t": t}).scalar() for t in tables]
                if all(found):
                    return
                time.sleep(1)
        finally:
            engine.dispose()
        raise RuntimeError(f"Rasa 1 did not create {', '.join(tables)} within {timeout:.0f} s")

    def launch(self, name: str) -> None:
        env = ({**self.env, **self.script.BEHIND_BALANCER} if name.startswith("Rasa")
               else self.script.environment_for(name, self.env))
        self.processes[name] = subprocess.Popen(self.commands[name], cwd=ROOT, env=env, stdout=self.log,
                                                stderr=subprocess.STDOUT, start_new_session=True)

    def wait_healthy(self, name: str, timeout: float = 180) -> None:
        port = self.env[f"LOTSE_ACTIONS{name[-1]}_PORT"]
        self.script.wait_until_up(f"http://127.0.0.1:{port}/health", {name: self.processes[name]}, timeout=timeout)

    def haproxy_up(self, server: str) -> bool:
        with urllib.request.urlopen(self.stats, timeout=5) as response:
            rows = response.read().decode().removeprefix("# ").splitlines()
        header = rows[0].split(",")
        for row in rows[1:]:
            cells = dict(zip(header, row.split(","), strict=False))
            if cells.get("svname") == server:
                return cells.get("status") == "UP"
        return False

    def stop(self) -> None:
        self.script.stop(self.processes)
        self.log.close()

    def drop_databases(self) -> None:
        engine = create_engine(POSTGRES_SERVER, future=True, isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as connection:
                for database in self.databases.values():
                    connection.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        finally:
            engine.dispose()
        with redis.Redis.from_url(self.redis_url) as r:
            r.flushdb()


# --- faults ------------------------------------------------------------------------------------------


def kill_action_server(stack: Stack, restart_after: float, clock: Clock) -> Fault:
    name = "Aktionsserver 1"
    injected = clock()
    pid = stack.processes[name].pid
    os.killpg(pid, signal.SIGKILL)
    stack.processes[name].wait()
    time.sleep(restart_after)
    stack.launch(name)
    stack.wait_healthy(name)
    while not stack.haproxy_up("actions1"):
        time.sleep(0.2)
    return Fault("kill -9 Aktionsserver 1", injected, clock(),
                 f"pid {pid} mit SIGKILL beendet, nach {restart_after:.0f} s neu gestartet, HAProxy sieht ihn wieder")


def drop_postgres_connections(stack: Stack, clock: Clock) -> Fault:
    injected = clock()
    engine = create_engine(POSTGRES_SERVER, future=True, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            ended = connection.execute(
                text("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity "
                     "WHERE datname = ANY(:names) AND pid <> pg_backend_pid()"),
                {"names": list(stack.databases.values())},
            ).scalar_one()
    finally:
        engine.dispose()
    return Fault("PostgreSQL-Verbindungen getrennt", injected, clock(),
                 f"pg_terminate_backend für {ended} Verbindungen der Datenbanken {', '.join(stack.databases.values())}")


def restart_redis_for_stack(stack: Stack, clock: Clock) -> Fault:
    injected = clock()
    with redis.Redis.from_url(stack.redis_url) as r:
        own = r.client_id()
        clients = [c for c in r.client_list() if int(c["db"]) == stack.redis_db and int(c["id"]) != own]
        killed = sum(bool(r.client_kill_filter(_id=c["id"])) for c in clients)
        keys = r.dbsize()
        r.flushdb()
    return Fault("Redis-Neustart (Stack)", injected, clock(),
                 f"{killed} Client-Verbindungen von db {stack.redis_db} getrennt (CLIENT KILL ID), "
                 f"{keys} Schlüssel gelöscht (FLUSHDB db {stack.redis_db})")
