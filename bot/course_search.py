"""One turn of the course search, without Rasa: the slots in, the messages and slot changes out.

The actions of ``actions/courses.py`` read the slots (``SearchSlots``) and the message, call one
function here and send what it returns (``bot.replies.Answer``). The wording of the cards and details
is ``bot.course_view``, the lines around them ``bot.course_answers``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

from sqlalchemy.orm import Session

from bot import course_answers
from bot.course_view import card_values, details_values, next_start, phrase, registration_values, shown_prices
from bot.demo.flag import is_demo_offer
from bot.replies import Answer
from bot.search.alternatives import RELAXABLE, find_alternatives
from bot.search.filters import DAYTIME
from bot.search.mentions import asks_next_start, asks_registration, card_position, course_words, place_in_text
from bot.search.places import resolve_place
from bot.search.query import CourseHit, CourseQuery, search_courses
from bot.search.refine import price_limit
from bot.search.start_window import StartWindow, follow_start_wishes, read_start_window
from bot.search.text import fold

PAGE_SIZE = 3
#: Programmes that are courses: named in a search, they are what is searched for (search terms, not wording).
COURSE_PROGRAMMES = {"integrationskurs": "Integrationskurs", "berufssprachkurs": "Berufssprachkurs"}
#: Answers to "where?" that mean "anywhere / online" rather than a town.
ANYWHERE = {"online", "egal", "ueberall", "von zu hause", "zuhause", "zu hause", "digital", "im internet"}
#: Words that make any short answer to "where?" mean online ("gerne online", "am liebsten digital").
ONLINE_WORDS = {"online", "digital", "internet", "zuhause", "onlinekurs", "virtuell", "fernunterricht", "webinar"}


#: Days of a course wish that mean the weekend filter, also when the NLU tagged them as a time.
_WEEKEND = re.compile(r"\b(?:samstags?|sonntags?|wochenende|wochenendkurs\w*|weekends?|saturdays?|sundays?)\b")
#: Times of day in a course wish: daytime courses (full or part time); the data have no hours.
_DAYTIME = re.compile(r"\b(?:vormittags?|nachmittags?|tagsueber|morgens|mornings?|afternoons?|daytime)\b")


@dataclass(frozen=True)
class SearchSlots:
    """The slots of the course search, as the tracker holds them."""

    topic: str = ""
    place: str | None = None
    course_format: str | None = None
    schedule: str | None = None
    max_price: Any = None
    funding_filter: str | None = None
    course_start: Any = None
    shown_courses: tuple[int, ...] = ()
    search_page: int = 1
    language: str | None = None

    @classmethod
    def read(cls, slot: Callable[[str], Any]) -> SearchSlots:
        """From ``slot(name)`` (``tracker.get_slot``)."""
        return cls(
            topic=str(slot("topic") or ""),
            place=slot("place"),
            course_format=slot("course_format"),
            schedule=slot("schedule"),
            max_price=slot("max_price"),
            funding_filter=slot("funding_filter"),
            course_start=slot("course_start"),
            shown_courses=tuple(slot("shown_courses") or ()),
            search_page=int(slot("search_page") or 1),
            language=slot("language"),
        )


class Searched(NamedTuple):
    """A first page of results, for the network dashboard (``bot.stats.hooks.search``)."""

    topics: list[str]
    place: str | None
    course_format: str | None
    found: bool


@dataclass
class CourseAnswer(Answer):
    #: Set for the first page of a search with a known place: the action counts it.
    searched: Searched | None = field(default=None)


def search(session: Session, slots: SearchSlots, text: str, wishes: Sequence[str], place_tagged: bool,
           today: date, relax: Sequence[str] = ()) -> CourseAnswer:
    """A new search or a refinement: keeps the earlier filters and changes what ``text`` says.

    ``wishes`` are the messages that make up this search, oldest first ("Pflegekurs ab März" …
    "Krefeld" still means "ab März"); ``place_tagged``: the NLU found a town in ``text``; ``relax``:
    the slots of wishes to drop (the button "Auch ohne „online“" after nothing was found).
    """
    answer = CourseAnswer()
    for name in (n for n in relax if n in RELAXABLE):
        cleared: dict[str, Any] = {name: None}
        slots = replace(slots, **cleared)
        answer.set(name, None)
        if name == "course_format" and slots.place == "online":  # "online" was also the place
            slots = replace(slots, place=None)
            answer.set("place", None)
    prices = shown_prices(session, list(slots.shown_courses))
    named = None if place_tagged else place_in_text(session, text)
    if named:  # "Und in Hamburg?": a town the NLU did not tag
        slots = replace(slots, place=named)
        answer.set("place", named)
    folded = fold(text)
    daytime = None if slots.schedule else "wochenende" if _WEEKEND.search(folded) else (
        DAYTIME if _DAYTIME.search(folded) and "abend" not in folded else None)  # "abends, arbeite tagsüber"
    if daytime:  # "… in Fritzlar, am Samstag", "nur vormittags bitte": the NLU read a time, not a schedule
        slots = replace(slots, schedule=daytime)
        answer.set("schedule", daytime)
    limit = price_limit(text, prices)
    if limit is not None:
        answer.set("max_price", str(limit))
    before = StartWindow.from_slot(slots.course_start)
    window = follow_start_wishes(wishes, today, before)
    if window != before:
        answer.set("course_start", window.as_slot() if window else None)
    shown = page(session, slots, 1, window, today, max_price=limit)
    answer.searched = shown.searched
    if daytime == DAYTIME:
        answer.say("courses_daytime_note")
    answer.extend(shown)
    return answer


def more(session: Session, slots: SearchSlots, today: date) -> CourseAnswer:
    """The next page of the search the slots describe."""
    return page(session, slots, slots.search_page + 1, StartWindow.from_slot(slots.course_start), today)


def page(session: Session, slots: SearchSlots, number: int, window: StartWindow | None, today: date,
         max_price: Decimal | None = None) -> CourseAnswer:
    """One page of cards. Numbers run on across pages ("4." on page 2), as does ``shown_courses``,
    so "Details zu 5" means the fifth card the citizen has seen."""
    answer = CourseAnswer()
    language = slots.language
    query = query_from_slots(slots, number, window, max_price)
    result = search_courses(session, query)
    look_elsewhere = result.total == 0 and not result.place_unknown and not result.outside_regions
    if result.outside_regions and number == 1:
        answer.replies.extend(course_answers.outside_regions(session, result, window, language))
    if number == 1 and not result.place_unknown:  # for the network: what was asked, and met or not
        answer.searched = Searched(result.matched_topics, slots.place, query.format, result.total > 0)
    if result.place_unknown:
        answer.say("unknown_place", place=result.place_unknown)
        answer.set("place", None)
        return answer
    if look_elsewhere:
        alternatives = find_alternatives(session, query)
        answer.replies.extend(course_answers.nothing_found(query, window, alternatives, language))
        # The cards shown before stay on the screen: "was kostet der erste?" still means the first of them.
        answer.set("search_page", 1)
        return answer
    if not result.hits and number > 1 and query.place and query.format != "online":
        online = online_instead(session, slots, query)
        if online is not None:  # all near ones seen: the online courses on the topic, numbered on
            answer.extend(online)
            return answer
    if not result.hits and number > 1:
        related = related_instead(session, slots, query, result.matched_topics)
        if related is not None:  # all about the words seen: the topic's other courses, numbered on
            answer.extend(related)
            return answer
    if not result.hits:
        if not result.outside_regions:
            answer.say("no_more_courses")
        if number == 1:
            answer.set("shown_courses", [])
            answer.set("search_page", 1)
        return answer
    if number == 1 and not result.outside_regions:
        outside = result.farther_outside or result.widened_to_km is not None  # a town outside the regions
        covered = course_answers.covered_regions(session, language) if outside else ""
        answer.replies.extend(course_answers.intro(query, result, window, language, covered))
    earlier = list(slots.shown_courses)[: (number - 1) * PAGE_SIZE] if number > 1 else []
    _cards(answer, result.hits, len(earlier) + 1)
    answer.say("courses_more_hint" if result.has_more else "courses_end_hint", first=len(earlier) + 1)
    if number == 1 and is_demo_offer(session):
        answer.say("demo_data_notice")
    answer.set("shown_courses", earlier + [h.course_id for h in result.hits])
    answer.set("search_page", number)
    if number == 1:
        answer.set("course_in_focus", None)  # a new list: no course is in focus until its details are asked
    return answer


def online_instead(session: Session, slots: SearchSlots, query: CourseQuery) -> Answer | None:
    """After the last card near the place: the topic's online courses not shown yet, or None."""
    online = replace(query, place=None, format="online")
    answer = _numbered_on(session, slots, online, "courses_online_too", place=query.place)
    if answer is not None:
        answer.set("course_format", "online")
        answer.set("place", "online")
    return answer


