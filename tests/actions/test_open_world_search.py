"""Course searches in the citizen's own words, run as the action server runs them, on the demo offer.

What is asserted is what the citizen reads: the subject in their words when nothing matches,
the courses that do match, and an honest answer for towns outside the regions.
"""

from __future__ import annotations

import asyncio
from typing import Any

from actions.courses import ActionSearchCourses, ValidateCourseSearchForm
from tests.actions.conftest import make_tracker, run, texts


def entity(text: str, name: str, value: str) -> dict[str, Any]:
    start = text.index(value)
    return {"entity": name, "value": value, "start": start, "end": start + len(value)}


def form_slots(text: str, entities: list[dict[str, Any]], slots: dict[str, Any] | None = None) -> dict[str, Any]:
    """What the search form takes from a request: the NLU's entities plus the extracted topic and place."""
    tracker = make_tracker(text=text, intent="search_course", entities=entities, slots=dict(slots or {}))
    form = ValidateCourseSearchForm()
    found = {e["entity"]: e["value"] for e in entities if e["entity"] in ("topic", "place")}
    found.update(asyncio.run(form.extract_topic(None, tracker, {})))  # type: ignore[arg-type]
    found.update(asyncio.run(form.extract_place(None, tracker, {})))  # type: ignore[arg-type]
    return found


def search(text: str, entities: list[dict[str, Any]], slots: dict[str, Any] | None = None) -> str:
    """The reply to a search request once the form has what it needs."""
    filled = {**(slots or {}), **form_slots(text, entities, slots)}
    _, messages = run(ActionSearchCourses(), make_tracker(text=text, intent="search_course", slots=filled))
    return texts(messages) + "\n" + " | ".join(b["title"] for m in messages for b in m.get("buttons") or [])


def test_a_subject_nobody_offers_is_named_in_the_citizens_words_with_what_there_is(demo_db: str) -> None:
    text = "Ich suche einen Kurs für Tiefseetauchen in Bottrop"
    said = search(text, [entity(text, "place", "Bottrop")])
    assert "Zu „Tiefseetauchen“ in Bottrop habe ich leider keinen passenden Kurs gefunden." in said
    assert "Welches Thema interessiert Sie?" not in said
    assert "Kurse gibt es in Bottrop zum Beispiel zu diesen Themen:" in said  # something to choose instead
    assert "Rückruf vereinbaren" in said


def test_34a_exam_in_dinslaken_shows_security_courses(demo_db: str) -> None:
    text = "34a Sachkundeprüfung in Dinslaken"
    said = search(text, [entity(text, "topic", "Sachkundeprüfung"), entity(text, "place", "Dinslaken")])
    assert "34a" in said or "Sicherheit" in said
    assert "Meisterprüfung" not in said and "Schweiß" not in said and "telc" not in said


def test_sap_finds_the_sap_course_not_datev(demo_db: str) -> None:
    said = search("SAP", [entity("SAP", "topic", "SAP")])
    assert "Lagerlogistik mit Staplerschein und SAP" in said
    assert "DATEV" not in said


def test_a_leadership_course_without_umlauts(demo_db: str) -> None:
    said = search("fuehrungskraefte", [])
    assert "passende Kurse gefunden" in said
    assert "Welches Thema interessiert Sie?" not in said
    assert "Führ" in said or "Leitung" in said or "Management" in said


def test_an_english_request_finds_german_courses_not_cad(demo_db: str) -> None:
    text = "Hello, I am looking for a German course in Bottrop"
    said = search(text, [entity(text, "place", "Bottrop")])
    assert "Deutsch" in said and "CAD" not in said
    assert "In Bottrop habe ich nichts gefunden" not in said


def test_excel_in_hamburg_says_what_the_bot_covers_and_where_to_look(demo_db: str) -> None:
    text = "Gibt es Excel-Kurse in Hamburg?"
    assert form_slots(text, [entity(text, "topic", "Excel-Kurse")]) == {"topic": "Excel-Kurse", "place": "Hamburg"}
    said = search(text, [entity(text, "topic", "Excel-Kurse")])
    assert "Hamburg liegt außerhalb der Regionen, für die ich Kurse kenne: Krefeld, Kreis Wesel, Bottrop" in said
    assert "Weiterbildungssuche der Bundesagentur für Arbeit" in said and "0800 4 5555 00" in said
    assert "Online-Kurse können Sie auch von Hamburg aus besuchen." in said
    assert "In welchem Ort suchen Sie?" not in said and "kenne ich leider nicht" not in said


def test_care_course_in_munich_gets_the_honest_answer(demo_db: str) -> None:
    text = "Ich suche einen Pflegekurs in München"
    said = search(text, [entity(text, "topic", "Pflegekurs")])
    assert "München liegt außerhalb der Regionen" in said and "Agentur für Arbeit vor Ort" in said
    assert "In welchem Ort suchen Sie?" not in said


def test_kassel_shows_courses_around_it_and_says_so(demo_db: str) -> None:
    said = search("Pflege in Kassel", [entity("Pflege in Kassel", "topic", "Pflege")])
    assert "Kassel liegt außerhalb der Regionen, für die ich Kurse kenne (Krefeld, " in said
    assert "Schwalm-Eder-Kreis). Im Umkreis von 25 km um Kassel" in said
    assert "km entfernt" in said


def test_a_new_request_replaces_the_topic_of_the_last_search(demo_db: str) -> None:
    text = "Kurs für Tiefseetauchen in Bottrop"
    slots = form_slots(text, [entity(text, "place", "Bottrop")], slots={"topic": "Pflege", "place": "Krefeld"})
    assert slots == {"topic": "Tiefseetauchen", "place": "Bottrop"}
    # A request without course words keeps the topic: "Kurse ab März" still means Pflege.
    assert form_slots("Kurse ab März", [], slots={"topic": "Pflege"}) == {}


def test_an_integration_course_named_as_a_programme_is_searched_for(demo_db: str) -> None:
    """The NLU tags "Integrationskurs" as a programme; the search used to ask "Welches Thema …?"."""
    text = "Ich suche einen Integrationskurs in Wesel"
    programme = {**entity(text, "programme", "Integrationskurs"), "value": "integrationskurs"}  # the synonym's slug
    said = search(text, [programme, entity(text, "place", "Wesel")])
    assert "Welches Thema interessiert Sie?" not in said
    assert "Integrationskurs" in said
