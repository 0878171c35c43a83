"""`make stack`: the production shape on one machine, stopped as a whole with Ctrl-C.

Two Rasa replicas and two action servers behind HAProxy (deploy/haproxy.cfg), conversations in
PostgreSQL, the lock store in Redis, every event to RabbitMQ (optional), plus the chat page and the
advisors' inbox as in `make run`. Rasa reads endpoints.production.yml unchanged; everything that
differs between installations comes from environment variables (docs/production.md).

    python scripts/stack.py [--model models/lotse-….tar.gz] [--check]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import redis
from serve import BIN, ROOT, _stop_requested, environment_for, stop, wait_until_up, with_secrets
from serve import commands as single_commands
from serve import ports as single_ports
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import SQLAlchemyError
from watchdog import INTERVAL_S, MISSES, Watch, write_error_pages

from bot.config import load_settings

ENDPOINTS = "endpoints.production.yml"
HAPROXY_CONFIG = ROOT / "deploy" / "haproxy.cfg"
HAPROXY_INSTALL = "sudo apt-get install -y haproxy"
#: For the Rasa replicas: the citizen's address is the one HAProxy adds to X-Forwarded-For, so that
#: the channels' rate limit per address (channels/guard.py) counts citizens, not the proxy.
BEHIND_BALANCER = {"SANIC_PROXIES_COUNT": "1"}

#: Connection settings and their values on this machine when the variable is unset.
SERVICE_DEFAULTS = {
    "LOTSE_OFFER_DB_URL": "postgresql://postgres@127.0.0.1:5432/lotse_offers",
    "LOTSE_TRACKER_DB_URL": "postgresql://postgres@127.0.0.1:5432/lotse_tracker",
    "LOTSE_REDIS_URL": "redis://127.0.0.1:6379/0",
    "LOTSE_AMQP_URL": "amqp://guest:guest@127.0.0.1:5672/",  # set it empty to run without broker
}
#: Ports besides those of `make run` (LOTSE_RASA_PORT, LOTSE_ACTIONS_PORT: here the load balancer).
REPLICA_PORT_DEFAULTS = {
    "LOTSE_RASA1_PORT": 5006,
    "LOTSE_RASA2_PORT": 5007,
    "LOTSE_ACTIONS1_PORT": 5056,
    "LOTSE_ACTIONS2_PORT": 5057,
    "LOTSE_HAPROXY_STATS_PORT": 8404,
}


def ports() -> dict[str, int]:
    """Every port by its environment variable."""
    single = single_ports()
    found = {
        "LOTSE_RASA_PORT": single["rasa"],
        "LOTSE_ACTIONS_PORT": single["actions"],
        "LOTSE_WEB_PORT": single["web"],
        "LOTSE_ADVISOR_PORT": single["advisor"],
    }
    found.update({name: int(os.environ.get(name, default)) for name, default in REPLICA_PORT_DEFAULTS.items()})
    return found


def stack_environment() -> dict[str, str]:
    """What every process of the stack sees: service URLs with defaults, ports, quiet logs, the
    action servers' shared secret (LOTSE_ACTION_TOKEN, generated per run when not set)."""
    env = {**os.environ, **{name: os.environ.get(name, default) for name, default in SERVICE_DEFAULTS.items()}}
    env.update({name: str(port) for name, port in ports().items()})
    env.setdefault("LOTSE_ACTION_ENDPOINT_URL", f"http://127.0.0.1:{env['LOTSE_ACTIONS_PORT']}/webhook")
    env.update(TF_CPP_MIN_LOG_LEVEL="3", PYTHONWARNINGS="ignore", SQLALCHEMY_SILENCE_UBER_WARNING="1")
    env.update(RASA_TELEMETRY_ENABLED="false")
    # HAProxy's own error pages, in German (scripts/watchdog.py writes them before HAProxy starts).
    env.setdefault("LOTSE_HAPROXY_ERRORS", str(load_settings().data_dir / "stack" / "haproxy-errors"))
    return with_secrets(env)  # one action secret for all four servers (actions/server.py)


def shown(url: str) -> str:
    """A service URL for the screen: password replaced by ***."""
    parts = urlsplit(url)
    if not parts.password:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@")))


