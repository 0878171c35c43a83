"""Which language a citizen writes in, with a bias to German.

The bot is German first: a short or mixed message ("Job in Krefeld", "Online-Kurs Coaching",
"Anna Schmidt") counts as German, so that German answers with English loanwords, names, places
and form answers never switch the conversation away from German. Only a message whose language
is clear says so: one written in Arabic, Cyrillic or Chinese script (even one word), or a Latin
script message of a few words that the detector reads as English or Turkish with high confidence
and hardly as German.

The detector is lingua (``lingua-language-detector``, offline, rule- and n-gram based, made for
short texts), restricted to the eight languages the bot knows, which keeps it fast (a few
microseconds per message, figures in docs/languages.md).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

#: The languages the bot recognises (ISO 639-1), German first.
SUPPORTED = ("de", "en", "ar", "uk", "ru", "tr", "fa", "zh")

#: German names for advisors ("Sprache: Arabisch").
GERMAN_NAMES = {
    "de": "Deutsch",
    "en": "Englisch",
    "ar": "Arabisch",
    "uk": "Ukrainisch",
    "ru": "Russisch",
    "tr": "Türkisch",
    "fa": "Persisch (Farsi/Dari)",
    "zh": "Chinesisch",
}

# Letters by script; a message is in a script when most of its letters are.
_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_CJK = re.compile(r"[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]")
_SCRIPT_LANGUAGES = ((_ARABIC, ("ar", "fa")), (_CYRILLIC, ("ru", "uk")), (_CJK, ("zh",)))
# Letters German never uses but Turkish does: one Turkish word with them is enough.
_TURKISH_ONLY = re.compile(r"[ıİğĞşŞ]")
# Addresses, numbers and references say nothing about a language.
_NOT_WORDS = re.compile(r"\S*(?:@|://|www\.|\d)\S*")
_WORD = re.compile(r"[^\W\d_]+")
# Small words that belong to one language only. English messages name German programmes and
# offices ("Can I get a Bildungsgutschein?"), whose long words outweigh the English ones in the
# detector's score; the small words still tell the sentence's language. Words both languages use
# ("in", "an", "am", "was", "die", "so", "also") are in neither list.
_ENGLISH_WORDS = frozenset(
    re.findall(
        r"\w+",
        "i is are the a my you your we our for to of and with can could how where what when who which "
        "do does did need want would like looking get have has there this that from please hello "
        "courses course around near anything cheaper employees staff company share costs much many thanks if "
        "beginners retraining worker centre center advice apply any more show details cheaper first one next "
        "about since weeks hours years months yet me yes yeah",
    )
)
#: English course subjects of the search (bot/search/english.yaml: "forklift", "nursing", "welding") count
#: like the small words: German never says them. Those German uses too ("Security", "Manager", "Chef",
#: "Kindergarten", "Social Media", "HR", "Coding") are left out.
_GERMAN_LOANWORDS = frozenset(
    {"integration", "security", "manager", "chef", "social", "hr", "solar", "ai", "kindergarten", "coding", "sales",
     "care"}
)  # fmt: skip


@lru_cache(maxsize=1)
def _english_subjects() -> frozenset[str]:
    topics = yaml.safe_load((Path(__file__).parent.parent / "search" / "english.yaml").read_text(encoding="utf-8"))
    return frozenset(word for word in topics["topics"] if word not in _GERMAN_LOANWORDS)

_GERMAN_WORDS = frozenset(
    re.findall(
        r"\w+",
        "ich bin ist sind der das den dem ein eine einen einem mein meine sie wir für zu und mit kann können "
        "wie wo wann wer welche brauche möchte suche habe hat gibt es bitte hallo nicht auch oder",
    )
)


#: Short messages that are English and nothing else ("hello", "courses please"); "hi", "ok" or "no"
#: are said in German chats too and stay German.
_ENGLISH_SHORT = frozenset(
    {"hello", "courses", "course", "thanks", "thank", "please", "help", "callback", "english", "more", "show",
     "cheaper", "anything", "details", "call"}
)  # fmt: skip
#: Most of an English short message is the small words; lingua needs no more than this for German.
_MAX_GERMAN_FOR_ENGLISH = 0.35


@dataclass(frozen=True)
class LanguageGuess:
    language: str  # ISO 639-1; "de" whenever no other language is clear
    clear: bool  # False: short, mixed or without letters, German assumed
    confidence: float  # the detector's confidence for ``language`` (1.0 when assumed)


GERMAN = LanguageGuess("de", clear=False, confidence=1.0)


@lru_cache(maxsize=4)
def _detector(languages: tuple[str, ...]) -> LanguageDetector:
    chosen = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in languages]
    return LanguageDetectorBuilder.from_languages(*chosen).with_preloaded_language_models().build()


class LanguageGuesser:
    """``guess(text)``: the language of one message, German unless another one is clear."""

    def __init__(
        self,
        languages: tuple[str, ...] = SUPPORTED,
        min_words: int = 3,
        min_confidence: float = 0.7,
        max_german: float = 0.2,
    ) -> None:
        if "de" not in languages:
            raise ValueError("German must be among the languages: it is the bot's default")
        self.languages = tuple(languages)
        self.min_words = min_words
        self.min_confidence = min_confidence
        self.max_german = max_german
        self._lingua = _detector(self.languages)

    def _scores(self, text: str, among: tuple[str, ...]) -> dict[str, float]:
        values = self._lingua.compute_language_confidence_values(text)
        found = {v.language.iso_code_639_1.name.lower(): v.value for v in values}
        return {code: found.get(code, 0.0) for code in among if code in self.languages}

    def guess(self, text: str, names: Sequence[str] = ()) -> LanguageGuess:
        """``names``: places (or other names) found in ``text``; they say nothing about its language
        ("nursing care course bad wildungen" read as German by "bad"), but count as words of it."""
        if not text or text.lstrip().startswith("/"):  # button payloads are not language
            return GERMAN
        cleaned = unicodedata.normalize("NFC", _NOT_WORDS.sub(" ", text))
        named_words = 0
        for name in sorted({n for n in names if n and n.strip()}, key=len, reverse=True):
            pattern = re.compile(rf"(?<!\w){re.escape(unicodedata.normalize('NFC', name))}(?!\w)", re.IGNORECASE)
            stripped, found = pattern.subn(" ", cleaned)
            if found and _WORD.search(stripped):  # a message that is only a place stays as it was ("Krefeld")
                named_words += found * len(_WORD.findall(name))
                cleaned = stripped
        letters = [c for c in cleaned if c.isalpha()]
        if not letters:
            return GERMAN
        for pattern, candidates in _SCRIPT_LANGUAGES:
            if sum(1 for c in letters if pattern.match(c)) * 2 > len(letters):
                scores = self._scores(cleaned, candidates)
                if not scores:
                    return GERMAN
                best = max(scores, key=lambda code: scores[code])
                return LanguageGuess(best, clear=True, confidence=scores[best])
        # Names ("Ayşe Kaya", "Yılmaz") are short: a Latin-script message needs a few words.
        words = [w.lower() for w in _WORD.findall(cleaned)]
        if len(words) + named_words < self.min_words:
            if words and all(w in _ENGLISH_SHORT or w in _ENGLISH_WORDS for w in words) and set(words) & _ENGLISH_SHORT:
                return LanguageGuess("en", clear=True, confidence=1.0)
            return GERMAN
        scores = self._scores(cleaned, ("de", "en", "tr"))
        best = max(scores, key=lambda code: scores[code])
        english = sum(1 for w in words if w in _ENGLISH_WORDS or w in _english_subjects())
        german = sum(1 for w in words if w in _GERMAN_WORDS)
        # A German office name ("Agentur für Arbeit") inside an English text leaves it English.
        if english >= 2 and english >= 3 * german:
            return LanguageGuess("en", clear=True, confidence=scores["en"])
        # One English word the German never uses, nothing German, and lingua agrees ("excel courses in Wesel").
        if best == "en" and english and not german and scores["de"] <= _MAX_GERMAN_FOR_ENGLISH:
            return LanguageGuess("en", clear=True, confidence=scores["en"])
        # Mixed, or a foreign name in a German sentence ("Ich bin Ewa Wiśniewska"); one German
        # office name in a Turkish sentence ("Agentur für Arbeit") does not make it German.
        if german * 5 >= len(words) and best != "de":
            return GERMAN
        if best == "tr" and _TURKISH_ONLY.search(cleaned):
            return LanguageGuess("tr", clear=True, confidence=scores["tr"])
        if best == "de":
            # German terms and places in an English answer ("Küchenmeister at the IHK", "Hesse, Bad
            # Wildungen", "staatlich geprüfter Techniker") name things: no German small word, no switch.
            clear = scores["de"] >= self.min_confidence and german > english
            return LanguageGuess("de", clear=clear, confidence=scores["de"])
        # Without its place, a German search of loanwords reads as English to lingua ("IT Security
        # Training Krefeld"): there English needs one of its own words (above).
        if best == "en" and named_words and not english:
            return GERMAN
        if scores[best] >= self.min_confidence and scores["de"] <= self.max_german:
            return LanguageGuess(best, clear=True, confidence=scores[best])
        return GERMAN
