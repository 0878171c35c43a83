"""The chat messages about funding programmes, in German or English.

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
from bot.funding.model import SITUATIONS, STATE_NAMES, Fact, PersonalNote, ProgrammeData, german_date
from bot.funding.personal import notes_for
from bot.wording import text

BUBBLE_LIMIT = 700

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


def _names(slugs: tuple[str, ...], language: str | None = None) -> str:
    by_slug = {p.slug: p.in_language(p.name, language) for p in load_catalogue()}
    names = [by_slug.get(s, s) for s in slugs]
    if len(names) == 1:
        return names[0]
    return text("funding_names_or", language=language, names=", ".join(names[:-1]), last=names[-1])


def _stand(p: ProgrammeData, language: str | None) -> str:
    stand = german_date(p.as_of, month_only=True, language=language)
    if p.url:
        return text("funding_stand_link", language=language, stand=stand, url=p.url)
    return text("funding_stand", language=language, stand=stand)


def _uncertain(p: ProgrammeData, state: str | None) -> list[Fact]:
    return [f for f in p.facts_for(state) if f.uncertain]


def _sentence(text: str) -> str:
    """End ``text`` with exactly one full stop ("Weiterbildung Hessen e.V." stays as it is)."""
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _dated(as_of: str | None, language: str | None) -> str:
    if not as_of:
        return text("funding_source_undated", language=language)
    return text("funding_source_dated", language=language, date=german_date(as_of, language=language))


def _office(p: ProgrammeData, state: str | None, language: str | None, dative: bool = False) -> str:
    office = p.office_for(state)
    return p.in_language(office.dative if dative else office.name, language)


def _check_with(p: ProgrammeData, state: str | None, language: str | None) -> str:
    return _sentence(text("funding_check_with", language=language, office=_office(p, state, language, dative=True)))


def _uncertain_lines(p: ProgrammeData, state: str | None, language: str | None) -> list[str]:
    check = _check_with(p, state, language)
    return [
        text(
            "funding_uncertain",
            language=language,
            fact=p.in_language(f.text, language).rstrip("."),
            dated=_dated(f.as_of, language),
            check=check,
        )
        for f in _uncertain(p, state)
    ]


def _instead(p: ProgrammeData, state: str | None, plain: bool, language: str | None) -> str:
    """What to use instead, for ended programmes and programmes of another state."""
    slugs = tuple(dict.fromkeys(((p.replaced_by,) if p.replaced_by else ()) + p.alternatives_for(state)))
    if not slugs and state is None and not plain:  # state unknown: each state's alternative, with its state
        per_state = [
            text("funding_instead", language=language, where=f" in {STATE_NAMES[s]}", names=_names(alt, language))
            for s, alt in p.alternatives.items() if s in STATE_NAMES and alt
        ]  # fmt: skip
        if per_state:
            return " ".join([*per_state, text("funding_counselling", language=language)])
    if not slugs:
        return text("funding_counselling", plain=plain, language=language)
    where = f" in {STATE_NAMES[state]}" if state in STATE_NAMES and not plain else ""
    return text("funding_instead", plain=plain, language=language, where=where, names=_names(slugs, language))


def _ended(p: ProgrammeData, state: str | None, plain: bool, language: str | None) -> list[str]:
    end = german_date(p.ended, language=language)
    name = p.in_language(p.name, language)
    if plain:
        ended = text("funding_ended", plain=True, name=name, end=end)
        return [ended, _instead(p, state, plain, language), _stand(p, language)]
    summary = p.in_language(p.summary, language)
    return [
        text("funding_ended", language=language, name=name, end=end, summary=summary),
        _instead(p, state, plain, language),
        p.in_language(p.how_to_apply, language),
        *_uncertain_lines(p, state, language),
        _stand(p, language),
    ]


def _elsewhere(p: ProgrammeData, state: str, plain: bool, language: str | None) -> str:
    """The programme belongs to another state than the citizen's."""
    home = " oder ".join(STATE_NAMES[s] for s in p.states)  # one state per programme today
    key = "funding_elsewhere_work" if p.scope == "arbeitsort" else "funding_elsewhere_home"
    name = p.in_language(p.name, language)
    said = text(key, plain=plain, language=language, name=name, home=home, here=STATE_NAMES[state])
    return f"{said} {_instead(p, state, plain, language)}"