def newest_model() -> Path | None:
    models = sorted((ROOT / "models").glob("lotse-*.tar.gz"), key=lambda p: p.stat().st_mtime)
    return models[-1] if models else None


def problems(env: dict[str, str], model: Path | None) -> list[str]:
    """Everything that keeps the stack from starting, in German, with the fix where we know it."""
    found = []
    if not shutil.which("haproxy"):
        found.append(f"HAProxy fehlt (Lastverteiler). Installation: {HAPROXY_INSTALL}")
    if model is None or not model.is_file():
        found.append("Kein trainiertes Modell unter models/. Erst `make train` ausführen.")
    for name in ("LOTSE_OFFER_DB_URL", "LOTSE_TRACKER_DB_URL"):
        found += _postgres_problems(name, env[name])
    try:
        redis.Redis.from_url(env["LOTSE_REDIS_URL"], socket_timeout=5).ping()
    except (redis.RedisError, ValueError) as error:
        found.append(f"Redis unter {shown(env['LOTSE_REDIS_URL'])} nicht erreichbar (LOTSE_REDIS_URL): {error}")
    if env["LOTSE_AMQP_URL"]:
        found += _rabbitmq_problems(env["LOTSE_AMQP_URL"])
    for name, port in ports().items():
        if not _port_free(port):
            found.append(f"Port {port} ({name}) ist schon belegt. Läuft noch `make run` oder `make stack`?")
    return found


def _postgres_problems(name: str, url: str) -> list[str]:
    try:
        parsed = make_url(url)
    except SQLAlchemyError:
        return [f"{name} ist keine gültige Datenbank-Adresse: {shown(url)}"]
    if parsed.get_backend_name() != "postgresql":
        return [f"{name} muss auf PostgreSQL zeigen (z. B. {SERVICE_DEFAULTS[name]}), nicht auf {shown(url)}."]
    try:
        with _server(url).connect():
            return []
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        return [f"PostgreSQL für {name} nicht erreichbar ({shown(url)}): {reason}"]


def _server(url: str) -> Engine:
    """The server's maintenance database: there we may create the databases we need."""
    admin = make_url(url).set(database="postgres")
    return create_engine(admin, future=True, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5})


def _rabbitmq_problems(url: str) -> list[str]:
    import aio_pika

    async def connect() -> None:
        connection = await aio_pika.connect(url, timeout=5)
        await connection.close()

    try:
        asyncio.run(connect())
        return []
    except Exception as error:  # aio_pika raises many unrelated types for "not there"
        reason = str(error).rstrip(".") or type(error).__name__
        return [
            f"RabbitMQ unter {shown(url)} nicht erreichbar (LOTSE_AMQP_URL): {reason}. "
            "Ohne Ereignis-Broker starten: LOTSE_AMQP_URL= (leer) setzen."
        ]


def _port_free(port: int) -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("0.0.0.0", port))
            return True
        except OSError:
            return False


def create_databases(env: dict[str, str]) -> None:
    """The offer and tracker databases, if they do not exist yet (Rasa and Alembic create the tables)."""
    for name in ("LOTSE_OFFER_DB_URL", "LOTSE_TRACKER_DB_URL"):
        database = make_url(env[name]).database
        engine = _server(env[name])
        try:
            with engine.connect() as connection:
                exists = connection.execute(
                    text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": database}
                ).first()
                if not exists:
                    connection.execute(text(f'CREATE DATABASE "{database}"'))
                    print(f"Datenbank {database} angelegt.", flush=True)
        finally:
            engine.dispose()


def prepare_offers(env: dict[str, str], accounts: Path) -> None:
    """Schema and demo data as in `make run`, and demo logins for the inbox in their own file."""
    subprocess.run([str(BIN / "lotse"), "db", "init"], cwd=ROOT, env=env, check=True)
    accounts.parent.mkdir(parents=True, exist_ok=True)
    demo = [str(BIN / "lotse"), "advisor", "demo-accounts", "--out", str(accounts)]
    subprocess.run(demo, cwd=ROOT, env=env, check=True)


