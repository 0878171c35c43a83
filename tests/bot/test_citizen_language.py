"""What the advisor reads about the citizen's language."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from bot.citizen_language import advisor_note, spoken_languages
from bot.db.models import CallbackRequest
from bot.privacy.export import export_sender


def said(text: str, language: str | None) -> dict:
    entities = [{"entity": "language", "value": language}] if language else []
    return {"event": "user", "text": text, "parse_data": {"entities": entities}}


def test_arabic_then_simple_german_still_asks_for_an_interpreter() -> None:
    events = [said("مرحبا، أحتاج دورة لغة", "ar"), said("/request_plain_language", None), said("ich suchen kurs", "de")]
    languages = spoken_languages(events, current="de")
    assert languages == ["ar"]
    assert advisor_note(languages) == "Arabisch — Dolmetscher einplanen"


def test_several_languages_are_named_in_the_order_they_came() -> None:
    events = [said("Привіт, я шукаю курс", "uk"), said("English please", "en")]
    note = advisor_note(spoken_languages(events, current="en"))
    assert note == "Ukrainisch (schrieb auch Englisch) — Dolmetscher einplanen"


def test_a_german_conversation_has_no_language_note_unless_plain_language_was_wanted() -> None:
    events = [said("Ich suche einen Deutschkurs in Wesel", "de")]
    assert advisor_note(spoken_languages(events, current="de")) is None
    assert advisor_note([], plain_language=True) == "Deutsch, einfache Sprache gewünscht"


def test_the_slot_counts_when_the_events_sent_are_only_the_newest() -> None:
    assert advisor_note(spoken_languages([], current="fa")) == "Persisch (Farsi/Dari) — Dolmetscher einplanen"


def test_the_citizens_data_export_names_the_language_noted_for_the_callback(session: Session, tmp_path: Path) -> None:
    at = datetime(2026, 12, 7, 9, 0)
    session.add(CallbackRequest(
        reference="WL-LANG22", sender_id="c-ar", name="Amal Haddad", phone="+4915123456789",
        preferred_time="morgen vormittag", topic="Deutschkurs", consent_at=at, consent_version="2026-11-v1",
        status="neu", created_at=at, language="Arabisch — Dolmetscher einplanen",
    ))  # fmt: skip
    session.flush()
    document = export_sender(session, "c-ar", f"sqlite:///{tmp_path / 'tracker.sqlite3'}", 90, now=at)
    assert document["rueckrufwuensche"][0]["sprache"] == "Arabisch — Dolmetscher einplanen"
