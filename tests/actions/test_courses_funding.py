"""Search, details, funding and centre answers, run as the action server runs them, on demo data."""

from __future__ import annotations

import asyncio
from datetime import date

from rasa_sdk.executor import CollectingDispatcher

from actions.centres import ActionCounsellingCentres
from actions.courses import ActionCourseDetails, ActionSearchCourses, ActionShowMore, ValidateCourseSearchForm
from actions.funding import ActionFundingOverview, ActionFundingProgramme
from bot.db.session import session_scope
from tests.actions.conftest import make_tracker, run, texts


def search(**slots: object) -> tuple[list[dict], str]:
    events, messages = run(ActionSearchCourses(), make_tracker(slots=dict(slots)))
    return events, texts(messages)


def test_pflege_in_krefeld_lists_cards_with_place_price_and_start(demo_db: str) -> None:
    events, said = search(topic="Pflegekurs", place="Krefeld")
    assert "passende Kurse gefunden" in said
    assert "Krefeld" in said and "Start:" in said
    assert "€" in said or "kostenlos" in said
    assert "Beispieldaten" in said  # demo data is marked as such
    shown = next(e["value"] for e in events if e.get("name") == "shown_courses")
    assert 1 <= len(shown) <= 3


def test_show_more_pages_on_and_details_describe_the_chosen_course(demo_db: str) -> None:
    events, _ = search(topic="Excel", place="online")
    first_page = next(e["value"] for e in events if e.get("name") == "shown_courses")
    more_events, _ = run(
        ActionShowMore(), make_tracker(slots={"topic": "Excel", "place": "online", "search_page": 1})
    )
    second_page = next(e["value"] for e in more_events if e.get("name") == "shown_courses")
    assert set(first_page).isdisjoint(second_page)
    _, details = run(
        ActionCourseDetails(),
        make_tracker(slots={"shown_courses": second_page}, entities=[{"entity": "ordinal", "value": "1"}]),
    )
    assert "Unterrichtsstunden" in texts(details) and "Termine:" in texts(details)


def test_nothing_found_is_said_honestly_with_alternatives(demo_db: str) -> None:
    _, said = search(topic="Tiefseetauchen für Astronauten", place="Korbach")
    assert "keinen passenden Kurs" in said


def test_unknown_place_is_asked_again_politely(demo_db: str) -> None:
    dispatcher = CollectingDispatcher()
    result = asyncio.run(
        ValidateCourseSearchForm().validate_place("Atlantis", dispatcher, make_tracker(), {})
    )
    assert result == {"place": None}
    assert "Atlantis" in texts(dispatcher.messages) and "kenne ich leider nicht" in texts(dispatcher.messages)
    ok = asyncio.run(ValidateCourseSearchForm().validate_place("moers", CollectingDispatcher(), make_tracker(), {}))
    assert ok == {"place": "Moers"}


def test_bildungsgutschein_facts_come_with_date_and_office(demo_db: str) -> None:
    tracker = make_tracker(entities=[{"entity": "programme", "value": "bildungsgutschein"}])
    _, messages = run(ActionFundingProgramme(), tracker)
    said = texts(messages)
    assert "Bildungsgutschein" in said and "Stand:" in said and "Agentur für Arbeit" in said


def test_bildungsurlaub_depends_on_the_federal_state(demo_db: str) -> None:
    entities = [{"entity": "programme", "value": "bildungsurlaub"}]
    _, nrw = run(ActionFundingProgramme(), make_tracker(slots={"place": "Moers"}, entities=entities))
    _, hessen = run(ActionFundingProgramme(), make_tracker(slots={"place": "Korbach"}, entities=entities))
    assert "NRW" in texts(nrw) or "Nordrhein-Westfalen" in texts(nrw)
    assert "Hessen" in texts(hessen)
    assert texts(nrw) != texts(hessen)


def test_overview_and_counselling_centres(demo_db: str) -> None:
    _, overview = run(ActionFundingOverview(), make_tracker(slots={"place": "Bottrop"}))
    assert "Bildungsgutschein" in texts(overview)
    homberg = [{"entity": "place", "value": "Homberg (Efze)"}]
    _, centres = run(ActionCounsellingCentres(), make_tracker(entities=homberg))
    assert "Parkstraße 6" in texts(centres)


