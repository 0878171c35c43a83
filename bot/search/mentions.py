"""What a search request says besides its entities: the course words, and a town the NLU missed.

The NLU's entity extractor knows the topics of its lookup table and the towns of the home regions.
A citizen writes "Kurs für Tiefseetauchen in Bottrop" or "Gibt es Excel-Kurse in Hamburg?": the
subject is not in any table, the town is outside the regions. ``course_words`` keeps the words of
a message that can be a course wish (without the spans of other entities and without filler), so
the search looks for them; ``place_in_text`` finds a German town named after "in", "bei", "um" …
through the national gazetteer, strictly (no typo guessing: "in Präsenz" is not the village Prösen).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import distinct, select
from sqlalchemy.orm import Session

from bot import geo
from bot.db.models import Course
from bot.search.fuzzy import MIN_TYPO_LENGTH, osa_distance
from bot.search.places import gazetteer
from bot.search.synonyms import ENGLISH_STOPWORDS, ENGLISH_WORDS, PLACE_NOISE, STOPWORDS
from bot.search.text import fold
from bot.search.understand import is_english

#: Entities whose words are not course words ("Bottrop", "abends", "500 Euro", "mit Bildungsgutschein").
NOT_COURSE_ENTITIES = frozenset({
    "place", "course_format", "schedule", "max_price", "funding_filter", "time", "ordinal", "programme",
    "employment_status", "company_size", "age", "qualification", "person_name", "email", "phone_number",
    "reference",
})
_WORD = re.compile(r"[^\W_][\w\-/.]*[^\W_]|[^\W_]", re.UNICODE)
#: A town is named after one of these words ("in Hamburg", "bei Kassel", "Nähe von München").
_BEFORE_PLACE = frozenset({"in", "im", "bei", "um", "aus", "nach", "von", "naehe", "raum", "umgebung", "near"})
#: A question whether the bot covers a town names it without a preposition ("Deckt ihr auch Düsseldorf ab?").
_TOWN = r"([A-ZÄÖÜ][\w-]+(?: [A-ZÄÖÜ][\w-]+)?)"
_COVERAGE = re.compile(
    rf"\b(?:deck\w*|habt|haben) (?:ihr|sie|du) (?:auch |denn |eigentlich )*{_TOWN} (?:ab|im angebot)\b"
    rf"|\b(?:seid|sind) (?:ihr|sie) (?:auch |denn |eigentlich )*(?:für|fuer) {_TOWN} zust",
    re.IGNORECASE,  # the gazetteer decides what is a town
)
#: Longest town name looked at, in words ("Frankenberg an der Eder", "Neukirchen-Vluyn" is one word).
_MAX_PLACE_WORDS = 4
#: Small words inside town names ("Frankfurt am Main", "Mülheim an der Ruhr"); other filler ends a name.
_INSIDE_PLACE = frozenset({"am", "an", "der", "im", "in", "ob", "bei", "auf", "vor", "die", "den"})


def course_words(text: str, entities: Iterable[Mapping[str, Any]] = (), place: str | None = None) -> str:
    """The words of ``text`` that may name a course, as typed; "" when there are none.

    "Ich suche einen Kurs für Tiefseetauchen in Bottrop" (place entity "Bottrop") -> "Tiefseetauchen".
    The words of ``place`` (a town found in the text without an entity) are left out as well.
    """
    spans = sorted(
        (int(e["start"]), int(e["end"]))
        for e in entities
        if e.get("entity") in NOT_COURSE_ENTITIES and e.get("start") is not None and e.get("end") is not None
        # an entity about the whole message (its language, a situation read from all of it) is no span
        and not (int(e["start"]) == 0 and int(e["end"]) >= len(text.rstrip()))
    )
    kept, cursor = [], 0
    for start, end in spans:
        if start >= cursor:
            kept.append(text[cursor:start])
            cursor = end
    kept.append(text[cursor:])
    words = _WORD.findall(" ".join(kept))
    english = is_english([fold(w) for w in words])
    ignored = STOPWORDS | PLACE_NOISE | (ENGLISH_STOPWORDS if english else frozenset())
    if place:
        ignored |= set(fold(place).split())
    wanted = [w for w in words if fold(w) and not all(part in ignored for part in fold(w).split())]
    if english:  # the search reads the rest of the conversation as German: "German" becomes "Deutsch"
        wanted = [ENGLISH_WORDS[fold(w)][0].capitalize() if fold(w) in ENGLISH_WORDS else w for w in wanted]
    return " ".join(wanted)


def place_in_text(session: Session, text: str) -> str | None:
    """A town or home region named in ``text`` after "in", "bei", "um" …, as typed; None if there is none.

    Home places are found with their typos ("in Krefled"); towns elsewhere only when the gazetteer
    knows the name exactly, so that "in Teilzeit" or "in Präsenz" never become a place.
    """
    words = text.replace(",", " ").replace("?", " ").replace("!", " ").split()
    for i, word in enumerate(words):
        if fold(word) not in _BEFORE_PLACE:
            continue
        rest = [w.strip(".;:()\"'") for w in words[i + 1 : i + 1 + _MAX_PLACE_WORDS + 2]]
        while rest and fold(rest[0]) in PLACE_NOISE | {"naehe", "der", "die", "dem", "von"}:
            rest = rest[1:]
        for j, w in enumerate(rest):
            if j and fold(w) in STOPWORDS and fold(w) not in _INSIDE_PLACE:
                rest = rest[:j]
                break
        for n in range(min(len(rest), _MAX_PLACE_WORDS), 0, -1):
            candidate = " ".join(rest[:n])
            if _names_a_place(session, candidate):
                return candidate
    covered = _COVERAGE.search(text)  # "Deckt ihr auch Düsseldorf ab?", "Seid ihr auch für Essen zuständig?"
    town = (covered.group(1) or covered.group(2)).strip(".;:()\"'") if covered else ""
    if town and _names_a_place(session, town):
        return town
    return _leading_town(session, words) or _home_town_in_english(session, words)


def _home_town_in_english(session: Session, words: list[str]) -> str | None:
    """A home town anywhere in an English message ("electrician upskilling course dinslaken. I am …"): English
    has no German word that is also a town name ("Alpen"), so no preposition is needed."""
    folded = [fold(w.strip(".;:()\"'")) for w in words]
    if not is_english(folded):
        return None
    spellings = {key for key, _ in gazetteer(session).spellings}
    for n in (2, 1):
        for i in range(len(words) - n + 1):
            candidate = " ".join(folded[i : i + n])
            if len(candidate) >= 4 and candidate not in ENGLISH_STOPWORDS and candidate in spellings:
                return " ".join(w.strip(".;:()\"'") for w in words[i : i + n])
    return None


def _leading_town(session: Session, words: list[str]) -> str | None:
    """A town that opens the message ("Köln Excel Kurs abends"), capitalised as a name and no course word."""
    known = _catalogue_word(session)
    for n in (2, 1):
        candidate = " ".join(w.strip(".;:()\"'") for w in words[:n])
        if len(words) <= n or not candidate[:1].isupper() or any(known(w) for w in candidate.split()):
            continue
        if fold(candidate) not in STOPWORDS and geo.find(candidate, typos=False) is not None:
            return candidate
    return None


def _names_a_place(session: Session, candidate: str) -> bool:
    folded = fold(candidate)
    if not folded or folded in STOPWORDS or len(folded) < 3:
        return False
    spellings = [key for key, _ in gazetteer(session).spellings]
    if folded in spellings or folded.replace(" ", "") in spellings or folded.replace(" ", "-") in spellings:
        return True
    if len(folded) >= MIN_TYPO_LENGTH + 1 and any(osa_distance(folded, key, 1) <= 1 for key in spellings):
        return True
    return geo.find(candidate, typos=False) is not None


#: "der letzte": the last card shown.
LAST = -1
_ORDINALS = {
    "erste": 1, "ersten": 1, "erster": 1, "erstes": 1, "eins": 1, "1": 1,
    "zweite": 2, "zweiten": 2, "zweiter": 2, "zweites": 2, "zwei": 2, "2": 2,
    "dritte": 3, "dritten": 3, "dritter": 3, "drittes": 3, "drei": 3, "3": 3,
    "vierte": 4, "vierten": 4, "vierter": 4, "viertes": 4, "vier": 4, "4": 4,
    "fuenfte": 5, "fuenften": 5, "fuenfter": 5, "fuenftes": 5, "fuenf": 5, "5": 5,
    "sechste": 6, "sechsten": 6, "sechster": 6, "sechstes": 6, "sechs": 6, "6": 6,
    "letzte": LAST, "letzten": LAST, "letzter": LAST, "letztes": LAST,
    # English (issue 21): "details on the first one"
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "last": LAST,
}
#: Words around a number that still only point at a card ("den zweiten bitte", "Nummer 3", "zu Kurs 2").
_AROUND_NUMBER = frozenset({
    "der", "die", "das", "den", "dem", "bitte", "nummer", "nr", "kurs", "zum", "zu", "zur", "mehr", "ueber",
    "details", "detail", "info", "infos", "informationen", "zeig", "zeige", "mir", "mal", "gerne", "gern", "ja",
    "ich", "nehme", "moechte", "will", "hatte", "haette", "von", "dazu", "genau", "davon", "angebot",
    "und", "was", "ist", "mit", "the", "first", "one", "please", "da", "dann", "lieber", "doch",
    "on", "about", "of", "show", "me", "more", "tell", "course", "number", "no",
})


def course_number(text: str) -> int | None:
    """The card a short message points at ("der erste" -> 1, "Nummer 3" -> 3, "den letzten" -> -1), else None.

    Only messages that say nothing but the number: "die erste Hilfe" or "zwei Kurse in Moers" are
    not a pointer at a card.
    """
    words = fold(text).split()
    numbers = [_ORDINALS[w] for w in words if w in _ORDINALS]
    rest = [w for w in words if w not in _ORDINALS and w not in _AROUND_NUMBER]
    if len(numbers) != 1 or rest or len(words) > 6:
        return None
    return numbers[0]


#: "wann fängt der nächste an", "wann geht's los", "wann ist der nächste Termin" (folded text).
_ASKS_NEXT_START = re.compile(r"\bwann\b.*\b(?:faengt|fangen|beginnt|beginnen|startet|starten|los|anfang|termin)\w*"
                              r"|\bnaechste[rn]? (?:termin|start|beginn)|\bwhen does (?:the )?next")


def asks_next_start(text: str) -> bool:
    """Whether a message about the cards shown asks when the next one starts."""
    return bool(_ASKS_NEXT_START.search(fold(text)))


#: "wie melde ich mich da an", "kann ich das buchen", "wo kann ich mich einschreiben", "how do I sign up".
_ASKS_REGISTRATION = re.compile(
    r"\b(?:anmeld\w*|meld\w* (?:\w+ ){0,3}an\b|buch(?:en|e|t)\b|einschreib\w*|registrier\w*|platz reservier\w*"
    r"|wie komme? ich (?:da )?rein|sign(?:ing)? up|register\w*|enrol\w*|book(?:ing)?\b)"
)


#: Words of a wish ("ich will …", "ich suche …", "… lernen"): the clause a course topic is wished in.
_WISH = re.compile(
    r"\b(?:will|moechte|moechten|wuerde gern\w*|suche\w*|brauche\w*|lernen|machen|interessiere|wants?|need|looking)\b"
)
_CLAUSE = re.compile(r"[.!?;]+\s*|\s+aber\s+|\s+but\s+")


def wished_topic(text: str, entities: Iterable[Mapping[str, Any]]) -> str | None:
    """Of several topics the NLU tagged, the one the writer wishes: "ich arbeit in lager. ich will stapler
    fahren lernen" -> "stapler" (the first names where they work). The topics of the last clause with a
    wish word, when other topics stand outside it; None otherwise (fewer than two, or all in one wish)."""
    topics = [e for e in entities if e.get("entity") == "topic" and e.get("start") is not None]
    if len(topics) < 2:
        return None
    clauses: list[tuple[int, int]] = []
    start = 0
    for match in _CLAUSE.finditer(text):
        clauses.append((start, match.start()))
        start = match.end()
    clauses.append((start, len(text)))
    wished = [c for c in clauses if _WISH.search(fold(text[c[0]:c[1]]))]
    for begin, end in reversed(wished):
        inside = [t for t in topics if begin <= int(t["start"]) < end]
        if inside and len(inside) < len(topics):  # the others are told, not wished
            return " ".join(str(t.get("value") or "") for t in inside)
    return None


def asks_registration(text: str) -> bool:
    """Whether a message about a course asks how to register for it."""
    return bool(_ASKS_REGISTRATION.search(fold(text)))


def card_position(shown: int, text: str, ordinal: str | None = None) -> int:
    """The 1-based card of ``shown`` a message asks details for; 0 when unclear (then the bot asks).

    The pointer ("der erste", "den letzten"), else the ordinal entity ("5", "5.", "last") or the
    button's, else a lone number in the text ("Details zu 5").
    """
    pointed = course_number(text)
    if pointed:
        return shown if pointed == LAST else pointed
    if ordinal == "last":
        return shown
    digits = re.search(r"\d+", str(ordinal or ""))
    if digits:
        return int(digits.group())
    lone = re.fullmatch(r"\D*?(\d{1,2})\.?\D*", text)
    if lone:
        return int(lone.group(1))
    return 1 if shown == 1 else 0


def home_regions(session: Session) -> list[str]:
    """The names of this installation's own regions, in the order they are stored."""
    return [region.name for region in gazetteer(session).regions.values()]



