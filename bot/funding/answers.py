"""The German chat messages about funding programmes.

Both functions return ``list[str]``: one string per chat bubble, each at most ``BUBBLE_LIMIT``
characters, because a full answer (what, who, how much, how to apply, where, Stand, link) does
not fit one readable bubble.

Rules the wording follows, from the domain reference: uncertain (⚠️) facts are said with their
date and a pointer to the office; ended programmes say when they ended and what to use instead;
a programme of another state says so; nothing promises a legal entitlement the reference does
not name (the Bildungsgutschein is an Ermessensleistung, decided case by case).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bot.db.models import FundingProgramme
from bot.funding.catalogue import load_catalogue, programme_data
from bot.funding.model import STATE_NAMES, Fact, PersonalNote, ProgrammeData, german_date
from bot.funding.personal import notes_for

BUBBLE_LIMIT = 700

#: Free counselling for everyone, employed or not (reference section 17, BBiE).
COUNSELLING = (
    "Kostenlos beraten lässt Sie die Agentur für Arbeit (Berufsberatung im Erwerbsleben), auch wenn Sie Arbeit haben."
)
COUNSELLING_PLAIN = "Die Agentur für Arbeit berät Sie kostenlos."

#: Groups of the "Wer bezahlt meine Weiterbildung?" overview: (normal, einfache Sprache).
SITUATION_LABELS = {
    "arbeitslos": ("Arbeitslos oder von Arbeitslosigkeit bedroht", "Sie haben keine Arbeit"),
    "beschaeftigt": ("Sie sind beschäftigt", "Sie haben Arbeit"),
    "aufstieg": ("Aufstieg, zum Beispiel Meister, Techniker oder Studium", "Sie wollen beruflich aufsteigen"),
    "sprache_anerkennung": (
        "Deutsch lernen und ausländische Abschlüsse anerkennen lassen",
        "Sie lernen Deutsch oder haben einen Beruf im Ausland gelernt",
    ),
}

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _bubbles(paragraphs: list[str], limit: int = BUBBLE_LIMIT, sep: str = "\n\n") -> list[str]:
    """Pack paragraphs into bubbles of at most ``limit`` characters, splitting long ones by sentence."""
    pieces: list[str] = []
    for paragraph in filter(None, (p.strip() for p in paragraphs)):
        if len(paragraph) <= limit:
            pieces.append(paragraph)
            continue
        chunk = ""
        for sentence in _SENTENCE_END.split(paragraph):
            if chunk and len(chunk) + 1 + len(sentence) > limit:
                pieces.append(chunk)
                chunk = sentence
            else:
                chunk = f"{chunk} {sentence}".strip()
        pieces.append(chunk)
    bubbles: list[str] = []
    for piece in pieces:
        if bubbles and len(bubbles[-1]) + len(sep) + len(piece) <= limit:
            bubbles[-1] = f"{bubbles[-1]}{sep}{piece}"
        else:
            bubbles.append(piece)
    return bubbles


def _names(slugs: tuple[str, ...]) -> str:
    by_slug = {p.slug: p.name for p in load_catalogue()}
    names = [by_slug.get(s, s) for s in slugs]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " oder " + names[-1]


def _stand(p: ProgrammeData) -> str:
    text = f"Stand: {german_date(p.as_of, month_only=True)}."
    return f"{text} Mehr Infos: {p.url}" if p.url else text


def _uncertain(p: ProgrammeData, state: str | None) -> list[Fact]:
    return [f for f in p.facts_for(state) if f.uncertain]


def _sentence(text: str) -> str:
    """End ``text`` with exactly one full stop ("Weiterbildung Hessen e.V." stays as it is)."""
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _dated(as_of: str | None) -> str:
    return f"Stand der Quelle: {german_date(as_of)}" if as_of else "Quelle ohne Datum"


def _check_with(p: ProgrammeData, state: str | None) -> str:
    return _sentence(f"Bitte prüfen Sie das bei {p.office_for(state).dative}")


def _uncertain_lines(p: ProgrammeData, state: str | None) -> list[str]:
    return [
        f"Noch nicht sicher: {f.text.rstrip('.')} ({_dated(f.as_of)}). {_check_with(p, state)}"
        for f in _uncertain(p, state)
    ]


def _instead(p: ProgrammeData, state: str | None, plain: bool) -> str:
    """What to use instead, for ended programmes and programmes of another state."""
    slugs = tuple(dict.fromkeys(((p.replaced_by,) if p.replaced_by else ()) + p.alternatives_for(state)))
    if not slugs:
        return COUNSELLING_PLAIN if plain else COUNSELLING
    if plain:
        return f"Fragen Sie nach: {_names(slugs)}."
    where = f" in {STATE_NAMES[state]}" if state in STATE_NAMES else ""
    return f"Für Sie{where} kommt stattdessen in Frage: {_names(slugs)}. Fragen Sie mich gern danach."


def _ended(p: ProgrammeData, state: str | None, plain: bool) -> list[str]:
    end = german_date(p.ended)
    if plain:
        return [f"{p.name}\nDas gibt es nicht mehr. Es endete am {end}.", _instead(p, state, plain), _stand(p)]
    return [
        f"{p.name} ist beendet: Das Programm lief bis {end}. {p.summary}",
        _instead(p, state, plain),
        p.how_to_apply,
        *_uncertain_lines(p, state),
        _stand(p),
    ]


def _elsewhere(p: ProgrammeData, state: str, plain: bool) -> str:
    """The programme belongs to another state than the citizen's."""
    home = " oder ".join(STATE_NAMES[s] for s in p.states)
    if p.scope == "arbeitsort":
        text = (
            f"{p.name} gibt es nur in {home}. Es gilt, wenn Ihre Arbeit ihren Schwerpunkt in {home} hat; "
            "es zählt der Arbeitsort, nicht der Wohnort."
        )
        if plain:
            text = f"{p.name} gibt es nur in {home}. Es gilt nur, wenn Sie in {home} arbeiten."
    else:
        here = STATE_NAMES[state]
        text = f"{p.name} gibt es nur in {home}, für Menschen mit Wohnsitz dort. Für {here} gilt es nicht."
        if plain:
            text = f"{p.name} gibt es nur in {home}. Für Sie gilt es nicht."
    return f"{text} {_instead(p, state, plain)}"


