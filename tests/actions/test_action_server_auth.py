"""The action server as an attacker meets it: a real `rasa run actions` process on a free port.

A forged ``POST /webhook`` without the shared secret, or with a wrong one, is refused before any
action runs; the Rasa server's call with ``Authorization: Bearer <secret>`` is answered.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.botstack import free_port

ROOT = Path(__file__).resolve().parents[2]
RASA = Path(sys.executable).parent / "rasa"
TOKEN = secrets.token_urlsafe(32)


def call(url: str, body: dict | None = None, headers: dict[str, str] | None = None) -> tuple[int, dict]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def action_call(action: str, sender: str = "opfer-1") -> dict:
    """What Rasa (or a forger) sends: the action name and a tracker."""
    return {
        "next_action": action,
        "sender_id": sender,
        "version": "3.6.21",
        "domain": {},
        "tracker": {
            "sender_id": sender, "slots": {}, "latest_message": {"text": "", "intent": {}, "entities": []},
            "events": [], "paused": False, "followup_action": None, "active_loop": {},
            "latest_action_name": "action_listen",
        },
    }


def start(env: dict[str, str], port: int) -> subprocess.Popen:
    return subprocess.Popen(
        [str(RASA), "run", "actions", "--actions", "actions", "--port", str(port)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )


def environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "LOTSE_ACTION_TOKEN"}
    return {**env, "LOTSE_DATA_DIR": str(tmp_path), "RASA_TELEMETRY_ENABLED": "false", "PYTHONWARNINGS": "ignore",
            "SANIC_HOST": "127.0.0.1", **extra}


@pytest.fixture(scope="module")
def actions_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    process = start(environment(tmp_path_factory.mktemp("actions"), LOTSE_ACTION_TOKEN=TOKEN), port)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert process.poll() is None, process.stdout.read() if process.stdout else ""
            try:
                call(url + "/health")
                break
            except OSError:
                assert time.monotonic() < deadline, "action server did not start"
                time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_a_forged_call_without_the_secret_is_refused(actions_url: str) -> None:
    status, body = call(actions_url + "/webhook", action_call("action_delete_my_data"))
    assert status == 401
    assert "events" not in body and "responses" not in body


@pytest.mark.parametrize("header", [f"Bearer {TOKEN[:-1]}x", "Bearer ", f"Basic {TOKEN}", "Bearer " + "a" * 43])
def test_a_forged_call_with_a_wrong_secret_is_refused(actions_url: str, header: str) -> None:
    status, body = call(actions_url + "/webhook", action_call("action_delete_my_data"), {"Authorization": header})
    assert status in (401, 403)
    assert "events" not in body and "responses" not in body


def test_the_action_list_is_not_shown_without_the_secret(actions_url: str) -> None:
    assert call(actions_url + "/actions")[0] == 401


def test_the_rasa_servers_call_with_the_secret_is_answered(actions_url: str) -> None:
    status, body = call(
        actions_url + "/webhook", action_call("action_data_protection"), {"Authorization": f"Bearer {TOKEN}"}
    )
    assert status == 200
    assert "Datenschutz" in body["responses"][0]["text"] or "gespeichert" in body["responses"][0]["text"]


def test_the_health_check_needs_no_secret(actions_url: str) -> None:
    assert call(actions_url + "/health") == (200, {"status": "ok"})


@pytest.mark.parametrize("token", ["", "zu-kurz"])
def test_without_a_proper_secret_the_action_server_does_not_start(tmp_path: Path, token: str) -> None:
    port = free_port()
    process = start(environment(tmp_path, LOTSE_ACTION_TOKEN=token), port)
    output, _ = process.communicate(timeout=120)
    assert process.returncode != 0
    assert "LOTSE_ACTION_TOKEN" in output
