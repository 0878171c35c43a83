"""The bots the comparison starts: stock `rasa init`, this bot, and this bot's replica stack.

A target is "commands to start + the REST URL to talk to + the script to talk with". Preparing a
target (training the stock bot, creating the demo database) happens before the start-up clock
runs and is recorded separately in ``prepared_s``.

This bot's public channels limit messages per conversation (20/min) and per client address
(60/min, channels/guard.py). The load generator is one address sending as fast as answers come,
so the limits are raised far above what it can send: the limiter still counts every message,
and its cost is measured, but it never refuses one.
"""

from __future__ import annotations

import importlib.util
import secrets
import socket
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from sqlalchemy import create_engine, text

from bench.conversations import LOTSE_SCRIPT, STOCK_SCRIPT
from bench.procs import Command, run_to_end

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
#: Quiet logs, and no telemetry (Rasa would try to send usage data abroad; scripts/test.sh does the same).
QUIET = {
    "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONWARNINGS": "ignore", "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    "RASA_TELEMETRY_ENABLED": "false",
}
SERVE_SCRIPT = ROOT / "scripts" / "serve.py"
STACK_SCRIPT = ROOT / "scripts" / "stack.py"
STACK_PORT = 5005
#: Rate limits of channels/guard.py, raised so that counting goes on but nothing is refused.
UNLIMITED = {"LOTSE_RATE_PER_SENDER": "1000000", "LOTSE_RATE_PER_IP": "1000000"}
#: Answers that are no answer: the apology when a turn fails or takes too long (channels/faults.py
#: APOLOGY), and the fallbacks (wording/citizen.yml), which would mean the script left its path.
LOTSE_ERROR_MARKERS = {
    "gerade gibt es eine technische Störung": "apology (technical fault)",
    "Das habe ich leider nicht verstanden": "not understood (fallback)",
    "Das verstehe ich nicht": "not understood (fallback)",  # the same in plain language
    "Meinten Sie": "not understood (Meinten Sie …?)",
}
#: The stack gets databases of its own on the local PostgreSQL, dropped before and after the run.
POSTGRES_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres"
STACK_DATABASES = {"LOTSE_OFFER_DB_URL": "lotse_bench_offers", "LOTSE_TRACKER_DB_URL": "lotse_bench_tracker"}
STACK_REDIS = "redis://127.0.0.1:6379/13"


