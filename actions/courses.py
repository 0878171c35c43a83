"""Course search: the form that asks only for what is missing, results as short cards, details."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import Events, survives_database_errors
from actions.compound import funding_part
from actions.course_answers import card, phrase, say_intro, say_nothing_found, say_outside_regions
from actions.wording import ask_action, say
from bot.course_view import details_values, next_start, shown_prices
from bot.db.session import session_scope
from bot.demo.flag import is_demo_offer
from bot.search.alternatives import find_alternatives
from bot.search.mentions import asks_next_start, card_position, course_number, course_words, place_in_text
from bot.search.places import resolve_place
from bot.search.query import CourseQuery, search_courses
from bot.search.refine import price_limit
from bot.search.start_window import StartWindow, follow_start_wishes, read_start_window
from bot.search.text import fold
from bot.stats import hooks as stats

#: Answers to "where?" that mean "anywhere / online" rather than a town.
ANYWHERE = {"online", "egal", "ueberall", "von zu hause", "zuhause", "zu hause", "digital", "im internet"}
#: Words that make any short answer to "where?" mean online ("gerne online", "am liebsten digital").
ONLINE_WORDS = {"online", "digital", "internet", "zuhause", "onlinekurs", "virtuell", "fernunterricht", "webinar"}
#: The intents that start or change a search: their words are the course wish.
REQUESTS = ("search_course", "refine_search")
#: Programmes that are courses: named in a search, they are what is searched for (search terms, not wording).
COURSE_PROGRAMMES = {"integrationskurs": "Integrationskurs", "berufssprachkurs": "Berufssprachkurs"}
PAGE_SIZE = 3
#: The search form asks at most for topic and place: the request lies at most this many messages back.
MAX_FORM_ANSWERS = 4

AskTopic = ask_action("topic")
#: A topic of at most this many words is named in the question for the place ("… einen Kurs zu „Buchhaltung“?").
TOPIC_WORDS_IN_QUESTION = 3


class AskPlace(Action):
    """Asks where, naming the topic understood, so the citizen sees what the bot is searching for."""

    def name(self) -> str:
        return "action_ask_place"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        topic = str(tracker.get_slot("topic") or "").strip()
        if topic and len(topic.split()) <= TOPIC_WORDS_IN_QUESTION:
            say(dispatcher, tracker, "ask_place_for_topic", topic=topic)
        else:
            say(dispatcher, tracker, "ask_place")
        return []


class ValidateCourseSearchForm(FormValidationAction):
    def name(self) -> str:
        return "validate_course_search_form"

    async def extract_topic(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> dict:
        """The request's own words when the NLU found no topic: "Kurs für Tiefseetauchen in Bottrop".

        They replace the topic of an earlier search too; a request without course words keeps it.
        """
        latest = tracker.latest_message
        if (latest.get("intent") or {}).get("name") not in REQUESTS or tracker.get_slot("requested_slot"):
            return {}
        if next(tracker.get_latest_entity_values("topic"), None):
            return {}
        programme = next(tracker.get_latest_entity_values("programme"), None)
        if programme in COURSE_PROGRAMMES:  # "Ich suche einen Integrationskurs in Wesel": the course is the topic
            return {"topic": COURSE_PROGRAMMES[programme]}
        text = latest.get("text") or ""
        with session_scope() as session:
            words = course_words(text, latest.get("entities") or [], place_in_text(session, text))
        return {"topic": words[:100]} if words else {}

    @survives_database_errors
    async def extract_place(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> dict:
        """A town the NLU did not tag ("Excel-Kurse in Hamburg"); the answer to "where?" is validated instead."""
        if next(tracker.get_latest_entity_values("place"), None) or tracker.get_slot("requested_slot") == "place":
            return {}
        text = tracker.latest_message.get("text") or ""
        with session_scope() as session:
            named = place_in_text(session, text)
        if named:
            return {"place": named}
        online = next(tracker.get_latest_entity_values("course_format"), None) == "online"
        if not tracker.get_slot("place") and (online or ONLINE_WORDS & set(fold(text).split())):
            return {"place": "online", "course_format": "online"}  # "Buchhaltung, komplett online"
        return {}

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
        folded = fold(text)
        with session_scope() as session:
            place = resolve_place(session, text)
            if place is None:  # "in Hamburg bitte", "ich wohne in Moers"
                named = place_in_text(session, text) or place_in_text(session, f"in {text}")
                # the NLU tagged part of a town ("lintfort" of "in der Nähe von Kamp Lintfort")
                named = named or place_in_text(session, tracker.latest_message.get("text") or "")
                place = resolve_place(session, named) if named else None
            if place is not None:
                return {"place": place.name}
        if ONLINE_WORDS & set(folded.split()) or any(f" {a} " in f" {folded} " for a in ANYWHERE):
            return {"place": "online", "course_format": "online"}
        if read_start_window(text, date.today()) is not None:
            return {"place": None}  # "ab März": kept for the search (search_wishes), the form asks on
        say(dispatcher, tracker, "unknown_place", place=text)
        return {"place": None}


class ActionSearchCourses(Action):
    """New search or refinement; a refinement keeps the earlier filters and changes what was said."""

    def name(self) -> str:
        return "action_search_courses"

    @survives_database_errors
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        text = tracker.latest_message.get("text") or ""
        if points_at_a_card(tracker):  # "der erste" read as a refinement
            return await ActionCourseDetails().run(dispatcher, tracker, domain)
        if not tracker.get_slot("topic"):
            say(dispatcher, tracker, "ask_topic")
            return []
        changes: Events = []
        shown = tracker.get_slot("shown_courses") or []
        with session_scope() as session:
            prices = shown_prices(session, shown)
            named = None if next(tracker.get_latest_entity_values("place"), None) else place_in_text(session, text)
        if named:  # "Und in Hamburg?": a town the NLU did not tag
            tracker.slots["place"] = named
            changes.append(SlotSet("place", named))
        limit = price_limit(text, prices)
        if limit is not None:
            changes.append(SlotSet("max_price", str(limit)))
        before = StartWindow.from_slot(tracker.get_slot("course_start"))
        window = follow_start_wishes(search_wishes(tracker), date.today(), before)
        if window != before:
            changes.append(SlotSet("course_start", window.as_slot() if window else None))
        shown = show_page(dispatcher, tracker, page=1, window=window, max_price=limit)
        return changes + shown + funding_part(dispatcher, tracker)  # "… wer zahlt das?": after the courses


class ActionShowMore(Action):
    def name(self) -> str:
        return "action_show_more"

    @survives_database_errors
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        if points_at_a_card(tracker):  # "den zweiten bitte" read as "more"
            return await ActionCourseDetails().run(dispatcher, tracker, domain)
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
        text = tracker.latest_message.get("text") or ""
        index = card_position(len(shown), text, ordinal)
        if shown and index == 0 and asks_next_start(text):  # "wann fängt der nächste an": of the cards shown
            with session_scope() as session:
                first = next_start(session, shown)
            if first is not None:
                buttons = [{"title": phrase("details_button", number=first["number"]),
                            "payload": f'/course_details{{"ordinal":"{first["number"]}"}}'}]  # fmt: skip
                say(dispatcher, tracker, "next_start", buttons=buttons, **first)
                return []
        if len(shown) == 1 and index > 1:  # "Details zum zweiten" after one card: that one, and say so
            say(dispatcher, tracker, "only_one_course")
            index = 1
        if len(shown) > 1 and index > len(shown):
            buttons = [{"title": phrase("details_button", number=n), "payload": f'/course_details{{"ordinal":"{n}"}}'}
                       for n in range(1, len(shown) + 1)][-PAGE_SIZE:]  # fmt: skip
            say(dispatcher, tracker, "which_course_of", count=len(shown), buttons=buttons)
            return []
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


def points_at_a_card(tracker: Tracker) -> bool:
    """True when the message only names one of the cards just shown ("der erste", "Nummer 2")."""
    text = tracker.latest_message.get("text") or ""
    return bool(tracker.get_slot("shown_courses")) and course_number(text) is not None


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
        look_elsewhere = result.total == 0 and not result.place_unknown and not result.outside_regions
        alternatives = find_alternatives(session, query) if look_elsewhere else None
        if result.outside_regions and page == 1:
            say_outside_regions(dispatcher, tracker, session, result, window)
    if page == 1 and not result.place_unknown:  # for the network: what was asked, and met or not
        stats.search(result.matched_topics, tracker.get_slot("place"), query.format, found=result.total > 0)
    if result.place_unknown:
        say(dispatcher, tracker, "unknown_place", place=result.place_unknown)
        return [SlotSet("place", None)]
    if alternatives is not None:
        say_nothing_found(dispatcher, tracker, query, window, alternatives)
        return [SlotSet("shown_courses", []), SlotSet("search_page", 1)]
    if not result.hits and page > 1 and query.place and query.format != "online":
        online = online_instead(dispatcher, tracker, query)
        if online is not None:  # all near ones seen: the online courses on the topic, numbered on
            return online
    if not result.hits:
        if not result.outside_regions:
            say(dispatcher, tracker, "no_more_courses")
        return [SlotSet("shown_courses", []), SlotSet("search_page", 1)] if page == 1 else []
    if page == 1 and not result.outside_regions:
        say_intro(dispatcher, tracker, query, result, window)
    earlier = list(tracker.get_slot("shown_courses") or [])[: (page - 1) * PAGE_SIZE] if page > 1 else []
    for number, hit in enumerate(result.hits, start=len(earlier) + 1):
        say(dispatcher, tracker, "course_card", **card(number, hit))
    say(dispatcher, tracker, "courses_more_hint" if result.has_more else "courses_end_hint", first=len(earlier) + 1)
    if is_demo and page == 1:
        say(dispatcher, tracker, "demo_data_notice")
    shown = earlier + [h.course_id for h in result.hits]
    return [SlotSet("shown_courses", shown), SlotSet("search_page", page)]


def online_instead(dispatcher: CollectingDispatcher, tracker: Tracker, query: CourseQuery) -> Events | None:
    """After the last card near the place: the topic's online courses not shown yet, or None."""
    shown = list(tracker.get_slot("shown_courses") or [])
    online = replace(query, place=None, format="online", page=1, page_size=PAGE_SIZE + len(shown))
    with session_scope() as session:
        hits = [h for h in search_courses(session, online).hits if h.course_id not in shown][:PAGE_SIZE]
    if not hits:
        return None
    say(dispatcher, tracker, "courses_online_too", place=query.place)
    for number, hit in enumerate(hits, start=len(shown) + 1):
        say(dispatcher, tracker, "course_card", **card(number, hit))
    say(dispatcher, tracker, "courses_end_hint", first=len(shown) + 1)
    return [SlotSet("shown_courses", shown + [h.course_id for h in hits]), SlotSet("course_format", "online"),
            SlotSet("place", "online")]  # fmt: skip


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
