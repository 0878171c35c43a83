"""Start the action server, the Rasa server and the chat page; stop all of them on Ctrl-C.

Each child runs in its own process group so that stopping also ends what it started itself.
If one of them dies, the others are stopped too: a half-running bot is worse than none.

The Rasa server is started through this file (``serve.py rasa run …``): Rasa's HTTP API (trackers,
events, model) is switched on only together with a token or JWT secret from the environment
(``api_options``), and those secrets are handed to Rasa inside the process, never on a command line
that every local user can read with ``ps``. See docs/security.md.

The action server listens on 127.0.0.1 only (``LOTSE_ACTIONS_HOST`` to change it) and answers only
calls that carry the shared secret ``LOTSE_ACTION_TOKEN`` (actions/server.py). Without one set,
each run makes a new one and hands it to both servers through their environment.
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Mapping
from pathlib import Path

from bot.config import ACTION_TOKEN_ENV, shared_secret

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEMO_ACCOUNTS = ROOT / "var" / "advisor-demo-zugang.txt"
#: Largest request body the Rasa server reads at all (Sanic's REQUEST_MAX_SIZE, default 100 MB);
#: the chat channels have their own, smaller limits (channels/guard.py).
MAX_REQUEST_BYTES = 1_000_000
MIN_TOKEN_CHARS = 16
#: Where the action server listens; 127.0.0.1 unless the operator names another address.
ACTIONS_HOST_ENV = "LOTSE_ACTIONS_HOST"


def api_options(env: Mapping[str, str]) -> list[str]:
    """Rasa's HTTP API only behind LOTSE_API_TOKEN and/or LOTSE_JWT_SECRET; without either it is off."""
    token = env.get("LOTSE_API_TOKEN", "").strip()
    secret = env.get("LOTSE_JWT_SECRET", "").strip()
    options: list[str] = []
    for name, value in (("LOTSE_API_TOKEN", token), ("LOTSE_JWT_SECRET", secret)):
        if value and len(value) < MIN_TOKEN_CHARS:
            raise ValueError(f"{name} ist zu kurz: mindestens {MIN_TOKEN_CHARS} zufällige Zeichen.")
    if token:
        options += ["--auth-token", token]
    if secret:
        options += ["--jwt-secret", secret, "--jwt-method", env.get("LOTSE_JWT_METHOD", "").strip() or "HS256"]
    return ["--enable-api", *options] if options else []


def with_secrets(env: Mapping[str, str]) -> dict[str, str]:
    """``env`` with the action server's shared secret: the operator's (checked) or a new one for this run."""
    found = dict(env)
    if found.get(ACTION_TOKEN_ENV, "").strip():
        found[ACTION_TOKEN_ENV] = shared_secret(found, ACTION_TOKEN_ENV)  # too short: ValueError
    else:
        found[ACTION_TOKEN_ENV] = secrets.token_urlsafe(32)
    return found


def environment_for(name: str, env: Mapping[str, str]) -> dict[str, str]:
    """What one of the processes sees: the action servers listen on 127.0.0.1 unless told otherwise."""
    if name.startswith("Aktionsserver"):
        return {**env, "SANIC_HOST": env.get(ACTIONS_HOST_ENV, "").strip() or "127.0.0.1"}
    return dict(env)


def run_rasa(arguments: list[str]) -> None:
    """``rasa <arguments>`` in this process; ``rasa run`` with the API options and the request size limit.

    Training goes through here too (scripts/train.py), for the import order of rasa_ext/command.py and
    the Rasa patches it installs for training (rasa_ext).
    """
    os.environ.setdefault("SANIC_REQUEST_MAX_SIZE", str(MAX_REQUEST_BYTES))
    from rasa_ext import command  # first: it sets the import order (see there)

    served = arguments[:1] == ["run"] and arguments[1:2] != ["actions"]
    command.rasa(arguments + (api_options(os.environ) if served else []))


def ports() -> dict[str, int]:
    return {
        "rasa": int(os.environ.get("LOTSE_RASA_PORT", "5005")),
        "actions": int(os.environ.get("LOTSE_ACTIONS_PORT", "5055")),
        "web": int(os.environ.get("LOTSE_WEB_PORT", "8080")),
        "advisor": int(os.environ.get("LOTSE_ADVISOR_PORT", "8090")),
    }


