"""Answers that only make sense in context: "online" for the place, a month after a list, "der erste"."""

from __future__ import annotations

import asyncio

from rasa_sdk.executor import CollectingDispatcher

from actions.courses import ActionSearchCourses, ActionShowMore, ValidateCourseSearchForm
from tests.actions.conftest import make_tracker, run, texts


def answer_where(text: str) -> tuple[dict, str]:
    """The search form's "In welchem Ort suchen Sie?" answered with ``text``: the slots and what was said."""
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text=text, intent="inform", slots={"topic": "Excel", "requested_slot": "place"})
    slots = asyncio.run(ValidateCourseSearchForm().validate_place(text, dispatcher, tracker, {}))
    return slots, texts(dispatcher.messages)


def pflege_in_krefeld() -> tuple[list[int], list[str]]:
    """The cards of a search for Pflege in Krefeld: the course ids and their titles, in order."""
    events, messages = run(ActionSearchCourses(), make_tracker(slots={"topic": "Pflege", "place": "Krefeld"}, text="x"))
    shown = next(e["value"] for e in events if e.get("name") == "shown_courses")
    cards = [m["text"] for m in messages if m["text"][:2] in {f"{n}." for n in range(1, 10)}]
    return shown, [card.split("\n")[0].split(". ", 1)[1] for card in cards]


def test_online_is_an_answer_to_where(demo_db: str) -> None:
    for said in ("online", "gerne online", "Online bitte", "am liebsten von zu Hause"):
        slots, reply = answer_where(said)
        assert slots == {"place": "online", "course_format": "online"}, said
        assert reply == ""


def test_a_town_in_a_sentence_is_an_answer_to_where(demo_db: str) -> None:
    assert answer_where("in Hamburg bitte")[0] == {"place": "Hamburg"}
    assert answer_where("ich wohne in Moers")[0] == {"place": "Moers"}


def test_a_month_instead_of_a_town_is_not_called_an_unknown_town(demo_db: str) -> None:
    slots, reply = answer_where("ab März")
    assert slots == {"place": None}
    assert "kenne ich leider nicht" not in reply


def test_a_month_after_the_results_keeps_the_topic(demo_db: str) -> None:
    pflege_in_krefeld()
    tracker = make_tracker(text="im März", intent="refine_search", slots={"topic": "Pflege", "place": "Krefeld"})
    _, messages = run(ActionSearchCourses(), tracker)
    said = texts(messages)
    # Either the Pflege courses starting in March, or "none in March" for Pflege: both keep the topic.
    assert ("mit Beginn im März" in said and "Pflege" in said) or "Zu „Pflege“ in Krefeld (Beginn im März" in said
    assert "Welches Thema interessiert Sie?" not in said


def test_der_erste_after_a_list_shows_that_course(demo_db: str) -> None:
    shown, titles = pflege_in_krefeld()
    first, second = titles[0], titles[1]
    slots = {"topic": "Pflege", "place": "Krefeld", "shown_courses": shown}
    # The NLU read "der erste" as a refinement and "den zweiten bitte" as "more": both still mean a card.
    _, messages = run(ActionSearchCourses(), make_tracker(text="der erste", intent="inform", slots=slots))
    said = texts(messages)
    assert said.startswith(first) and "Unterrichtsstunden" in said and "Termine:" in said
    _, messages = run(ActionShowMore(), make_tracker(text="den zweiten bitte", intent="show_more", slots=slots))
    assert texts(messages).startswith(second)


def test_a_topic_with_a_number_word_is_still_a_search(demo_db: str) -> None:
    shown, _ = pflege_in_krefeld()
    slots = {"topic": "Erste Hilfe", "place": "Krefeld", "shown_courses": shown}
    _, messages = run(ActionSearchCourses(), make_tracker(text="Erste Hilfe", intent="refine_search", slots=slots))
    assert "Erste-Hilfe" in texts(messages)


def test_online_in_the_request_itself_needs_no_question_for_the_town(demo_db: str) -> None:
    for said in ("Buchhaltung lernen, komplett online", "Python für Anfänger, geht das online von zuhause?"):
        tracker = make_tracker(text=said, intent="search_course")
        slots = asyncio.run(ValidateCourseSearchForm().extract_place(CollectingDispatcher(), tracker, {}))
        assert slots == {"place": "online", "course_format": "online"}, said
    tracker = make_tracker(text="Buchhaltung online", intent="search_course", slots={"place": "Krefeld"})
    assert asyncio.run(ValidateCourseSearchForm().extract_place(CollectingDispatcher(), tracker, {})) == {}


def test_a_town_the_nlu_tagged_only_in_part_is_read_from_the_message(demo_db: str) -> None:
    said = "schweisskurs in der nähe von kamp lintfort, mig mag oder wig"
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text=said, intent="search_course", slots={"topic": "Schweißen"})
    slots = asyncio.run(ValidateCourseSearchForm().validate_place("lintfort", dispatcher, tracker, {}))
    assert slots == {"place": "Kamp-Lintfort"}
    assert texts(dispatcher.messages) == ""
