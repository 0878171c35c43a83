"""What the citizen reads after a course search besides the cards: the line above them, nothing found
and what helps instead, a town outside the regions. Wording keys and values (``bot.replies``);
the pieces inside the sentences (start window, wishes, counts) come from ``wording/`` in the
citizen's language.
"""

from __future__ import annotations

import json

from sqlalchemy.orm import Session

from bot.centres import phone_lines
from bot.labels import FORMAT_LABELS, SCHEDULE_LABELS, price_label
from bot.replies import Reply, reply
from bot.search.alternatives import Alternatives
from bot.search.mentions import home_regions
from bot.search.query import CourseQuery, SearchResult
from bot.search.start_label import start_label
from bot.search.start_window import StartWindow
from bot.wording import text


def window_piece(window: StartWindow | None, language: str | None = None) -> str:
    """ " mit Beginn ab März 2027" for the sentences that name the start window, or ""."""
    return " " + text("courses_window", language=language, label=start_label(window.label, language)) if window else ""


def intro(query: CourseQuery, result: SearchResult, window: StartWindow | None,
          language: str | None = None, covered: str = "") -> list[Reply]:
    """The line above the first cards: how many, and where they are when it is not where asked."""
    starting = window_piece(window, language)
    if result.widened_to_region and result.place is not None:
        return [reply("courses_widened", requested_place=query.place, region=in_place(result.place.region, language),
                      window=starting)]
    if result.farther_km and result.place is not None and result.farther_outside:
        # a town outside the regions: said first, with where else to look
        return [reply("outside_regions_around", place=result.place.name, km=f"{result.farther_km:.0f}",
                      count=result.total, window=starting, regions=covered)]
    if result.farther_km and result.place is not None:  # nothing about it near: the nearest about it
        return [reply("courses_farther", place=result.place.name, words=" ".join(result.farther_words),
                      km=f"{result.farther_km:.0f}", count=result.farther_count, window=starting)]
    said = [reply("courses_partial", words=" ".join(result.ignored_words))] if result.ignored_words else []
    if result.widened_to_km and result.place is not None:  # a town outside the regions, courses around it
        return [*said, reply("outside_regions_around", place=result.place.name, km=f"{result.widened_to_km:.0f}",
                             count=result.total, window=starting, regions=covered)]
    return [*said, reply("courses_intro_one" if result.total == 1 else "courses_intro", count=result.total,
                         window=starting)]


def nothing_found(query: CourseQuery, window: StartWindow | None, found: Alternatives,
                  language: str | None = None) -> list[Reply]:
    """Say so honestly, then what helps: the course nearby, a related topic here, counselling."""
    where = f" {in_place(query.place, language)}" if query.place else ""
    said = [reply("no_courses", topic=query.text, where=where, constraints=constraints(query, window, language))]
    if found.relaxed:  # "Ohne „online“ gibt es 2 Kurse dazu": the same search with one wish less
        labels = wish_labels(query, window, language)
        options = ", ".join(text("courses_without_wish", language=language, wish=labels[o.slot],
                                 count=courses_label(o.count, language)) for o in found.relaxed)  # fmt: skip
        buttons = [{"title": text("courses_without_wish_button", language=language, wish=labels[o.slot]),
                    "payload": refine(relax=o.slot)} for o in found.relaxed]  # fmt: skip
        said.append(reply("courses_relaxed", options=options, buttons=buttons))
    if found.nearby:
        places = ", ".join(f"{p.place} ({courses_label(p.count, language)})" for p in found.nearby)
        buttons = [{"title": f"{query.text} in {p.place}", "payload": refine(place=p.place)} for p in found.nearby]
        said.append(reply("courses_nearby", places=places, buttons=buttons))
    if found.related:
        topics = ", ".join(
            f"{t.topic}{' ' + in_place(t.where, language) if t.where else ''} ({courses_label(t.count, language)})"
            for t in found.related
        )
        buttons = [{"title": t.topic, "payload": refine(topic=t.topic)} for t in found.related]
        said.append(reply("courses_related", topics=topics, buttons=buttons))
    if found.popular:
        topics = ", ".join(f"{t.topic} ({courses_label(t.count, language)})" for t in found.popular)
        buttons = [{"title": t.topic, "payload": refine(topic=t.topic)} for t in found.popular]
        said.append(reply("courses_topics_offer", topics=topics, where=where, buttons=buttons))
    centre = ""
    if found.counselling is not None:
        name, phone = found.counselling.name, found.counselling.phone
        key = "courses_counselling_centre_phone" if phone else "courses_counselling_centre"
        centre = " " + text(key, language=language, name=name, phone=phone)
    said.append(reply("courses_counselling", centre=centre))
    return said


