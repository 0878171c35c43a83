"""Counselling centres and their opening hours, for the citizen's region, with a phone and a callback.

Every answer ends with the counselling numbers everyone can call (bot/counselling_lines.yaml, with
source and date, ⚠️ where unconfirmed) and the offer of a callback: "Ich brauche einen Termin bei
einer Beratung" and "nummer bitte" want a person, not only an address.
"""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import Events, survives_database_errors
from actions.wording import render, say
from bot.centres import asks_about_recognition, centres_for, phone_lines, region_for
from bot.db.models import CounsellingCentre
from bot.db.session import session_scope
from bot.edits.live import centre_facts
from bot.labels import hours_label
from bot.search.mentions import home_regions, place_in_text
from bot.search.places import resolve_location

#: Centres of these kinds answer on the Bundesagentur's service number when no own number is stored.
AGENCY_KINDS = ("agentur_fuer_arbeit", "jobcenter")


class ActionCounsellingCentres(Action):
    def name(self) -> str:
        return "action_counselling_centres"

    @survives_database_errors
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        text = tracker.latest_message.get("text") or ""
        if asks_about_recognition(text):  # the IQ network advises on recognition, also in other languages
            say(dispatcher, tracker, "centres_recognition")
        named = next(tracker.get_latest_entity_values("place"), None) or tracker.get_slot("place")
        with session_scope() as session:
            if not next(tracker.get_latest_entity_values("place"), None):
                named = place_in_text(session, text) or named
            town = None if named in (None, "online") else str(named)
            region = region_for(session, town)
            location = resolve_location(session, town) if town and region is None else None
            if location is not None and location.region is None:  # Hamburg, München: a real town elsewhere
                regions = home_regions(session)
                say(dispatcher, tracker, "centres_outside", place=location.info.name, regions=", ".join(regions))
            elif region is None:
                say(dispatcher, tracker, "centres_ask_place")
            else:
                centres = centres_for(session, region, town)
                if centres:
                    say(dispatcher, tracker, "centres_intro", region=region.name)
                    for centre in centres[:3]:
                        say(dispatcher, tracker, "centre_card", **card(centre, tracker.get_slot("language")))
                else:
                    say(dispatcher, tracker, "centres_none")
        say_phone_lines_and_callback(dispatcher, tracker)
        return [SlotSet("place", town)] if town else []


def card(row: CounsellingCentre, language: str | None = None) -> dict[str, str]:
    """A centre's card: only what the data says, the agency's service number for an agency, ⚠️ otherwise.

    The data is the seed row with the education network's edits over it (bot/edits), and an edited
    card says the Stand and source of its newest edited fact.
    """
    centre = centre_facts(row)
    place = f"{centre.postcode or ''} {centre.city or ''}".strip()
    address = ", ".join(part for part in (centre.street, place) if part)
    phone = "\n" + render("centre_phone", language=language, phone=centre.phone)["text"] if centre.phone else ""
    if not phone and centre.kind in AGENCY_KINDS:
        line = phone_lines()[0].in_language(language)
        phone = "\n" + render("centre_agency_phone", language=language, phone=line.phone, hours=line.hours)["text"]
    hours = (
        hours_label(centre.opening_hours) if centre.opening_hours
        else render("centre_hours_unverified", language=language)["text"]
    )  # fmt: skip
    return {
        "name": centre.name,
        "address": address or render("centre_address_unknown", language=language)["text"],
        "phone": phone,
        "email": "\n" + render("centre_email", language=language, email=centre.email)["text"] if centre.email else "",
        "website": f"\n{centre.website}" if centre.website else "",
        "hours": hours,
        "services": "\n" + render("centre_services", language=language, services=centre.services)["text"]
        if centre.services else "",
        "stand": "\n" + render("centre_stand", language=language, stand=f"{centre.stand:%d.%m.%Y}",
                                source=centre.source_url)["text"] if centre.stand else "",
    }


def say_phone_lines_and_callback(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """The numbers everyone can call, each with source and date (⚠️ if unconfirmed), and the callback offer."""
    language = tracker.get_slot("language")
    warning = render("phone_line_warning", language=language)["text"] + " "
    lines = "\n".join(
        render("phone_line", language=language, warning="" if line.verified else warning, name=line.name,
               phone=line.phone, hours=line.hours, source=line.source, as_of=line.as_of)["text"]
        for line in (line.in_language(language) for line in phone_lines())
    )
    say(dispatcher, tracker, "phone_lines", lines=lines)
    say(dispatcher, tracker, "callback_offer")
