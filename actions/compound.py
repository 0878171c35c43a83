"""The second answer of a compound message: who pays, after the courses that were asked for.

"Mein Chef will, dass ich einen Staplerschein mache, wer zahlt das? Ich wohne in Moers" is a
course search (topic and place) that also asks about money. The search action answers first; then
``funding_part`` adds the funding answer that fits the writer (bot/nlp/compound.py): the employer's
view for an employer (from the knowledge base), otherwise the part for someone whose employer wants
the course, for the employed, for the unemployed, or, when the situation is not known, both ways.
"""

from __future__ import annotations

import re

from rasa_sdk import Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import Events
from actions.knowledge import answer_from_knowledge, describe_programmes
from actions.person import person_of, situation_of, state_of
from actions.wording import say
from bot.db.session import session_scope
from bot.funding.catalogue import load_catalogue
from bot.kb.question import is_question, read, wants_courses
from bot.kb.router import EMPLOYER, FACTS
from bot.nlp.compound import asks_callback, asks_who_pays, employer_wants_it, funding_path, pays_self, requests
from bot.nlp.situation import situation_values
from bot.search.mentions import course_words, place_in_text
from bot.search.text import fold

#: The search may first have asked for a place: the question can stand a few messages back.
LOOK_BACK = 3


def _since_last_search(tracker: Tracker) -> list[str]:
    """What the citizen typed since the bot last showed courses (at most ``LOOK_BACK`` messages)."""
    texts: list[str] = []
    for event in reversed(tracker.events):
        if event.get("event") == "action" and event.get("name") in ("action_search_courses", "action_show_more"):
            break
        if event.get("event") == "user" and event.get("text"):
            texts.append(str(event["text"]))
    latest = str(tracker.latest_message.get("text") or "")
    if latest and latest not in texts:
        texts.insert(0, latest)
    return texts[:LOOK_BACK]


def funding_part(dispatcher: CollectingDispatcher, tracker: Tracker) -> Events:
    """Say who pays when the request also asked it, or answer its own funding question; nothing otherwise."""
    if _after_funding_answer(tracker):
        return []
    asked = _funding_question(dispatcher, tracker)
    if asked is not None:
        return asked
    texts = [t for t in _since_last_search(tracker) if not t.startswith("/")]
    if not any(asks_who_pays(t) for t in texts):
        return []
    situation = {**situation_of(tracker)}
    for text in reversed(texts):  # oldest first: the newest message wins
        situation.update(situation_values(text))
    path = funding_path(situation, any(employer_wants_it(t) for t in texts), any(pays_self(t) for t in texts))
    if path == "employer":
        turn = answer_from_knowledge(dispatcher, tracker, "ask_funding_programme")
        if turn.handled:
            return turn.events
        path = "unknown"
    say(dispatcher, tracker, f"compound_pays_{path}")
    return []


def callback_part(dispatcher: CollectingDispatcher, tracker: Tracker) -> Events:
    """A callback asked beside the course wish ("forklift course in Bottrop, and a person who can call me back"):
    after the courses, the offer to arrange it (the callback form asks for consent first)."""
    latest = str(tracker.latest_message.get("text") or "")
    parts = requests(latest) if latest and not latest.startswith("/") else []
    if len(parts) > 1 and any(asks_callback(p) for p in parts[1:]):
        say(dispatcher, tracker, "compound_callback")
    return []


def question_beside_callback(dispatcher: CollectingDispatcher, tracker: Tracker) -> Events:
    """A question asked beside the wish to be called ("Rückruf bitte. Und außerdem: wie lange gilt so ein
    Bildungsgutschein?"): its facts from the knowledge base first, then the callback form asks for
    consent. Nothing when the message holds no such question or the knowledge base has no fact for it."""
    latest = str(tracker.latest_message.get("text") or "")
    parts = requests(latest) if latest and not latest.startswith("/") else []
    if len(parts) < 2 or not any(asks_callback(p) for p in parts):
        return []
    for part in parts:
        if asks_callback(part) or not is_question(part):
            continue
        answer = CollectingDispatcher()
        turn = answer_from_knowledge(answer, tracker, "ask_funding_programme", text=part)
        if turn.handled and turn.decision is not None and turn.decision.kind in (FACTS, EMPLOYER) and answer.messages:
            say(dispatcher, tracker, "compound_question_first")
            dispatcher.messages.extend(answer.messages)
            return turn.events
    return []