#: A message without intent is read as a bare course wish only when it is this short ("SAP",
#: "Staplerschein Moers"); longer messages the bot did not understand are asked back.
MAX_BARE_WISH_WORDS = 6
_TITLE_TOKENS: dict[int, frozenset[str]] = {}
#: Shortest catalogue word accepted as the head of a compound.
_MIN_HEAD = 6


def bare_course_wish(session: Session, text: str) -> tuple[str, str | None]:
    """(course words, town) of a short message that only names a course ("SAP", "Staplerschein Moers").

    ("", None) when it is not one. Each word must be a word of the catalogue as typed, folded,
    lemmatised, stemmed or split into known parts; typo correction is not used here, so "xyzzy" or
    "blablub" stay unknown. A last word that is no course word but a town is the place.
    """
    place = place_in_text(session, text)
    # Times ("nach 18 Uhr") are filters, not course words.
    words = [w for w in course_words(text, (), place).split() if not w.isdigit() and fold(w) != "uhr"]
    if not words or len(words) > MAX_BARE_WISH_WORDS:
        return "", None
    known = _catalogue_word(session)
    for size in (3, 2, 1):  # a town at the end, also of several words ("Bad Wildungen", "Homberg Efze")
        tail = " ".join(words[-size:])
        if place is None and len(words) > size and not known(words[-1]) and _names_a_place(session, tail):
            place, words = tail, words[:-size]
            break
    if place is not None and len(words) > 1 and not known(words[-1]) and _names_a_place(session, words[-1]):
        words = words[:-1]  # "… in Hamminkeln oder Wesel": the second town is a place too, not a course word
    hits = sum(known(w) for w in words)
    # All words known, or a longer wish with one word the catalogue lacks ("… Pivot SVERWEIS Makros"):
    # the search says honestly which word it left out.
    fits = hits == len(words) or (len(words) >= 4 and hits >= len(words) - 1)
    return (" ".join(words), place) if fits else ("", None)


