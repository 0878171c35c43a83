"""Callback booking as the citizen experiences it: consent, validation, storing once, cancelling."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import yaml
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.callback import (
    ActionCancelCallback,
    ActionForgetCallback,
    ActionSubmitCallback,
    AskConfirm,
    AskTopic,
    ValidateCallbackForm,
)
from bot.db.models import CallbackRequest
from bot.db.session import session_scope
from tests.actions.conftest import CONFIRMED, CONSENT_AT, make_tracker, run, texts


#: Consent given a few minutes ago in this conversation (the booking refuses older ones).
def validate(slot: str, value: str, slots: dict | None = None) -> tuple[dict, str]:
    dispatcher = CollectingDispatcher()
    form = ValidateCallbackForm()
    method = getattr(form, f"validate_{slot}")
    result = asyncio.run(method(value, dispatcher, make_tracker(slots=slots or {}), {}))
    return result, texts(dispatcher.messages)


def test_invalid_phone_is_re_asked_with_an_example(offers_db: str) -> None:
    result, said = validate("callback_contact", "12345")
    assert result["callback_contact"] is None
    assert "0151 23456789" in said
    assert result["failed_attempts"] == 1


def test_after_repeated_failures_the_bot_offers_to_stop_or_call(offers_db: str) -> None:
    result, said = validate("callback_contact", "weiß ich nicht", {"failed_attempts": 2, "place": "Krefeld"})
    assert result["failed_attempts"] == 3
    assert "abbrechen" in said
    assert "02151 000000" in said


def test_valid_numbers_and_email_are_accepted(offers_db: str) -> None:
    assert validate("callback_contact", "+49 2151 123456")[0]["callback_contact"] == "02151 123456"
    assert validate("callback_contact", "Anna.S@Example.ORG")[0]["callback_contact"] == "Anna.S@example.org"


def test_name_rejects_markup_and_numbers(offers_db: str) -> None:
    assert validate("callback_name", "<script>alert(1)</script>")[0]["callback_name"] is None
    assert validate("callback_name", "0151 23456789")[0]["callback_name"] is None
    assert validate("callback_name", "Ich heiße Jürgen Weiß")[0]["callback_name"] == "Jürgen Weiß"


@pytest.mark.parametrize("typed", ["Dienstag nachmittag", "morgen vormittag", "am Montag bitte", "nächste Woche"])
def test_a_time_wish_typed_too_early_is_no_name(offers_db: str, typed: str) -> None:
    result, said = validate("callback_name", typed)
    assert result["callback_name"] is None
    assert "Bitte schreiben Sie nur Ihren Namen" in said


@pytest.mark.parametrize("name", ["Mai Nguyen", "Frieda Montag", "April Jones"])
def test_a_name_with_a_month_or_weekday_in_it_is_still_a_name(offers_db: str, name: str) -> None:
    assert validate("callback_name", name)[0]["callback_name"] == name


def test_confirmed_callback_is_stored_once_with_a_reference(offers_db: str) -> None:
    tracker = make_tracker(sender="citizen-7", slots=CONFIRMED)
    _, first = run(ActionSubmitCallback(), tracker)
    _, second = run(ActionSubmitCallback(), tracker)  # double click / channel retry
    with session_scope(offers_db) as session:
        stored = list(
            session.execute(select(CallbackRequest).where(CallbackRequest.sender_id == "citizen-7")).scalars()
        )
        centre_name = stored[0].centre.name if stored and stored[0].centre else None
    assert len(stored) == 1
    assert stored[0].phone == "+4915123456789"
    assert stored[0].topic == "Förderung und Kosten"
    assert stored[0].consent_at == CONSENT_AT
    assert centre_name == "VHS Krefeld"
    assert stored[0].reference in texts(first) and stored[0].reference in texts(second)


def test_without_consent_nothing_is_stored(offers_db: str) -> None:
    tracker = make_tracker(sender="citizen-8", slots={**CONFIRMED, "callback_consent": False})
    _, messages = run(ActionSubmitCallback(), tracker)
    assert "speichere nichts" in texts(messages)
    with session_scope(offers_db) as session:
        assert session.execute(select(CallbackRequest)).first() is None


def test_cancel_by_reference(offers_db: str) -> None:
    run(ActionSubmitCallback(), make_tracker(sender="citizen-9", slots=CONFIRMED))
    with session_scope(offers_db) as session:
        reference = session.execute(select(CallbackRequest.reference)).scalar_one()
    tracker = make_tracker(sender="citizen-9", text=f"bitte {reference.lower()} stornieren")
    _, messages = run(ActionCancelCallback(), tracker)
    assert "abgesagt" in texts(messages)
    with session_scope(offers_db) as session:
        assert session.execute(select(CallbackRequest.status)).scalar_one() == "storniert"
    _, again = run(ActionCancelCallback(), make_tracker(sender="citizen-9", text=reference))
    assert "finde ich nicht" in texts(again)


def test_database_outage_gives_an_apology_not_silence(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LOTSE_OFFER_DB_URL", "postgresql://nobody@127.0.0.1:1/none")
    events, messages = run(ActionSubmitCallback(), make_tracker(slots=CONFIRMED))
    assert "technische Störung" in texts(messages)
    assert events == []  # the citizen's answers stay in the slots


def test_booking_queues_a_notification_for_the_advisors(offers_db: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from bot.db.models_advisor import OutboxMessage

    monkeypatch.setenv("LOTSE_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("LOTSE_NOTIFY_FALLBACK_TO", "weiterbildung@example.org")
    _, messages = run(ActionSubmitCallback(), make_tracker(sender="citizen-10", slots=CONFIRMED))
    assert "WL-" in texts(messages)
    with session_scope(offers_db) as session:
        reference = session.execute(select(CallbackRequest.reference)).scalar_one()
        queued = session.execute(select(OutboxMessage)).scalars().all()
        bodies = [f"{m.subject} {m.body} {m.payload}" for m in queued]
    assert queued, "a new callback must reach the centre's inbox by e-mail"
    assert any(reference in body for body in bodies)
    assert not any("0151" in body or "Anna" in body for body in bodies)  # no contact data in e-mails


#: The callback form as the domain declares it: the validation action reads its slots from there.
DOMAIN = {"forms": yaml.safe_load((Path(__file__).parents[2] / "domain.yml").read_text(encoding="utf-8"))["forms"]}


def after_consent(**slots: object) -> tuple[dict, str | None]:
    """The form's step after "Ja, einverstanden": the slots it sets and what it asks next.

    The next question is the first required slot still empty, as Rasa's FormAction picks it.
    """
    known = {"callback_consent": True, **slots}
    tracker = make_tracker(slots=dict(known), active_loop="callback_form")
    events = asyncio.run(ValidateCallbackForm().run(CollectingDispatcher(), tracker, DOMAIN))
    set_slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    after = {**known, **set_slots}
    required = DOMAIN["forms"]["callback_form"]["required_slots"]
    return set_slots, next((slot for slot in required if after.get(slot) is None), None)


def test_unknown_topic_is_asked_with_buttons_and_free_text() -> None:
    slots, asked = after_consent()
    assert asked == "callback_topic" and slots.get("callback_topic") is None
    _, messages = run(AskTopic(), make_tracker(slots={"callback_consent": True}))
    assert messages[0]["text"].startswith("Worum soll es im Gespräch gehen?")
    assert "in Ihren Worten" in messages[0]["text"]
    assert [b["title"] for b in messages[0]["buttons"]][:2] == ["Einen Kurs finden", "Förderung und Kosten"]


def test_a_known_topic_is_taken_over_and_not_asked() -> None:
    slots, asked = after_consent(topic="Pflegekurs", place="Krefeld")
    assert asked == "callback_name"
    assert slots["callback_topic"] == "Kurse zu „Pflegekurs“ in Krefeld"
    slots, asked = after_consent(programme="bildungsurlaub_nrw")
    assert (slots["callback_topic"], asked) == ("Förderung: Bildungsurlaub NRW", "callback_name")


def test_typed_topics_are_kept_in_the_citizens_words_without_markup() -> None:
    assert validate("callback_topic", "<b>Anerkennung</b> meines Abschlusses")[0] == {
        "callback_topic": "Anerkennung meines Abschlusses"
    }
    assert validate("callback_topic", "weiß ich nicht")[0] == {"callback_topic": "Allgemeine Weiterbildungsberatung"}


def test_the_summary_shows_the_topic_before_anything_is_stored() -> None:
    _, messages = run(AskConfirm(), make_tracker(slots={**CONFIRMED, "callback_confirm": None}))
    assert "Thema: Förderung und Kosten\nName: Anna Schmidt" in texts(messages)


def test_stopping_midway_forgets_what_was_entered() -> None:
    events, messages = run(ActionForgetCallback(), make_tracker(slots=CONFIRMED))
    cleared = {e["name"] for e in events if e.get("value") is None}
    assert {"callback_consent", "callback_topic", "callback_name", "callback_contact", "callback_time"} <= cleared
    assert messages == []
