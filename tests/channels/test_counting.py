"""The public channels count conversations and messages for the network dashboard, nothing else."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select

from bot.db.models_stats import StatCounter
from bot.db.session import session_scope
from bot.stats.store import counts
from tests.channels.conftest import ScriptedBot
from tests.channels.post import post_json
from tests.channels.test_feedback import SESSION
from tests.channels.test_rest import CITIZEN, send
from tests.channels.test_socketio_guard import Widget
from tests.channels.test_socketio_sessions import server


@pytest.fixture()
def counted(db_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("LOTSE_OFFER_DB_URL", db_url)
    return db_url


def _counts(db_url: str, metric: str) -> int:
    with session_scope(db_url) as s:
        return sum(counts(s, metric).values())


def _wait_for(db_url: str, metric: str, expected: int) -> int:
    """The channel counts after it answered; wait (at most 10 s) until it has."""
    deadline = time.monotonic() + 10
    while _counts(db_url, metric) < expected and time.monotonic() < deadline:
        time.sleep(0.05)
    return _counts(db_url, metric)


def test_rest_messages_are_counted_without_any_text_or_id(counted: str, webhook: str) -> None:
    assert send(webhook, CITIZEN, "Ich heiße Erika, 0151 2345678")[0] == 200
    assert send(webhook, CITIZEN, "Pflegekurs in Krefeld")[0] == 200
    assert _counts(counted, "message") == 2
    with session_scope(counted) as s:
        stored = str([(r.metric, r.key, r.region, r.centre) for r in s.execute(select(StatCounter)).scalars()])
    assert "Erika" not in stored and "0151" not in stored and CITIZEN not in stored


def test_a_new_widget_session_is_one_conversation_and_a_resumed_one_is_not(counted: str, bot: ScriptedBot) -> None:
    with server(bot) as base:
        first = Widget(base)
        try:
            first.say("Hallo")
            first.say("Pflegekurs")
        finally:
            first.close()
        again = Widget(base, session=first.session, proof=first.proof)  # a reload of the same tab
        try:
            assert again.session == first.session
            again.say("Noch eine Frage")
        finally:
            again.close()
    assert _wait_for(counted, "message", 3) == 3
    assert _counts(counted, "conversation") == 1


def test_the_first_rating_of_each_answer_is_counted_as_thumbs(rating_url: str, db_url: str) -> None:
    for index, rating in ((1, "up"), (1, "down"), (2, "down")):  # answer 1 rated again: counted once
        assert post_json(rating_url, {"session_id": SESSION, "message_index": index, "rating": rating})[0] == 201
    with session_scope(db_url) as s:
        assert counts(s, "thumbs") == {"up|": 1, "down|": 1}
