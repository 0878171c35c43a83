"""The thin slice through every layer, as a citizen experiences it over the REST channel."""

from __future__ import annotations

import re
import uuid

from sqlalchemy import select

from bot.db.models import CallbackRequest, Course, CourseDate, FundingProgramme, Handover, Place, Topic
from bot.db.session import session_scope
from tests.e2e.conftest import RunningBot


def new_sender() -> str:
    return f"e2e-{uuid.uuid4().hex}"


def test_greeting_discloses_that_it_is_an_assistant(bot: RunningBot) -> None:
    sender = new_sender()
    assert any("automatischer Assistent" in t for t in bot.texts(sender, "Hallo"))
    assert any("kein Mensch" in t for t in bot.texts(sender, "bist du ein Bot?"))
    assert any("Wiedersehen" in t for t in bot.texts(sender, "tschüss"))


def test_course_search_answers_with_courses_from_the_database(bot: RunningBot) -> None:
    texts = bot.texts(new_sender(), "Ich suche einen Pflegekurs in Krefeld")
    with session_scope(bot.db_url) as session:
        titles = set(
            session.execute(
                select(Course.title)
                .join(Topic)
                .join(CourseDate)
                .join(Place)
                .where(Topic.slug == "pflege", Place.name == "Krefeld")
            ).scalars()
        )
    assert titles, "the demo data must have Pflege courses in Krefeld"
    shown = [t for t in texts if any(title in t for title in titles)]
    assert shown, f"no Krefeld Pflege course title in the answer: {texts}"
    assert any("Krefeld" in t for t in shown)


def test_bildungsgutschein_answer_comes_from_the_database(bot: RunningBot) -> None:
    answer = "\n".join(bot.texts(new_sender(), "Was ist ein Bildungsgutschein?"))
    with session_scope(bot.db_url) as session:
        programme = session.execute(
            select(FundingProgramme).where(FundingProgramme.slug == "bildungsgutschein")
        ).scalar_one()
        name = programme.name
    assert name in answer
    assert "Stand:" in answer
    assert "Agentur für Arbeit" in answer


def test_callback_is_stored_only_after_consent(bot: RunningBot) -> None:
    sender = new_sender()
    consent_question = "\n".join(bot.texts(sender, "Kann mich jemand zurückrufen?"))
    assert "einverstanden" in consent_question
    with session_scope(bot.db_url) as session:
        assert session.execute(select(CallbackRequest).where(CallbackRequest.sender_id == sender)).first() is None
    # Nothing in this conversation names a topic yet, so the bot asks for it.
    assert "Worum soll es im Gespräch gehen?" in "\n".join(bot.texts(sender, "Ja, einverstanden"))
    bot.texts(sender, "Förderung und Kosten")
    bot.texts(sender, "Anna Schmidt")
    invalid = "\n".join(bot.texts(sender, "12345"))
    assert "0151 23456789" in invalid  # re-asked politely, with an example
    bot.texts(sender, "0151 23456789")
    summary = "\n".join(bot.texts(sender, "morgen vormittag"))
    assert "Anna Schmidt" in summary and "0151" in summary
    booked = "\n".join(bot.texts(sender, "ja"))
    reference = re.search(r"WL-[A-Z2-9]{6}", booked)
    assert reference, booked
    with session_scope(bot.db_url) as session:
        stored = session.execute(select(CallbackRequest).where(CallbackRequest.sender_id == sender)).scalar_one()
        assert stored.reference == reference.group(0)
        assert stored.phone == "+4915123456789"
        assert stored.name == "Anna Schmidt"
        assert stored.topic == "Förderung und Kosten"
        assert stored.consent_at is not None and stored.consent_version


def test_declined_consent_stores_nothing(bot: RunningBot) -> None:
    sender = new_sender()
    bot.texts(sender, "Ich hätte gern einen Rückruf")
    answer = "\n".join(bot.texts(sender, "nein"))
    assert "speichere nichts" in answer
    with session_scope(bot.db_url) as session:
        assert session.execute(select(CallbackRequest).where(CallbackRequest.sender_id == sender)).first() is None


def test_handover_stores_the_transcript(bot: RunningBot) -> None:
    sender = new_sender()
    bot.texts(sender, "Ich suche einen Pflegekurs in Krefeld")
    answer = "\n".join(bot.texts(sender, "Ich möchte mit einem Menschen sprechen"))
    with session_scope(bot.db_url) as session:
        handover = session.execute(select(Handover).where(Handover.sender_id == sender)).scalar_one()
        assert handover.reference in answer
        citizen_lines = [t["text"] for t in handover.transcript if t["who"] == "citizen"]
        assert "Ich suche einen Pflegekurs in Krefeld" in citizen_lines
        assert any(t["who"] == "bot" for t in handover.transcript)
        assert handover.summary["place"] == "Krefeld"
        assert handover.reason == "wunsch"
