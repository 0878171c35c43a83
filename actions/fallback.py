"""When the bot does not understand, and Rasa's default actions in German.

A message the NLU does not understand gets "Meinten Sie …?" or a request to say it differently,
a second one the list of what the bot can do, and after that the offer of a person
(``action_clarify``). ``action_default_fallback`` (no rule or story fits) and ``action_restart``
override Rasa's default actions of the same names, whose built-in texts are English or missing.

Restart ("Neustart", "von vorne"): Rasa's own restart says nothing, so a citizen saw no answer.
"""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, Restarted, SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.exc import SQLAlchemyError

from actions.common import Events
from actions.courses import narrowing_the_list
from actions.knowledge import answer_from_knowledge
from actions.replies import dispatch
from actions.wording import catalogue, say
from bot.course_search import registration
from bot.db.session import session_scope
from bot.kb.router import FACTS
from bot.nlp.other_task import other_task
from bot.search.mentions import asks_registration, bare_course_wish, course_words, place_in_text
from bot.search.narrowing import narrows
from bot.search.text import fold
from bot.stats import hooks as stats

#: Fallbacks after which we offer a person instead of another "pardon?". Counted in the events Rasa
#: sends the action server: the newest part of the conversation (the tracker store's window, at most
#: DEFAULT_WINDOW events in stores/tracker_store.py), so recent trouble counts, not a misunderstanding
#: long ago in a long conversation.
OFFER_HUMAN_AFTER = 2


class ActionClarify(Action):
    """A message the NLU did not understand: "Meinten Sie …?", then help, then a person.

    Replaces Rasa's two-stage fallback. That one is a loop which, when it gives up, reverts the
    citizen's message; with a form open or after some flows its reverts walked back through the
    conversation and the server looped for ever (issue 16). This action keeps no loop and reverts
    nothing: each misunderstood message is answered once, and the buttons carry the choices.
    """

    def name(self) -> str:
        return "action_clarify"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        if only_emoji(tracker.latest_message.get("text") or ""):  # "👍😀": friendly, not "nicht verstanden"
            say(dispatcher, tracker, "emoji_only")
            return []
        search = narrow_the_list(tracker) or search_for_bare_wish(tracker) or refine_after_results(tracker)
        if search:
            return search
        registering = register_for_the_course(dispatcher, tracker)
        if registering is not None:
            return registering
        follow_up = answer_about_the_programme(dispatcher, tracker)
        if follow_up is not None:
            return follow_up
        if said_not_ours(dispatcher, tracker):
            return []
        stats.not_understood(tracker.latest_message.get("text") or "", tracker.sender_id, tracker.get_slot("place"))
        in_a_row = misunderstood_in_a_row(tracker.events)
        if in_a_row > OFFER_HUMAN_AFTER:
            return [FollowupAction("utter_offer_human")]
        if in_a_row == OFFER_HUMAN_AFTER:
            say(dispatcher, tracker, "not_understood")
            return []
        ranking = tracker.latest_message.get("intent_ranking") or []
        candidates = [i["name"] for i in ranking if i.get("name") not in ("nlu_fallback", None)]
        entry = catalogue()["intent_descriptions"]
        descriptions = entry.get(tracker.get_slot("language") or "de") or entry["text"]
        intent = next((name for name in candidates[:2] if name in descriptions), None)
        if intent is None:
            say(dispatcher, tracker, "ask_rephrase")
            return []
        say(dispatcher, tracker, "ask_affirmation", description=descriptions[intent], intent=intent)
        return []


def only_emoji(text: str) -> bool:
    """A message of pictographs only ("👍👍😀"), no letters or digits."""
    stripped = "".join(c for c in text if not c.isspace())
    return bool(stripped) and not any(c.isalnum() for c in stripped) and any(ord(c) >= 0x2190 for c in stripped)


def search_for_bare_wish(tracker: Tracker) -> Events:
    """A message that only names a course ("SAP", "Staplerschein Moers") starts the search for it.

    Outside forms only: inside one, the form's own checks read the answer.
    """
    if (tracker.active_loop or {}).get("name") or tracker.get_slot("requested_slot"):
        return []
    try:
        with session_scope() as session:
            text = tracker.latest_message.get("text") or ""
            words, place = bare_course_wish(session, text)
    except SQLAlchemyError:  # without the offer database the bot asks back as before
        return []
    if not words:
        # "kurs" alone: the search, which asks for the topic
        return [SlotSet("topic", None), FollowupAction("course_search_form")] if fold(text) in JUST_A_COURSE else []
    events: Events = [SlotSet("topic", words)]
    if place:
        events.append(SlotSet("place", place))
    return [*events, FollowupAction("course_search_form")]


def narrow_the_list(tracker: Tracker) -> Events:
    """ "gibt es da einen mit IHK-Zertifikat?" right after a list: the same search with these words."""
    if (tracker.active_loop or {}).get("name") or _last_action(tracker) != "action_search_courses":
        return []
    try:
        with session_scope() as session:
            words = course_words(tracker.latest_message.get("text") or "", tracker.latest_message.get("entities") or [],
                                 place_in_text(session, tracker.latest_message.get("text") or ""))
    except SQLAlchemyError:
        return []
    topic = narrowing_the_list(tracker, words)
    return [SlotSet("topic", topic), FollowupAction("action_search_courses")] if topic else []