def _summary(p: ProgrammeData, notes: list[PersonalNote], plain: bool, language: str | None) -> list[str]:
    """The summary (in the person's terms where a note replaces it) and the person's other notes."""
    instead = next((n for n in notes if n.replaces_summary), None)
    general = p.summary_plain if plain else p.summary
    summary = (instead.text_plain if plain else instead.text) if instead else general
    others = [n.text_plain if plain else n.text for n in notes if not n.replaces_summary]
    return [p.in_language(f"{p.name}", language) + "\n" + p.in_language(summary, language)] + [
        p.in_language(note, language) for note in others
    ]


def _plain(p: ProgrammeData, state: str | None, notes: list[PersonalNote]) -> list[str]:
    """The einfache-Sprache answer (German only: the English texts have one register)."""
    lines = _summary(p, notes, plain=True, language=None)
    if p.status == "unklar":
        lines.append(text("funding_unclear", plain=True))
    uncertain = [f.as_of for f in _uncertain(p, state)]
    if uncertain:
        newest = max((d for d in uncertain if d), default=None)
        dated = f" ({_dated(newest, None)})" if newest else ""
        lines.append(text("funding_uncertain_some", dated=dated, check=_check_with(p, state, None)))
    lines.append(_sentence(text("funding_help_here", office=p.office_for(state).name)))
    lines.append(_stand(p, None))
    return lines


def describe(
    programme: ProgrammeData | FundingProgramme,
    state: str | None,
    plain: bool = False,
    person: Mapping[str, Any] | None = None,
    language: str | None = None,
) -> list[str]:
    """The bot's answer about one programme, as chat bubbles.

    ``state`` is the citizen's federal state ("NW", "HE") or None if unknown; it picks the
    office (e.g. Aufstiegs-BAföG: Bezirksregierung Köln in NRW) and the state-specific facts,
    and it decides whether to say that a state programme is not theirs. ``plain`` gives the
    einfache-Sprache variant: shorter, no jargon. ``person`` holds what the citizen said about
    themselves (``PERSON_KEYS``: taxable income, company size, ...); notes of the programme that
    apply to them are said, and one may replace the general summary. ``language`` "en" gives the
    English texts of ``programmes.yaml`` (``en:``) in the English frames of ``wording/funding.yml``;
    English has no plain variant, so ``plain`` is then ignored. A text without its English
    translation (one an editor has changed since) stays German.
    """
    p = programme_data(programme)
    notes = notes_for(p.for_person, person)
    if language != "en":
        language = None
    elif p.english:
        plain = False
    if p.status == "beendet":
        return _bubbles(_ended(p, state, plain, language))
    elsewhere = state if state is not None and not p.available_in(state) else None  # the state it is not for
    if elsewhere and p.scope == "wohnort":
        return _bubbles([_elsewhere(p, elsewhere, plain, language), _stand(p, language)])
    lines = [_elsewhere(p, elsewhere, plain, language)] if elsewhere else []
    if plain:
        return _bubbles(lines + _plain(p, state, notes))
    lines += _summary(p, notes, plain=False, language=language)
    if p.status == "unklar":
        unclear = text("funding_unclear", language=language, office=_office(p, state, language, dative=True))
        lines.append(_sentence(unclear))
    how = p.in_language(p.how_to_apply, language)
    applying = text("funding_how_to_apply", language=language, how=how, office=_office(p, state, language))
    lines.append(_sentence(applying))
    lines += _uncertain_lines(p, state, language)
    lines.append(_stand(p, language))
    return _bubbles(lines)


def overview(state: str | None, plain: bool = False, language: str | None = None) -> list[str]:
    """ "Wer bezahlt meine Weiterbildung?": running programmes for ``state``, grouped by situation.

    Federal programmes always, state programmes only for the citizen's state (all when the
    state is unknown). Ended programmes are left out; programmes of unclear status say so.
    ``language`` "en" words it in English, with the programmes' German names and English glosses.
    """
    if language != "en":
        language = None
    programmes = [p for p in load_catalogue() if p.status != "beendet" and p.available_in(state)]
    lines = [text("funding_overview_intro", plain=plain, language=language)]
    for situation in SITUATIONS:  # each worded by funding_situation_<situation>
        names = [
            text("funding_overview_unclear", language=language, name=p.in_language(p.name, language))
            if p.status == "unklar"
            else p.in_language(p.name, language)
            for p in programmes
            if situation in p.situations
        ]
        if names:
            label = text(f"funding_situation_{situation}", plain=plain, language=language)
            lines.append(f"• {label}: {', '.join(names)}.")
    counselling = text("funding_counselling", language=language)
    lines.append(text("funding_overview_outro", plain=plain, language=language, counselling=counselling))
    return _bubbles(lines, sep="\n")