@dataclass
class Target:
    """One bot to measure."""

    name: str
    url: str  # http://127.0.0.1:<port>; the REST webhook is below it
    commands: list[Command]
    script: tuple[str, ...]
    ready_urls: tuple[str, ...] = ()  # must answer 200 before the probe message is sent (action server)
    model: str = ""
    prepared_s: dict[str, float] = field(default_factory=dict)  # e.g. {"training": 74.2}
    error_markers: dict[str, str] = field(default_factory=dict)  # answer text -> error kind
    note: str = ""  # for the report, e.g. what the start-up includes
    cleanup: Callable[[], None] | None = None  # after the servers stopped

    @property
    def probe(self) -> str:
        return self.script[0]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_in_use(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def shown(path: Path) -> str:
    """A model path for the report: relative to the repository where it is inside it."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def newest_model() -> Path | None:
    """The newest models/lotse-*.tar.gz, the model `make run` would serve if nothing changed since."""
    models = sorted((ROOT / "models").glob("lotse-*.tar.gz"), key=lambda p: p.stat().st_mtime)
    return models[-1] if models else None


def stock(workdir: Path, existing_project: Path | None = None) -> Target:
    """`rasa init --no-prompt` into ``workdir/stock`` (trains the moodbot) unless a project is given.

    Served the stock way: `rasa run` in the project directory, its own credentials (REST) and no
    endpoints file, so the tracker and lock stores are in memory.
    """
    prepared: dict[str, float] = {}
    if existing_project is None:
        project = workdir / "stock"
        project.mkdir()
        init = [str(BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(project)]
        prepared["rasa init (training)"] = run_to_end(
            Command("rasa init", init, workdir, QUIET), workdir / "stock-init.log"
        )
        note = "trained by `rasa init --no-prompt` in this run"
    else:
        project = existing_project.resolve()
        note = f"existing project {project}, not trained in this run"
    models = sorted((project / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if not models:
        raise RuntimeError(f"no trained model in {project / 'models'}")
    port = free_port()
    serve = [str(BIN / "rasa"), "run", "--port", str(port)]
    return Target(
        name="stock",
        url=f"http://127.0.0.1:{port}",
        commands=[Command("rasa run (stock)", serve, project, QUIET)],
        script=STOCK_SCRIPT,
        model=shown(models[-1]),
        prepared_s=prepared,
        note=note,
    )


def lotse_endpoints(actions_port: int, tracker_db: Path) -> dict:
    """The repository's endpoints.yml with this run's action server port and a fresh SQLite file for
    its tracker store (same store class and settings, so a change there is measured)."""
    endpoints = yaml.safe_load((ROOT / "endpoints.yml").read_text()) or {}
    endpoints["action_endpoint"] = {**endpoints["action_endpoint"], "url": f"http://127.0.0.1:{actions_port}/webhook"}
    tracker_store = endpoints.get("tracker_store") or {"type": "SQL"}
    endpoints["tracker_store"] = {**tracker_store, "dialect": "sqlite", "db": str(tracker_db)}
    endpoints["tracker_store"].pop("url", None)
    return endpoints


def make_run_commands(model: Path, actions_port: int, rasa_port: int, endpoints: Path) -> dict[str, list[str]]:
    """The action server and Rasa server exactly as scripts/serve.py (`make run`) starts them, on
    this run's ports and with this run's endpoints file."""
    spec = importlib.util.spec_from_file_location("lotse_serve", SERVE_SCRIPT)
    assert spec and spec.loader
    serve = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(serve)
    started = serve.commands(str(model))
    return {
        "action server": _with(started["Aktionsserver"], "--port", str(actions_port)),
        "rasa server": _with(_with(started["Rasa-Server"], "--port", str(rasa_port)), "--endpoints", str(endpoints)),
    }


def _with(command: list[str], option: str, value: str) -> list[str]:
    """``command`` with the value after ``option`` replaced."""
    changed = list(command)
    changed[changed.index(option) + 1] = value
    return changed


def lotse(workdir: Path, model: Path) -> Target:
    """This bot as `make run` serves it: action server plus Rasa server (scripts/serve.py's commands),
    against a temporary data directory with the demo database (`lotse db init`) and a fresh SQLite
    tracker store. The chat page and the advisors' inbox, which `make run` also starts, are left out:
    no message passes through them."""
    data_dir = workdir / "lotse-data"
    data_dir.mkdir()
    # The action server's shared secret, as `make run` generates one per run (actions/server.py).
    env = {**QUIET, **UNLIMITED, "LOTSE_DATA_DIR": str(data_dir), "LOTSE_ACTION_TOKEN": secrets.token_urlsafe(32),
           "SANIC_HOST": "127.0.0.1"}
    prepared = {
        "lotse db init": run_to_end(
            Command("lotse db init", [str(BIN / "lotse"), "db", "init"], ROOT, env), workdir / "lotse-db.log"
        )
    }
    actions_port, rasa_port = free_port(), free_port()
    endpoints = workdir / "lotse-endpoints.yml"
    config = lotse_endpoints(actions_port, data_dir / "tracker.sqlite3")
    endpoints.write_text(yaml.safe_dump(config))
    commands = make_run_commands(model, actions_port, rasa_port, endpoints)
    return Target(
        name="lotse",
        url=f"http://127.0.0.1:{rasa_port}",
        commands=[Command(name, argv, ROOT, env) for name, argv in commands.items()],
        script=LOTSE_SCRIPT,
        ready_urls=(f"http://127.0.0.1:{actions_port}/health",),
        model=shown(model),
        prepared_s=prepared,
        error_markers=LOTSE_ERROR_MARKERS,
        note=f"demo database created before the clock starts; tracker store {config['tracker_store']['type']} "
        "on a fresh SQLite file",
    )


def _drop_stack_databases() -> None:
    engine = create_engine(POSTGRES_SERVER, future=True, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            for database in STACK_DATABASES.values():
                connection.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
    finally:
        engine.dispose()


def lotse_stack(workdir: Path, model: Path) -> Target:
    """Two replicas behind HAProxy, started by scripts/stack.py, answering on port 5005 like `make run`.

    With databases of its own (fresh, like the single bot's temporary SQLite files), its own Redis
    database for the lock store, and no event broker: the broker's queue is shared with whoever
    else uses the local RabbitMQ, and a benchmark would fill it with many thousands of events.
    """
    if not STACK_SCRIPT.exists():
        raise RuntimeError(f"{STACK_SCRIPT.relative_to(ROOT)} does not exist yet")
    if port_in_use(STACK_PORT):
        raise RuntimeError(f"port {STACK_PORT} is in use; stop what listens there first")
    data_dir = workdir / "stack-data"
    data_dir.mkdir()
    _drop_stack_databases()
    server = POSTGRES_SERVER.rsplit("/", 1)[0]
    env = {
        **QUIET, **UNLIMITED, "LOTSE_DATA_DIR": str(data_dir), "LOTSE_REDIS_URL": STACK_REDIS, "LOTSE_AMQP_URL": "",
        **{variable: f"{server}/{database}" for variable, database in STACK_DATABASES.items()},
    }
    command = [str(BIN / "python"), str(STACK_SCRIPT), "--model", str(model)]
    return Target(
        name="lotse-stack",
        url=f"http://127.0.0.1:{STACK_PORT}",
        commands=[Command("scripts/stack.py", command, ROOT, env)],
        script=LOTSE_SCRIPT,
        model=shown(model),
        error_markers=LOTSE_ERROR_MARKERS,
        cleanup=_drop_stack_databases,
        note="start-up includes what scripts/stack.py sets up (databases, demo data, HAProxy); "
        "PostgreSQL tracker store, Redis lock store, no event broker",
    )
