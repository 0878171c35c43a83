"""Turn the raw YAML of ``programmes.yaml`` into validated ``ProgrammeData``.

Editors change the YAML by hand, so every mistake is reported with the programme's slug and
the field, all at once, instead of surfacing later as a wrong answer to a citizen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any
from urllib.parse import urlparse

from bot.funding.model import (
    LEVELS,
    SCOPES,
    SITUATIONS,
    STATE_NAMES,
    STATUSES,
    Fact,
    Office,
    ProgrammeData,
    parse_iso,
    period_end,
)
from bot.funding.personal import parse_notes

_REQUIRED_TEXT = ("slug", "name", "summary", "summary_plain", "how_to_apply")


class CatalogueError(ValueError):
    """The catalogue file is invalid; the message lists every problem as "slug: field: problem"."""


class _Problems:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, slug: str, where: str, problem: str) -> None:
        self.items.append(f"{slug}: {where}: {problem}")


def _iso(value: Any) -> str | None:
    """YAML turns unquoted 2024-04-11 into a date and 2024 into an int; accept both, keep precision."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    return str(value)


def _check_date(value: Any, slug: str, where: str, problems: _Problems, *, nullable: bool) -> str | None:
    text = _iso(value)
    if text is None:
        if not nullable:
            problems.add(slug, where, "fehlt")
        return None
    try:
        parse_iso(text)
    except ValueError as err:
        problems.add(slug, where, str(err))
        return None
    return text


def _is_url(value: Any) -> bool:
    parsed = urlparse(str(value or ""))
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


def _office(raw: Any, slug: str, where: str, problems: _Problems) -> Office:
    if not isinstance(raw, dict) or not raw.get("name") or not raw.get("dative"):
        problems.add(slug, where, "braucht 'name' und 'dative'")
        return Office(name="", dative="")
    return Office(name=str(raw["name"]).strip(), dative=str(raw["dative"]).strip())


def _facts(raw: Any, slug: str, problems: _Problems) -> tuple[Fact, ...]:
    if not isinstance(raw, list) or not raw:
        problems.add(slug, "facts", "mindestens ein Fakt mit Quelle ist nötig")
        return ()
    facts = []
    for i, item in enumerate(raw):
        where = f"facts[{i}]"
        if not isinstance(item, dict) or not str(item.get("text", "")).strip():
            problems.add(slug, where, "'text' fehlt")
            continue
        if not _is_url(item.get("source")):
            problems.add(slug, f"{where}.source", "muss eine http(s)-URL sein")
        if not isinstance(item.get("uncertain"), bool):
            problems.add(slug, f"{where}.uncertain", "muss true oder false sein")
        if "as_of" not in item:
            problems.add(slug, f"{where}.as_of", "fehlt (null, wenn die Quelle kein Datum nennt)")
        states = tuple(item.get("states") or ())
        for state in states:
            if state not in STATE_NAMES:
                problems.add(slug, f"{where}.states", f"unbekanntes Land '{state}'")
        facts.append(
            Fact(
                text=str(item["text"]).strip(),
                source=str(item.get("source", "")),
                as_of=_check_date(item.get("as_of"), slug, f"{where}.as_of", problems, nullable=True),
                uncertain=bool(item.get("uncertain")),
                states=states,
            )
        )
    return tuple(facts)


def _english(raw: dict, programme: ProgrammeData, problems: _Problems) -> dict[str, str]:
    """The programme's English texts (its ``en:`` block and the ``en:`` of facts and notes), keyed by
    the German text each translates; the plain German variants map to the one English text."""
    slug = programme.slug
    en = raw.get("en")
    if en is None:
        return {}
    if not isinstance(en, dict):
        problems.add(slug, "en", "muss ein Block mit name, summary, how_to_apply, office, written sein")
        return {}
    for key in ("name", "summary", "how_to_apply", "office", "written"):
        if not en.get(key):
            problems.add(slug, f"en.{key}", "fehlt")
    english: dict[str, str] = {}

    def add(german: str, translated: Any) -> None:
        if german and translated:
            english.setdefault(german, " ".join(str(translated).split()))

    add(programme.name, en.get("name"))
    add(programme.summary, en.get("summary"))
    add(programme.summary_plain, en.get("summary"))
    add(programme.how_to_apply, en.get("how_to_apply"))
    # An office is a name, or name and dative (the short form after "Please check this with …").
    def add_office(german: Office, translated: Any, where: str) -> None:
        found = translated if isinstance(translated, dict) else {"name": translated}
        if not found.get("name"):
            problems.add(slug, where, "fehlt")
        add(german.name, found.get("name"))
        add(german.dative, found.get("dative") or found.get("name"))

    office = en.get("office")
    add_office(programme.office, office, "en.office")
    by_state = (office.get("by_state") if isinstance(office, dict) else None) or {}
    for state, german in programme.office_by_state.items():
        add_office(german, by_state.get(state), f"en.office.by_state.{state}")
    for item in raw.get("facts") or ():
        if isinstance(item, dict) and item.get("en"):
            add(str(item.get("text") or "").strip(), item["en"])
    for i, item in enumerate(raw.get("for_person") or ()):
        if not isinstance(item, dict):
            continue
        if not item.get("en"):
            problems.add(slug, f"for_person[{i}].en", "fehlt (das Programm hat englische Texte)")
            continue
        add(str(item.get("text") or "").strip(), item["en"])
        add(str(item.get("text_plain") or "").strip(), item["en"])
    return english


