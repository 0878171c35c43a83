"""Callback requests: stored only with consent, once per confirmation, cancellable by reference.

What the conversation says is checked again when the callback is booked (``check_callback``),
not taken from the tracker as it comes: the action server cannot know whether the form's own
checks ran (a tracker can be forged, a button payload can set a slot), and what is stored here
reaches an advisor's screen, a spreadsheet and a calendar.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.config import load_settings
from bot.contact import Contact, parse_contact
from bot.db.models import CallbackRequest, CounsellingCentre
from bot.funding.catalogue import load_catalogue
from bot.nlp.timewindow import find_time_window, fit_to_opening_hours
from bot.nlp.timewindow_label import window_from_label
from bot.notify.outbox import enqueue_for
from bot.reference import unused_reference
from bot.search.text import fold
from bot.summary import ConversationSummary
from bot.transcript import Turn

#: A second confirmation of the same request within this window (double click, channel retry)
#: returns the first booking instead of storing a duplicate.
DUPLICATE_WINDOW = timedelta(minutes=30)


#: What the advisor sees when the citizen gave no topic, or said they do not know.
GENERAL_TOPIC = "Allgemeine Weiterbildungsberatung"
#: Answers to "Worum soll es gehen?" that name no topic.
_NO_TOPIC = frozenset({
    "weiss nicht", "weiss ich nicht", "keine ahnung", "egal", "nein", "allgemein", "allgemeine beratung",
    "sonstiges", "anderes", "etwas anderes", "was anderes", "alles", "weiss nicht genau",
})
#: Longest topic stored (the column holds 300 characters); the rest of a long message is dropped.
MAX_TOPIC = 200
#: A name: a letter first, then no digits, markup, braces, slashes or "@" (an address is no name).
_NAME = re.compile(r"^[^\W\d_][^\d<>{}@/\\|]{1,99}$")
_NAME_INTRO = re.compile(r"^(?:(?:ich|mein name)\s+(?:bin|heiße|heisse|ist)\s+)", re.IGNORECASE)
#: A consent older than this is not taken for the booking (the conversation has long moved on).
CONSENT_VALID = timedelta(hours=24)
#: Clocks of the action servers may differ a little from the one that recorded the consent.
CLOCK_SKEW = timedelta(minutes=5)

Refusal = Literal["declined", "no_consent", "invalid_name", "invalid_contact", "invalid_time"]


def programme_label(slug: str) -> str:
    """ "bildungsurlaub_nrw" -> "Bildungsurlaub NRW"; a slug the catalogue lacks is made readable."""
    names = {p.slug: p.name for p in load_catalogue()}
    if slug in names or slug != slug.lower():  # a slug, or already a name ("Aufstiegs-BAföG")
        return names.get(slug, slug)
    return slug.replace("_", " ").capitalize()


def conversation_topic(topic: str | None, place: str | None, programme: str | None) -> str | None:
    """What the conversation was about, for the advisor: the course search and the funding asked about.

    None when neither is known; then the citizen is asked.
    """
    parts = []
    if topic:
        where = f" in {place}" if place and place != "online" else ""
        parts.append(f"Kurse zu „{topic}“{where}")
    if programme:
        parts.append(f"Förderung: {programme_label(programme)}")
    return "; ".join(parts) or None


def clean_topic(text: str) -> str:
    """The citizen's own words for the topic, as one short line without markup characters."""
    line = " ".join(re.sub(r"<[^>]*>|[<>]", " ", text).split())[:MAX_TOPIC]
    return GENERAL_TOPIC if not fold(line) or fold(line) in _NO_TOPIC else line


def clean_name(text: str) -> str | None:
    """The citizen's name on one line ("Ich heiße Anna Schmidt" → "Anna Schmidt"), None if it is none.

    Line breaks and other control or invisible characters are never part of a name, and neither is
    a time wish typed one question too early ("Dienstag nachmittag", "morgen früh").
    """
    name = _NAME_INTRO.sub("", " ".join(str(text or "").split()))
    if any(unicodedata.category(c) in ("Cc", "Cf", "Cs") for c in name) or not _NAME.match(name):
        return None
    return None if _only_a_time(name) else name


#: Any Monday morning: whether a text names a time does not depend on today (a fixed day also keeps
#: "heute abend" a time when the form runs after 18:00).
_TIME_REFERENCE = datetime(2026, 1, 5, 8, 0)
#: Words that stand around a time wish and are no part of a name.
_TIME_FILLERS = frozenset(
    ["am", "ab", "um", "bitte", "gerne", "gern", "so", "gegen", "zwischen", "und", "oder", "lieber", "eher", "besser"]
)


