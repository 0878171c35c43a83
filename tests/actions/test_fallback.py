"""Misunderstandings: a German "Meinten Sie …?", then what the bot can do, then a human offered."""

from __future__ import annotations

from rasa_sdk.events import FollowupAction, UserUtteranceReverted

from actions.fallback import ActionClarify, ActionDefaultFallback, ActionRestart
from tests.actions.conftest import make_tracker, run, texts


def test_affirmation_suggests_the_likeliest_intent_in_german() -> None:
    tracker = make_tracker(text="kurs wo krefld")
    tracker.latest_message["intent_ranking"] = [
        {"name": "nlu_fallback", "confidence": 0.45},
        {"name": "search_course", "confidence": 0.40},
        {"name": "ask_counselling", "confidence": 0.10},
    ]
    _, messages = run(ActionClarify(), tracker)
    assert "Meinten Sie: Sie suchen einen Kurs?" in texts(messages)
    assert [b["payload"] for b in messages[0]["buttons"]] == ["/search_course", "/out_of_scope"]


def test_without_a_describable_intent_the_bot_asks_to_rephrase() -> None:
    tracker = make_tracker(text="???")
    tracker.latest_message["intent_ranking"] = [{"name": "nlu_fallback", "confidence": 0.9}]
    _, messages = run(ActionClarify(), tracker)
    assert "anders sagen" in texts(messages)


def test_first_fallback_helps_second_offers_a_human() -> None:
    events, messages = run(ActionDefaultFallback(), make_tracker())
    assert events == [UserUtteranceReverted()]
    assert "nicht verstanden" in texts(messages)
    earlier = [{"event": "action", "name": "action_default_fallback"}]
    events, messages = run(ActionDefaultFallback(), make_tracker(events=earlier))
    assert FollowupAction("utter_offer_human") in events


def _misunderstood(text: str) -> dict:
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": "nlu_fallback"}}}


def test_repeated_misunderstandings_lead_to_help_then_a_person_never_a_loop() -> None:
    understood = {"event": "user", "text": "Hallo", "parse_data": {"intent": {"name": "greet"}}}
    second = make_tracker(text="xyzzy", events=[understood, _misunderstood("blablub"), _misunderstood("xyzzy")])
    events, messages = run(ActionClarify(), second)
    assert events == []  # nothing reverted, no loop opened
    assert "nicht verstanden" in texts(messages)
    assert [b["title"] for b in messages[0]["buttons"]][-1] == "Mit einem Menschen sprechen"
    third = make_tracker(text="qwertz", events=[*second.events, _misunderstood("qwertz")])
    events, _ = run(ActionClarify(), third)
    assert events == [FollowupAction("utter_offer_human")]
    after_greeting = make_tracker(text="asdf", events=[*third.events, understood, _misunderstood("asdf")])
    _, messages = run(ActionClarify(), after_greeting)
    assert "anders sagen" in texts(messages)  # an understood message starts the count again


def test_restart_says_that_it_started_over() -> None:
    events, messages = run(ActionRestart(), make_tracker(active_loop="callback_form"))
    assert events[-1] == {"event": "restart", "timestamp": None}
    assert "wir fangen neu an" in texts(messages)
