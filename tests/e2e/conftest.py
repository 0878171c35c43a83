"""The real bot on free ports with a temporary database, talked to over the REST channel."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.botstack import BotProcesses, newest_model, running_bot


@dataclass
class RunningBot:
    rest_url: str
    db_url: str
    tracker_url: str
    #: What both servers wrote (stdout and stderr), as it grows.
    log: Path | None = None

    @classmethod
    def of(cls, processes: BotProcesses) -> RunningBot:
        return cls(f"{processes.rasa_url}/webhooks/rest/webhook", processes.db_url, processes.tracker_url,
                   processes.data_dir / "bot.log")

    def say(self, sender: str, message: str) -> list[dict]:
        body = json.dumps({"sender": sender, "message": message}).encode()
        request = urllib.request.Request(self.rest_url, data=body, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    def texts(self, sender: str, message: str) -> list[str]:
        return [m["text"] for m in self.say(sender, message) if m.get("text")]

    def post(self, body: bytes, headers: dict[str, str] | None = None) -> tuple[int, str]:
        """Any body to the webhook; (status, response text) also for error statuses."""
        request = urllib.request.Request(
            self.rest_url, data=body, headers={"Content-Type": "application/json", **(headers or {})}
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


def trained_model() -> Path:
    model = newest_model()
    if model is None or not model.is_file():
        pytest.skip("kein trainiertes Modell unter models/ – erst `make train` oder `make test` ausführen")
    return model


@pytest.fixture(scope="session")
def bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningBot]:
    model = trained_model()
    # Every e2e request comes from 127.0.0.1: the per-address limit (channels/guard.py) would make
    # the suite's speed a test subject. It is tested on its own in test_api_security.py.
    env = pytest.MonkeyPatch()
    env.setenv("LOTSE_RATE_PER_IP", "0")
    try:
        with running_bot(model, tmp_path_factory.mktemp("lotse-data")) as processes:
            env.undo()  # the bot has its environment; nothing else in this session inherits it
            yield RunningBot.of(processes)
    finally:
        env.undo()
