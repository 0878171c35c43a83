"""Misunderstandings: a German "Meinten Sie …?", then what the bot can do, then a human offered."""

from __future__ import annotations

from rasa_sdk.events import FollowupAction, SlotSet, UserUtteranceReverted

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


def _fallback(text: str):  # type: ignore[no-untyped-def]
    tracker = make_tracker(text=text)
    tracker.latest_message["intent"] = {"name": "nlu_fallback", "confidence": 0.3}
    tracker.latest_message["intent_ranking"] = [{"name": "nlu_fallback", "confidence": 0.9}]
    return tracker


def test_a_message_that_only_names_a_course_starts_the_search_for_it(demo_db: str) -> None:
    for action in (ActionClarify(), ActionDefaultFallback()):
        events, messages = run(action, _fallback("Staplerschein Moers"))
        assert messages == []
        assert SlotSet("topic", "Staplerschein") in events
        assert SlotSet("place", "Moers") in events
        assert events[-1] == FollowupAction("course_search_form")
    events, _ = run(ActionClarify(), _fallback("fuehrungskraefte"))
    assert SlotSet("topic", "fuehrungskraefte") in events


def test_a_town_of_two_words_and_filter_words_do_not_hide_the_course_wish(demo_db: str) -> None:
    events, _ = run(ActionClarify(), _fallback("Altenpflege berufsbegleitend Bad Arolsen"))
    assert SlotSet("topic", "Altenpflege") in events and SlotSet("place", "Bad Arolsen") in events
    events, _ = run(ActionClarify(), _fallback("Word Excel Outlook Powerpoint Teams Grundkurs, abends ab 19 Uhr"))
    assert any(e.get("name") == "topic" and "Excel" in e.get("value") for e in events)


def test_nonsense_and_questions_are_not_taken_for_a_course(demo_db: str) -> None:
    for text in ("blablub", "xyzzy", "Zeig mir meine Angaben", "Was hatte ich nochmal angegeben?", "ok danke"):
        events, messages = run(ActionClarify(), _fallback(text))
        assert not any(e.get("event") == "followup" for e in events), text
        assert "anders sagen" in texts(messages), text


def test_inside_a_form_a_course_word_is_left_to_the_form(demo_db: str) -> None:
    tracker = _fallback("Pflege")
    tracker.active_loop = {"name": "callback_form"}
    events, _ = run(ActionClarify(), tracker)
    assert FollowupAction("course_search_form") not in events


def test_a_detail_asked_about_the_programme_just_discussed_gets_its_facts(demo_db: str) -> None:
    """After "Was ist Aufstiegs-BAföG?": "gibts ne altersgrenze" named no programme and got "Meinten Sie …?"."""
    tracker = make_tracker(text="gibts ne altersgrenze", intent="nlu_fallback", slots={"programme": "aufstiegs_bafoeg"})
    _, messages = run(ActionClarify(), tracker)
    said = texts(messages)
    assert "Altersgrenze" in said and "Meinten Sie" not in said
    _, without = run(ActionClarify(), make_tracker(text="gibts ne altersgrenze", intent="nlu_fallback"))
    assert "Altersgrenze" not in texts(without)


def test_a_message_of_emoji_only_gets_a_friendly_reply_not_a_misunderstanding() -> None:
    for action in (ActionClarify(), ActionDefaultFallback()):
        _, messages = run(action, _fallback("👍👍😀"))
        said = texts(messages)
        assert said.startswith("😊 Schön, dass Sie da sind. Wobei kann ich Ihnen helfen?"), said
        assert "nicht verstanden" not in said
    _, messages = run(ActionClarify(), _fallback("???"))
    assert "anders sagen" in texts(messages)


def test_kurs_alone_starts_the_search_which_asks_the_topic(demo_db: str) -> None:
    events, messages = run(ActionClarify(), _fallback("kurs"))
    assert events == [SlotSet("topic", None), FollowupAction("course_search_form")] and messages == []


def test_a_town_the_nlu_did_not_tag_right_after_a_list_changes_the_place(demo_db: str) -> None:
    listed = [{"event": "action", "name": "action_search_courses"}, {"event": "action", "name": "action_listen"}]
    tracker = _fallback("gibts was in der nähe von bad arolsen, da arbeite ich")
    tracker.latest_message["entities"] = [{"entity": "place", "value": "Bad Arolsen"},
                                          {"entity": "employment_status", "value": "beschaeftigt"}]
    tracker.events = listed
    tracker.slots = {"topic": "Staplerschein", "place": "Frankenberg (Eder)"}
    events, _ = run(ActionClarify(), tracker)
    assert events == [FollowupAction("action_search_courses")]
    tracker = _fallback("da arbeite ich schon lange")
    tracker.events, tracker.slots = listed, {"topic": "Staplerschein"}
    events, _ = run(ActionClarify(), tracker)
    assert FollowupAction("action_search_courses") not in events


def test_a_task_that_is_not_ours_is_said_plainly_and_a_job_application_gets_its_courses(demo_db: str) -> None:
    def clarify(text: str) -> list[dict]:
        tracker = make_tracker(text=text)
        tracker.latest_message["intent_ranking"] = [{"name": "nlu_fallback", "confidence": 0.45},
                                                    {"name": "request_callback", "confidence": 0.3}]  # fmt: skip
        return run(ActionClarify(), tracker)[1]

    said = texts(clarify("könnt ihr mir beim wohngeldantrag helfen, den auszufüllen?"))
    assert said.startswith("Dabei kann ich leider nicht helfen.") and "Meinten Sie" not in said
    messages = clarify("kannst du mir einen lebenslauf schreiben für eine stelle als fahrer")
    assert texts(messages).startswith("Eine Bewerbung kann ich nicht für Sie schreiben.")
    assert messages[0]["buttons"][0]["payload"] == '/search_course{"topic":"Bewerbung"}'
    # a wish about the bot's own writing is no other task
    assert "Dabei kann ich" not in texts(clarify("kannst du das nochmal einfacher schreiben"))