def test_cheaper_refinement_shows_only_cheaper_courses(demo_db: str) -> None:
    from decimal import Decimal

    from sqlalchemy import select

    from bot.db.models import CourseDate

    events, _ = search(topic="Pflege", place="Krefeld")
    shown = next(e["value"] for e in events if e.get("name") == "shown_courses")
    with session_scope(demo_db) as session:
        prices = session.execute(select(CourseDate.price_eur).where(CourseDate.course_id.in_(shown))).scalars()
        cheapest_shown = min(p for p in prices if p > 0)
    slots = {"topic": "Pflege", "place": "Krefeld", "shown_courses": shown}
    tracker = make_tracker(slots=slots, text="was Günstigeres?")
    cheaper_events, messages = run(ActionSearchCourses(), tracker)
    limit = next(e["value"] for e in cheaper_events if e.get("name") == "max_price")
    assert Decimal(limit) < Decimal(str(cheapest_shown))
    new = next((e["value"] for e in cheaper_events if e.get("name") == "shown_courses"), [])
    with session_scope(demo_db) as session:
        prices = session.execute(select(CourseDate.price_eur).where(CourseDate.course_id.in_(new))).scalars().all()
    assert all(Decimal(str(p)) <= Decimal(limit) for p in prices)
    assert texts(messages)  # either cheaper courses or an honest "nothing found"


def test_nothing_here_offers_nearby_towns_related_topics_then_counselling(demo_db: str) -> None:
    _, messages = run(ActionSearchCourses(), make_tracker(slots={"topic": "Hauswirtschaft", "place": "Krefeld"}))
    said = [m.get("text") or "" for m in messages]
    assert "Zu „Hauswirtschaft“ in Krefeld habe ich leider keinen passenden Kurs gefunden." in said[0]
    assert said[1].startswith("In der Nähe gibt es passende Kurse:") and "Moers" in said[1]
    assert said[2].startswith("Zu verwandten Themen gibt es Kurse: Pflege in Krefeld")
    assert "Weiterbildungsberatung" in said[3] and "Zum Beispiel: Volkshochschule Krefeld" in said[3]
    payloads = [b["payload"] for m in messages for b in m.get("buttons") or []]
    assert '/refine_search{"place": "Moers"}' in payloads
    assert '/refine_search{"topic": "Pflege"}' in payloads
    assert payloads[-2:] == ["/request_callback", "/ask_counselling"]
    assert "Beispieldaten" not in "\n".join(said)  # no courses shown, no demo notice


def test_clicking_a_nearby_town_shows_its_courses(demo_db: str) -> None:
    tracker = make_tracker(slots={"topic": "Hauswirtschaft", "place": "Moers"}, text='/refine_search{"place": "Moers"}')
    events, messages = run(ActionSearchCourses(), tracker)
    assert "passende Kurse gefunden" in texts(messages) and "Moers" in texts(messages)
    assert next(e["value"] for e in events if e.get("name") == "shown_courses")


def test_cards_are_numbered_on_across_pages_and_details_open_the_card_with_that_number(demo_db: str) -> None:
    events, first = run(ActionSearchCourses(), make_tracker(slots={"topic": "Pflege", "place": "Krefeld"}))
    shown = next(e["value"] for e in events if e.get("name") == "shown_courses")
    assert [m["text"][:2] for m in first if m["text"][:1].isdigit()] == ["1.", "2.", "3."]
    slots = {"topic": "Pflege", "place": "Krefeld", "search_page": 1, "shown_courses": shown}
    more_events, second = run(ActionShowMore(), make_tracker(slots=slots))
    cards = [m["text"] for m in second if m["text"][:1].isdigit()]
    assert [c[:2] for c in cards] == ["4.", "5.", "6."]
    all_shown = next(e["value"] for e in more_events if e.get("name") == "shown_courses")
    assert all_shown[:3] == shown and len(all_shown) == 6
    assert any(b["title"] == "Details zu Kurs 4" for m in second for b in m.get("buttons") or [])
    fifth_title = cards[1].split("\n")[0].removeprefix("5. ")
    for entities, text in (([{"entity": "ordinal", "value": "5"}], "Details zum fünften"), ([], "Details zu 5")):
        tracker = make_tracker(slots={"shown_courses": all_shown}, entities=entities, text=text)
        _, details = run(ActionCourseDetails(), tracker)
        assert texts(details).startswith(fifth_title)


def card_starts(messages: list[dict]) -> list[date]:
    """The "Start: 01.03.2027" dates of the course cards in ``messages``."""
    found = [m["text"].split("Start: ")[1][:10] for m in messages if "Start: " in (m.get("text") or "")]
    return [date(int(s[6:]), int(s[3:5]), int(s[:2])) for s in found]


