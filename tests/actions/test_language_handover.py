"""Handover and callback tell the advisor the citizen's language: "Arabisch — Dolmetscher einplanen"."""

from __future__ import annotations

from sqlalchemy import select

from actions.callback import ActionSubmitCallback
from actions.handover import ActionHandover
from bot.db.models import CallbackRequest, Handover
from bot.db.session import session_scope
from tests.actions.conftest import CONFIRMED, make_tracker, run, texts


def said(text: str, at: int, language: str | None = None) -> dict:
    entities = [{"entity": "language", "value": language}] if language else []
    return {"event": "user", "text": text, "timestamp": at, "parse_data": {"entities": entities}}


ARABIC_THEN_PLAIN_GERMAN = [
    said("مرحبا، أنا من سوريا وأحتاج دورة لغة ألمانية للعمل", 1795000000, "ar"),
    {"event": "bot", "text": "أنا مساعد آلي …", "timestamp": 1795000001},
    said("/request_plain_language", 1795000002),
    said("ich wollen sprechen mit mensch", 1795000003, "de"),
]


def test_a_handover_after_arabic_tells_the_advisor_to_plan_an_interpreter(offers_db: str) -> None:
    tracker = make_tracker(
        sender="c-ar", slots={"language": "de", "plain_language": True, "place": "Krefeld"},
        intent="request_human", events=ARABIC_THEN_PLAIN_GERMAN,
    )
    _, messages = run(ActionHandover(), tracker)
    with session_scope(offers_db) as session:
        handover = session.execute(select(Handover)).scalar_one()
        assert handover.summary["language"] == "Arabisch — Dolmetscher einplanen"
        assert handover.reference in texts(messages)


def test_a_german_handover_names_no_language(offers_db: str) -> None:
    events = [said("Ich möchte mit einer Beraterin sprechen", 1795000000, "de")]
    run(ActionHandover(), make_tracker(sender="c-de", slots={"language": "de"}, intent="request_human", events=events))
    with session_scope(offers_db) as session:
        assert session.execute(select(Handover)).scalar_one().summary["language"] is None


def test_a_callback_booked_after_ukrainian_carries_the_language(offers_db: str) -> None:
    events = [said("Добрий день, я шукаю курс німецької мови в Крефельді", 1795000000, "uk")]
    _, messages = run(ActionSubmitCallback(), make_tracker(sender="c-uk", slots={**CONFIRMED, "language": "uk"},
                                                           events=events))
    assert "Ihr Rückruf ist eingetragen" in texts(messages)
    with session_scope(offers_db) as session:
        assert session.execute(select(CallbackRequest)).scalar_one().language == "Ukrainisch — Dolmetscher einplanen"
