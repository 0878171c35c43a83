"""The widget's socket.io channel applies the same guard and fault handling as REST, as bot messages."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import socketio

from channels.faults import FaultSettings
from channels.guard import Guard, GuardSettings
from channels.socketio import LotseSocketIOInput
from tests.channels.conftest import HOTLINE, ScriptedBot, TroubledBot, serve_channel, technical_problem

SESSION = "5c1e0d6f2a9b4e7c8d3f1a2b3c4d5e6f"


class Widget:
    """Talks socket.io like widget/lotse-transport.js (polling, so no websocket client is needed).

    It asks for ``session`` with ``proof`` (the widget's stored ones) and, like the widget, adopts
    the session the server confirms.
    """

    def __init__(self, base: str, session: str = SESSION, proof: str | None = None) -> None:
        self.client = socketio.Client(reconnection=False)
        self.answers: list[dict[str, Any]] = []
        self.arrived = threading.Condition()
        confirmed = threading.Event()

        def confirm(given: dict[str, str]) -> None:
            self.session, self.proof = given["session_id"], given["proof"]
            confirmed.set()

        self.client.on("session_confirm", confirm)
        self.client.on("bot_uttered", self._arrive)
        self.client.connect(base, transports=["polling"], socketio_path="/socket.io")
        self.client.emit("session_request", {"session_id": session, "proof": proof})
        assert confirmed.wait(10), "no session_confirm"

    def _arrive(self, message: dict[str, Any]) -> None:
        with self.arrived:
            self.answers.append(message)
            self.arrived.notify_all()

    def say(self, text: str, count: int = 1, session: str | None = None) -> list[str]:
        """Sends ``text`` (naming ``session``, by default its own) and returns the next ``count`` bot texts."""
        start = len(self.answers)
        self.client.emit("user_uttered", {"message": text, "session_id": session or self.session})
        with self.arrived:
            assert self.arrived.wait_for(lambda: len(self.answers) >= start + count, 10), self.answers
        return [m.get("text", "") for m in self.answers[start : start + count]]

    def close(self) -> None:  # without waiting for the pending long-poll (the client library may wait 30 s)
        self.client.eio.disconnect(abort=True)


@contextmanager
def widget_for(bot: Any, settings: GuardSettings, faults: FaultSettings | None = None) -> Iterator[Widget]:
    channel = LotseSocketIOInput(
        "user_uttered", "bot_uttered", session_persistence=True, guard=Guard(settings),
        faults=faults or FaultSettings(reply_timeout=5, hotline=HOTLINE),
    )
    with serve_channel(channel, bot) as base:
        widget = Widget(base.split("/webhooks")[0])
        try:
            yield widget
        finally:
            widget.close()


OPEN = GuardSettings(per_sender_per_minute=0, per_client_per_minute=0)


def test_messages_are_cleaned_and_answered(bot: ScriptedBot) -> None:
    with widget_for(bot, OPEN) as widget:
        assert widget.say("<b>Pflege</b> in Krefeld\u200b") == ["Verstanden: Pflege in Krefeld"]


def test_empty_and_overlong_messages_get_a_hint_and_are_not_processed(bot: ScriptedBot) -> None:
    with widget_for(bot, OPEN) as widget:
        assert "Ihre Nachricht ist leer" in widget.say(" \u200b ")[0]
        assert widget.say("<div><br></div>")[0].startswith("Der Chat zeigt keine Formatierungen wie HTML an.")
        assert "höchstens 2.000 Zeichen" in widget.say("x" * 100_000)[0]
    assert bot.received == []


def test_too_many_messages_get_a_polite_bot_message(bot: ScriptedBot) -> None:
    with widget_for(bot, GuardSettings(per_sender_per_minute=2, per_client_per_minute=0)) as widget:
        widget.say("eins")
        widget.say("zwei")
        assert widget.say("drei")[0].startswith("Sie schreiben gerade sehr schnell.")
    assert bot.texts == ["eins", "zwei"]


def test_a_failing_turn_gets_the_apology() -> None:
    with widget_for(TroubledBot("raises"), OPEN) as widget:
        assert widget.say("Ich suche einen Kurs") == [technical_problem(HOTLINE)]


def test_a_slow_turn_gets_the_apology_and_the_answer_follows() -> None:
    troubled = TroubledBot("hangs")
    with widget_for(troubled, OPEN, FaultSettings(reply_timeout=0.3, hotline=HOTLINE)) as widget:
        assert "technische Störung" in widget.say("Ich suche einen Kurs")[0]
        start = len(widget.answers)
        troubled.release.set()
        with widget.arrived:
            assert widget.arrived.wait_for(lambda: len(widget.answers) > start, 10)
        assert widget.answers[start]["text"] == "Antwort auf Ich suche einen Kurs"


def test_metadata_is_bounded_and_only_read_fields_go_on(bot: ScriptedBot) -> None:
    with widget_for(bot, OPEN) as widget:
        widget.client.emit("user_uttered", {"message": "Hallo", "metadata": {"x": "a" * 50_000}})
        with widget.arrived:
            assert widget.arrived.wait_for(lambda: len(widget.answers) >= 1, 10)
        assert widget.answers[0]["text"].startswith("„metadata“ ist zu groß")
        widget.client.emit("user_uttered", {"message": "Hallo", "metadata": {"utm": "x"}})
        with widget.arrived:
            assert widget.arrived.wait_for(lambda: len(widget.answers) >= 2, 10)
    assert [m.metadata for m in bot.received] == [None]
