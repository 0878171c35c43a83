"""Funding answers: facts come from the funding_programmes table, worded by bot.funding.answers."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.orm import Session

from actions.common import Events, survives_database_errors
from actions.person import person_of
from actions.wording import say
from bot.centres import region_for
from bot.db.session import session_scope
from bot.funding.answers import describe, overview
from bot.funding.catalogue import find_programme, get_programme

#: "Bildungsurlaub" is state law: the entity value is generic, the programme depends on the state.
BILDUNGSURLAUB_BY_STATE = {"NW": "bildungsurlaub_nrw", "HE": "bildungsurlaub_hessen"}


class ActionFundingOverview(Action):
    def name(self) -> str:
        return "action_funding_overview"

    @survives_database_errors
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        with session_scope() as session:
            state = state_of(session, tracker)
        for text in _messages(overview(state, plain=bool(tracker.get_slot("plain_language")))):
            dispatcher.utter_message(text=text)
        return []


class ActionFundingProgramme(Action):
    def name(self) -> str:
        return "action_funding_programme"

    @survives_database_errors
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        plain = bool(tracker.get_slot("plain_language"))
        with session_scope() as session:
            state = state_of(session, tracker)
            slug = programme_slug(session, tracker, state)
            if slug == "bildungsurlaub":  # state not known: both states' rules
                slugs = list(BILDUNGSURLAUB_BY_STATE.values())
            else:
                slugs = [slug] if slug else []
            programmes = [p for p in (get_programme(session, s) for s in slugs) if p is not None]
            if not programmes:
                say(dispatcher, tracker, "funding_unknown_programme")
                return []
            for programme in programmes:
                for text in _messages(describe(programme, state, plain=plain, person=person_of(tracker))):
                    dispatcher.utter_message(text=text)
        return [SlotSet("programme", slug)] if slug else []


def programme_slug(session: Session, tracker: Tracker, state: str | None) -> str | None:
    """The programme the citizen means: the entity, else the slot, else a match in the text.

    "Bildungsurlaub" is resolved to the state's law when the state is known.
    """
    slug = next(tracker.get_latest_entity_values("programme"), None) or tracker.get_slot("programme")
    if not slug:
        slug = find_programme(session, tracker.latest_message.get("text") or "", state=state)
    if slug == "bildungsurlaub" and state in BILDUNGSURLAUB_BY_STATE:
        return BILDUNGSURLAUB_BY_STATE[state]
    return slug


def state_of(session: Session, tracker: Tracker) -> str | None:
    """The citizen's federal state, from the place they named or the deployment's region."""
    place = tracker.get_slot("place")
    region = region_for(session, None if place in (None, "online") else str(place))
    return region.state if region else None


def _messages(answer: str | list[str]) -> list[str]:
    return [answer] if isinstance(answer, str) else list(answer)
