"""Unclear answers inside a form: the bot asks again, keeps what was entered, and stays responsive.

Issue 16: two answers the bot did not understand at the callback summary froze the whole server.
"""

from __future__ import annotations

import urllib.request
import uuid

from sqlalchemy import select

from bot.db.models import CallbackRequest
from bot.db.session import session_scope
from tests.e2e.conftest import RunningBot

TO_SUMMARY = ("Ich möchte einen Rückruf", "ja", "Pflegekurs", "Anna Schmidt", "0151 23456789", "morgen vormittag")


def sender() -> str:
    return f"e2e-{uuid.uuid4().hex}"


def server_answers(bot: RunningBot) -> bool:
    root = bot.rest_url.split("/webhooks/")[0] + "/"
    with urllib.request.urlopen(root, timeout=5) as response:
        return response.status == 200


def test_nonsense_at_the_summary_asks_again_and_then_books(bot: RunningBot) -> None:
    citizen = sender()
    for message in TO_SUMMARY:
        bot.say(citizen, message)
    for nonsense in ("blablub", "xyzzy", "Was hatte ich nochmal angegeben?", "Zeig mir meine Angaben"):
        answer = bot.say(citizen, nonsense)
        said = "\n".join(m.get("text") or "" for m in answer)
        assert "nicht als Ja oder Nein verstanden" in said
        assert "Name: Anna Schmidt" in said and "Soll ich den Rückruf so eintragen?" in said
        assert [b["title"] for m in answer for b in m.get("buttons") or []] == [
            "Ja, eintragen",
            "Nein, nicht eintragen",
        ]
        assert server_answers(bot)
    assert "Vorgangsnummer" in "\n".join(bot.texts(citizen, "passt so"))
    with session_scope(bot.db_url) as session:
        stored = session.scalars(select(CallbackRequest).where(CallbackRequest.sender_id == citizen)).all()
        assert [r.name for r in stored] == ["Anna Schmidt"]


def test_nonsense_at_the_consent_question_stores_nothing_and_asks_again(bot: RunningBot) -> None:
    citizen = sender()
    bot.say(citizen, "Können Sie mich zurückrufen?")
    said = "\n".join(bot.texts(citizen, "blablub"))
    assert "nicht als Ja oder Nein verstanden" in said and "Sind Sie damit einverstanden?" in said
    said = "\n".join(bot.texts(citizen, "nee lieber nicht"))
    assert "ich speichere nichts" in said


def test_other_citizens_are_answered_while_one_sends_nonsense(bot: RunningBot) -> None:
    confused, other = sender(), sender()
    for message in TO_SUMMARY:
        bot.say(confused, message)
    for nonsense in ("blablub", "xyzzy", "qwertz", "asdf"):
        bot.say(confused, nonsense)
        assert bot.texts(other, "Hallo")


def test_restart_in_the_middle_of_a_form_says_so(bot: RunningBot) -> None:
    citizen = sender()
    bot.say(citizen, "Ich möchte einen Rückruf")
    bot.say(citizen, "ja")
    said = "\n".join(bot.texts(citizen, "Neustart"))
    assert "wir fangen neu an" in said
    # the form is gone: a name is not taken as the topic of a callback any more
    assert "Worum soll es im Gespräch gehen" not in "\n".join(bot.texts(citizen, "Hallo"))