def _check_stand(programme: ProgrammeData, problems: _Problems) -> None:
    """The "Stand" must be the newest source date: one of the facts' dates and none newer."""
    dated = [f.as_of for f in programme.facts if f.as_of]
    if not dated:
        problems.add(programme.slug, "facts", "mindestens eine Quelle mit Datum ist nötig (für den Stand)")
        return
    if programme.as_of not in dated:
        problems.add(programme.slug, "as_of", f"'{programme.as_of}' ist kein Datum einer Quelle ({dated})")
        return
    newer = [d for d in dated if parse_iso(d) > period_end(programme.as_of)]
    if newer:
        problems.add(programme.slug, "as_of", f"eine Quelle ist neuer als der Stand: {newer}")


def _programme(raw: dict, problems: _Problems) -> ProgrammeData | None:
    slug = str(raw.get("slug") or "?")
    for key in _REQUIRED_TEXT:
        if not str(raw.get(key) or "").strip():
            problems.add(slug, key, "fehlt")
    if raw.get("level") not in LEVELS:
        problems.add(slug, "level", f"muss eins von {LEVELS} sein")
    if raw.get("status") not in STATUSES:
        problems.add(slug, "status", f"muss eins von {STATUSES} sein")
    states = tuple(raw.get("states") or ())
    if any(s not in STATE_NAMES for s in states):
        problems.add(slug, "states", f"erlaubt sind {sorted(STATE_NAMES)}")
    if (raw.get("level") == "land") != bool(states):
        problems.add(slug, "states", "Landesprogramme brauchen ein Land, Bundesprogramme keins")
    scope = raw.get("scope", "wohnort")
    if scope not in SCOPES:
        problems.add(slug, "scope", f"muss eins von {SCOPES} sein")
    situations = tuple(raw.get("situations") or ())
    if any(s not in SITUATIONS for s in situations):
        problems.add(slug, "situations", f"erlaubt sind {SITUATIONS}")
    if raw.get("url") is not None and not _is_url(raw["url"]):
        problems.add(slug, "url", "muss eine http(s)-URL oder null sein")
    office_raw = raw["office"] if isinstance(raw.get("office"), dict) else {}
    by_state = {
        state: _office(o, slug, f"office.by_state.{state}", problems)
        for state, o in (office_raw.get("by_state") or {}).items()
    }
    aliases = tuple(str(a) for a in raw.get("aliases") or ())
    if not aliases:
        problems.add(slug, "aliases", "mindestens ein Name, den Bürger verwenden, ist nötig")
    programme = ProgrammeData(
        slug=slug,
        name=str(raw.get("name") or "").strip(),
        aliases=aliases,
        level=str(raw.get("level")),
        states=states,
        status=str(raw.get("status")),
        summary=str(raw.get("summary") or "").strip(),
        summary_plain=str(raw.get("summary_plain") or "").strip(),
        facts=_facts(raw.get("facts"), slug, problems),
        how_to_apply=str(raw.get("how_to_apply") or "").strip(),
        office=_office(raw.get("office"), slug, "office", problems),
        url=raw.get("url"),
        as_of=_check_date(raw.get("as_of"), slug, "as_of", problems, nullable=False) or "",
        replaced_by=raw.get("replaced_by"),
        ended=_check_date(raw.get("ended"), slug, "ended", problems, nullable=True),
        scope=scope,
        office_by_state=by_state,
        alternatives={k: tuple(v or ()) for k, v in (raw.get("alternatives") or {}).items()},
        situations=situations,
        for_person=parse_notes(raw.get("for_person"), slug, problems.add),
    )
    if programme.as_of:
        _check_stand(programme, problems)
    written = raw.get("en", {}).get("written") if isinstance(raw.get("en"), dict) else ""
    return replace(programme, english=_english(raw, programme, problems), english_written=str(written or ""))


def _check_links(programmes: list[ProgrammeData], problems: _Problems) -> None:
    """Ended programmes must say what replaces them; every slug they point to must exist."""
    by_slug = {p.slug: p for p in programmes}
    for p in programmes:
        if p.replaced_by is not None and p.replaced_by not in by_slug:
            problems.add(p.slug, "replaced_by", f"unbekannter Slug '{p.replaced_by}'")
        for state, slugs in p.alternatives.items():
            if state != "default" and state not in STATE_NAMES:
                problems.add(p.slug, "alternatives", f"unbekanntes Land '{state}'")
            for other in slugs:
                if other not in by_slug:
                    problems.add(p.slug, f"alternatives.{state}", f"unbekannter Slug '{other}'")
        if p.status == "beendet":
            if not p.ended:
                problems.add(p.slug, "ended", "beendete Programme brauchen das Enddatum")
            if not p.replaced_by and not p.alternatives:
                problems.add(p.slug, "replaced_by", "beendete Programme brauchen replaced_by oder alternatives")
        elif p.replaced_by or p.ended:
            problems.add(p.slug, "status", "replaced_by und ended gibt es nur bei beendeten Programmen")


def parse_catalogue(raw: Any) -> list[ProgrammeData]:
    """Validate the parsed YAML document; raise ``CatalogueError`` listing every problem."""
    problems = _Problems()
    entries = raw.get("programmes") if isinstance(raw, dict) else None
    if not isinstance(entries, list) or not entries:
        raise CatalogueError("Die Datei braucht eine nicht leere Liste 'programmes'.")
    programmes = [p for p in (_programme(e if isinstance(e, dict) else {}, problems) for e in entries) if p]
    seen: set[str] = set()
    for p in programmes:
        if p.slug in seen:
            problems.add(p.slug, "slug", "kommt doppelt vor")
        seen.add(p.slug)
    _check_links(programmes, problems)
    if problems.items:
        raise CatalogueError("Fehler im Förderkatalog:\n" + "\n".join(problems.items))
    return programmes