def related_instead(session: Session, slots: SearchSlots, query: CourseQuery, topics: Sequence[str]) -> Answer | None:
    """After the last card about the words themselves ("Staplerschein"): the other courses of their
    topic ("Logistik, Lager und Stapler") with the same place and filters, not shown yet; or None."""
    for area in topics:
        if fold(area) == fold(query.text):
            continue  # the search was for the whole topic: its courses are all seen
        answer = _numbered_on(session, slots, replace(query, text=area), "courses_related_too", topic=query.text,
                              area=area)
        if answer is not None:
            return answer
    return None


def _numbered_on(session: Session, slots: SearchSlots, query: CourseQuery, key: str, **values: Any) -> Answer | None:
    """The first cards of ``query`` the citizen has not seen, under the line ``key``, numbered on; or None."""
    shown = list(slots.shown_courses)
    wider = replace(query, page=1, page_size=PAGE_SIZE + len(shown))
    hits = [h for h in search_courses(session, wider).hits if h.course_id not in shown][:PAGE_SIZE]
    if not hits:
        return None
    answer = Answer()
    answer.say(key, **values)
    _cards(answer, hits, len(shown) + 1)
    answer.say("courses_end_hint", first=len(shown) + 1)
    answer.set("shown_courses", shown + [h.course_id for h in hits])
    return answer