def test_a_start_month_in_the_message_narrows_the_search_and_stays_for_the_next_page(demo_db: str) -> None:
    from bot.search.start_window import read_start_window

    text = "Ich suche einen Pflegekurs in Krefeld ab März"
    window = read_start_window(text, date.today())
    assert window is not None
    tracker = make_tracker(slots={"topic": "Pflegekurs", "place": "Krefeld"}, text=text, intent="search_course")
    events, messages = run(ActionSearchCourses(), tracker)
    stored = next(e["value"] for e in events if e.get("name") == "course_start")
    assert stored["label"] == window.label and f"mit Beginn {window.label}" in texts(messages)
    assert card_starts(messages) and all(start >= window.first for start in card_starts(messages))
    shown = next(e["value"] for e in events if e.get("name") == "shown_courses")
    slots = {"topic": "Pflegekurs", "place": "Krefeld", "search_page": 1, "shown_courses": shown,
             "course_start": stored}
    _, more = run(ActionShowMore(), make_tracker(slots=slots))
    assert all(start >= window.first for start in card_starts(more))
    cleared, _ = run(ActionSearchCourses(), make_tracker(slots=slots, text="der Starttermin ist mir egal"))
    assert {"event": "slot", "timestamp": None, "name": "course_start", "value": None} in cleared


def test_nothing_in_the_start_window_says_which_window(demo_db: str) -> None:
    slots = {"topic": "Pflege", "place": "Krefeld", "course_start": {"first": "2000-01-03", "last": "2000-01-09",
                                                                     "label": "im Januar 2000"}}
    _, messages = run(ActionSearchCourses(), make_tracker(slots=slots))
    assert "(Beginn im Januar 2000) habe ich leider keinen passenden Kurs gefunden" in texts(messages)


def test_a_hessen_programme_asked_from_nrw_is_explained_with_what_nrw_offers(demo_db: str) -> None:
    entities = [{"entity": "programme", "value": "proabschluss"}]
    _, messages = run(ActionFundingProgramme(), make_tracker(slots={"place": "Krefeld"}, entities=entities))
    said = texts(messages)
    assert "gibt es nur in Hessen" in said and "Für Nordrhein-Westfalen gilt es nicht" in said
    assert "stattdessen in Frage" in said and "Bildungsgutschein" in said


def test_a_start_wish_in_the_request_survives_the_question_for_the_place(demo_db: str) -> None:
    def said(text: str, intent: str) -> dict:
        return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}}

    events = [
        said("Ich suche einen Pflegekurs ab März", "search_course"),
        {"event": "bot", "text": "In welchem Ort suchen Sie?"},
        said("Krefeld", "inform"),
    ]
    tracker = make_tracker(slots={"topic": "Pflegekurs", "place": "Krefeld"}, text="Krefeld", events=events)
    result, messages = run(ActionSearchCourses(), tracker)
    assert next(e["value"] for e in result if e.get("name") == "course_start")["first"].endswith("-03-01")
    assert "mit Beginn ab März" in texts(messages)


def test_a_card_beyond_those_shown_is_answered_with_what_was_shown(demo_db: str) -> None:
    """ "Details zum zweiten" after one card: that card, said so; "zum dritten" after two: the choice."""
    events, _ = search(topic="Excel", place="online")
    shown = next(e["value"] for e in events if e.get("name") == "shown_courses")
    one_card = make_tracker(slots={"shown_courses": shown[:1]}, text="Details zum zweiten bitte")
    _, one = run(ActionCourseDetails(), one_card)
    assert "Ich habe Ihnen nur einen Kurs gezeigt." in texts(one) and "Termine:" in texts(one)
    _, two = run(ActionCourseDetails(), make_tracker(slots={"shown_courses": shown[:2]}, text="details zum dritten"))
    assert "Ich habe Ihnen 2 Kurse gezeigt." in texts(two)
    assert [b["title"] for m in two for b in m.get("buttons") or []] == ["Details zu Kurs 1", "Details zu Kurs 2"]


def test_more_after_the_last_course_near_the_place_shows_the_online_courses(demo_db: str) -> None:
    slots = {"topic": "Excel", "place": "Wesel", "search_page": 1}
    seen: list[int] = []
    said = ""
    for page in range(1, 8):  # page on until the courses near Wesel are all seen
        events, messages = run(ActionShowMore(), make_tracker(slots={**slots, "search_page": page,
                                                                      "shown_courses": seen}))  # fmt: skip
        said = texts(messages)
        if "Online gibt es" in said or "Das waren alle" in said:
            break
        seen = next(e["value"] for e in events if e.get("name") == "shown_courses")
    assert "In der Nähe von Wesel waren das alle. Online gibt es zu Ihrem Thema noch diese Kurse:" in said
    assert "online" in said


def test_when_the_next_one_starts_is_answered_from_the_cards_shown(demo_db: str) -> None:
    """ "wann fängt der nächste an" after a list got "Zu welchem Kurs …?"."""
    events, _ = search(topic="Excel", place="online")
    shown = next(e["value"] for e in events if e.get("name") == "shown_courses")
    asked = make_tracker(slots={"shown_courses": shown}, text="wann fängt der nächste an")
    _, messages = run(ActionCourseDetails(), asked)
    said = texts(messages)
    assert said.startswith("Als Nächstes beginnt Kurs ") and " am " in said
    assert next(b["title"] for m in messages for b in m.get("buttons") or []).startswith("Details zu Kurs ")
