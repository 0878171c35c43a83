"""Course search: the form that asks only for what is missing, results as short cards, details.

The turn itself is ``bot.course_search`` (search, pages, details, the answer to "where?"); these
actions read the slots and the message and send what it returns.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import Events, survives_database_errors
from actions.compound import callback_part, funding_part
from actions.frustration import offer_a_person_if_frustrated
from actions.replies import dispatch, send
from actions.wording import ask_action, say
from bot import course_search
from bot.course_search import CourseAnswer, SearchSlots
from bot.db.session import session_scope
from bot.search.mentions import course_number, wished_topic
from bot.search.narrowing import narrowed_topic, narrows
from bot.search.text import fold
from bot.stats import hooks as stats

#: The intents that start or change a search: their words are the course wish.
REQUESTS = ("search_course", "refine_search")
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
        with session_scope() as session:
            found = course_search.topic_from_request(session, latest.get("text") or "", latest.get("entities") or [],
                                                     programme)
        narrowed = narrowing_the_list(tracker, str(found.get("topic") or ""))
        return {"topic": narrowed} if narrowed else found

    @survives_database_errors
    async def extract_place(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> dict:
        """A town the NLU did not tag ("Excel-Kurse in Hamburg"); the answer to "where?" is validated instead."""
        if next(tracker.get_latest_entity_values("place"), None) or tracker.get_slot("requested_slot") == "place":
            return {}
        online = next(tracker.get_latest_entity_values("course_format"), None) == "online"
        with session_scope() as session:
            return course_search.place_from_message(session, tracker.latest_message.get("text") or "", online,
                                                    place_known=bool(tracker.get_slot("place")))

    async def validate_topic(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        latest = tracker.latest_message
        wished = wished_topic(str(latest.get("text") or ""), latest.get("entities") or [])
        said = " ".join(str(v) for v in value) if isinstance(value, list) else str(value or "")
        text = (narrowing_the_list(tracker, said) or wished or said).strip()
        if not fold(text):
            say(dispatcher, tracker, "ask_topic")
            return {"topic": None}
        return {"topic": text[:100]}

    @survives_database_errors
    async def validate_place(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        with session_scope() as session:
            answer = course_search.place_answer(session, str(value or ""), tracker.latest_message.get("text") or "",
                                                date.today())
        send(dispatcher, tracker, answer.replies)
        return dict(answer.slots)


class ActionSearchCourses(Action):
    """New search or refinement; a refinement keeps the earlier filters and changes what was said."""

    def name(self) -> str:
        return "action_search_courses"

    @survives_database_errors
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        offer_a_person_if_frustrated(dispatcher, tracker)
        if points_at_a_card(tracker):  # "der erste" read as a refinement
            return await ActionCourseDetails().run(dispatcher, tracker, domain)
        if not tracker.get_slot("topic"):
            say(dispatcher, tracker, "ask_topic")
            return []
        tagged = next(tracker.get_latest_entity_values("place"), None) is not None
        latest = tracker.latest_message
        wished = wished_topic(str(latest.get("text") or ""), latest.get("entities") or [])
        slot = (lambda name: wished if name == "topic" else tracker.get_slot(name)) if wished else tracker.get_slot
        with session_scope() as session:
            answer = course_search.search(session, SearchSlots.read(slot),
                                          tracker.latest_message.get("text") or "", search_wishes(tracker), tagged,
                                          date.today(), relax=list(tracker.get_latest_entity_values("relax")))
        events: Events = [SlotSet("topic", wished)] if wished else []
        events += counted(answer) + dispatch(dispatcher, tracker, answer)
        tracker.slots.update(answer.slots)  # the funding answer sees the town this message named
        return events + funding_part(dispatcher, tracker) + callback_part(dispatcher, tracker)  # after the courses


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
        with session_scope() as session:
            answer = course_search.more(session, SearchSlots.read(tracker.get_slot), date.today())
        return counted(answer) + dispatch(dispatcher, tracker, answer)


class ActionCourseDetails(Action):
    def name(self) -> str:
        return "action_course_details"

    @survives_database_errors
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        shown: list[int] = tracker.get_slot("shown_courses") or []
        ordinal = next(tracker.get_latest_entity_values("ordinal"), None)
        with session_scope() as session:
            answer = course_search.details(session, shown, tracker.latest_message.get("text") or "", ordinal,
                                           date.today(), focus=tracker.get_slot("course_in_focus"))
        return dispatch(dispatcher, tracker, answer)


def counted(answer: CourseAnswer) -> Events:
    """Count a first page for the network dashboard (after the search's own transaction); no events."""
    if answer.searched is not None:
        stats.search(*answer.searched)
    return []


def points_at_a_card(tracker: Tracker) -> bool:
    """True when the message only names one of the cards just shown ("der erste", "Nummer 2")."""
    text = tracker.latest_message.get("text") or ""
    return bool(tracker.get_slot("shown_courses")) and course_number(text) is not None


def narrowing_the_list(tracker: Tracker, words: str) -> str | None:
    """The topic of the list just shown with ``words`` added, when the message narrows that list
    ("gibt es da einen mit IHK-Zertifikat?" after Buchhaltung courses); None otherwise."""
    text = str(tracker.latest_message.get("text") or "")
    if not words or not tracker.get_slot("shown_courses") or not narrows(text):
        return None
    previous = topic_before(tracker)
    return narrowed_topic(previous, words) if previous else None


def topic_before(tracker: Tracker) -> str | None:
    """The topic slot as it was before the latest message (its own extraction may have replaced it)."""
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            seen_user = True
        elif seen_user and event.get("event") == "slot" and event.get("name") == "topic":
            return str(event.get("value") or "") or None
    return None


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
        if intent in REQUESTS or len(wishes) == MAX_FORM_ANSWERS:
            break
    return list(reversed(wishes)) or [tracker.latest_message.get("text") or ""]