def _cards(answer: Answer, hits: Sequence[CourseHit], first: int) -> None:
    for number, hit in enumerate(hits, start=first):
        answer.say("course_card", **card_values(number, hit, phrase))


def details(session: Session, shown: Sequence[int], text: str, ordinal: str | None, today: date,
            focus: int | None = None) -> Answer:
    """Details of the card a message points at ("der zweite", "Nummer 3"), or the question which one.

    ``focus``: the course whose details were shown last; "wie melde ich mich da an" is about it."""
    answer = Answer()
    index = card_position(len(shown), text, ordinal)
    if asks_registration(text):  # "wie melde ich mich an" for the card named, else the one in focus
        target = shown[index - 1] if shown and 1 <= index <= len(shown) else (focus if index == 0 else None)
        if target is not None:
            return registration(session, target)
    if shown and index == 0 and asks_next_start(text):  # "wann fängt der nächste an": of the cards shown
        first = next_start(session, list(shown), today)
        if first is not None:
            answer.say("next_start", buttons=[_details_button(first["number"])], **first)
            return answer
    if len(shown) == 1 and index > 1:  # "Details zum zweiten" after one card: that one, and say so
        answer.say("only_one_course")
        index = 1
    if len(shown) > 1 and index > len(shown):
        buttons = [_details_button(n) for n in range(1, len(shown) + 1)][-PAGE_SIZE:]
        answer.say("which_course_of", count=len(shown), buttons=buttons)
        return answer
    values = details_values(session, shown[index - 1], phrase, today) if shown and 1 <= index <= len(shown) else None
    if values is None:
        answer.say("which_course")
        return answer
    answer.say("course_details", **values)
    answer.set("course_in_focus", shown[index - 1])
    return answer


