"""Funding answers: facts come from the funding_programmes table, worded by bot.funding.answers."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.orm import Session

from actions.common import Events, survives_database_errors
from actions.compound import funding_request
from actions.compound import search_part as _search_part
from actions.frustration import offer_a_person_if_frustrated
from actions.knowledge import answer_from_knowledge, facts_answering, speaker_of, unknown_programme_key
from actions.person import person_of, situation_of, state_of
from actions.wording import render, say
from bot.db.session import session_scope
from bot.funding.answers import describe, overview
from bot.funding.catalogue import find_programme, get_programme, load_catalogue, programme_data
from bot.funding.fit import also_for, facts_for, fitting_programme, said_in
from bot.kb.question import wants_courses
from bot.kb.router import CHECK, DESCRIBE, EMPLOYER
from bot.search.text import fold
from bot.stats import hooks as stats

#: "Bildungsurlaub" is state law: the entity value is generic, the programme depends on the state.
BILDUNGSURLAUB_BY_STATE = {"NW": "bildungsurlaub_nrw", "HE": "bildungsurlaub_hessen"}


#: The state's German courses: "Deutschkurs" in a question about money means these two.
GERMAN_COURSES = ("integrationskurs", "berufssprachkurs")


class ActionFundingOverview(Action):
    def name(self) -> str:
        return "action_funding_overview"

    @survives_database_errors
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        offer_a_person_if_frustrated(dispatcher, tracker)
        turn = answer_from_knowledge(dispatcher, tracker, "ask_funding_overview")
        if turn.handled:
            return turn.events
        hinted = set(turn.decision.reading.hinted) if turn.decision is not None else set()
        if hinted & set(GERMAN_COURSES):  # "wer bezahlt den Deutschkurs?": the two German courses, not all programmes
            return turn.events + describe_programme(dispatcher, tracker, turn.plain, GERMAN_COURSES)
        with session_scope() as session:
            state = state_of(session, tracker)
        for text in _messages(overview(state, plain=turn.plain, language=tracker.get_slot("language"))):
            dispatcher.utter_message(text=text)
        return turn.events


class ActionFundingProgramme(Action):
    def name(self) -> str:
        return "action_funding_programme"

    @survives_database_errors
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        offer_a_person_if_frustrated(dispatcher, tracker)
        turn = answer_from_knowledge(dispatcher, tracker, "ask_funding_programme", text=funding_request(tracker))
        if turn.handled:  # and a course search asked beside it follows; an employer's story asks for none
            employer_story = turn.decision is not None and turn.decision.kind == EMPLOYER
            if employer_story and not wants_courses(str(tracker.latest_message.get("text") or "")):
                return turn.events
            return turn.events + search_part(tracker)
        if turn.decision is not None and turn.decision.kind == CHECK:  # "Steht mir Bildungsurlaub zu?"
            from actions.eligibility import ActionCheckEligibility  # it builds on this module

            events = await ActionCheckEligibility().run(dispatcher, tracker, domain)
            starts = next((e["value"] for e in events if e.get("name") == "eligibility_programme"), None)
            return [*events, FollowupAction("eligibility_form")] if starts else events + search_part(tracker)
        compared = turn.decision.programmes if turn.decision is not None and turn.decision.kind == DESCRIBE else ()
        return turn.events + describe_programme(dispatcher, tracker, turn.plain, compared) + search_part(tracker)


#: A retraining named in a funding question ("zahlt das jobcenter meine umschulung?") is no course wish of its own.
_RETRAINING_ONLY = re.compile(r"\bumschulung\w*")
_OTHER_COURSE_WORDS = re.compile(r"kurs|lehrg|(?<!um)schulung|seminar|lernen|such|finde|angebot")


def search_part(tracker: Tracker) -> Events:
    """The course search asked beside a funding question (actions/compound.search_part), unless the only course
    word is the retraining the funding question is about and no town is named."""
    folded = fold(str(tracker.latest_message.get("text") or ""))
    placed = next(tracker.get_latest_entity_values("place"), None) is not None
    if _RETRAINING_ONLY.search(folded) and not _OTHER_COURSE_WORDS.search(folded) and not placed:
        return []
    return _search_part(tracker)


def ended_programmes(slugs: Sequence[str]) -> list[str]:
    """The ended programmes among ``slugs`` (the NLU's entity may name the successor of an ended one)."""
    ended = {p.slug for p in load_catalogue() if p.status == "beendet"}
    return [s for s in slugs if s in ended]


def describe_programme(
    dispatcher: CollectingDispatcher, tracker: Tracker, plain: bool, named: Sequence[str] = ()
) -> Events:
    """The programme the citizen means, described; "Welche Förderung meinen Sie?" if none is clear.

    ``named``: the programmes the message names; two of them ("Was ist der Unterschied zwischen
    Integrationskurs und Berufssprachkurs?") are both described."""
    with session_scope() as session:
        state = state_of(session, tracker)
        slug = programme_slug(session, tracker, state)
        if slug == "bildungsurlaub":  # state not known: both states' rules
            slugs = list(BILDUNGSURLAUB_BY_STATE.values())
        elif len(set(named)) >= 2:
            slugs = list(dict.fromkeys(named))[:2]
        elif ended_programmes(named):  # "den betrieblichen Bildungsscheck – gibt es den noch?": ended, what instead
            slugs = ended_programmes(named)[:1]
        else:
            slugs = [slug] if slug else []
        programmes = [p for p in (get_programme(session, s) for s in slugs) if p is not None]
        language = tracker.get_slot("language")
        told = str(tracker.latest_message.get("text") or "")
        situation = {**situation_of(tracker), **person_of(tracker), **said_in(told), "state": state or "unknown"}
        fit = fitting_programme(situation) if not programmes else None
        fitting = get_programme(session, fit) if fit and speaker_of(tracker) != "employer" else None
        if fitting is not None:
            # "bin arbeitslos, wer zahlt?": the programme for that situation, not "Welche meinen Sie?"
            say(dispatcher, tracker, "funding_fits_you", name=fitting.name)
            for text in _messages(describe(fitting, state, plain=plain, person=person_of(tracker), language=language)):
                dispatcher.utter_message(text=text)
            for text in facts_answering(fitting.slug, facts_for(situation), state, plain, language):
                dispatcher.utter_message(text=text)  # "wovon leb ich in der Zeit?": the Unterhaltsbeitrag
            for extra in (get_programme(session, slug) for slug in also_for(fitting.slug)):
                if extra is not None:  # "… und gibt es extra Geld?": what comes on top, in its own words
                    data = programme_data(extra)
                    say(dispatcher, tracker, "funding_fits_also", name=data.in_language(data.name, language),
                        summary=data.in_language(data.summary_plain if plain else data.summary, language))
            others = render(unknown_programme_key(tracker), plain=plain, language=language).get("buttons") or []
            dispatcher.utter_message(**render("funding_fits_others", plain=plain, language=language,
                                              buttons=[b for b in others if fit not in b["payload"]]))  # fmt: skip
            stats.funding_asked([fitting.slug], tracker.get_slot("place"))
            return [SlotSet("programme", fitting.slug)]
        if not programmes:
            key = unknown_programme_key(tracker)
            dispatcher.utter_message(**render(key, plain=plain, language=language))
            return []
        for programme in programmes:
            said = describe(programme, state, plain=plain, person=person_of(tracker), language=language)
            for text in _messages(said):
                dispatcher.utter_message(text=text)
        asked = [p.slug for p in programmes]
    stats.funding_asked(asked, tracker.get_slot("place"))
    return [SlotSet("programme", slug)] if slug else []


def programme_slug(session: Session, tracker: Tracker, state: str | None) -> str | None:
    """The programme the citizen means: the entity, else a match in the text, else the slot.

    An entity value that is no programme (the words the NLU marked, "Stipendium") is resolved
    like the text. "Bildungsurlaub" is resolved to the state's law when the state is known.
    """
    entity = next(tracker.get_latest_entity_values("programme"), None)
    text = tracker.latest_message.get("text") or ""
    if entity and entity != "bildungsurlaub" and get_programme(session, entity) is None:
        # The NLU marked words it could not map ("Stipendium", "Bildungsgutschien"): resolve them here.
        entity = find_programme(session, entity, state=state) or find_programme(session, text, state=state)
    slug = entity or find_programme(session, text, state=state) or tracker.get_slot("programme")
    if slug == "bildungsurlaub" and state in BILDUNGSURLAUB_BY_STATE:
        return BILDUNGSURLAUB_BY_STATE[state]
    return slug


def _messages(answer: str | list[str]) -> list[str]:
    return [answer] if isinstance(answer, str) else list(answer)
