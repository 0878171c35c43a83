"""`make run` (scripts/serve.py): the action server as a local attacker and a neighbour see it.

It listens on 127.0.0.1 only, answers only calls with the shared secret, and that secret is
generated per run when none is set and never appears on a command line (``ps`` shows those).
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import ModuleType

import pytest

from tests.botstack import free_port

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "serve.py"


def load_serve() -> ModuleType:
    spec = importlib.util.spec_from_file_location("lotse_serve_under_test", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


serve = load_serve()


def listening_addresses(port: int) -> set[str]:
    """Local addresses with a listening TCP socket on ``port`` (IPv4 and IPv6, from /proc/net)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, port_hex = local.rsplit(":", 1)
            if state == "0A" and int(port_hex, 16) == port:
                found.add(address)
    return found


def test_a_secret_is_generated_per_run_when_none_is_set() -> None:
    first, second = serve.with_secrets({}), serve.with_secrets({"LOTSE_ACTION_TOKEN": "  "})
    assert len(first["LOTSE_ACTION_TOKEN"]) >= 32
    assert first["LOTSE_ACTION_TOKEN"] != second["LOTSE_ACTION_TOKEN"]
    own = "x" * 40
    assert serve.with_secrets({"LOTSE_ACTION_TOKEN": own})["LOTSE_ACTION_TOKEN"] == own


def test_a_short_secret_is_refused_in_german() -> None:
    with pytest.raises(ValueError, match="mindestens 32"):
        serve.with_secrets({"LOTSE_ACTION_TOKEN": "geheim"})


def test_make_runs_action_server_listens_only_locally_and_wants_the_secret(tmp_path: Path) -> None:
    port = free_port()
    command = serve.commands("models/none.tar.gz")["Aktionsserver"]
    command[command.index("--port") + 1] = str(port)
    base = {key: value for key, value in os.environ.items() if key not in ("LOTSE_ACTION_TOKEN", "SANIC_HOST")}
    env = serve.environment_for("Aktionsserver", serve.with_secrets(
        {**base, "LOTSE_DATA_DIR": str(tmp_path), "RASA_TELEMETRY_ENABLED": "false"}
    ))
    token = env["LOTSE_ACTION_TOKEN"]
    process = subprocess.Popen(command, cwd=SCRIPT.parent.parent, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not listening_addresses(port):
            assert process.poll() is None and time.monotonic() < deadline, "action server did not start"
            time.sleep(0.3)
        assert listening_addresses(port) == {"0100007F"}  # 127.0.0.1, nothing reachable from outside
        assert all(token not in " ".join(Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
                                        .split("\0")) for pid in _group(process.pid))
        request = urllib.request.Request(f"http://127.0.0.1:{port}/actions")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 401
        request.add_header("Authorization", f"Bearer {token}")
        with urllib.request.urlopen(request, timeout=10) as answer:
            assert {"name": "action_submit_callback"} in json.loads(answer.read())
    finally:
        os.killpg(process.pid, 15)
        process.wait(timeout=20)


def _group(pgid: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.getpgid(int(entry.name)) == pgid:
                    pids.append(int(entry.name))
            except OSError:
                continue
    return pids
