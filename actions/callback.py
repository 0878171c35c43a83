"""Callback booking: consent first, then name, contact and time, a summary to confirm, then store."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.exc import IntegrityError, OperationalError

from actions.common import Events, survives_database_errors
from actions.compound import question_beside_callback
from actions.handover import stored_session
from actions.wording import ask_action, say
from bot.callbacks import (
    GENERAL_TOPIC,
    CallbackDraft,
    CallbackForm,
    book_callback,
    cancel_callback,
    check_callback,
    clean_name,
    clean_topic,
    conversation_topic,
)
from bot.centres import routing_centre
from bot.citizen_language import advisor_note, spoken_languages
from bot.config import load_settings
from bot.contact import parse_contact
from bot.db.session import session_scope
from bot.edits.live import centre_facts
from bot.handover import own_conversation
from bot.nlp.timewindow import fit_to_opening_hours, parse_time_window
from bot.nlp.yesno import read_yes_no
from bot.reference import find_reference
from bot.stats import hooks as stats
from bot.summary import ConversationSummary, summarise
from bot.transcript import Turn, transcript

MAX_FAILURES = 3
FORM_SLOTS = (
    "callback_consent", "callback_topic", "callback_name", "callback_contact", "callback_time", "callback_confirm"
)
#: What the citizen is told when the booking's own checks refuse what the form holds.
REFUSALS = {
    "declined": "callback_declined",
    "no_consent": "callback_consent_missing",
    "invalid_name": "callback_refused_name",
    "invalid_contact": "callback_refused_contact",
    "invalid_time": "callback_refused_time",
}


# A question asked in the same message as the callback is answered before the consent question.
AskConsent = ask_action(
    "callback_consent", before=question_beside_callback, retention_days=load_settings().retention_days
)
AskTopic = ask_action("callback_topic")
AskName = ask_action("callback_name")
AskContact = ask_action("callback_contact")
AskTime = ask_action("callback_time")
AskConfirm = ask_action("callback_confirm")


class ValidateCallbackForm(FormValidationAction):
    def name(self) -> str:
        return "validate_callback_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        # Without consent nothing else is asked (and nothing stored): the form ends at once.
        if tracker.get_slot("callback_consent") is False:
            return []
        return domain_slots

    async def extract_callback_topic(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Take the topic over from the conversation, so the citizen is asked only when it is unknown."""
        if tracker.get_slot("callback_topic"):
            return {}
        known = _conversation_topic(tracker)
        return {"callback_topic": known} if known else {}

    async def validate_callback_topic(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {"callback_topic": clean_topic(str(value or ""))}

    async def validate_callback_consent(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        answer = _yes_no(value)
        if answer is None:
            say(dispatcher, tracker, "consent_not_understood")
            return {"callback_consent": None}
        if answer:
            return {"callback_consent": True, "callback_consent_at": datetime.now().isoformat(timespec="seconds")}
        return {"callback_consent": False}

    async def validate_callback_name(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        name = clean_name(str(value or ""))
        if name is None:
            say(dispatcher, tracker, "invalid_name")
            return {"callback_name": None}
        return {"callback_name": name}

    @survives_database_errors
    async def validate_callback_contact(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        contact = parse_contact(str(value or "")[:300])
        if contact is not None:
            return {"callback_contact": contact.display(), "failed_attempts": 0}
        failures = int(tracker.get_slot("failed_attempts") or 0) + 1
        if failures >= MAX_FAILURES:
            with session_scope() as session:
                centre = routing_centre(session, tracker.get_slot("place"))
                known = centre_facts(centre) if centre else None  # as the network edited it
                phone = f": {known.name}, Telefon {known.phone}" if known and known.phone else ""
            say(dispatcher, tracker, "contact_trouble", centre_phone=phone)
        else:
            say(dispatcher, tracker, "invalid_contact")
        return {"callback_contact": None, "failed_attempts": failures}

    @survives_database_errors
    async def validate_callback_time(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        now = datetime.now()
        window = parse_time_window(str(value or "")[:300], now)
        if window is None:
            say(dispatcher, tracker, "invalid_time")
            return {"callback_time": None}
        with session_scope() as session:
            centre = routing_centre(session, tracker.get_slot("place"))
            hours = centre_facts(centre).opening_hours if centre else {}
        fitted = fit_to_opening_hours(window, hours or {}, now)
        if fitted is None:
            say(dispatcher, tracker, "time_outside_hours", wish=window.label)
            return {"callback_time": None}
        return {"callback_time": fitted.label}

    async def validate_callback_confirm(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        answer = _yes_no(value)
        if answer is None:
            say(dispatcher, tracker, "confirm_not_understood")
        return {"callback_confirm": answer}


def _yes_no(value: Any) -> bool | None:
    """The slot holds True/False from the buttons and clear intents, else the citizen's own words."""
    if isinstance(value, bool):
        return value
    return read_yes_no(str(value or "")[:300])


class ActionSubmitCallback(Action):
    def name(self) -> str:
        return "action_submit_callback"

    @survives_database_errors
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        reset = await ActionForgetCallback().run(dispatcher, tracker, domain)
        form = CallbackForm(
            sender_id=tracker.sender_id,
            consent=tracker.get_slot("callback_consent"),
            consent_at=tracker.get_slot("callback_consent_at"),
            confirmed=tracker.get_slot("callback_confirm"),
            name=tracker.get_slot("callback_name"),
            contact=tracker.get_slot("callback_contact"),
            time_label=tracker.get_slot("callback_time"),
            topic=_topic(tracker),
        )
        with session_scope() as session:
            centre = routing_centre(session, tracker.get_slot("place"))
            hours = dict(centre_facts(centre).opening_hours) if centre else {}
        draft = check_callback(form, hours, datetime.now())  # again: the tracker may not be what the form made
        if isinstance(draft, str):
            say(dispatcher, tracker, REFUSALS[draft])
            return reset
        # The advisor sees the conversation that led to the request; only this conversation's own.
        conversation = own_conversation(stored_session(tracker), list(tracker.events))
        turns = transcript(conversation)
        with session_scope() as session:
            found = summarise(session, tracker.current_slot_values(), conversation)
        language = advisor_note(
            spoken_languages(conversation, tracker.get_slot("language")), bool(tracker.get_slot("plain_language"))
        )
        try:
            reference, centre_name = _book(draft, tracker.get_slot("place"), turns, language, found)
        except (IntegrityError, OperationalError) as error:
            # The same confirmation was stored at this moment by a second request (double click,
            # retry): the database refused the copy and rolled it back; the retry finds the booking.
            if isinstance(error, OperationalError) and "locked" not in str(error):
                raise
            reference, centre_name = _book(draft, tracker.get_slot("place"), turns, language, found)
        centre_text = f"Es meldet sich: {centre_name}. " if centre_name else ""
        say(dispatcher, tracker, "callback_booked", reference=reference, centre_text=centre_text)
        stats.callback(reference)
        return reset


def _book(
    draft: CallbackDraft, place: str | None, turns: list[Turn], language: str | None = None,
    summary: ConversationSummary | None = None,
) -> tuple[str, str | None]:
    """Stores the callback (or finds the one this confirmation already stored): reference, centre."""
    with session_scope() as session:
        centre = routing_centre(session, place)
        request = book_callback(session, draft, centre, transcript=turns, language=language, summary=summary)
        return request.reference, centre.name if centre else None


class ActionForgetCallback(Action):
    """ "abbrechen" in the middle of the form: forget what was entered, nothing is stored."""

    def name(self) -> str:
        return "action_forget_callback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        return [SlotSet(slot, None) for slot in (*FORM_SLOTS, "callback_consent_at")] + [SlotSet("failed_attempts", 0)]


class ActionCancelCallback(Action):
    def name(self) -> str:
        return "action_cancel_callback"

    @survives_database_errors
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        text = next(tracker.get_latest_entity_values("reference"), None) or tracker.latest_message.get("text", "")
        reference = find_reference(text or "")
        if reference is None:
            say(dispatcher, tracker, "ask_reference")
            return []
        with session_scope() as session:  # only a callback of this conversation, whoever knows the number
            cancelled = cancel_callback(session, reference, tracker.sender_id)
        say(dispatcher, tracker, "callback_cancelled" if cancelled else "callback_not_found", reference=reference)
        return []


def _conversation_topic(tracker: Tracker) -> str | None:
    programme = tracker.get_slot("programme") or tracker.get_slot("eligibility_programme")
    return conversation_topic(tracker.get_slot("topic"), tracker.get_slot("place"), programme)


def _topic(tracker: Tracker) -> str:
    return tracker.get_slot("callback_topic") or _conversation_topic(tracker) or GENERAL_TOPIC
