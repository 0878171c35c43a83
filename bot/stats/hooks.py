"""The calls the actions and channels make to count for the network dashboard: one per event.

Each takes only labels (topic names from the topic table, resolved place names, programme slugs,
verdicts, a centre's slug) and writes in its own short transaction, so counting never rolls back
what the action did. A counting failure (database gone, no key in production) is logged and
swallowed: the citizen's conversation never fails because of a statistic.

Where a figure belongs: the region and centre of the place the citizen named (bot.centres:
the centre a callback would go to), else the installation's region (LOTSE_REGION), else none;
callbacks and handovers belong to the centre they were sent to.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from bot.centres import centre_for_place, region_for
from bot.config import stats_key
from bot.db.models import CallbackRequest, CounsellingCentre, Handover
from bot.db.session import session_scope
from bot.stats.store import record, record_not_understood

logger = logging.getLogger(__name__)

#: Key part for "no place" / "any format" in a search key ``topic|place|format``.
ANY = ""
#: Tries when two processes create the same counter row at once (the second then updates it).
ATTEMPTS = 3


def _where(session: Session, place: str | None, centre_slug: str | None) -> tuple[str, str]:
    """(region slug, centre slug) of an event; '' for what is not known."""
    if centre_slug:
        centre = session.query(CounsellingCentre).filter_by(slug=centre_slug).one_or_none()
        if centre is not None:
            return centre.region.slug, centre.slug
    town = None if place in (None, "", "online") else place
    region = region_for(session, town)
    centre = centre_for_place(session, town) if town else None
    return (region.slug if region else ""), (centre.slug if centre else "")


def _count(events: Iterable[tuple[str, str]], *, place: str | None = None, centre: str | None = None,
           day: date | None = None, db_url: str | None = None) -> None:
    events = list(events)

    def write(session: Session) -> None:
        region, centre_slug = _where(session, place, centre)
        for metric, key in events:
            record(session, metric, key, day=day or date.today(), region=region, centre=centre_slug)

    _in_own_transaction(write, db_url)


def _in_own_transaction(write: Callable[[Session], None], db_url: str | None = None) -> None:
    """Run ``write`` in its own transaction; never raise (a figure is not worth a failed answer)."""
    for attempt in range(ATTEMPTS):
        try:
            with session_scope(db_url) as session:
                write(session)
            return
        except IntegrityError:  # another process created the same row at this moment: try again
            if attempt + 1 == ATTEMPTS:
                logger.warning("Auswertung: nicht gezählt (IntegrityError)")
        except (SQLAlchemyError, ValueError) as error:
            logger.warning("Auswertung: nicht gezählt (%s)", type(error).__name__)
            return


def search(topics: list[str], place: str | None, course_format: str | None, found: bool,
           day: date | None = None) -> None:
    """A course search (first page): the topics asked, and found or not as ``topic|place|format``."""
    where = "online" if place == "online" else (place or ANY)
    fmt = course_format or ANY
    names = topics or [ANY]
    metric = "search_found" if found else "search_empty"
    _count([*(("topic", t) for t in topics), *((metric, f"{t}|{where}|{fmt}") for t in names)],
           place=place, day=day)


def funding_asked(programmes: list[str], place: str | None = None, day: date | None = None) -> None:
    """The programmes (slugs) whose description the bot gave."""
    _count([("funding_asked", slug) for slug in programmes], place=place, day=day)


def eligibility(programme: str, verdict: str, place: str | None = None, day: date | None = None) -> None:
    """The result of an eligibility check: ``programme|verdict`` (verdict as bot.eligibility gives it)."""
    _count([("eligibility", f"{programme}|{verdict}")], place=place, day=day)


def callback(reference: str, day: date | None = None) -> None:
    """A callback booked (by its reference), counted for the centre it was sent to."""
    _count_record(CallbackRequest, reference, "callback", lambda _: "", day)


def handover(reference: str, day: date | None = None) -> None:
    """A conversation handed over (by its reference), for its centre, with its reason as key."""
    _count_record(Handover, reference, "handover", lambda row: row.reason, day)


def _count_record(model: type, reference: str, metric: str, key: Callable[[Any], str], day: date | None) -> None:
    try:
        with session_scope() as session:
            row = session.query(model).filter_by(reference=reference).one_or_none()
            centre = row.centre if row is not None else None
            label = key(row) if row is not None else ""
        _count([(metric, label)], centre=centre.slug if centre else None, day=day)
    except SQLAlchemyError as error:
        logger.warning("Auswertung: nicht gezählt (%s)", type(error).__name__)


def thumbs(rating: str, answer_type: str = "", day: date | None = None, db_url: str | None = None) -> None:
    """A thumbs up/down on an answer: key ``rating|answer type`` ('' when the widget does not say)."""
    _count([("thumbs", f"{rating}|{answer_type}")], day=day, db_url=db_url)


def message(day: date | None = None) -> None:
    """A citizen's message that passed the channel's checks and went to the bot."""
    _count([("message", "")], day=day)


def conversation(day: date | None = None) -> None:
    """A new conversation (a fresh widget session)."""
    _count([("conversation", "")], day=day)


def not_understood(text: str, conversation_id: str, place: str | None = None, day: date | None = None) -> None:
    """A message the bot did not understand: masked, with the conversation as keyed hash only."""
    def write(session: Session) -> None:
        secret = stats_key()
        region, _ = _where(session, place, None)
        record_not_understood(session, text, conversation_id, secret=secret, day=day or date.today(), region=region)

    _in_own_transaction(write)
