"""A citizen asking for a language: "Deutsch bitte", "English please", "auf Arabisch", "in Turkish".

Read by rules rather than the intent classifier: the request is short, names a language, and must
not be confused with a course topic ("Deutsch" alone answers "Welches Thema?", "Kurs auf
Englisch" is a course taught in English, "einfaches Deutsch" asks for plain language).
"""

from __future__ import annotations

import re

# Each language's names in German, English and (where the script allows a word boundary) itself.
_NAMES = {
    "de": ("deutsch", "german", "almanca", "немецком", "німецькою", "الألمانية", "آلمانی", "德语"),
    "en": (
        "englisch", "english", "ingilizce", "İngilizce", "английском", "англійською", "الإنجليزية", "انگلیسی", "英语"
    ),
    "ar": ("arabisch", "arabic", "العربية", "عربي", "بالعربي", "بالعربية"),
    "uk": ("ukrainisch", "ukrainian", "українською", "українська"),
    "ru": ("russisch", "russian", "по-русски", "русском", "русский"),
    "tr": ("türkisch", "turkish", "türkçe", "turkce"),
    "fa": ("persisch", "farsi", "dari", "persian", "فارسی", "دری"),
    "zh": ("chinesisch", "chinese", "中文", "汉语"),
}
_REQUEST = (
    r"bitte|please|auf|in|sprechen|speak|sprache|language|schreiben|write|answer|antworten|lütfen|konuş\w*"
    r"|пожалуйста|будь ласка|говорите|من فضلك|لطفا|请|用"
)
# Words that make a language name a course topic or a plain-language wish, not a choice.
_NOT_A_CHOICE = re.compile(
    r"kurs|course|class|unterricht|lesson|lernen|learn|seminar|weiterbildung|ausbildung|training|prüfung|test"
    r"|einfach|leicht|simple|easy|plain",
    re.IGNORECASE,
)
MAX_WORDS = 7


def _pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    name = "|".join(re.escape(n) for n in names)
    return re.compile(rf"(?:^|[\s,.!?:;])(?:{name})(?=$|[\s,.!?:;])", re.IGNORECASE)


_PATTERNS = {code: _pattern(names) for code, names in _NAMES.items()}
_REQUEST_WORD = re.compile(rf"^(?:{_REQUEST})$", re.IGNORECASE)
_PREPOSITIONS = {"in", "auf"}  # before a language they ask for it; after it they start a place
_EDGES = ",.!?:;¿¡\"'„“”«»()"


def requested_language(text: str) -> str | None:
    """The language a short message asks for (ISO 639-1), or None when it asks for none.

    It must name exactly one language and say it wants it ("bitte", "please", "auf", "in",
    "sprechen", ...); a bare language name is a topic, not a choice.
    """
    if not text or len(text.split()) > MAX_WORDS or _NOT_A_CHOICE.search(text):
        return None
    padded = f" {text.strip()} "
    named = [code for code, pattern in _PATTERNS.items() if pattern.search(padded)]
    if len(named) != 1:
        return None
    # The wish stands next to the language: "Deutsch bitte", "auf Arabisch", "speak English",
    # not "Englisch abends in Fritzlar" (a course, with "in" before a town).
    words = [w.strip(_EDGES) for w in text.split()]
    for i, word in enumerate(words):
        if not _PATTERNS[named[0]].search(f" {word} "):
            continue
        before = words[max(0, i - 2) : i]  # "auf Arabisch", "Sprechen Sie Englisch?"
        after = [w for w in words[i + 1 : i + 2] if w.lower() not in _PREPOSITIONS]  # "Deutsch bitte"
        if any(_REQUEST_WORD.match(n) for n in before + after) or "请" in text or "用" in text:
            return named[0]
    return None