def registration(session: Session, course_id: int) -> Answer:
    """How to register for the course in focus: at its provider, with every contact the offer has."""
    answer = Answer()
    values = registration_values(session, course_id)
    if values is None:
        answer.say("which_course")
    else:
        answer.say("course_register" if values["contact"] else "course_register_no_contact", **values)
        answer.set("course_in_focus", course_id)
    return answer


def _details_button(number: int) -> dict[str, str]:
    return {"title": phrase("details_button", number=number), "payload": f'/course_details{{"ordinal":"{number}"}}'}


def topic_from_request(session: Session, text: str, entities: Sequence[dict[str, Any]],
                       programme: str | None = None) -> dict[str, Any]:
    """The topic of a request the NLU found none in: a programme that is a course ("Ich suche einen
    Integrationskurs in Wesel"), else the request's own words without the town ("Kurs für
    Tiefseetauchen in Bottrop" -> "Tiefseetauchen"); {} when it has no course words."""
    if programme in COURSE_PROGRAMMES:
        return {"topic": COURSE_PROGRAMMES[programme]}
    words = course_words(text, entities, place_in_text(session, text))
    return {"topic": words[:100]} if words else {}


def place_from_message(session: Session, text: str, online_tagged: bool, place_known: bool) -> dict[str, Any]:
    """A town the NLU did not tag ("Excel-Kurse in Hamburg"), or online ("Buchhaltung, komplett online")."""
    named = place_in_text(session, text)
    if named:
        return {"place": named}
    if not place_known and (online_tagged or ONLINE_WORDS & set(fold(text).split())):
        return {"place": "online", "course_format": "online"}
    return {}


def place_answer(session: Session, value: str, message: str, today: date) -> Answer:
    """The answer to "where?": a known town, online, a start wish ("ab März", asked on), or unknown."""
    answer = Answer()
    text = value.strip()[:100]
    folded = fold(text)
    place = resolve_place(session, text)
    if place is None:  # "in Hamburg bitte", "ich wohne in Moers"
        named = place_in_text(session, text) or place_in_text(session, f"in {text}")
        # the NLU tagged part of a town ("lintfort" of "in der Nähe von Kamp Lintfort")
        named = named or place_in_text(session, message)
        place = resolve_place(session, named) if named else None
    if place is not None:
        answer.set("place", place.name)
        return answer
    if ONLINE_WORDS & set(folded.split()) or any(f" {a} " in f" {folded} " for a in ANYWHERE):
        answer.set("place", "online")
        answer.set("course_format", "online")
        return answer
    if read_start_window(text, today) is None:  # "ab März": kept for the search (its wishes), the form asks on
        answer.say("unknown_place", place=text)
    answer.set("place", None)
    return answer


def query_from_slots(slots: SearchSlots, page: int, window: StartWindow | None,
                     max_price: Decimal | None = None) -> CourseQuery:
    return CourseQuery(
        text=slots.topic,
        place=None if slots.place in (None, "online") else str(slots.place),
        format=slots.course_format,
        schedule=slots.schedule,
        start_after=window.first if window else None,
        start_before=window.last if window else None,
        max_price=max_price if max_price is not None else slot_price(slots.max_price),
        bildungsgutschein=slots.funding_filter == "bildungsgutschein",
        aufstiegs_bafoeg=slots.funding_filter == "aufstiegs_bafoeg",
        page=page,
        page_size=PAGE_SIZE,
    )


def slot_price(value: Any) -> Decimal | None:
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