def _summary(p: ProgrammeData, notes: list[PersonalNote], plain: bool) -> list[str]:
    """The summary (in the person's terms where a note replaces it) and the person's other notes."""
    instead = next((n for n in notes if n.replaces_summary), None)
    general = p.summary_plain if plain else p.summary
    summary = (instead.text_plain if plain else instead.text) if instead else general
    return [f"{p.name}\n{summary}"] + [n.text_plain if plain else n.text for n in notes if not n.replaces_summary]


def _plain(p: ProgrammeData, state: str | None, notes: list[PersonalNote]) -> list[str]:
    lines = _summary(p, notes, plain=True)
    if p.status == "unklar":
        lines.append("Ob es das noch gibt, ist nicht klar. Ich kann Ihnen nichts versprechen.")
    uncertain = [f.as_of for f in _uncertain(p, state)]
    if uncertain:
        newest = max((d for d in uncertain if d), default=None)
        dated = f" ({_dated(newest)})" if newest else ""
        lines.append(f"Manche Angaben sind nicht sicher{dated}. {_check_with(p, state)}")
    lines.append(_sentence(f"Hier bekommen Sie Hilfe: {p.office_for(state).name}"))
    lines.append(_stand(p))
    return lines


def describe(
    programme: ProgrammeData | FundingProgramme,
    state: str | None,
    plain: bool = False,
    person: Mapping[str, Any] | None = None,
) -> list[str]:
    """The bot's answer about one programme, as chat bubbles.

    ``state`` is the citizen's federal state ("NW", "HE") or None if unknown; it picks the
    office (e.g. Aufstiegs-BAföG: Bezirksregierung Köln in NRW) and the state-specific facts,
    and it decides whether to say that a state programme is not theirs. ``plain`` gives the
    einfache-Sprache variant: shorter, no jargon. ``person`` holds what the citizen said about
    themselves (``PERSON_KEYS``: taxable income, company size, ...); notes of the programme that
    apply to them are said, and one may replace the general summary.
    """
    p = programme_data(programme)
    notes = notes_for(p.for_person, person)
    if p.status == "beendet":
        return _bubbles(_ended(p, state, plain))
    elsewhere = state is not None and not p.available_in(state)
    if elsewhere and p.scope == "wohnort":
        return _bubbles([_elsewhere(p, state, plain), _stand(p)])
    lines = [_elsewhere(p, state, plain)] if elsewhere else []
    if plain:
        return _bubbles(lines + _plain(p, state, notes))
    office = p.office_for(state)
    lines += _summary(p, notes, plain=False)
    if p.status == "unklar":
        lines.append(
            "Ob es das Programm noch gibt, ist unklar. Ich kann Ihnen deshalb keine Förderung zusagen. "
            f"Bitte fragen Sie bei {office.dative} nach."
        )
    lines.append(_sentence(f"So beantragen Sie es: {p.how_to_apply}\nZuständig: {office.name}"))
    lines += _uncertain_lines(p, state)
    lines.append(_stand(p))
    return _bubbles(lines)


def overview(state: str | None, plain: bool = False) -> list[str]:
    """ "Wer bezahlt meine Weiterbildung?": running programmes for ``state``, grouped by situation.

    Federal programmes always, state programmes only for the citizen's state (all when the
    state is unknown). Ended programmes are left out; programmes of unclear status say so.
    """
    programmes = [p for p in load_catalogue() if p.status != "beendet" and p.available_in(state)]
    intro = (
        "Wer bezahlt Ihren Kurs? Das hängt von Ihrer Lage ab:"
        if plain
        else "Wer bezahlt meine Weiterbildung? Das hängt von Ihrer Lage ab:"
    )
    lines = [intro]
    for situation, labels in SITUATION_LABELS.items():
        names = [
            p.name + (" (Stand unklar)" if p.status == "unklar" else "")
            for p in programmes
            if situation in p.situations
        ]
        if names:
            lines.append(f"• {labels[plain]}: {', '.join(names)}.")
    lines.append(
        "Schreiben Sie mir einen Namen. Dann erkläre ich das Programm."
        if plain
        else "Nennen Sie mir ein Programm, dann erkläre ich es genauer. " + COUNSELLING
    )
    return _bubbles(lines, sep="\n")
