"""Two requests in one message get two answers, in order: the courses, then who pays for them."""

from __future__ import annotations

from actions.courses import ActionSearchCourses
from tests.actions.conftest import make_tracker, run, texts

STAPLER_MOERS = "Mein Chef will, dass ich einen Staplerschein mache, wer zahlt das? Ich wohne in Moers"


def reply(text: str, slots: dict | None = None, events: list | None = None) -> tuple[str, list[str]]:
    tracker = make_tracker(text=text, intent="search_course", events=events or [],
                           slots={"topic": "Staplerschein", "place": "Moers", **(slots or {})})  # fmt: skip
    _, messages = run(ActionSearchCourses(), tracker)
    return texts(messages), [b["title"] for m in messages for b in m.get("buttons") or []]


def test_courses_first_then_who_pays_when_the_employer_wants_it(demo_db: str) -> None:
    said, buttons = reply(STAPLER_MOERS)
    assert "1. " in said  # the courses (the demo offer has none in Moers itself, so from nearby)
    assert "Zu Ihrer Frage, wer das bezahlt: Wenn Ihr Arbeitgeber die Schulung" in said
    assert "§ 82 SGB III" in said and "120 Stunden" in said
    assert said.index("1. ") < said.index("Zu Ihrer Frage, wer das bezahlt")
    assert "Förderung für Beschäftigte (§ 82)" in buttons


def test_an_unemployed_writer_hears_of_the_bildungsgutschein(demo_db: str) -> None:
    said, buttons = reply("Staplerschein in Moers, wer zahlt das?", slots={"employment_status": "arbeitslos"})
    assert "mit einem Bildungsgutschein übernehmen" in said and "Bürgergeld" in said
    assert "Habe ich Anspruch?" in buttons


def test_the_question_asked_before_the_form_asked_for_the_place_still_counts(demo_db: str) -> None:
    events = [
        {"event": "user", "text": "Staplerschein, wer zahlt das?"},
        {"event": "action", "name": "course_search_form"},
    ]
    said, _ = reply("Moers", events=events)
    assert "Zu Ihrer Frage, wer das bezahlt: Das hängt von Ihrer Situation ab" in said


def test_a_plain_search_gets_no_funding_part(demo_db: str) -> None:
    said, _ = reply("Staplerschein in Moers")
    assert "1. " in said and "wer das bezahlt" not in said


def test_a_question_about_a_programme_beside_the_search_is_answered_after_the_courses(demo_db: str) -> None:
    said, _ = reply("Gabelstaplerkurs in Moers gesucht, und gibt es dafür den Bildungsscheck 2.0?")
    assert "1. " in said and "Und zu Ihrer Frage zur Förderung:" in said
    assert said.index("1. ") < said.index("Und zu Ihrer Frage zur Förderung:")
    assert "höchstens 500 €" in said  # the Bildungsscheck's facts, not the generic who-pays text
    assert "wer das bezahlt" not in said


def test_a_search_handed_on_by_the_funding_answer_does_not_answer_the_funding_question_again(demo_db: str) -> None:
    events = [{"event": "user", "text": "x"}, {"event": "action", "name": "action_funding_programme"}]
    said, _ = reply("Staplerkurs in Moers? und wie beantrage ich den Bildungsgutschein?", events=events)
    assert "1. " in said and "Und zu Ihrer Frage zur Förderung:" not in said


def test_a_question_about_living_money_beside_the_search_is_answered_after_the_courses(demo_db: str) -> None:
    """It names no programme ("… und bekomme ich währenddessen weiter mein ALG1?") and was dropped."""
    tracker = make_tracker(text="Pflegehelferkurs in Moers? und bekomme ich währenddessen weiter mein ALG1?",
                           intent="search_course", slots={"topic": "Pflegehelferkurs", "place": "Moers"})  # fmt: skip
    _, messages = run(ActionSearchCourses(), tracker)
    said = texts(messages)
    assert "1. " in said and "Arbeitslosengeld wird während der Weiterbildung weitergezahlt" in said
    assert said.index("1. ") < said.index("Arbeitslosengeld wird")


def test_a_course_wish_then_a_sentence_asking_about_funding_gets_both(demo_db: str) -> None:
    """A full stop before a question ends a request: the funding answer comes first, then the search
    for the course the first sentence asks for (it was the funding answer alone)."""
    from actions.funding import ActionFundingProgramme

    tracker = make_tracker(text="Schweißkurs in Wesel gesucht. Wie lange gilt ein Bildungsgutschein?",
                           intent="ask_funding_programme")  # fmt: skip
    events, messages = run(ActionFundingProgramme(), tracker)
    assert "bis zu 3 Monate" in texts(messages)
    assert {"event": "followup", "timestamp": None, "name": "action_search_courses"} in events


def test_a_leave_question_and_habt_ihr_a_course_are_two_requests(demo_db: str) -> None:
    from actions.funding import ActionFundingProgramme

    entities = [{"entity": "topic", "value": "Excel"}, {"entity": "place", "value": "Moers"}]
    tracker = make_tracker(text="Wie viele Tage Bildungsurlaub habe ich in NRW und habt ihr Excel-Kurse in Moers?",
                           intent="ask_funding_programme", entities=entities)  # fmt: skip
    events, messages = run(ActionFundingProgramme(), tracker)
    assert "5 Arbeitstage pro Kalenderjahr" in texts(messages)
    assert {"event": "followup", "timestamp": None, "name": "action_search_courses"} in events


