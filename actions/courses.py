"""Course search: the form that asks only for what is missing, results as short cards, details."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import Events, survives_database_errors
from actions.wording import ask_action, render, say
from bot.course_view import card_values, details_values, shown_prices
from bot.db.session import session_scope
from bot.demo.flag import is_demo_offer
from bot.labels import FORMAT_LABELS, SCHEDULE_LABELS, price_label
from bot.search.alternatives import Alternatives, find_alternatives
from bot.search.places import resolve_place
from bot.search.query import CourseHit, CourseQuery, search_courses
from bot.search.refine import price_limit
from bot.search.start_window import StartWindow, follow_start_wishes
from bot.search.text import fold

#: Answers to "where?" that mean "anywhere / online" rather than a town.
ANYWHERE = {"online", "egal", "ueberall", "von zu hause", "zuhause", "zu hause", "digital", "im internet"}
PAGE_SIZE = 3
#: The search form asks at most for topic and place: the request lies at most this many messages back.
MAX_FORM_ANSWERS = 4

AskTopic = ask_action("topic")
AskPlace = ask_action("place")


class ValidateCourseSearchForm(FormValidationAction):
    def name(self) -> str:
        return "validate_course_search_form"

    async def validate_topic(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = str(value or "").strip()
        if not fold(text):
            say(dispatcher, tracker, "ask_topic")
            return {"topic": None}
        return {"topic": text[:100]}

    @survives_database_errors
    async def validate_place(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = str(value or "").strip()[:100]
        if fold(text) in ANYWHERE:
            return {"place": "online", "course_format": "online"}
        with session_scope() as session:
            place = resolve_place(session, text)
            if place is None:
                say(dispatcher, tracker, "unknown_place", place=text)
                return {"place": None}
            return {"place": place.name}


class ActionSearchCourses(Action):
    """New search or refinement; a refinement keeps the earlier filters and changes what was said."""

    def name(self) -> str:
        return "action_search_courses"

    @survives_database_errors
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        if not tracker.get_slot("topic"):
            say(dispatcher, tracker, "ask_topic")
            return []
        changes: Events = []
        shown = tracker.get_slot("shown_courses") or []
        with session_scope() as session:
            prices = shown_prices(session, shown)
        text = tracker.latest_message.get("text") or ""
        limit = price_limit(text, prices)
        if limit is not None:
            changes.append(SlotSet("max_price", str(limit)))
        before = StartWindow.from_slot(tracker.get_slot("course_start"))
        window = follow_start_wishes(search_wishes(tracker), date.today(), before)
        if window != before:
            changes.append(SlotSet("course_start", window.as_slot() if window else None))
        return changes + show_page(dispatcher, tracker, page=1, window=window, max_price=limit)


class ActionShowMore(Action):
    def name(self) -> str:
        return "action_show_more"

    @survives_database_errors
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        if not tracker.get_slot("topic"):
            say(dispatcher, tracker, "ask_topic")
            return []
        page = int(tracker.get_slot("search_page") or 1) + 1
        return show_page(dispatcher, tracker, page=page, window=StartWindow.from_slot(tracker.get_slot("course_start")))


class ActionCourseDetails(Action):
    def name(self) -> str:
        return "action_course_details"

    @survives_database_errors
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        shown: list[int] = tracker.get_slot("shown_courses") or []
        ordinal = next(tracker.get_latest_entity_values("ordinal"), None)
        index = _position(ordinal, tracker.latest_message.get("text") or "", len(shown))
        if not shown or not 1 <= index <= len(shown):
            say(dispatcher, tracker, "which_course")
            return []
        with session_scope() as session:
            values = details_values(session, shown[index - 1], phrase)
        if values is None:
            say(dispatcher, tracker, "which_course")
            return []
        say(dispatcher, tracker, "course_details", **values)
        return []


def search_wishes(tracker: Tracker) -> list[str]:
    """The citizen's messages that make up this search, oldest first.

    The latest one, and when it answered a question of the search form, those back to the request
    that started it: "Pflegekurs ab März" … "Krefeld" still means "ab März".
    """
    wishes: list[str] = []
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        wishes.append(event.get("text") or "")
        intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
        if intent in ("search_course", "refine_search") or len(wishes) == MAX_FORM_ANSWERS:
            break
    return list(reversed(wishes)) or [tracker.latest_message.get("text") or ""]


def show_page(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    page: int,
    window: StartWindow | None,
    max_price: Decimal | None = None,
) -> Events:
    """One page of cards. Numbers run on across pages ("4." on page 2), as does ``shown_courses``,
    so "Details zu 5" means the fifth card the citizen has seen."""
    query = query_from_slots(tracker, page, window, max_price)
    with session_scope() as session:
        result = search_courses(session, query)
        is_demo = is_demo_offer(session)
        alternatives = find_alternatives(session, query) if result.total == 0 and not result.place_unknown else None
    if result.place_unknown:
        say(dispatcher, tracker, "unknown_place", place=result.place_unknown)
        return [SlotSet("place", None)]
    if alternatives is not None:
        say_nothing_found(dispatcher, tracker, query, window, alternatives)
        return [SlotSet("shown_courses", []), SlotSet("search_page", 1)]
    if not result.hits:
        say(dispatcher, tracker, "no_more_courses")
        return []
    starting = f" mit Beginn {window.label}" if window else ""
    if page == 1 and result.widened_to_region and result.place is not None:
        say(dispatcher, tracker, "courses_widened", requested_place=query.place, region=in_place(result.place.region),
            window=starting)
    elif page == 1:
        say(dispatcher, tracker, "courses_intro", count=result.total, window=starting)
    earlier = list(tracker.get_slot("shown_courses") or [])[: (page - 1) * PAGE_SIZE] if page > 1 else []
    for number, hit in enumerate(result.hits, start=len(earlier) + 1):
        say(dispatcher, tracker, "course_card", **card(number, hit))
    say(dispatcher, tracker, "courses_more_hint" if result.has_more else "courses_end_hint", first=len(earlier) + 1)
    if is_demo and page == 1:
        say(dispatcher, tracker, "demo_data_notice")
    shown = earlier + [h.course_id for h in result.hits]
    return [SlotSet("shown_courses", shown), SlotSet("search_page", page)]


def say_nothing_found(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    query: CourseQuery,
    window: StartWindow | None,
    found: Alternatives,
) -> None:
    """Say so honestly, then what helps: the course nearby, a related topic here, counselling."""
    where = f" {in_place(query.place)}" if query.place else ""
    say(dispatcher, tracker, "no_courses", topic=query.text, where=where, constraints=constraints(query, window))
    if found.nearby:
        places = ", ".join(f"{p.place} ({courses_label(p.count)})" for p in found.nearby)
        buttons = [{"title": f"{query.text} in {p.place}", "payload": refine(place=p.place)} for p in found.nearby]
        say(dispatcher, tracker, "courses_nearby", places=places, buttons=buttons)
    if found.related:
        topics = ", ".join(
            f"{t.topic}{' ' + in_place(t.where) if t.where else ''} ({courses_label(t.count)})" for t in found.related
        )
        buttons = [{"title": t.topic, "payload": refine(topic=t.topic)} for t in found.related]
        say(dispatcher, tracker, "courses_related", topics=topics, buttons=buttons)
    centre = ""
    if found.counselling is not None:
        phone = f", Telefon {found.counselling.phone}" if found.counselling.phone else ""
        centre = f" Zum Beispiel: {found.counselling.name}{phone}."
    say(dispatcher, tracker, "courses_counselling", centre=centre)


def constraints(query: CourseQuery, window: StartWindow | None) -> str:
    """ " (abends, bis 300 €, Beginn ab März 2027)": the wishes the search kept to, or ""."""
    parts = [
        FORMAT_LABELS.get(query.format or "", query.format or ""),
        SCHEDULE_LABELS.get(query.schedule or "", query.schedule or ""),
        f"bis {price_label(query.max_price)}" if query.max_price is not None else "",
        "mit Bildungsgutschein" if query.bildungsgutschein else "",
        "mit Aufstiegs-BAföG" if query.aufstiegs_bafoeg else "",
        f"Beginn {window.label}" if window else "",
    ]
    named = [p for p in parts if p]
    return f" ({', '.join(named)})" if named else ""


def in_place(name: str) -> str:
    """ "in Moers", but "im Kreis Wesel", "im Schwalm-Eder-Kreis"."""
    district = name.startswith(("Kreis ", "Landkreis ")) or name.endswith("-Kreis")
    return f"im {name}" if district else f"in {name}"


def courses_label(count: int) -> str:
    return "1 Kurs" if count == 1 else f"{count} Kurse"


def refine(**entities: str) -> str:
    """A button payload that refines the search, e.g. /refine_search{"place": "Moers"}."""
    return "/refine_search" + json.dumps(entities, ensure_ascii=False)


def query_from_slots(
    tracker: Tracker, page: int, window: StartWindow | None, max_price: Decimal | None = None
) -> CourseQuery:
    place = tracker.get_slot("place")
    funding = tracker.get_slot("funding_filter")
    return CourseQuery(
        text=str(tracker.get_slot("topic") or ""),
        place=None if place in (None, "online") else str(place),
        format=tracker.get_slot("course_format"),
        schedule=tracker.get_slot("schedule"),
        start_after=window.first if window else None,
        start_before=window.last if window else None,
        max_price=max_price if max_price is not None else _price(tracker.get_slot("max_price")),
        bildungsgutschein=funding == "bildungsgutschein",
        aufstiegs_bafoeg=funding == "aufstiegs_bafoeg",
        page=page,
        page_size=PAGE_SIZE,
    )


def phrase(key: str, **values: Any) -> str:
    """A label from the wording catalogue, for the presenter in bot/course_view.py."""
    return render(key, **values)["text"]


def card(number: int, hit: CourseHit) -> dict[str, Any]:
    return card_values(number, hit, phrase)


def _price(value: Any) -> Decimal | None:
    """ "500", "1.500", "1.500,50", "1199.99" (as we store it) -> Decimal; anything else -> None."""
    text = str(value or "").strip(" €").replace(" ", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif not re.fullmatch(r"\d+\.\d{1,2}", text):
        text = text.replace(".", "")
    try:
        price = Decimal(text)
    except InvalidOperation:
        return None
    return price if price >= 0 else None


def _position(ordinal: str | None, text: str, shown: int) -> int:
    """1-based position the citizen means; 0 when unclear (then we ask).

    The entity first ("5", "5.", "last"); without one, a lone number in the text ("Details zu 5").
    """
    if ordinal == "last":
        return shown
    digits = re.search(r"\d+", str(ordinal or ""))
    if digits:
        return int(digits.group())
    lone = re.fullmatch(r"\D*?(\d{1,2})\.?\D*", text)
    if lone:
        return int(lone.group(1))
    return 1 if shown == 1 else 0
