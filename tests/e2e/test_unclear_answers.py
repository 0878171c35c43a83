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


def test_keine_ahnung_in_the_check_is_an_answer_not_a_complaint(bot: RunningBot) -> None:
    """"keine Ahnung" reads as a complaint to the NLU; inside the check it answers the question
    (left open), and the next question follows instead of the handover offer (components/form_answer_policy.py)."""
    citizen = sender()
    bot.say(citizen, "Bekomme ich einen Bildungsgutschein?")
    asked = "\n".join(bot.texts(citizen, "arbeitslos seit 2 monaten, alg1"))
    assert "AZAV" in asked
    after = "\n".join(bot.texts(citizen, "keine ahnung"))
    assert "weitergeben" not in after and "Das tut mir leid" not in after
    assert "AZAV" not in after  # the next question, or the verdict: not the same question again


def test_an_answer_the_nlu_reads_as_a_faq_is_taken_in_the_check(bot: RunningBot) -> None:
    """"beruflich, eine Linux-Zertifizierung" to "Worum geht es in der Veranstaltung?" got the AZAV text
    and the same question, over and over."""
    citizen = sender()
    for answer in ("hab ich anspruch auf bildungsurlaub?", "Nordrhein-Westfalen", "angestellt", "seit 2019"):
        bot.say(citizen, answer)
    assert "Worum geht es in der Veranstaltung?" in "\n".join(bot.texts(citizen, "50"))
    after = "\n".join(bot.texts(citizen, "beruflich, eine Linux-Zertifizierung"))
    assert "Worum geht es in der Veranstaltung?" not in after
    assert "AZAV ist eine Zulassung" not in after


def test_a_phone_number_said_in_words_is_taken_whatever_the_nlu_thought(bot: RunningBot) -> None:
    citizen = sender()
    for message in TO_SUMMARY[:4]:  # up to the question for a phone number or e-mail address
        bot.say(citizen, message)
    said = "\n".join(bot.texts(citizen, "null eins sieben null drei vier fünf sechs sieben acht neun"))
    assert "weitergeben" not in said
    assert "Wann passt Ihnen ein Anruf?" in said  # the next question
