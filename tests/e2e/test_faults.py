"""Faults as a citizen meets them: action server down or hanging, offer database gone, Rasa restarted,
a confirmation sent twice. Each time the citizen gets an answer, and nothing already said is lost.

One bot for the module (its own: servers are stopped and restarted here); replies time out after
8 s instead of 20 so that the hanging action server costs less waiting.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, select, text

from bot.config import DEFAULT_HOTLINE
from bot.db.models import CallbackRequest
from bot.db.session import session_scope
from tests.botstack import running_bot
from tests.e2e.conftest import RunningBot, trained_model
from tests.e2e.processes import Servers

#: How a citizen answers the callback form, by words of the bot's last message.
CALLBACK_ANSWERS = {
    "einverstanden": "Ja, einverstanden",
    "Worum soll es": "Pflege",
    "Wie heißen Sie": "Anna Schmidt",
    "Telefonnummer oder E-Mail-Adresse": "0151 23456789",
    "Wann passt": "morgen vormittag",
    "Soll ich den Rückruf so eintragen": "ja",
}
BOOKED = re.compile(r"WL-[A-Z2-9]{6}")


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[RunningBot, Servers]]:
    model = trained_model()
    env = pytest.MonkeyPatch()
    env.setenv("LOTSE_REPLY_TIMEOUT", "8")
    try:
        with running_bot(model, tmp_path_factory.mktemp("lotse-faults")) as processes:
            env.undo()
            servers = Servers(processes)
            try:
                yield RunningBot.of(processes), servers
            finally:
                servers.close()
    finally:
        env.undo()


def new_sender() -> str:
    return f"e2e-{uuid.uuid4().hex}"


def joined(bot: RunningBot, sender: str, message: str) -> str:
    return "\n".join(bot.texts(sender, message))


def follow_callback_form(bot: RunningBot, sender: str, said: str, until: str) -> str:
    """Answers the form's questions like a citizen until the bot's answer contains ``until``."""
    for _ in range(8):
        if until in said:
            return said
        last = said.rsplit("\n\n", 1)[-1]
        question = next((key for key in CALLBACK_ANSWERS if key in last), None)
        assert question, f"unexpected question on the way to {until!r}: {said}"
        said = joined(bot, sender, CALLBACK_ANSWERS[question])
    raise AssertionError(f"the bot never said {until!r}")


def user_messages(bot: RunningBot, sender: str) -> list[str]:
    engine = create_engine(bot.tracker_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT data FROM events WHERE sender_id = :s AND type_name = 'user' ORDER BY id"), {"s": sender}
            )
            return [json.loads(row.data).get("text") for row in rows]
    finally:
        engine.dispose()


def callbacks(bot: RunningBot, sender: str) -> list[CallbackRequest]:
    with session_scope(bot.db_url) as session:
        rows = session.execute(select(CallbackRequest).where(CallbackRequest.sender_id == sender)).scalars().all()
        session.expunge_all()
        return list(rows)


def test_action_server_down_gets_an_apology_and_the_form_goes_on_afterwards(
    stack: tuple[RunningBot, Servers],
) -> None:
    bot, servers = stack
    sender = new_sender()
    follow_callback_form(bot, sender, joined(bot, sender, "Bitte rufen Sie mich zurück"), "Unter welcher Telefonnummer")
    servers.stop_actions()
    try:
        apology = joined(bot, sender, "0151 23456789")
    finally:
        servers.start_actions()
    assert "technische Störung" in apology and DEFAULT_HOTLINE in apology
    assert user_messages(bot, sender)[-1] == "0151 23456789"  # the message is in the conversation
    summary = follow_callback_form(bot, sender, joined(bot, sender, "0151 23456789"), "Bitte prüfen Sie")
    assert "Anna Schmidt" in summary  # given before the outage
    booked = joined(bot, sender, "ja")
    assert BOOKED.search(booked), booked
    assert [(c.name, c.phone) for c in callbacks(bot, sender)] == [("Anna Schmidt", "+4915123456789")]


def test_action_server_down_at_the_confirmation_the_same_yes_books_afterwards(
    stack: tuple[RunningBot, Servers],
) -> None:
    """The citizen confirms while the action server is gone, gets the apology and, as it asks,
    tries again later with the same "ja": the callback is booked once."""
    bot, servers = stack
    sender = new_sender()
    said = joined(bot, sender, "Bitte rufen Sie mich zurück")
    assert "Bitte prüfen Sie" in follow_callback_form(bot, sender, said, "Bitte prüfen Sie")
    servers.stop_actions()
    try:
        apology = joined(bot, sender, "ja")
    finally:
        servers.start_actions()
    assert "technische Störung" in apology and not BOOKED.search(apology)
    booked = joined(bot, sender, "ja")
    assert BOOKED.search(booked), booked
    assert [(c.name, c.phone) for c in callbacks(bot, sender)] == [("Anna Schmidt", "+4915123456789")]


def test_a_turn_that_is_silent_by_design_gets_no_apology(stack: tuple[RunningBot, Servers]) -> None:
    bot, _ = stack
    sender = new_sender()
    bot.texts(sender, "Hallo")
    assert not any(DEFAULT_HOTLINE in t for t in bot.texts(sender, "Neustart"))  # Rasa's restart says nothing


def test_a_hanging_action_server_gets_an_apology_in_time_and_the_answer_comes_next(
    stack: tuple[RunningBot, Servers],
) -> None:
    bot, servers = stack
    sender = new_sender()
    with servers.actions_frozen():
        apology = bot.texts(sender, "Ich suche einen Pflegekurs in Krefeld")
    assert len(apology) == 1 and DEFAULT_HOTLINE in apology[0]
    later = bot.texts(sender, "Danke")
    # The late answer to the course search comes with the next reply, before the answer to "Danke".
    assert any("Krefeld" in t for t in later[:-1]) and "Krefeld" not in later[-1], later
    assert user_messages(bot, sender) == ["Ich suche einen Pflegekurs in Krefeld", "Danke"]


@contextmanager
def offer_database_gone(servers: Servers) -> Iterator[None]:
    """The action server runs against an offer database it cannot open, until the block ends."""
    healthy_env = dict(servers.actions.env)
    servers.stop_actions()
    servers.start_actions({**healthy_env, "LOTSE_OFFER_DB_URL": "sqlite:////nonexistent/lotse/offers.sqlite3"})
    try:
        yield
    finally:
        servers.stop_actions()
        servers.start_actions(healthy_env)


def test_offer_database_down_gets_an_apology_and_the_search_works_again_afterwards(
    stack: tuple[RunningBot, Servers],
) -> None:
    bot, servers = stack
    sender = new_sender()
    with offer_database_gone(servers):
        answer = joined(bot, sender, "Ich suche einen Pflegekurs in Krefeld")
    assert "technische Störung" in answer
    assert "Traceback" not in answer and "sqlite" not in answer.lower()
    assert "Krefeld" in joined(bot, sender, "Ich suche einen Pflegekurs in Krefeld")


def test_offer_database_down_apology_names_the_hotline(stack: tuple[RunningBot, Servers]) -> None:
    bot, servers = stack
    with offer_database_gone(servers):
        answer = joined(bot, new_sender(), "Ich suche einen Pflegekurs in Krefeld")
    assert "technische Störung" in answer and DEFAULT_HOTLINE in answer


def test_rasa_restarted_mid_form_continues_where_it_was(stack: tuple[RunningBot, Servers]) -> None:
    bot, servers = stack
    sender = new_sender()
    follow_callback_form(bot, sender, joined(bot, sender, "Bitte rufen Sie mich zurück"), "Unter welcher Telefonnummer")
    servers.restart_rasa()
    after_restart = joined(bot, sender, "0151 23456789")
    assert "Wann passt" in after_restart or "Worum soll es" in after_restart, after_restart
    summary = follow_callback_form(bot, sender, after_restart, "Bitte prüfen Sie")
    assert "Anna Schmidt" in summary


def test_a_confirmation_sent_twice_stores_one_callback(stack: tuple[RunningBot, Servers]) -> None:
    bot, _ = stack
    sender = new_sender()
    follow_callback_form(bot, sender, joined(bot, sender, "Ich hätte gern einen Rückruf"), "Bitte prüfen Sie")
    first = joined(bot, sender, "ja")
    second = joined(bot, sender, "ja")  # double click, or the client retried the request
    assert BOOKED.search(first)
    assert "Traceback" not in second
    stored = callbacks(bot, sender)
    assert len(stored) == 1 and stored[0].reference in first