def _only_a_time(name: str) -> bool:
    """Whether nothing but a time wish and its filler words is left of ``name`` ("am Dienstag bitte")."""
    mention = find_time_window(name, _TIME_REFERENCE)
    if mention is None:
        return False
    rest = fold(name[: mention.start] + " " + name[mention.end :]).split()
    return all(word in _TIME_FILLERS for word in rest)


@dataclass(frozen=True)
class CallbackForm:
    """What the conversation holds about a callback when it is confirmed: not trusted as such."""

    sender_id: str
    consent: Any
    consent_at: Any
    confirmed: Any
    name: Any
    contact: Any
    time_label: Any
    topic: Any


def check_callback(
    form: CallbackForm, opening_hours: dict[str, Any], now: datetime
) -> CallbackDraft | Refusal:
    """The callback to store, or why it is not stored.

    Consent must be given (True, not just any truthy value) and recorded with its time, no older
    than CONSENT_VALID; the name is one line without markup; the contact is a valid phone number
    or address exactly as the form reads it back; the time is a label the form wrote, and its
    window is fitted to the centre's opening hours again.
    """
    if form.consent is not True or form.confirmed is not True:
        return "declined"
    try:
        consent_at = datetime.fromisoformat(str(form.consent_at))
    except ValueError:
        return "no_consent"
    if consent_at.tzinfo is not None or not now - CONSENT_VALID <= consent_at <= now + CLOCK_SKEW:
        return "no_consent"
    if not isinstance(form.name, str) or clean_name(form.name) != form.name:
        return "invalid_name"
    contact = parse_contact(form.contact) if isinstance(form.contact, str) else None
    if contact is None or contact.display() != form.contact:
        return "invalid_contact"
    window = window_from_label(form.time_label)
    if window is None:
        return "invalid_time"
    fitted = fit_to_opening_hours(window, opening_hours, now) or window
    return CallbackDraft(
        sender_id=form.sender_id,
        name=form.name,
        contact=contact,
        preferred_time=window.label,
        topic=clean_topic(str(form.topic or "")),
        consent_at=consent_at,
        window_start=fitted.start,
        window_end=fitted.end,
    )


@dataclass(frozen=True)
class CallbackDraft:
    sender_id: str
    name: str
    contact: Contact
    preferred_time: str
    topic: str
    consent_at: datetime
    window_start: datetime | None = None
    window_end: datetime | None = None


def book_callback(
    session: Session,
    draft: CallbackDraft,
    centre: CounsellingCentre | None,
    now: datetime | None = None,
    transcript: list[Turn] | None = None,
    language: str | None = None,
    summary: ConversationSummary | None = None,
) -> CallbackRequest:
    """Store the request; ``transcript`` is the conversation that led to it, ``summary`` what the
    advisor reads first (bot/summary.py) and ``language`` the note on the citizen's language
    (bot/citizen_language.py), all shown to the advisor."""
    now = now or datetime.now()
    same_confirmation = session.execute(
        select(CallbackRequest).where(
            CallbackRequest.sender_id == draft.sender_id, CallbackRequest.consent_at == draft.consent_at
        )
    ).scalars().first()
    if same_confirmation is not None:
        return same_confirmation
    existing = session.execute(
        select(CallbackRequest).where(
            CallbackRequest.sender_id == draft.sender_id,
            CallbackRequest.status == "neu",
            CallbackRequest.name == draft.name,
            CallbackRequest.phone == draft.contact.phone,
            CallbackRequest.email == draft.contact.email,
            CallbackRequest.preferred_time == draft.preferred_time,
            CallbackRequest.created_at >= now - DUPLICATE_WINDOW,
        )
    ).scalars().first()
    if existing is not None:
        return existing
    request = CallbackRequest(
        reference=unused_reference(session, CallbackRequest),
        sender_id=draft.sender_id,
        centre_id=centre.id if centre else None,
        name=draft.name,
        phone=draft.contact.phone,
        email=draft.contact.email,
        preferred_time=draft.preferred_time,
        window_start=draft.window_start,
        window_end=draft.window_end,
        topic=draft.topic,
        transcript=[asdict(turn) for turn in transcript or []],
        summary=asdict(summary) if summary else None,
        language=language,
        consent_at=draft.consent_at,
        consent_version=load_settings().consent_version,
        status="neu",
        created_at=now,
    )
    session.add(request)
    session.flush()
    enqueue_for(session, request)  # same transaction: no booking without its notification
    return request


def cancel_callback(session: Session, reference: str, sender_id: str) -> CallbackRequest | None:
    """Cancel an open callback of this conversation. None when this conversation has no such open
    request: a reference of another conversation is not found either, and not told apart."""
    request = session.execute(
        select(CallbackRequest).where(CallbackRequest.reference == reference, CallbackRequest.sender_id == sender_id)
    ).scalars().first()
    if request is None or request.status in ("storniert", "erledigt"):
        return None
    request.status = "storniert"
    return request

