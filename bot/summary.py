"""What an advisor needs at a glance before reading a transcript: the structured summary.

Built once, when a handover or callback is stored, from the slots and the conversation's events
(the same events as its transcript, so it holds nothing the transcript does not show):

- the citizen's situation as the bot understood it (``bot/nlp/situation.py``), the age only as a
  band: the advisor needs the bracket of a funding rule, not the birthday;
- what they searched (topic, place, format, schedule);
- the courses they looked at: whose details they opened, then those shown as cards, with a link
  where the offer has one;
- the funding programmes discussed (catalogue slugs; the advisor app shows their names);
- the open question: the last thing the citizen asked that is neither a button, a form answer
  nor a request for a person or a callback;
- what the bot could not answer: typed messages the NLU did not understand or found out of scope,
  unless a "Meinten Sie …?" suggestion was then chosen.

Labels and sentences are the advisor templates' (``advisor/templates/_summary.html``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import Course
from bot.search.mentions import card_position

Event = dict[str, Any]

#: The situation slots shown, in this order (``age`` becomes ``age_band``; income stays out).
SITUATION_SLOTS = ("speaker", "employment_status", "threatened_unemployment", "benefits", "has_qualification",
                   "years_outside_qualification", "years_worked", "language_level", "company_size")
#: Age brackets (first year of each); the last is open.
AGE_BANDS = (0, 25, 35, 45, 55, 65)
#: What a search was for, as the search form's slots.
SEARCH_SLOTS = ("topic", "place", "course_format", "schedule")
#: Slots whose value is a programme slug.
PROGRAMME_SLOTS = ("programme", "eligibility_programme", "funding_filter")
#: Messages that steer the conversation rather than ask something.
STEERING = frozenset({
    "greet", "goodbye", "thank", "affirm", "deny", "stop", "restart", "bot_challenge", "ask_capabilities",
    "choose_language", "request_plain_language", "first_help", "show_more", "course_details", "cancel_callback",
    "request_data_deletion", "chitchat",
})
#: Requests for a person or a call: they ask something only when they name it (an entity).
REQUESTS = frozenset({"request_human", "complain", "request_callback"})
NOT_UNDERSTOOD = frozenset({"nlu_fallback", "out_of_scope"})
#: Courses listed at most (the ones opened first).
MAX_COURSES = 10
MAX_TEXT = 300
#: Clicks that do not take up a "Meinten Sie …?" suggestion.
NOT_A_SUGGESTION = frozenset({"/out_of_scope", "/deny", "/request_human"})


@dataclass
class ConversationSummary:
    topic: str | None = None
    place: str | None = None
    programmes: list[str] = field(default_factory=list)
    eligibility: list[str] = field(default_factory=list)
    contact: str | None = None  # only when the citizen consented to give it
    language: str | None = None  # "Arabisch — Dolmetscher einplanen" (bot/citizen_language.py)
    course_format: str | None = None
    schedule: str | None = None
    #: slot -> value of SITUATION_SLOTS, plus "age_band": [first, last] (last None: and older)
    situation: dict[str, Any] = field(default_factory=dict)
    #: [{"title", "url", "opened"}]: opened details first, then cards shown
    courses: list[dict[str, Any]] = field(default_factory=list)
    open_question: str | None = None
    unanswered: list[str] = field(default_factory=list)


def summarise(session: Session, slots: Mapping[str, Any], events: Iterable[Event]) -> ConversationSummary:
    """The summary of this conversation (``events`` of its current session) with its ``slots`` now."""
    events = _since_restart(list(events))
    search = {slot: _text(slots.get(slot)) for slot in SEARCH_SLOTS}
    return ConversationSummary(
        topic=search["topic"],
        place=search["place"],
        course_format=search["course_format"],
        schedule=search["schedule"],
        programmes=programmes(events, slots),
        eligibility=[str(line) for line in slots.get("eligibility_results") or []],
        situation=situation(slots),
        courses=looked_at(session, events),
        open_question=open_question(events),
        unanswered=unanswered(events),
    )


def situation(slots: Mapping[str, Any]) -> dict[str, Any]:
    known: dict[str, Any] = {slot: slots[slot] for slot in SITUATION_SLOTS if slots.get(slot) not in (None, "")}
    age = slots.get("age")
    if isinstance(age, (int, float)) and not isinstance(age, bool) and age > 0:
        first = max(band for band in AGE_BANDS if band <= age)
        following = [band for band in AGE_BANDS if band > first]
        known["age_band"] = [first, following[0] - 1 if following else None]
    return known


def programmes(events: list[Event], slots: Mapping[str, Any]) -> list[str]:
    """Every programme named in the conversation, in the order first named."""
    found: list[str] = []
    for event in events:
        if event.get("event") == "user":
            found += [e["value"] for e in _entities(event) if e.get("entity") == "programme"
                      and isinstance(e.get("value"), str)]
        elif event.get("event") == "slot" and event.get("name") in PROGRAMME_SLOTS:
            found += [event["value"]] if isinstance(event.get("value"), str) else []
    found += [slots[s] for s in PROGRAMME_SLOTS if isinstance(slots.get(s), str)]
    return list(dict.fromkeys(value for value in found if value))


def looked_at(session: Session, events: list[Event]) -> list[dict[str, Any]]:
    """The courses whose details the citizen opened, then the other cards shown: title, link."""
    shown: list[int] = []  # the cards of the running search, as the slot holds them
    seen: list[int] = []
    opened: list[int] = []
    last_user: Event = {}
    for event in events:
        kind = event.get("event")
        if kind == "user":
            last_user = event
        elif kind == "slot" and event.get("name") == "shown_courses":
            shown = [i for i in event.get("value") or [] if isinstance(i, int)]
            seen += shown
        elif kind == "action" and event.get("name") == "action_course_details":
            ordinal = next((e.get("value") for e in _entities(last_user) if e.get("entity") == "ordinal"), None)
            index = card_position(len(shown), str(last_user.get("text") or ""), ordinal)
            if 1 <= index <= len(shown):
                opened.append(shown[index - 1])
    ids = list(dict.fromkeys([*opened, *seen]))[:MAX_COURSES]
    if not ids:
        return []
    courses = {c.id: c for c in session.execute(select(Course).where(Course.id.in_(ids))).scalars()}
    return [
        {"title": courses[i].title, "url": _link(courses[i].url), "opened": i in opened}
        for i in ids if i in courses
    ]


def open_question(events: list[Event]) -> str | None:
    """The last thing the citizen asked in their own words, outside a form's questions."""
    question = None
    for event, in_form in _typed(events):
        intent = _intent(event)
        if in_form or intent in STEERING:
            continue
        if intent in REQUESTS and not [e for e in _entities(event) if e.get("entity") != "language"]:
            continue
        question = _clip(event["text"])
    return question