#: Messages that only say "a course", folded: the search starts and asks which topic.
JUST_A_COURSE = frozenset({
    "kurs", "kurse", "ein kurs", "einen kurs", "kurs suchen", "kurssuche", "kurs bitte", "weiterbildung",
    "fortbildung", "weiterbildungen", "course", "courses", "a course",
})
#: Entities that change a search shown just before ("am wochenende?", "lieber online", "bis 300 €").
REFINING_ENTITIES = frozenset({"place", "course_format", "schedule", "max_price", "funding_filter", "time"})
#: What the NLU adds to every message beside what the writer asked (language, situation).
INCIDENTAL_ENTITIES = frozenset({
    "language", "speaker",
    # the situation read from every message ("…, da arbeite ich"): told in passing, not a new request
    "employment_status", "company_size", "age", "threatened_unemployment", "benefits", "has_qualification",
    "years_outside_qualification", "years_worked", "language_level", "taxable_income",
})
NOT_A_STEP = frozenset({"action_listen", "action_extract_slots", "action_clarify", None})


def refine_after_results(tracker: Tracker) -> Events:
    """Right after a list of courses, a message the NLU could not place that only narrows the search
    ("am wochenende?") narrows it, instead of "Meinten Sie: Sie möchten die Kurssuche ändern?"."""
    if (tracker.active_loop or {}).get("name") or not tracker.get_slot("topic"):
        return []
    found = {str(e.get("entity")) for e in tracker.latest_message.get("entities") or []} - INCIDENTAL_ENTITIES
    if _last_action(tracker) != "action_search_courses" or not found <= REFINING_ENTITIES:
        return []
    text = tracker.latest_message.get("text") or ""
    if not found and not _names_a_town(text) and not narrows(text):
        # "gibts was in der nähe von bad arolsen?": a town the NLU did not tag is a refinement too, and so is
        # a property of the courses shown ("only the ones with certificate please")
        return []
    return [FollowupAction("action_search_courses")]


def _names_a_town(text: str) -> bool:
    try:
        with session_scope() as session:
            return place_in_text(session, text) is not None
    except SQLAlchemyError:
        return False


def register_for_the_course(dispatcher: CollectingDispatcher, tracker: Tracker) -> Events | None:
    """ "wie melde ich mich da an" after a course's details: where to register for it; None otherwise."""
    focus = tracker.get_slot("course_in_focus")
    if focus is None or (tracker.active_loop or {}).get("name"):
        return None
    if not asks_registration(str(tracker.latest_message.get("text") or "")):
        return None
    with session_scope() as session:
        return dispatch(dispatcher, tracker, registration(session, int(focus)))


def _last_action(tracker: Tracker) -> str | None:
    """The bot's last action before this message (not listening, not the NLU's own events)."""
    for event in reversed(tracker.events):
        if event.get("event") == "action" and event.get("name") not in NOT_A_STEP:
            return str(event["name"])
    return None


def answer_about_the_programme(dispatcher: CollectingDispatcher, tracker: Tracker) -> Events | None:
    """A detail asked about the programme just discussed ("gibts ne altersgrenze", "wie lange ist der
    gültig?"): its facts, when the knowledge base has them; None otherwise (then the bot asks back)."""
    if not tracker.get_slot("programme"):
        return None
    trial = CollectingDispatcher()  # said only if it is the facts
    turn = answer_from_knowledge(trial, tracker, "nlu_fallback")
    if not (turn.handled and turn.decision is not None and turn.decision.kind == FACTS):
        return None
    dispatcher.messages.extend(trial.messages)
    return turn.events


def said_not_ours(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """ "kannst du meine Steuererklärung ausfüllen", "schreib mir eine Bewerbung": not this assistant's task,
    said plainly (for an application, with the courses that teach it) instead of "nicht verstanden"."""
    task = other_task(tracker.latest_message.get("text") or "")
    if task is not None:
        say(dispatcher, tracker, "other_task_application" if task == "application" else "other_task")
    return task is not None


def misunderstood_in_a_row(events: list[dict]) -> int:
    """How many of the latest user messages, up to and including this one, the NLU did not understand."""
    count = 0
    for event in reversed(events):
        if event.get("event") == "restart":
            break
        if event.get("event") != "user":
            continue
        if ((event.get("parse_data") or {}).get("intent") or {}).get("name") != "nlu_fallback":
            break
        count += 1
    return max(count, 1)


class ActionDefaultFallback(Action):
    def name(self) -> str:
        return "action_default_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        if only_emoji(tracker.latest_message.get("text") or ""):
            say(dispatcher, tracker, "emoji_only")
            return [UserUtteranceReverted()]
        search = search_for_bare_wish(tracker) or refine_after_results(tracker)
        if search:
            return search
        follow_up = answer_about_the_programme(dispatcher, tracker)
        if follow_up is not None:
            return follow_up
        if said_not_ours(dispatcher, tracker):
            return [UserUtteranceReverted()]
        stats.not_understood(tracker.latest_message.get("text") or "", tracker.sender_id, tracker.get_slot("place"))
        earlier = sum(
            1 for e in tracker.events if e.get("event") == "action" and e.get("name") == "action_default_fallback"
        )
        if earlier + 1 >= OFFER_HUMAN_AFTER:
            return [UserUtteranceReverted(), FollowupAction("utter_offer_human")]
        say(dispatcher, tracker, "not_understood")
        return [UserUtteranceReverted()]


class ActionRestart(Action):
    def name(self) -> str:
        return "action_restart"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        say(dispatcher, tracker, "restarted")
        return [Restarted()]