def commands(model: Path, env: dict[str, str]) -> dict[str, list[str]]:
    """The commands of `make run` (same channels, CORS, pages), twice and on other ports."""
    single = single_commands(str(model))
    processes = {}
    for n in (1, 2):
        processes[f"Aktionsserver {n}"] = _with(single["Aktionsserver"], "--port", env[f"LOTSE_ACTIONS{n}_PORT"])
    for n in (1, 2):
        rasa = _with(single["Rasa-Server"], "--port", env[f"LOTSE_RASA{n}_PORT"])
        processes[f"Rasa {n}"] = [*_with(rasa, "--endpoints", ENDPOINTS), "--interface", "127.0.0.1"]
    processes["Chat-Seite"] = single["Chat-Seite"]
    processes["Beratungspostfach"] = single["Beratungspostfach"]
    processes["HAProxy"] = ["haproxy", "-db", "-f", str(HAPROXY_CONFIG)]
    return processes


def _with(command: list[str], option: str, value: str) -> list[str]:
    """``command`` with the value after ``option`` replaced."""
    changed = list(command)
    changed[changed.index(option) + 1] = value
    return changed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, help="Modell (sonst das neueste unter models/)")
    parser.add_argument("--check", action="store_true", help="nur prüfen, ob alles bereit ist")
    args = parser.parse_args()
    started = time.monotonic()
    env = stack_environment()
    model = args.model or newest_model()
    missing = problems(env, model)
    if missing:
        print("Der Stack kann nicht starten:\n" + "\n".join(f"  - {m}" for m in missing), file=sys.stderr)
        return 1
    if args.check:
        broker = "RabbitMQ, " if env["LOTSE_AMQP_URL"] else ""
        print(f"Alles bereit: PostgreSQL, Redis, {broker}HAProxy, Modell {model.name}.")
        return 0
    accounts = load_settings().data_dir / "stack" / "advisor-demo-zugang.txt"
    try:
        create_databases(env)
        prepare_offers(env, accounts)
    except (SQLAlchemyError, subprocess.CalledProcessError) as error:
        print(f"Fehler beim Einrichten der Datenbanken: {error}", file=sys.stderr)
        return 1
    signal.signal(signal.SIGTERM, _stop_requested)
    signal.signal(signal.SIGINT, _stop_requested)
    processes: dict[str, subprocess.Popen] = {}
    try:
        servers = commands(model, env)
        balancer = servers.pop("HAProxy")
        for name, command in servers.items():
            child_env = {**env, **BEHIND_BALANCER} if name.startswith("Rasa") else environment_for(name, env)
            processes[name] = subprocess.Popen(command, cwd=ROOT, env=child_env, start_new_session=True)
        _wait_for_servers(env, processes)
        write_error_pages(Path(env["LOTSE_HAPROXY_ERRORS"]), _apology(env))
        # HAProxy last: started earlier, it would only report the servers as missing until they are up.
        processes["HAProxy"] = subprocess.Popen(balancer, cwd=ROOT, env=env, start_new_session=True)
        wait_until_balanced(f"http://127.0.0.1:{env['LOTSE_HAPROXY_STATS_PORT']}/;csv", processes)
        _print_addresses(env, accounts, time.monotonic() - started)
        watches = {name: Watch(name, f"http://127.0.0.1:{env[f'LOTSE_RASA{name[-1]}_PORT']}/").start()
                   for name in servers if name.startswith("Rasa")}
        while True:
            for name, process in processes.items():
                if process.poll() is not None:
                    raise RuntimeError(f"{name} wurde unerwartet beendet (Exit-Code {process.returncode}).")
            for name, watch in watches.items():
                if watch.frozen.is_set():
                    processes[name] = _restart(name, processes[name], servers[name], {**env, **BEHIND_BALANCER})
                    watch.restarted()
            time.sleep(0.5)
    except KeyboardInterrupt:
        print("\nBeende alle Prozesse ...", flush=True)
        return 0
    except RuntimeError as error:
        print(f"Fehler: {error} Alle Prozesse werden beendet.", file=sys.stderr, flush=True)
        return 1
    finally:
        stop(processes)


def _restart(name: str, process: subprocess.Popen, command: list[str], env: dict[str, str]) -> subprocess.Popen:
    """A replica that is alive but answers no one: killed and started again (scripts/watchdog.py)."""
    print(f"{name} antwortet seit {MISSES * INTERVAL_S:.0f} s nicht mehr und wird neu gestartet.", flush=True)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    return subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)