def commands(model: str) -> dict[str, list[str]]:
    p = ports()
    origins = [f"http://localhost:{p['web']}", f"http://127.0.0.1:{p['web']}"]
    origins += [o for o in os.environ.get("LOTSE_CORS_ORIGINS", "").split() if o]
    return {
        "Aktionsserver": [
            str(BIN / "python"), str(Path(__file__).resolve()), "rasa", "run", "actions", "--actions", "actions",
            "--port", str(p["actions"]),
        ],
        "Rasa-Server": [
            str(BIN / "python"), str(Path(__file__).resolve()), "rasa", "run", "--model", model,
            "--port", str(p["rasa"]), "--credentials", "credentials.yml", "--endpoints", "endpoints.yml",
            "--cors", *origins,
        ],
        "Chat-Seite": [
            str(BIN / "python"), "-m", "http.server", str(p["web"]), "--bind", "127.0.0.1", "--directory", "widget",
        ],
        "Beratungspostfach": [str(BIN / "python"), "-m", "advisor", "--host", "127.0.0.1", "--port", str(p["advisor"])],
    }


def wait_until_up(url: str, processes: dict[str, subprocess.Popen], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for name, process in processes.items():
            if process.poll() is not None:
                raise RuntimeError(f"{name} wurde beendet (Exit-Code {process.returncode}).")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} antwortet nach {timeout:.0f} s nicht.")


def stop(processes: dict[str, subprocess.Popen]) -> None:
    for process in processes.values():
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + 10
    for process in processes.values():
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def _stop_requested(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # Ctrl-C and SIGTERM (e.g. from a service manager) end alike


def main() -> int:
    if sys.argv[1:3] == ["rasa", "train"]:
        run_rasa(sys.argv[2:])
        return 0
    try:
        api = api_options(os.environ)
        env = with_secrets({**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONWARNINGS": "ignore"})
    except ValueError as error:
        print(f"Fehler: {error}", file=sys.stderr)
        return 1
    if sys.argv[1:2] == ["rasa"]:
        run_rasa(sys.argv[2:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True)
    args = parser.parse_args()
    started = time.monotonic()
    processes: dict[str, subprocess.Popen] = {}
    # Set both explicitly: a shell that starts us in the background hands SIGINT down as ignored,
    # and then Ctrl-C (or a supervisor's SIGINT) would leave every child running.
    signal.signal(signal.SIGTERM, _stop_requested)
    signal.signal(signal.SIGINT, _stop_requested)
    try:
        for name, command in commands(args.model).items():
            processes[name] = subprocess.Popen(
                command, cwd=ROOT, env=environment_for(name, env), start_new_session=True
            )
        p = ports()
        wait_until_up(f"http://127.0.0.1:{p['actions']}/health", processes)
        wait_until_up(f"http://127.0.0.1:{p['rasa']}/", processes)
        wait_until_up(f"http://127.0.0.1:{p['web']}/", processes)
        wait_until_up(f"http://127.0.0.1:{p['advisor']}/health", processes)
        print(
            f"\nDer Weiterbildungslotse läuft (gestartet in {time.monotonic() - started:.1f} s):\n"
            f"  Chat-Seite:   http://localhost:{p['web']}/\n"
            f"  REST-API:     http://localhost:{p['rasa']}/webhooks/rest/webhook\n"
            f"  Rasa-HTTP-API: {'an, nur mit Token/JWT' if api else 'aus (ohne LOTSE_API_TOKEN/LOTSE_JWT_SECRET)'}\n"
            f"  socket.io:    http://localhost:{p['rasa']}/socket.io\n"
            f"  Aktionen:     http://127.0.0.1:{p['actions']}/health (nur mit Token)\n"
            f"  Beratungspostfach: http://localhost:{p['advisor']}/  "
            f"(Zugänge für die Vorführung: {DEMO_ACCOUNTS.relative_to(ROOT)})\n"
            "Beenden mit Strg+C.\n",
            flush=True,
        )
        while True:
            for name, process in processes.items():
                if process.poll() is not None:
                    raise RuntimeError(f"{name} wurde unerwartet beendet (Exit-Code {process.returncode}).")
            time.sleep(0.5)
    except KeyboardInterrupt:
        print("\nBeende alle Prozesse ...", flush=True)
        return 0
    except RuntimeError as error:
        print(f"Fehler: {error}", file=sys.stderr, flush=True)
        return 1
    finally:
        stop(processes)


if __name__ == "__main__":
    raise SystemExit(main())