def _catalogue_word(session: Session):
    from bot.search.lemma import lemma, stem
    from bot.search.vocabulary import get_vocabulary

    vocab = get_vocabulary(session)
    if id(vocab) not in _TITLE_TOKENS:  # rebuilt with the vocabulary when the offers change
        _TITLE_TOKENS.clear()
        titles = session.scalars(select(distinct(Course.title)))
        _TITLE_TOKENS[id(vocab)] = frozenset(w for t in titles for w in re.split(r"[\W_]+", fold(t)) if len(w) >= 2)
    tokens = _TITLE_TOKENS[id(vocab)]

    def known(word: str) -> bool:
        folded = fold(word)
        if folded in STOPWORDS:
            return False
        variants = {folded, stem(folded), lemma(word) or ""}
        if vocab.is_compound(folded):
            variants |= vocab.compound_parts(folded)
        if any(v and (vocab.is_known(v) or v in vocab.topic_terms or v in tokens) for v in variants):
            return True
        # a compound that starts with a catalogue word ("fuehrungskraefte": "fuehrung")
        return any(
            folded[:n] in tokens or vocab.is_known(folded[:n])
            for n in range(len(folded) - 1, max(_MIN_HEAD, (len(folded) + 1) // 2) - 1, -1)
        )

    return known