def unanswered(events: list[Event]) -> list[str]:
    """Typed messages the bot did not understand, unless a suggestion for them was then chosen."""
    found: list[str] = []
    users = [e for e in events if e.get("event") == "user"]
    for position, event in enumerate(users):
        text = str(event.get("text") or "").strip()
        if not text or text.startswith("/") or _intent(event) not in NOT_UNDERSTOOD:
            continue
        following = str(users[position + 1].get("text") or "") if position + 1 < len(users) else ""
        if _intent(event) == "nlu_fallback" and following.startswith("/") and following not in NOT_A_SUGGESTION:
            continue  # "Meinten Sie …?" — "Ja"
        found.append(_clip(text))
    return list(dict.fromkeys(found))


def _typed(events: list[Event]) -> Iterable[tuple[Event, bool]]:
    """The citizen's typed messages, each with whether it answered a form's question."""
    loop = None
    for event in events:
        if event.get("event") == "active_loop":
            loop = event.get("name")
        elif event.get("event") == "user":
            text = str(event.get("text") or "").strip()
            if text and not text.startswith("/"):
                yield event, loop is not None


def _since_restart(events: list[Event]) -> list[Event]:
    starts = [i for i, e in enumerate(events) if e.get("event") == "restart"]
    return events[starts[-1] + 1:] if starts else events


def _entities(event: Event) -> list[dict[str, Any]]:
    return [e for e in (event.get("parse_data") or {}).get("entities") or [] if isinstance(e, dict)]


def _intent(event: Event) -> str:
    return str(((event.get("parse_data") or {}).get("intent") or {}).get("name") or "")


def _text(value: Any) -> str | None:
    return str(value).strip()[:MAX_TEXT] or None if value not in (None, "") else None


def _clip(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def _link(url: str | None) -> str | None:
    """Only web addresses become links (an imported ``javascript:`` never does)."""
    url = (url or "").strip()
    return url if url.lower().startswith(("https://", "http://")) else None