def _apology(env: dict[str, str]) -> str:
    from bot.config import hotline
    from bot.wording import render

    return render("technical_problem", hotline=hotline(env))["text"]


def _wait_for_servers(env: dict[str, str], processes: dict[str, subprocess.Popen]) -> None:
    local = "http://127.0.0.1"
    for n in (1, 2):
        wait_until_up(f"{local}:{env[f'LOTSE_ACTIONS{n}_PORT']}/health", processes)
    for n in (1, 2):  # both load the model at the same time; on two cores that takes a while
        wait_until_up(f"{local}:{env[f'LOTSE_RASA{n}_PORT']}/", processes, timeout=600)
    wait_until_up(f"{local}:{env['LOTSE_WEB_PORT']}/", processes)
    wait_until_up(f"{local}:{env['LOTSE_ADVISOR_PORT']}/health", processes)


def wait_until_balanced(stats_csv: str, processes: dict[str, subprocess.Popen], timeout: float = 60) -> None:
    """HAProxy sends requests only to servers its health check has seen: wait until all are UP."""
    deadline = time.monotonic() + timeout
    down = ["HAProxy"]
    while time.monotonic() < deadline:
        for name, process in processes.items():
            if process.poll() is not None:
                raise RuntimeError(f"{name} wurde beendet (Exit-Code {process.returncode}).")
        try:
            with urllib.request.urlopen(stats_csv, timeout=2) as response:
                rows = list(csv.DictReader(response.read().decode().removeprefix("# ").splitlines()))
            servers = [row for row in rows if row["svname"] not in ("FRONTEND", "BACKEND")]
            down = [f"{row['pxname']}/{row['svname']}" for row in servers if row["status"] != "UP"]
            if servers and not down:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"Der Lastverteiler erreicht nach {timeout:.0f} s noch nicht: {', '.join(down)}.")


def _print_addresses(env: dict[str, str], accounts: Path, seconds: float) -> None:
    broker = f"{shown(env['LOTSE_AMQP_URL'])} (Warteschlange lotse_events)" if env["LOTSE_AMQP_URL"] else "aus"
    rasa, stats = f"http://localhost:{env['LOTSE_RASA_PORT']}", env["LOTSE_HAPROXY_STATS_PORT"]
    print(
        f"\nDer Weiterbildungslotse läuft mit je zwei Rasa- und Aktionsservern (gestartet in {seconds:.1f} s):\n"
        f"  Chat-Seite:        http://localhost:{env['LOTSE_WEB_PORT']}/\n"
        f"  REST-API:          {rasa}/webhooks/rest/webhook  (abwechselnd Rasa 1 und 2)\n"
        f"  socket.io:         {rasa}/socket.io  (je Client-Adresse fest ein Rasa)\n"
        f"  Rasa 1 und 2:      http://127.0.0.1:{env['LOTSE_RASA1_PORT']}/, http://127.0.0.1:{env['LOTSE_RASA2_PORT']}/\n"
        f"  Aktionen:          http://127.0.0.1:{env['LOTSE_ACTIONS_PORT']}/health  "
        f"(verteilt auf {env['LOTSE_ACTIONS1_PORT']} und {env['LOTSE_ACTIONS2_PORT']})\n"
        f"  Lastverteiler:     http://127.0.0.1:{stats}/  (Zustand der Server)\n"
        f"  Beratungspostfach: http://localhost:{env['LOTSE_ADVISOR_PORT']}/\n"
        f"                     (Zugänge für die Vorführung: {accounts})\n"
        f"  Gesprächsverläufe: {shown(env['LOTSE_TRACKER_DB_URL'])}\n"
        f"  Angebote:          {shown(env['LOTSE_OFFER_DB_URL'])}\n"
        f"  Lock-Store:        {shown(env['LOTSE_REDIS_URL'])}\n"
        f"  Ereignis-Broker:   {broker}\n"
        "Beenden mit Strg+C.\n",
        flush=True,
    )


if __name__ == "__main__":
    raise SystemExit(main())
