"""The structured summary an advisor reads first, from a conversation as Rasa stores it."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from bot.db.models import Course, Provider
from bot.summary import summarise


def user(text: str, intent: str, at: float, **entities: str) -> dict[str, Any]:
    found = [{"entity": k, "value": v} for k, v in entities.items()]
    parsed = {"intent": {"name": intent}, "entities": found}
    return {"event": "user", "text": text, "timestamp": at, "parse_data": parsed}


def slot(name: str, value: Any) -> dict[str, Any]:
    return {"event": "slot", "name": name, "value": value}


def action(name: str) -> dict[str, Any]:
    return {"event": "action", "name": name}


def loop(name: str | None) -> dict[str, Any]:
    return {"event": "active_loop", "name": name}


def courses(session: Session) -> list[int]:
    provider = Provider(name="Pflegeschule Krefeld", azav_certified=True, is_demo=True)
    titles = [("Pflegehelfer/in Basiskurs", "https://pflege.example/basis"), ("Betreuungskraft § 43b", None),
              ("Pflegefachkraft Umschulung", "javascript:alert(1)"), ("Erste Hilfe in der Pflege", None)]
    rows = [Course(provider=provider, external_id=f"k{i}", title=t, description="", url=u, keywords=[])
            for i, (t, u) in enumerate(titles)]
    session.add_all(rows)
    session.flush()
    return [r.id for r in rows]


def test_the_summary_names_situation_search_courses_programmes_question_and_what_stayed_open(session) -> None:
    ids = courses(session)
    events = [
        user("Ich bin 52, seit 25 Jahren im Einzelhandel und bekomme ALG 1", "inform", 1),
        user("Ich suche einen Pflegekurs", "search_course", 2, topic="Pflege"),
        loop("course_search_form"),
        user("Krefeld", "inform", 3, place="Krefeld"),  # a form answer, no question
        loop(None),
        slot("shown_courses", ids[:3]),
        user('/course_details{"ordinal":"2"}', "course_details", 4, ordinal="2"),
        action("action_course_details"),
        user("/show_more", "show_more", 5),
        slot("shown_courses", ids),
        user("den letzten", "course_details", 6),
        action("action_course_details"),
        user("Zahlt das der Bildungsgutschein?", "ask_funding_programme", 7, programme="bildungsgutschein"),
        user("Was kostet die Kinderbetreuung während der Umschulung wirklich", "nlu_fallback", 8),
        user("Wie ist das Wetter?", "out_of_scope", 9),
        user("Ich will mit einem Menschen sprechen", "request_human", 10),
    ]
    slots = {"topic": "Pflege", "place": "Krefeld", "course_format": "praesenz", "age": 52.0, "benefits": "alg1",
             "employment_status": "arbeitslos", "years_worked": 25.0, "has_qualification": True,
             "taxable_income": 35000.0, "eligibility_programme": "aufstiegs_bafoeg",
             "eligibility_results": ["Bildungsgutschein: voraussichtlich ja"]}
    found = summarise(session, slots, events)

    assert found.situation == {"employment_status": "arbeitslos", "benefits": "alg1", "has_qualification": True,
                               "years_worked": 25.0, "age_band": [45, 54]}  # a band, not the age; no income
    assert (found.topic, found.place, found.course_format) == ("Pflege", "Krefeld", "praesenz")
    assert found.courses == [
        {"title": "Betreuungskraft § 43b", "url": None, "opened": True},  # "Details zu Kurs 2"
        {"title": "Erste Hilfe in der Pflege", "url": None, "opened": True},  # "den letzten" of four
        {"title": "Pflegehelfer/in Basiskurs", "url": "https://pflege.example/basis", "opened": False},
        {"title": "Pflegefachkraft Umschulung", "url": None, "opened": False},  # never a javascript: link
    ]
    assert found.programmes == ["bildungsgutschein", "aufstiegs_bafoeg"]
    assert found.eligibility == ["Bildungsgutschein: voraussichtlich ja"]
    assert found.open_question == "Wie ist das Wetter?"  # the last own question, not the request for a person
    assert found.unanswered == ["Was kostet die Kinderbetreuung während der Umschulung wirklich", "Wie ist das Wetter?"]


def test_a_suggestion_taken_up_is_answered_and_a_restart_forgets_what_came_before(session) -> None:
    events = [
        user("Wo finde ich was für Staplerfahrer", "search_course", 1, topic="Stapler"),
        {"event": "restart"},
        user("wie geht das mit dem geld", "nlu_fallback", 2),
        user("/ask_funding_overview", "ask_funding_overview", 3),  # "Meinten Sie …?" — "Ja"
        user("kann ich da anrufen", "nlu_fallback", 4),
        user("/out_of_scope", "out_of_scope", 5),  # "Nein, etwas anderes"
    ]
    found = summarise(session, {}, events)
    assert found.unanswered == ["kann ich da anrufen"]
    assert found.open_question == "kann ich da anrufen"
    assert found.situation == {} and found.courses == [] and found.topic is None


def test_a_request_that_names_its_matter_is_the_open_question(session) -> None:
    events = [
        user("Hallo", "greet", 1),
        user("Kann mich jemand zum Bildungsurlaub beraten?", "request_human", 2, programme="bildungsurlaub_nrw"),
    ]
    found = summarise(session, {"age": 19}, events)
    assert found.open_question == "Kann mich jemand zum Bildungsurlaub beraten?"
    assert found.programmes == ["bildungsurlaub_nrw"]
    assert found.situation == {"age_band": [0, 24]}
