"""The facts a decision chose, as short, sourced pieces an action words with wording/citizen.yml.

A long passage (a summary, the application notes, a FAQ answer) is cut to its sentences about
the aspects asked; every piece names its programme, the source (the web site's name, or the FAQ's
own "Quelle"), the source's date and the catalogue's Stand. A ⚠️ fact names the office that can
confirm it. What the citizen said about themselves (``for_person`` notes) is said beside the facts
it concerns, and replaces a fact that would mislead them ("grundsätzlich kostenlos" to someone
who pays).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlparse

from bot.funding.catalogue import load_catalogue
from bot.funding.model import STATE_NAMES, ProgrammeData, german_date
from bot.funding.personal import notes_for
from bot.kb.aspects import aspects as all_aspects
from bot.kb.aspects import passage_aspects
from bot.kb.passages import FAQ_STAND_EN, Passage, domain_responses, faq_english
from bot.kb.retriever import Hit

#: A summary, application note or FAQ answer longer than this is cut to its sentences about the
#: aspects asked. A sourced fact is said whole: its qualifiers belong to it.
SHORT = 320
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ„0-9])")
#: Abbreviations a sentence does not end with ("§ 5 Abs. 5", "z. B. Pflege", "bzw. Teilzeit").
_ABBREVIATIONS = (
    "abs.", "nr.", "z.", "b.", "bzw.", "ca.", "u.", "a.", "d.", "h.", "s.", "art.", "vgl.", "gem.", "std.",
)  # fmt: skip


def sentences(text: str) -> list[str]:
    """``text`` split into sentences, not after abbreviations like "Abs." or "z. B."."""
    out: list[str] = []
    for piece in _SENTENCE.split(text):
        if out and out[-1].rsplit(" ", 1)[-1].lower() in _ABBREVIATIONS:
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out
_FAQ_STAND = re.compile(r"\s*\(Stand: [^)]*\)")


@dataclass(frozen=True)
class FactView:
    programme: str
    name: str
    text: str
    #: "jobrecht.de", the FAQ's "Quelle", or "" when there is none.
    source: str
    #: The source's date as a citizen reads it, or "" when it gives none.
    source_date: str
    #: The catalogue's Stand for the programme ("März 2026"), or the FAQ's own.
    stand: str
    uncertain: bool
    #: Dative of the responsible office ("Ihrer örtlichen Agentur für Arbeit").
    office: str
    #: A "Für Sie: …" note instead of a catalogue fact.
    personal: bool = False


def programmes() -> dict[str, ProgrammeData]:
    return {p.slug: p for p in load_catalogue()}


def source_label(source: str | None) -> str:
    if not source:
        return ""
    if source.startswith(("http://", "https://")):
        host = urlparse(source).netloc
        return host[4:] if host.startswith("www.") else host
    return source


def _chosen(parts: list[str], wanted: Iterable[str]) -> list[int]:
    """Which sentences of a long text to say: those with an aspect in ``wanted``, else the first two."""
    wanted = frozenset(wanted)
    return [i for i, s in enumerate(parts) if passage_aspects(s) & wanted] or list(range(min(2, len(parts))))


def excerpt(text: str, wanted: Iterable[str]) -> str:
    """``text`` itself if short, else its sentences that have an aspect in ``wanted`` (else the first two)."""
    text = _FAQ_STAND.sub("", text).strip()
    if len(text) <= SHORT:
        return text
    parts = sentences(text)
    return " ".join(parts[i] for i in _chosen(parts, wanted))


def _in_language(programme: ProgrammeData, passage: Passage, wanted: Iterable[str], language: str | None) -> str:
    """The passage's text (cut as ``excerpt`` cuts it) in ``language``, where the catalogue has it.

    Aspects are read in the German text, so a long English text says the sentences at the same places
    as the German excerpt; where the sentences do not pair up, the whole English text is said."""
    german = passage.text if passage.kind == "fact" else excerpt(passage.text, wanted)
    english = programme.english.get(passage.text) if language == "en" else None
    if english is None or passage.kind == "fact" or german == passage.text:
        return english or german
    parts, translated = sentences(passage.text), sentences(english)
    if len(parts) != len(translated):
        return english
    return " ".join(translated[i] for i in _chosen(parts, wanted))


@lru_cache(maxsize=1)
def _faq_english() -> dict[str, str]:
    return faq_english(domain_responses())


def _faq_excerpt_in_english(german: str, english: str, wanted: Iterable[str]) -> str:
    """The English FAQ answer cut where ``excerpt`` cuts the German one (aspects are read in the German);
    the whole English answer where the sentences do not pair up."""
    german, english = _FAQ_STAND.sub("", german).strip(), FAQ_STAND_EN.sub("", english).strip()
    if len(german) <= SHORT:
        return english
    parts, translated = sentences(german), sentences(english)
    if len(parts) != len(translated):
        return english
    return " ".join(translated[i] for i in _chosen(parts, wanted))


def _view(passage: Passage, wanted: Iterable[str], state: str | None, language: str | None = None) -> FactView:
    known = programmes()
    slug = passage.programme or ""
    programme = known.get(slug)
    if passage.kind == "faq":
        stand = passage.stand or ""
    else:
        stand = german_date(passage.stand, month_only=True, language=language) if passage.stand else ""
    if programme is not None and passage.kind != "faq":
        text = _in_language(programme, passage, wanted, language)
    else:  # a FAQ answer is said as domain.yml has it (its own Stand and source)
        text = passage.text if passage.kind == "fact" else excerpt(passage.text, wanted)
    source = source_label(passage.source)
    english = _faq_english().get(passage.key) if passage.kind == "faq" and language == "en" else None
    if english:  # its English variant in domain.yml, with its own date and sources (was the German text)
        text = _faq_excerpt_in_english(passage.text, english, wanted)
        stand_en = FAQ_STAND_EN.search(english)
        stand = stand_en.group(1) if stand_en else stand
        source = source_label(stand_en.group(2)) if stand_en and stand_en.group(2) else source
    dated = passage.as_of and passage.kind == "fact"
    return FactView(
        programme=slug,
        name=programme.in_language(programme.name, language) if programme else "",
        text=text,
        source=source,
        source_date=german_date(passage.as_of, language=language) if dated else "",
        stand=stand,
        uncertain=passage.uncertain,
        office=programme.in_language(programme.office_for(state).dative, language) if programme else "",
    )


def views(
    hits: Iterable[Hit],
    asked: Iterable[str],
    state: str | None = None,
    person: Mapping[str, Any] | None = None,
    plain: bool = False,
    language: str | None = None,
) -> list[FactView]:
    """The pieces to say for ``hits``, in order, with the person's notes where they belong.

    ``language`` "en" gives the catalogue's English texts (``en:`` in programmes.yaml), names,
    offices and months; a text without its translation stays German.
    """
    asked = frozenset(asked)
    known = programmes()
    out: list[FactView] = []
    noted: set[str] = set()
    for hit in hits:
        view = _view(hit.passage, hit.aspects or asked, state, language)
        programme = known.get(view.programme)
        if programme is None:
            out.append(view)
            continue
        notes = notes_for(programme.for_person, person)
        about = hit.aspects or asked
        replacing = [n for n in notes if n.replaces_summary and passage_aspects(n.text) & about]
        if replacing:
            note = replacing[0]
            said = programme.in_language(note.text_plain if plain else note.text, language)
            view = FactView(view.programme, view.name, said, "", "", view.stand, False, view.office, personal=True)
        out.append(view)
        if view.programme in noted:
            continue
        noted.add(view.programme)
        for note in notes:
            if note.replaces_summary or not passage_aspects(note.text) & (about | asked):
                continue
            text = programme.in_language(note.text_plain if plain else note.text, language)
            out.append(FactView(view.programme, view.name, text, "", "", view.stand, False, view.office, True))
    return out


def aspect_label(name: str) -> str:
    found = all_aspects().get(name)
    return found.label if found else name


def office_of(slug: str | None, state: str | None, language: str | None = None) -> str | None:
    programme = programmes().get(slug or "")
    return programme.in_language(programme.office_for(state).dative, language) if programme else None


def name_of(slug: str, language: str | None = None) -> str:
    programme = programmes().get(slug)
    return programme.in_language(programme.name, language) if programme else slug


#: Aspects after which the office that takes the application is worth naming.
APPLICATION_ASPECTS = frozenset({"antrag", "zustaendig"})


def application_offices(
    slug: str | None, aspects: Iterable[str], state: str | None, language: str | None = None
) -> list[tuple[str | None, str]]:
    """For a question where to apply, the offices of a programme whose office depends on the state:
    [(None, office)] for the citizen's state, [(state name, office), ...] when the state is not known.
    Empty when nothing was asked about applying or the office is the same everywhere (the facts say it)."""
    programme = programmes().get(slug or "")
    if programme is None or not programme.office_by_state or not APPLICATION_ASPECTS & set(aspects):
        return []
    if state in programme.office_by_state:
        return [(None, programme.in_language(programme.office_by_state[state].name, language))]
    return [
        (STATE_NAMES.get(code, code), programme.in_language(office.name, language))
        for code, office in sorted(programme.office_by_state.items())
    ]
