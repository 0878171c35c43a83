"""The real bot on free ports with a temporary database, talked to over the REST channel."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from tests.botstack import newest_model, running_bot


@dataclass
class RunningBot:
    rest_url: str
    db_url: str
    tracker_url: str

    def say(self, sender: str, message: str) -> list[dict]:
        body = json.dumps({"sender": sender, "message": message}).encode()
        request = urllib.request.Request(self.rest_url, data=body, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    def texts(self, sender: str, message: str) -> list[str]:
        return [m["text"] for m in self.say(sender, message) if m.get("text")]


@pytest.fixture(scope="session")
def bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningBot]:
    model = newest_model()
    if model is None or not model.is_file():
        pytest.skip("kein trainiertes Modell unter models/ – erst `make train` oder `make test` ausführen")
    with running_bot(model, tmp_path_factory.mktemp("lotse-data")) as processes:
        yield RunningBot(
            rest_url=f"{processes.rasa_url}/webhooks/rest/webhook",
            db_url=processes.db_url,
            tracker_url=processes.tracker_url,
        )