def _funding_question(dispatcher: CollectingDispatcher, tracker: Tracker) -> Events | None:
    """A request of its own about a programme beside the search ("… und kann ich dafür Bildungsurlaub
    nehmen?"): answered from the knowledge base with that request's words, or the programme described.
    None when the message holds no such request."""
    latest = str(tracker.latest_message.get("text") or "")
    parts = requests(latest) if latest and not latest.startswith("/") else []
    catalogue = load_catalogue()
    for part in parts if len(parts) > 1 else []:
        reading = read(part, catalogue)
        asks_detail = bool(reading.aspects) and (asks_who_pays(part) or (is_question(part) and not wants_courses(part)))
        if not reading.named and not asks_detail:  # "… und bekomme ich währenddessen weiter mein ALG1?"
            continue
        answer = CollectingDispatcher()
        turn = answer_from_knowledge(answer, tracker, "ask_funding_programme", text=part)
        events = turn.events
        slugs = list(turn.decision.programmes if turn.decision else ()) or list(reading.named)
        if not turn.handled and slugs:  # no detail asked ("kann ich dafür … nutzen?"): what it is
            with session_scope() as session:
                state = state_of(session, tracker)
            language = tracker.get_slot("language")
            for text in describe_programmes(slugs[:2], state, turn.plain, person_of(tracker), language):
                answer.utter_message(text=text)
            events = [*events, SlotSet("programme", slugs[0])] if len(slugs) == 1 else events
        if answer.messages:
            say(dispatcher, tracker, "compound_funding_intro")
            dispatcher.messages.extend(answer.messages)
            return events
    return None


#: The funding actions: a course search they hand on to must not answer the funding question again.
FUNDING_ACTIONS = frozenset({"action_funding_programme", "action_funding_overview", "action_check_eligibility"})
_COURSE_WORDS = re.compile(
    r"kurs|lehrgang|lehrgaenge|schulung|seminar|lernen|weiterbildung (?:zum|zur|in)\b"
    r"|\b(?:courses?|classes|trainings?)\b"
)  # English (issue 21): "is there an integration course"


def funding_request(tracker: Tracker) -> str | None:
    """The funding request of a message that also asks for courses, without the course wish ("Wie viele Tage
    Bildungsurlaub habe ich in NRW und habt ihr Excel-Kurse in Moers?" asks the knowledge base "Wie viele Tage
    Bildungsurlaub habe ich in NRW?": the course wish's words would dilute it). None for a single request."""
    latest = str(tracker.latest_message.get("text") or "")
    parts = requests(latest) if latest and not latest.startswith("/") else []
    catalogue = load_catalogue()

    def course_wish(part: str) -> bool:  # not "… für einen Excel-Kurs", "Wie viel gibt es für die Lehrgangsgebühren"
        reading = read(part, catalogue)
        return wants_courses(part) and not reading.aspects and not reading.named

    kept = [p for p in parts if not course_wish(p)]
    if len(parts) < 2 or not kept or len(kept) == len(parts):
        return None
    return " ".join(p if p.endswith(("?", ".", "!")) else f"{p}?" for p in kept)


def search_part(tracker: Tracker) -> Events:
    """A course search asked beside a funding question ("Deutschkurs B1 in Bottrop? und wie beantrage
    ich das beim BAMF?"): after the funding answer, the search runs with the topic the message named."""
    latest = str(tracker.latest_message.get("text") or "")
    parts = requests(latest) if latest and not latest.startswith("/") else []
    if len(parts) < 2:
        return []
    asking = [p for p in parts if wants_courses(p) or _COURSE_WORDS.search(fold(p))]
    if next(tracker.get_latest_entity_values("topic"), None) is None:
        # no topic the NLU found: the search part's own words ("… Und gibt es Meisterkurse für Tischler in Korbach?")
        return _search_in_own_words(asking[-1], tracker) if asking else []
    placed = next(tracker.get_latest_entity_values("place"), None) is not None  # a topic and a town: a search
    if not placed and not asking:
        return []
    return [FollowupAction("action_search_courses")]


def _search_in_own_words(part: str, tracker: Tracker) -> Events:
    """The search a request asks for in words no entity tagged, with the town it names, if any."""
    with session_scope() as session:
        place = place_in_text(session, part)
    entities = [e for e in tracker.latest_message.get("entities") or [] if e.get("entity") == "place"]
    words = course_words(part, entities, place)
    if not words:
        return []
    events: Events = [SlotSet("topic", words[:100])]
    if place and not entities:
        events.append(SlotSet("place", place))
    return [*events, FollowupAction("action_search_courses")]


def _after_funding_answer(tracker: Tracker) -> bool:
    """This turn's funding action already answered (the search was handed on by ``search_part``)."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "action" and event.get("name") in FUNDING_ACTIONS:
            return True
    return False
