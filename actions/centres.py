"""Counselling centres and their opening hours, for the citizen's region."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import Events, survives_database_errors
from actions.wording import say
from bot.centres import centres_for, region_for
from bot.db.session import session_scope
from bot.labels import hours_label


class ActionCounsellingCentres(Action):
    def name(self) -> str:
        return "action_counselling_centres"

    @survives_database_errors
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        named = next(tracker.get_latest_entity_values("place"), None) or tracker.get_slot("place")
        with session_scope() as session:
            region = region_for(session, None if named in (None, "online") else str(named))
            if region is None:
                say(dispatcher, tracker, "centres_ask_place")
                return []
            centres = centres_for(session, region, None if named in (None, "online") else str(named))
            if not centres:
                say(dispatcher, tracker, "centres_none")
                return []
            say(dispatcher, tracker, "centres_intro", region=region.name)
            for centre in centres[:3]:
                town = f"{centre.postcode or ''} {centre.city or ''}".strip()
                address = ", ".join(part for part in (centre.street, town) if part)
                say(
                    dispatcher,
                    tracker,
                    "centre_card",
                    name=centre.name,
                    address=address or "Adresse: bitte auf der Website prüfen",
                    phone=f"\nTelefon: {centre.phone}" if centre.phone else "",
                    email=f"\nE-Mail: {centre.email}" if centre.email else "",
                    website=f"\n{centre.website}" if centre.website else "",
                    hours=hours_label(centre.opening_hours or {}),
                )
        return [SlotSet("place", named)] if named else []
