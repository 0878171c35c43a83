"""Misunderstandings: a German "Meinten Sie …?", then a rephrase request, then a human offered."""

from __future__ import annotations

from rasa_sdk.events import FollowupAction, UserUtteranceReverted

from actions.fallback import ActionDefaultAskAffirmation, ActionDefaultAskRephrase, ActionDefaultFallback
from tests.actions.conftest import make_tracker, run, texts


def test_affirmation_suggests_the_likeliest_intent_in_german() -> None:
    tracker = make_tracker(text="kurs wo krefld")
    tracker.latest_message["intent_ranking"] = [
        {"name": "nlu_fallback", "confidence": 0.45},
        {"name": "search_course", "confidence": 0.40},
        {"name": "ask_counselling", "confidence": 0.10},
    ]
    _, messages = run(ActionDefaultAskAffirmation(), tracker)
    assert "Meinten Sie: Sie suchen einen Kurs?" in texts(messages)
    assert [b["payload"] for b in messages[0]["buttons"]] == ["/search_course", "/out_of_scope"]


def test_without_a_describable_intent_the_bot_asks_to_rephrase() -> None:
    tracker = make_tracker(text="???")
    tracker.latest_message["intent_ranking"] = [{"name": "nlu_fallback", "confidence": 0.9}]
    _, messages = run(ActionDefaultAskAffirmation(), tracker)
    assert "anders sagen" in texts(messages)
    _, rephrase = run(ActionDefaultAskRephrase(), make_tracker())
    assert "anders sagen" in texts(rephrase)


def test_first_fallback_helps_second_offers_a_human() -> None:
    events, messages = run(ActionDefaultFallback(), make_tracker())
    assert events == [UserUtteranceReverted()]
    assert "nicht verstanden" in texts(messages)
    earlier = [{"event": "action", "name": "action_default_fallback"}]
    events, messages = run(ActionDefaultFallback(), make_tracker(events=earlier))
    assert FollowupAction("utter_offer_human") in events
