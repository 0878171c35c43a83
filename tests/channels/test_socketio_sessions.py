"""A widget session cannot be joined by a second client without its proof (scripted bot)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from channels.faults import FaultSettings
from channels.guard import Guard, guessable_conversation_id
from channels.session_proof import SessionProofs
from channels.socketio import LotseSocketIOInput
from tests.channels.conftest import HOTLINE, ScriptedBot, serve_channel
from tests.channels.test_socketio_guard import OPEN, SESSION, Widget

PROOFS = SessionProofs(b"x" * 32)


@contextmanager
def server(bot: ScriptedBot) -> Iterator[str]:
    channel = LotseSocketIOInput(
        "user_uttered", "bot_uttered", session_persistence=True, guard=Guard(OPEN),
        faults=FaultSettings(reply_timeout=5, hotline=HOTLINE), proofs=PROOFS,
    )
    with serve_channel(channel, bot) as base:
        yield base.split("/webhooks")[0]


def test_a_new_widget_gets_a_random_session_from_the_server(bot: ScriptedBot) -> None:
    with server(bot) as base:
        first, second = Widget(base), Widget(base)  # both ask for the same id, without proof
        try:
            assert first.session != SESSION and second.session != first.session
            assert not guessable_conversation_id(first.session) and len(first.session) == 32
            first.say("Hallo")
        finally:
            first.close()
            second.close()
    assert [m.sender_id for m in bot.received] == [first.session]


def test_a_second_client_that_knows_the_session_id_reads_nothing_of_it(bot: ScriptedBot) -> None:
    with server(bot) as base:
        citizen = Widget(base)
        intruder = Widget(base, session=citizen.session, proof="0" * 64)  # the id from a transcript, no proof
        try:
            assert intruder.session != citizen.session
            assert citizen.say("Ich heiße Erika Muster") == ["Verstanden: Ich heiße Erika Muster"]
            assert intruder.say("Was hatte ich angegeben?", session=citizen.session) == [
                "Verstanden: Was hatte ich angegeben?"
            ]
            time.sleep(0.3)  # anything misrouted would have arrived by now
        finally:
            citizen.close()
            intruder.close()
    assert [m.get("text") for m in intruder.answers] == ["Verstanden: Was hatte ich angegeben?"]
    assert [m.get("text") for m in citizen.answers] == ["Verstanden: Ich heiße Erika Muster"]
    assert [m.sender_id for m in bot.received] == [citizen.session, intruder.session]  # never into hers


def test_with_its_proof_the_widget_continues_its_session_after_a_reload(bot: ScriptedBot) -> None:
    with server(bot) as base:
        before = Widget(base)
        before.say("erste Frage")
        before.close()
        after = Widget(base, session=before.session, proof=before.proof)
        try:
            assert after.session == before.session
            assert after.say("zweite Frage") == ["Verstanden: zweite Frage"]
        finally:
            after.close()
    assert [m.sender_id for m in bot.received] == [before.session, before.session]


def test_a_proof_only_fits_its_own_id_and_its_own_secret() -> None:
    session, proof = PROOFS.issue()
    assert PROOFS.valid(session, proof)
    assert not PROOFS.valid(PROOFS.issue()[0], proof)
    assert not SessionProofs(b"y" * 32).valid(session, proof)
    assert not PROOFS.valid(session, None) and not PROOFS.valid(None, proof)
    same_secret = SessionProofs.from_env({"LOTSE_ACTION_TOKEN": "x" * 32})  # every replica derives the same key
    assert same_secret.valid(session, SessionProofs.from_env({"LOTSE_ACTION_TOKEN": "x" * 32}).proof(session))
