"""`scripts/stack.py --check`: says in German what is missing, before anything is started."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from tests.botstack import ROOT, free_port

PORT_VARIABLES = (
    "LOTSE_RASA_PORT", "LOTSE_RASA1_PORT", "LOTSE_RASA2_PORT", "LOTSE_ACTIONS_PORT", "LOTSE_ACTIONS1_PORT",
    "LOTSE_ACTIONS2_PORT", "LOTSE_WEB_PORT", "LOTSE_ADVISOR_PORT", "LOTSE_HAPROXY_STATS_PORT",
)


def check(env: dict[str, str], *options: str) -> subprocess.CompletedProcess[str]:
    ports = {name: str(free_port()) for name in PORT_VARIABLES}
    return subprocess.run(
        [sys.executable, "scripts/stack.py", "--check", *options],
        cwd=ROOT, env={**os.environ, **ports, **env}, capture_output=True, text=True, timeout=120,
    )


def test_every_missing_service_is_named_with_its_variable_and_the_fix() -> None:
    nothing_there = free_port()
    result = check({
        "PATH": os.path.dirname(sys.executable),  # no haproxy on this PATH
        "LOTSE_OFFER_DB_URL": f"postgresql://postgres@127.0.0.1:{nothing_there}/lotse_offers",
        "LOTSE_TRACKER_DB_URL": "sqlite:///var/tracker.sqlite3",
        "LOTSE_REDIS_URL": f"redis://127.0.0.1:{nothing_there}/0",
        "LOTSE_AMQP_URL": f"amqp://lotse:geheim@127.0.0.1:{nothing_there}/",
    })
    assert result.returncode == 1
    said = result.stderr
    assert "HAProxy fehlt" in said and "apt-get install -y haproxy" in said
    assert "PostgreSQL für LOTSE_OFFER_DB_URL nicht erreichbar" in said
    assert "LOTSE_TRACKER_DB_URL muss auf PostgreSQL zeigen" in said
    assert f"Redis unter redis://127.0.0.1:{nothing_there}/0 nicht erreichbar (LOTSE_REDIS_URL)" in said
    assert "RabbitMQ unter" in said and "LOTSE_AMQP_URL= (leer)" in said
    assert "geheim" not in said  # passwords never reach the screen
    assert "Traceback" not in said


def test_ready_when_the_services_are_there(tmp_path: Path) -> None:
    postgres_url = os.environ.get("LOTSE_TEST_POSTGRES_URL")
    redis_url = os.environ.get("LOTSE_TEST_REDIS_URL")
    if not postgres_url or not redis_url:
        pytest.skip("LOTSE_TEST_POSTGRES_URL und LOTSE_TEST_REDIS_URL müssen gesetzt sein")
    if not shutil.which("haproxy"):
        pytest.skip("HAProxy fehlt: apt-get install -y haproxy")
    model = tmp_path / "lotse-test.tar.gz"  # --check only looks whether the file is there
    model.write_bytes(b"")
    server = make_url(postgres_url)
    result = check({
        "LOTSE_OFFER_DB_URL": server.set(database="lotse_offers").render_as_string(hide_password=False),
        "LOTSE_TRACKER_DB_URL": server.set(database="lotse_tracker").render_as_string(hide_password=False),
        "LOTSE_REDIS_URL": redis_url,
        "LOTSE_AMQP_URL": os.environ.get("LOTSE_TEST_AMQP_URL", ""),
    }, "--model", str(model))
    assert result.returncode == 0, result.stderr
    assert "Alles bereit" in result.stdout
