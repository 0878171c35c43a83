"""What the citizen reads after a course search besides the cards: nothing found, and what helps instead."""

from __future__ import annotations

import json
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions.wording import render, say
from bot.centres import phone_lines
from bot.course_view import card_values
from bot.labels import FORMAT_LABELS, SCHEDULE_LABELS, price_label
from bot.search.alternatives import Alternatives
from bot.search.mentions import home_regions
from bot.search.query import CourseHit, CourseQuery, SearchResult
from bot.search.start_window import StartWindow


def say_nothing_found(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    query: CourseQuery,
    window: StartWindow | None,
    found: Alternatives,
) -> None:
    """Say so honestly, then what helps: the course nearby, a related topic here, counselling."""
    where = f" {in_place(query.place)}" if query.place else ""
    say(dispatcher, tracker, "no_courses", topic=query.text, where=where, constraints=constraints(query, window))
    if found.nearby:
        places = ", ".join(f"{p.place} ({courses_label(p.count)})" for p in found.nearby)
        buttons = [{"title": f"{query.text} in {p.place}", "payload": refine(place=p.place)} for p in found.nearby]
        say(dispatcher, tracker, "courses_nearby", places=places, buttons=buttons)
    if found.related:
        topics = ", ".join(
            f"{t.topic}{' ' + in_place(t.where) if t.where else ''} ({courses_label(t.count)})" for t in found.related
        )
        buttons = [{"title": t.topic, "payload": refine(topic=t.topic)} for t in found.related]
        say(dispatcher, tracker, "courses_related", topics=topics, buttons=buttons)
    if found.popular:
        topics = ", ".join(f"{t.topic} ({courses_label(t.count)})" for t in found.popular)
        buttons = [{"title": t.topic, "payload": refine(topic=t.topic)} for t in found.popular]
        say(dispatcher, tracker, "courses_topics_offer", topics=topics, where=where, buttons=buttons)
    centre = ""
    if found.counselling is not None:
        phone = f", Telefon {found.counselling.phone}" if found.counselling.phone else ""
        centre = f" Zum Beispiel: {found.counselling.name}{phone}."
    say(dispatcher, tracker, "courses_counselling", centre=centre)


def say_intro(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    query: CourseQuery,
    result: SearchResult,
    window: StartWindow | None,
) -> None:
    """The line above the first cards: how many, and where they are when it is not where asked."""
    starting = f" mit Beginn {window.label}" if window else ""
    if result.widened_to_region and result.place is not None:
        say(dispatcher, tracker, "courses_widened", requested_place=query.place, region=in_place(result.place.region),
            window=starting)
        return
    if result.farther_km and result.place is not None and result.farther_outside:
        say(dispatcher, tracker, "outside_regions_around", place=result.place.name, km=f"{result.farther_km:.0f}",
            count=result.total, window=starting)  # a town outside the regions: said first, with where else to look
        return
    if result.farther_km and result.place is not None:  # nothing about it near: the nearest about it
        say(dispatcher, tracker, "courses_farther", place=result.place.name, words=" ".join(result.farther_words),
            km=f"{result.farther_km:.0f}", count=result.farther_count, window=starting)
        return
    if result.ignored_words:
        say(dispatcher, tracker, "courses_partial", words=" ".join(result.ignored_words))
    if result.widened_to_km and result.place is not None:  # a town outside the regions, courses around it
        say(dispatcher, tracker, "outside_regions_around", place=result.place.name, km=f"{result.widened_to_km:.0f}",
            count=result.total, window=starting)
        return
    say(dispatcher, tracker, "courses_intro", count=result.total, window=starting)


def say_outside_regions(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    session: Session,
    result: SearchResult,
    window: StartWindow | None,
) -> None:
    """A real town outside this installation's regions: what the bot covers, where else to look,
    and the online courses that can be taken from there (if any)."""
    assert result.place is not None
    line = phone_lines()[0]
    regions = home_regions(session)
    covered = ", ".join(regions[:-1]) + f" und {regions[-1]}" if len(regions) > 1 else "".join(regions)
    say(dispatcher, tracker, "outside_regions", place=result.place.name, regions=covered, line_name=line.name,
        phone=line.phone, hours=line.hours, source=line.source, as_of=line.as_of)
    if result.total:
        starting = f" mit Beginn {window.label}" if window else ""
        say(dispatcher, tracker, "outside_regions_online", place=result.place.name, count=result.total,
            window=starting)


def constraints(query: CourseQuery, window: StartWindow | None) -> str:
    """ " (abends, bis 300 €, Beginn ab März 2027)": the wishes the search kept to, or ""."""
    parts = [
        FORMAT_LABELS.get(query.format or "", query.format or ""),
        SCHEDULE_LABELS.get(query.schedule or "", query.schedule or ""),
        f"bis {price_label(query.max_price)}" if query.max_price is not None else "",
        "mit Bildungsgutschein" if query.bildungsgutschein else "",
        "mit Aufstiegs-BAföG" if query.aufstiegs_bafoeg else "",
        f"Beginn {window.label}" if window else "",
    ]
    named = [p for p in parts if p]
    return f" ({', '.join(named)})" if named else ""


def in_place(name: str) -> str:
    """ "in Moers", but "im Kreis Wesel", "im Schwalm-Eder-Kreis"."""
    district = name.startswith(("Kreis ", "Landkreis ")) or name.endswith("-Kreis")
    return f"im {name}" if district else f"in {name}"


def courses_label(count: int) -> str:
    return "1 Kurs" if count == 1 else f"{count} Kurse"


def refine(**entities: str) -> str:
    """A button payload that refines the search, e.g. /refine_search{"place": "Moers"}."""
    return "/refine_search" + json.dumps(entities, ensure_ascii=False)


def phrase(key: str, **values: Any) -> str:
    """A label from the wording catalogue, for the presenter in bot/course_view.py."""
    return render(key, **values)["text"]


def card(number: int, hit: CourseHit) -> dict[str, Any]:
    return card_values(number, hit, phrase)


