"""Issue 5 flows end to end, including the unhappy paths, as a citizen types them."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from bot.db.models import CallbackRequest
from bot.db.session import session_scope
from tests.e2e.conftest import RunningBot


def joined(bot: RunningBot, sender: str, message: str) -> str:
    return "\n".join(bot.texts(sender, message))


#: How a citizen at a five-person firm in Moers answers, by a word in the bot's question.
SMALL_FIRM_ANSWERS = {
    "Was trifft auf Sie zu": "ich bin angestellt",
    "Bundesland": "Nordrhein-Westfalen",
    "Monaten": "seit 3 Jahren",
    "Beschäftigte": "wir sind 5 Leute",
    "Worum geht es": "berufliche Weiterbildung",
}


def test_eligibility_check_asks_then_explains(bot: RunningBot) -> None:
    sender = f"e2e-{uuid.uuid4().hex}"
    said = joined(bot, sender, "Habe ich Anspruch auf Bildungsurlaub? Ich arbeite in Moers.")
    asked = []
    for _ in range(8):
        if "Voraussichtlich" in said or "Vielleicht" in said:
            break
        question = next((key for key in SMALL_FIRM_ANSWERS if key in said), None)
        asked.append(question)
        said = joined(bot, sender, SMALL_FIRM_ANSWERS.get(question, "weiß ich nicht"))
    assert "Voraussichtlich nein" in said, asked
    assert "weniger als 10 Beschäftigten" in said
    assert len(asked) == len(set(asked))  # no question twice


def test_programme_of_the_other_state_is_explained_as_such(bot: RunningBot) -> None:
    sender = f"e2e-{uuid.uuid4().hex}"
    joined(bot, sender, "Ich suche einen Kurs für Buchhaltung in Krefeld")
    answer = joined(bot, sender, "Was ist ProAbschluss?")
    assert "Hessen" in answer


def test_nothing_found_is_said_honestly(bot: RunningBot) -> None:
    sender = f"e2e-{uuid.uuid4().hex}"
    answer = joined(bot, sender, "Ich suche einen Kurs für Unterwasserbasketball in Korbach")
    if "Welches Thema" in answer:  # an unknown word is not recognised as a topic: the bot asks
        answer = joined(bot, sender, "Unterwasserbasketball")
    assert "keinen passenden Kurs" in answer


def test_cancel_midway_stores_nothing(bot: RunningBot) -> None:
    sender = f"e2e-{uuid.uuid4().hex}"
    joined(bot, sender, "Bitte rufen Sie mich zurück")
    joined(bot, sender, "ja, einverstanden")
    assert "abgebrochen" in joined(bot, sender, "abbrechen")
    with session_scope(bot.db_url) as session:
        assert session.execute(select(CallbackRequest).where(CallbackRequest.sender_id == sender)).first() is None


def test_markup_is_never_echoed_as_markup(bot: RunningBot) -> None:
    answer = joined(bot, f"e2e-{uuid.uuid4().hex}", "<script>alert('x')</script> Pflege in <b>Krefeld</b>")
    assert "<script>" not in answer


def test_deletion_in_chat_removes_the_conversation_history(bot: RunningBot) -> None:
    from datetime import timedelta

    from sqlalchemy import create_engine

    from bot.privacy.requests import process_deletion_requests

    sender = f"e2e-{uuid.uuid4().hex}"
    joined(bot, sender, "Ich suche einen Pflegekurs in Krefeld")
    question = joined(bot, sender, "Bitte löschen Sie meine Daten")
    assert "Soll ich wirklich alles löschen" in question and "gelöscht" not in question  # a yes first (issue 16)
    answer = joined(bot, sender, "Ja, alles löschen")
    assert "gelöscht" in answer
    with session_scope(bot.db_url) as session:
        assert process_deletion_requests(session, bot.tracker_url, settle=timedelta(0)) >= 1
    engine = create_engine(bot.tracker_url, future=True)
    with engine.connect() as connection:
        left = connection.exec_driver_sql("SELECT count(*) FROM events WHERE sender_id = ?", (sender,)).scalar()
    engine.dispose()
    assert left == 0


def test_a_language_switch_inside_a_form_asks_the_question_again_in_that_language(bot: RunningBot) -> None:
    sender = f"e2e-{uuid.uuid4().hex}"
    assert "Welches Thema interessiert Sie?" in joined(bot, sender, "Ich suche einen Kurs")
    said = joined(bot, sender, "English please")
    assert "Fine, I will write in English now." in said
    assert "Which subject are you interested in?" in said
    said = joined(bot, sender, "Deutsch bitte")
    assert "Gern, ich schreibe jetzt auf Deutsch." in said
    assert "Welches Thema interessiert Sie?" in said
    assert "Krefeld" in joined(bot, sender, "Pflege")  # the form goes on: the place question


def test_an_english_citizen_gets_english_answers_in_the_core_flows(bot: RunningBot) -> None:
    sender = f"e2e-{uuid.uuid4().hex}"
    said = joined(bot, sender, "Can someone call me back?")
    assert "callback" in said.lower() and "Sie" not in said, said
    assert "Which subject are you interested in?" not in said
    joined(bot, sender, "stop")
    said = joined(bot, sender, "do you have welding courses in Moers?")
    assert "course" in said and "Kurse" not in said.split("\n")[0], said
    said = joined(bot, sender, "What happens to my data?")
    assert said.startswith("Your conversation with me is stored"), said