def test_a_full_stop_before_a_question_or_und_habt_ihr_ends_a_request() -> None:
    from bot.nlp.compound import requests

    assert requests("Excel-Kurs in Moers gesucht. Was zahlt die Agentur dazu?") == [
        "Excel-Kurs in Moers gesucht", "Was zahlt die Agentur dazu"]  # fmt: skip
    assert requests("Was kostet ein Integrationskurs und habt ihr einen in Bottrop?") == [
        "Was kostet ein Integrationskurs", "habt ihr einen in Bottrop"]  # fmt: skip
    assert requests("Ich wohne in Moers. Ich suche einen Kurs.") == ["Ich wohne in Moers. Ich suche einen Kurs"]


def test_a_course_named_inside_the_funding_question_stays_part_of_it(demo_db: str) -> None:
    """ "… für einen Excel-Kurs. Steht ihm das zu?" asks no courses: the question keeps its programme and speaker."""
    from actions.eligibility import ActionCheckEligibility

    tracker = make_tracker(text="Unser Azubi möchte Bildungsurlaub für einen Word-Kurs. Steht ihm das zu?",
                           intent="check_eligibility", slots={"place": "Wesel"})  # fmt: skip
    _, messages = run(ActionCheckEligibility(), tracker)
    assert "nur für politische Bildung" in texts(messages)


def test_two_funding_questions_are_not_taken_for_a_course_wish() -> None:
    """ "gibt es für die Lehrgangsgebühren" sounds like a search, but asks an amount: the knowledge base gets the
    whole message; a part that only asks for courses is left to the search."""
    from actions.compound import funding_request

    both = "Wie viel gibt es für die Lehrgangsgebühren beim AFBG und muss man das Darlehen zurückzahlen?"
    assert funding_request(make_tracker(text=both)) is None
    leave = "Wie viele Tage Bildungsurlaub habe ich in NRW und habt ihr Excel-Kurse in Moers?"
    assert funding_request(make_tracker(text=leave)) == "Wie viele Tage Bildungsurlaub habe ich in NRW?"


def test_who_pays_for_a_course_one_pays_oneself_names_the_bildungsscheck(demo_db: str) -> None:
    said, buttons = reply("Staplerschein in Moers, den zahle ich selber. Gibt es dafür einen Zuschuss?",
                          slots={"employment_status": "beschaeftigt"})  # fmt: skip
    assert "Bildungsscheck 2.0" in said and "höchstens 500 €" in said and "Stand: Februar 2026" in said
    assert "Bildungsscheck 2.0" in buttons


def test_a_self_employed_writer_hears_of_the_bildungsscheck_too(demo_db: str) -> None:
    said, _ = reply("Staplerschein in Moers, wer zahlt das?", slots={"employment_status": "selbststaendig"})
    assert "50 % der Kosten, höchstens 500 €" in said


def test_a_question_beside_the_wish_to_be_called_is_answered_before_the_consent_question(demo_db: str) -> None:
    from actions.callback import AskConsent

    tracker = make_tracker(text="Bitte ruft mich zurück. Und noch was: wie lange ist der Bildungsgutschein gültig?",
                           intent="request_callback")  # fmt: skip
    _, messages = run(AskConsent(), tracker)
    said = texts(messages)
    assert said.startswith("Zuerst zu Ihrer Frage:")
    assert "3 Monate" in said
    assert said.index("3 Monate") < said.index("Sind Sie damit einverstanden?")
    alone = make_tracker(text="Bitte ruft mich zurück", intent="request_callback")
    _, messages = run(AskConsent(), alone)
    assert texts(messages).startswith("Für einen Rückruf speichere ich")


def english(text: str, topic: str, place: str | None = None) -> tuple[str, list[str]]:
    tracker = make_tracker(text=text, intent="search_course", slots={"topic": topic, "place": place, "language": "en"})
    _, messages = run(ActionSearchCourses(), tracker)
    return texts(messages), [b["title"] for m in messages for b in m.get("buttons") or []]


def test_a_course_and_a_callback_asked_in_english_get_the_courses_then_the_offer_to_call(demo_db: str) -> None:
    said, buttons = english("Please I need 2 things: forklift course in Moers, and a person who can call me back",
                            "forklift", "Moers")  # fmt: skip
    assert "1. " in said and "You also asked for a call: I can arrange a callback" in said
    assert said.index("1. ") < said.index("You also asked for a call")
    assert buttons[-1] == "Arrange a callback"
    alone, _ = english("forklift course in Moers", "forklift", "Moers")
    assert "You also asked for a call" not in alone


def test_an_english_question_about_time_off_beside_the_search_is_answered_after_the_courses(demo_db: str) -> None:
    said, _ = english("Do you have Python courses online, and can you also tell me if my employer has to give me "
                      "time off for it?", "Python", "online")  # fmt: skip
    assert "1. " in said and "And on your question about funding:" in said
    assert "Bildungsurlaub" in said and "refuse" in said
