"""Callback requests: stored only with consent, once per confirmation, cancellable by reference."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.config import load_settings
from bot.contact import Contact
from bot.db.models import CallbackRequest, CounsellingCentre
from bot.funding.catalogue import load_catalogue
from bot.notify.outbox import enqueue_for
from bot.reference import unused_reference
from bot.search.text import fold

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


def programme_label(slug: str) -> str:
    """ "bildungsurlaub_nrw" -> "Bildungsurlaub NRW"; a slug the catalogue lacks is made readable."""
    names = {p.slug: p.name for p in load_catalogue()}
    return names.get(slug) or slug.replace("_", " ").capitalize()


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
    session: Session, draft: CallbackDraft, centre: CounsellingCentre | None, now: datetime | None = None
) -> CallbackRequest:
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
        consent_at=draft.consent_at,
        consent_version=load_settings().consent_version,
        status="neu",
        created_at=now,
    )
    session.add(request)
    session.flush()
    enqueue_for(session, request)  # same transaction: no booking without its notification
    return request


def cancel_callback(session: Session, reference: str) -> CallbackRequest | None:
    """Cancel an open callback. Returns None when there is no such open request."""
    request = session.execute(
        select(CallbackRequest).where(CallbackRequest.reference == reference)
    ).scalars().first()
    if request is None or request.status in ("storniert", "erledigt"):
        return None
    request.status = "storniert"
    return request

