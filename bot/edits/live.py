"""The edited facts as the running bot sees them: re-read at most every ``LOTSE_EDITS_TTL`` seconds.

Both servers call this: the action server for centres, programme texts and knowledge-base answers,
the Rasa server for the FAQ answers (``stores/nlg.py``). Neither is restarted or retrained for an
edit; after at most one TTL (default 30 s, capped at 60 s) each process reads the table again.
When the table cannot be read (no database yet, database down) the bot keeps what it read last,
or the seed data from the repository: the files are the fallback.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import object_session

from bot.config import edits_ttl, offer_db_url
from bot.db.session import session_scope
from bot.edits.fields import FACT_FIELD, PROGRAMME_FIELDS
from bot.edits.store import Current, Target, current_values
from bot.funding.model import Fact, ProgrammeData, period_end

logger = logging.getLogger(__name__)


@dataclass(frozen=True, eq=False)
class Overrides:
    """The current edited value per (kind, key, field); compared and hashed by which versions it holds."""

    values: Mapping[Target, Current]

    @property
    def version(self) -> tuple[int, ...]:
        return tuple(sorted(c.edit_id for c in self.values.values()))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Overrides) and other.version == self.version

    def __hash__(self) -> int:
        return hash(self.version)

    def get(self, kind: str, key: str, field: str) -> Current | None:
        return self.values.get((kind, key, field))

    def of(self, kind: str, key: str) -> dict[str, Current]:
        return {f: c for (k, s, f), c in self.values.items() if k == kind and s == key}


EMPTY = Overrides({})
_cache: dict[str, tuple[float, Overrides]] = {}
_lock = threading.Lock()


def overrides(url: str | None = None) -> Overrides:
    """The current edits, from the cache if it is younger than the TTL."""
    url = url or offer_db_url()
    now = time.monotonic()
    with _lock:
        hit = _cache.get(url)
        if hit is not None and now - hit[0] < edits_ttl():
            return hit[1]
        fresh = _read(url, hit[1] if hit else EMPTY)
        _cache[url] = (now, fresh)
        return fresh


def _read(url: str, last: Overrides) -> Overrides:
    if _missing_sqlite_file(url):
        return EMPTY
    try:
        with session_scope(url) as session:
            return Overrides(current_values(session))
    except SQLAlchemyError as error:
        logger.warning("Bearbeitete Angaben nicht lesbar (%s); es gelten die zuletzt gelesenen bzw. die Stammdaten",
                       type(error).__name__)
        return last


def _missing_sqlite_file(url: str) -> bool:
    """No database file yet: nothing edited, and no empty file created by merely looking."""
    parsed = make_url(url)
    return parsed.get_backend_name() == "sqlite" and bool(parsed.database) and not Path(parsed.database).exists()


def forget() -> None:
    with _lock:
        _cache.clear()


@dataclass(frozen=True)
class CentreFacts:
    """What the bot tells a citizen about a centre: the seed row with the current edits over it."""

    slug: str
    name: str
    kind: str
    street: str | None
    postcode: str | None
    city: str | None
    phone: str | None
    email: str | None
    website: str | None
    opening_hours: dict[str, list[list[str]]]
    services: str | None
    #: The newest Stand among the edited fields, with its source; None when nothing is edited.
    stand: date | None = None
    source_url: str | None = None


def centre_facts(centre: Any, edits: Overrides | None = None) -> CentreFacts:
    """``centre`` (a ``CounsellingCentre`` row) with its edited fields; an emptied field stays empty."""
    edited = (edits if edits is not None else overrides(url_of(centre))).of("centre", centre.slug)
    seed = {
        "street": centre.street, "postcode": centre.postcode, "city": centre.city, "phone": centre.phone,
        "email": centre.email, "opening_hours": dict(centre.opening_hours or {}), "services": None,
    }
    values = {f: (edited[f].value if f in edited else v) for f, v in seed.items()}
    newest = max(edited.values(), key=lambda c: (c.stand, c.edit_id), default=None)
    return CentreFacts(
        slug=centre.slug, name=centre.name, kind=centre.kind, website=centre.website,
        street=values["street"] or None, postcode=values["postcode"] or None, city=values["city"] or None,
        phone=values["phone"] or None, email=values["email"] or None, opening_hours=values["opening_hours"] or {},
        services=values["services"] or None, stand=newest.stand if newest else None,
        source_url=newest.source_url if newest else None,
    )


def url_of(row: Any) -> str | None:
    """The database a row was read from, so that its edits come from the same one."""
    session = object_session(row)
    bind = session.get_bind() if session is not None else None
    return bind.url.render_as_string(hide_password=False) if bind is not None else None


def programme_with_edits(programme: ProgrammeData, edits: Overrides | None = None) -> ProgrammeData:
    """The programme's texts and facts as edited; its Stand moves to the newest edit's Stand."""
    edited = (edits if edits is not None else overrides()).of("programme", programme.slug)
    if not edited:
        return programme
    changes: dict[str, Any] = {f: c.value for f, c in edited.items() if f in PROGRAMME_FIELDS}
    facts = list(programme.facts)
    for field, current in edited.items():
        match = FACT_FIELD.match(field)
        if match and int(match.group(1)) < len(facts):
            old = facts[int(match.group(1))]
            facts[int(match.group(1))] = Fact(text=current.value, source=current.source_url,
                                              as_of=current.stand.isoformat(), uncertain=False, states=old.states)
    newest = max(c.stand for c in edited.values())
    as_of = programme.as_of
    if not as_of or period_end(as_of) < newest:
        as_of = newest.isoformat()
    return replace(programme, facts=tuple(facts), as_of=as_of, **changes)


def faq_text(key: str, seed_text: str, language: str | None = None, edits: Overrides | None = None) -> str:
    """A FAQ answer: the edited text with its Stand and source, else ``seed_text``."""
    field = "text_en" if language == "en" else "text"
    current = (edits if edits is not None else overrides()).get("faq", key, field)
    if current is None:
        return seed_text
    from bot.wording import render

    stand = render("faq_stand", language=language, stand=f"{current.stand:%d.%m.%Y}", source=current.source_url)
    return f"{current.value} {stand['text']}"


def responses_with_edits(responses: Mapping[str, Any], edits: Overrides | None = None) -> dict[str, Any]:
    """Domain responses with the edited FAQ answers (``utter_faq/<key>``), German and English variants."""
    edits = edits if edits is not None else overrides()
    out = dict(responses)
    for name, variants in responses.items():
        if not name.startswith("utter_faq/") or not edits.of("faq", name.split("/", 1)[1]):
            continue
        key = name.split("/", 1)[1]
        out[name] = [
            {**variant, "text": faq_text(key, str(variant.get("text") or ""), _language_of(variant), edits)}
            for variant in variants or ()
        ]
    return out


def _language_of(variant: Mapping[str, Any]) -> str | None:
    """The ``language`` slot value a response variant is conditioned on, if any."""
    for condition in variant.get("condition") or ():
        if condition.get("name") == "language":
            return str(condition.get("value"))
    return None


def passage_with_edits(passage: Any, edits: Overrides | None = None) -> Any:
    """A programme's summary or application passage names the edit's source and Stand, not the seed's."""
    if passage.kind not in ("summary", "how_to_apply") or passage.programme is None:
        return passage
    current = (edits if edits is not None else overrides()).get("programme", passage.programme, passage.kind)
    if current is None:
        return passage
    return replace(passage, source=current.source_url, as_of=current.stand.isoformat())
