"""In the bot as `make run` starts it, every registry entry of rasa_ext is in effect in its process.

The unit tests (tests/rasa_ext/test_registry.py) install the registry in the test process; this
one asks the real servers, started through scripts/serve.py and the entry point rasa_ext/command.py,
what is live in them: each writes ``rasa_ext live: {...}`` (``rasa_ext.live_line``) after installing.
A server started another way (without the entry point, or as the wrong process) has no line, or
the wrong patches, and fails here. With LOTSE_RASA_PATCHES=0 nothing may be live.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from typing import Any

import rasa_ext
from tests.e2e.conftest import RunningBot


def live_reports(bot: RunningBot, processes: tuple[str, ...], timeout: float = 30) -> dict[str, dict[str, Any]]:
    """The last ``rasa_ext live`` line of each process in the bot's log."""
    assert bot.log is not None
    deadline = time.monotonic() + timeout
    while True:
        found = {}
        for line in bot.log.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith(rasa_ext.LIVE_LINE):
                report = json.loads(line.removeprefix(rasa_ext.LIVE_LINE))
                found[report["process"]] = report
        if set(processes) <= set(found) or time.monotonic() > deadline:
            return found
        time.sleep(0.5)


def test_every_registry_entry_of_each_process_is_live_in_the_started_bot(bot: RunningBot) -> None:
    assert bot.texts(f"e2e-{uuid.uuid4().hex}", "Hallo")  # the bot answers: both servers are up
    reports = live_reports(bot, ("server", "actions"))
    assert set(reports) == {"server", "actions"}, "a server did not start through rasa_ext/command.py"
    on = rasa_ext.enabled(os.environ)
    for process, report in reports.items():
        expected = {p.name: list(p.targets) for p in rasa_ext.REGISTRY if process in p.processes} if on else {}
        assert report["live"] == expected, process
        assert report["rasa"] == rasa_ext.RASA_VERSION