def outside_regions(session: Session, result: SearchResult, window: StartWindow | None,
                    language: str | None = None) -> list[Reply]:
    """A real town outside this installation's regions: what the bot covers, where else to look,
    and the online courses that can be taken from there (if any)."""
    assert result.place is not None
    line = phone_lines()[0]
    covered = covered_regions(session, language)
    said = [reply("outside_regions", place=result.place.name, regions=covered, line_name=line.name,
                  phone=line.phone, hours=line.hours, source=line.source, as_of=line.as_of)]
    if result.total:
        said.append(reply("outside_regions_online", place=result.place.name, count=result.total,
                          window=window_piece(window, language)))
    return said


def covered_regions(session: Session, language: str | None = None) -> str:
    """ "Krefeld, Kreis Wesel, … und Schwalm-Eder-Kreis": the regions this installation knows courses for."""
    regions = home_regions(session)
    return (text("courses_regions_and", language=language, names=", ".join(regions[:-1]), last=regions[-1])
            if len(regions) > 1 else "".join(regions))


def wish_labels(query: CourseQuery, window: StartWindow | None, language: str | None = None) -> dict[str, str]:
    """The wishes the search kept to, by the slot that holds each: {"course_format": "online", …}."""
    funding = ("courses_wish_bildungsgutschein" if query.bildungsgutschein else
               "courses_wish_aufstiegs_bafoeg" if query.aufstiegs_bafoeg else "")  # fmt: skip
    labels = {
        "course_format": FORMAT_LABELS.get(query.format or "", query.format or ""),
        "schedule": SCHEDULE_LABELS.get(query.schedule or "", query.schedule or ""),
        "max_price": text("courses_wish_price", language=language, price=price_label(query.max_price))
        if query.max_price is not None else "",
        "funding_filter": text(funding, language=language) if funding else "",
        "course_start": text("courses_wish_start", language=language, label=start_label(window.label, language))
        if window else "",
    }
    return {slot: label for slot, label in labels.items() if label}


def constraints(query: CourseQuery, window: StartWindow | None, language: str | None = None) -> str:
    """ " (abends, bis 300 €, Beginn ab März 2027)": the wishes the search kept to, or ""."""
    named = list(wish_labels(query, window, language).values())
    return f" ({', '.join(named)})" if named else ""


def in_place(name: str, language: str | None = None) -> str:
    """ "in Moers", but "im Kreis Wesel", "im Schwalm-Eder-Kreis" (the German preposition of a place name);
    in English "in" for all ("other towns in Kreis Wesel", was "im Kreis Wesel" in the English sentence)."""
    district = name.startswith(("Kreis ", "Landkreis ")) or name.endswith("-Kreis")
    return f"im {name}" if district and language != "en" else f"in {name}"


def courses_label(count: int, language: str | None = None) -> str:
    """ "1 Kurs", "3 Kurse"."""
    if count == 1:
        return text("courses_count_one", language=language)
    return text("courses_count", language=language, count=count)


def refine(**entities: str) -> str:
    """A button payload that refines the search, e.g. /refine_search{"place": "Moers"}."""
    return "/refine_search" + json.dumps(entities, ensure_ascii=False)
