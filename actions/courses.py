"""Course search: the form that asks only for what is missing, results as short cards, details."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy import select

from actions.common import Events, survives_database_errors
from actions.wording import ask_action, say
from bot.db.models import Course, DatasetInfo
from bot.db.session import session_scope
from bot.labels import FORMAT_LABELS, SCHEDULE_LABELS, date_label, price_label
from bot.search.places import resolve_place
from bot.search.query import CourseHit, CourseQuery, search_courses
from bot.search.refine import price_limit
from bot.search.text import fold

#: Answers to "where?" that mean "anywhere / online" rather than a town.
ANYWHERE = {"online", "egal", "ueberall", "von zu hause", "zuhause", "zu hause", "digital", "im internet"}
PAGE_SIZE = 3

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
            prices = session.execute(select(Course.price_eur).where(Course.id.in_(shown))).scalars().all()
        limit = price_limit(tracker.latest_message.get("text") or "", [Decimal(str(p)) for p in prices])
        if limit is not None:
            changes.append(SlotSet("max_price", str(limit)))
        return changes + show_page(dispatcher, tracker, page=1, max_price=limit)


class ActionShowMore(Action):
    def name(self) -> str:
        return "action_show_more"

    @survives_database_errors
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        if not tracker.get_slot("topic"):
            say(dispatcher, tracker, "ask_topic")
            return []
        page = int(tracker.get_slot("search_page") or 1) + 1
        return show_page(dispatcher, tracker, page=page)


class ActionCourseDetails(Action):
    def name(self) -> str:
        return "action_course_details"

    @survives_database_errors
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        shown: list[int] = tracker.get_slot("shown_courses") or []
        index = _position(next(tracker.get_latest_entity_values("ordinal"), None), len(shown))
        if not shown or not 1 <= index <= len(shown):
            say(dispatcher, tracker, "which_course")
            return []
        with session_scope() as session:
            course = session.get(Course, shown[index - 1])
            if course is None:
                say(dispatcher, tracker, "which_course")
                return []
            dates = ", ".join(
                f"{date_label(d.start_date)} ({d.place.name if d.place else 'online'})" for d in course.dates[:4]
            )
            say(
                dispatcher,
                tracker,
                "course_details",
                title=course.title,
                description=course.description,
                provider=course.provider.name,
                contact=course.provider.phone or course.provider.email or course.provider.website or "",
                hours=course.hours or "k. A.",
                degree=course.degree or "Teilnahmebescheinigung",
                price=price_label(course.price_eur),
                dates=dates or "auf Anfrage",
                url=course.url or "",
            )
        return []


def show_page(
    dispatcher: CollectingDispatcher, tracker: Tracker, page: int, max_price: Decimal | None = None
) -> Events:
    query = query_from_slots(tracker, page, max_price)
    with session_scope() as session:
        result = search_courses(session, query)
        demo = session.get(DatasetInfo, "demo_data")
        is_demo = demo is not None and demo.value == "true"
    if result.place_unknown:
        say(dispatcher, tracker, "unknown_place", place=result.place_unknown)
        return [SlotSet("place", None)]
    if result.total == 0:
        say(dispatcher, tracker, "no_courses", topic=query.text)
        return [SlotSet("shown_courses", []), SlotSet("search_page", 1)]
    if not result.hits:
        say(dispatcher, tracker, "no_more_courses")
        return []
    if page == 1 and result.widened_to_region and result.place is not None:
        say(dispatcher, tracker, "courses_widened", requested_place=query.place, region=result.place.region)
    elif page == 1:
        say(dispatcher, tracker, "courses_intro", count=result.total)
    for number, hit in enumerate(result.hits, start=1):
        say(dispatcher, tracker, "course_card", **card(number, hit))
    say(dispatcher, tracker, "courses_more_hint" if result.has_more else "courses_end_hint")
    if is_demo and page == 1:
        say(dispatcher, tracker, "demo_data_notice")
    return [SlotSet("shown_courses", [h.course_id for h in result.hits]), SlotSet("search_page", page)]


def query_from_slots(tracker: Tracker, page: int, max_price: Decimal | None = None) -> CourseQuery:
    place = tracker.get_slot("place")
    funding = tracker.get_slot("funding_filter")
    return CourseQuery(
        text=str(tracker.get_slot("topic") or ""),
        place=None if place in (None, "online") else str(place),
        format=tracker.get_slot("course_format"),
        schedule=tracker.get_slot("schedule"),
        max_price=max_price if max_price is not None else _price(tracker.get_slot("max_price")),
        bildungsgutschein=funding == "bildungsgutschein",
        aufstiegs_bafoeg=funding == "aufstiegs_bafoeg",
        page=page,
        page_size=PAGE_SIZE,
    )


def card(number: int, hit: CourseHit) -> dict[str, Any]:
    badges = " · ".join(hit.badges)
    return {
        "number": number,
        "title": hit.title,
        "provider": hit.provider,
        "place": hit.place,
        "start": date_label(hit.next_start),
        "price": price_label(hit.price_eur),
        "format_label": FORMAT_LABELS.get(hit.format, hit.format),
        "schedule_label": SCHEDULE_LABELS.get(hit.schedule, hit.schedule),
        "badges": f"\nFörderung: {badges}" if badges else "",
    }


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


def _position(ordinal: str | None, shown: int) -> int:
    """1-based position the citizen means; 0 when unclear (then we ask)."""
    if ordinal == "last":
        return shown
    if ordinal and ordinal.isdigit():
        return int(ordinal)
    return 1 if shown == 1 else 0
