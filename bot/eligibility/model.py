"""Questions, rules and verdicts of the eligibility check, loaded from ``rules.yaml``.

The rules are data so that an editor can follow a change in the law (a new threshold, a new
exclusion) by editing one file; the loader refuses a file that refers to unknown questions or
verdicts, naming the programme, rule and field. German is the source; every German sentence a
citizen reads has its English beside it (``<key>_en``, a question's ``en``), and the loader refuses
a file where one is missing (issue 21).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.eligibility.conditions import Condition, check_condition
from bot.nlp.dontknow import says_dont_know
from bot.search.text import fold

RULES_PATH = Path(__file__).with_name("rules.yaml")

#: Verdicts from worst to best; a rule caps the verdict at its level. Their labels are the
#: ``texts`` ``verdict_<verdict>`` in ``rules.yaml``.
VERDICTS = ("unwahrscheinlich", "moeglich", "wahrscheinlich")
#: Languages the check speaks: German (the source) and English beside every German text.
LANGUAGES = ("de", "en")
QUESTION_TYPES = ("bool", "int", "choice")
_YES = {"ja", "j", "jo", "jep", "jawohl", "stimmt", "richtig", "genau", "yes", "klar", "sicher",
        "yeah", "yep", "yup", "sure", "correct", "right", "true"}  # fmt: skip
_NO = {"nein", "n", "ne", "nee", "noe", "no", "nicht", "stimmt nicht", "falsch", "nope", "not", "false"}
#: First words of an English yes ("yes I do", "yeah, since 2015"); a German one starts with "ja ".
_YES_FIRST = {"yes", "yeah", "yep", "yup"}
_NUMBER = re.compile(r"\d+")
_WORD_NUMBERS = {"ein": 1, "eine": 1, "einem": 1, "einer": 1, "einen": 1, "zwei": 2, "drei": 3, "vier": 4,
                 "fuenf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwoelf": 12,
                 "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}  # fmt: skip
#: "2 Jahre", "ein Jahr und 3 Monate", "two years", "18 months".
_DURATION = re.compile(r"\b(\d+|" + "|".join(_WORD_NUMBERS) + r")\s*(jahr|monat|year|month)")
#: "I don't know" in English (the German forms are bot/nlp/dontknow.py's), on folded text.
_DONT_KNOW_EN = re.compile(
    r"\b(?:do ?n t|dont|do not) (?:really )?know\b|\bno (?:idea|clue)\b|\bnot (?:really |quite )?sure\b"
    r"|\bunsure\b|\bdunno\b|^idk$|\bcan ?not say\b|\bcan t say\b"
)
#: A calendar year in an answer to "Vor wie vielen Jahren …?" ("2010 ausgelernt", "seit 2015").
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
#: A count of hours in an answer about a course's length ("1200 Std", "ca. 900 Unterrichtsstunden").
_HOURS = re.compile(
    r"\b(\d+)\s*(?:std|stunden|h|ue|ues|unterrichtsstunden|unterrichtseinheiten|zeitstunden|hours?|hrs)\b"
)
#: A German school or exam grade ("mit 1,4", "Note 2.3").
_GRADE = re.compile(r"\b([1-6])[,.](\d)\b")


def _months(text: str) -> int:
    """ "ein Jahr und 3 Monate" -> 15: durations people say in years, months or both."""
    total = 0
    for number, unit in _DURATION.findall(text):
        count = int(number) if number.isdigit() else _WORD_NUMBERS[number]
        total += count * 12 if unit in ("jahr", "year") else count
    return total


def dont_know(text: str) -> bool:
    """Whether ``text`` says "I don't know", in German (``bot.nlp.dontknow``) or in English ("no idea")."""
    return says_dont_know(text) or bool(_DONT_KNOW_EN.search(fold(text)))


def in_language(german: str, english: str | None, language: str | None) -> str:
    """The English text for an English-speaking citizen where there is one, the German otherwise."""
    return english if language == "en" and english else german


#: Words after which people name a town ("wohne in Bottrop", "arbeite bei Kassel").
_BEFORE_TOWN = re.compile(r"\b(?:in|aus|bei|nach|nahe)\s+((?:[a-z]+[ -]?){1,3})")


def state_of_town(folded: str) -> str | None:
    """The federal state (ISO suffix, "NW") of the German town a short answer names, else None.

    Looked up in the national gazetteer without typo correction, first the words after "in",
    "aus", "bei", then the whole answer: a town name is never guessed from an ordinary word.
    """
    from bot.geo.gazetteer import find

    candidates = [m.group(1).strip() for m in _BEFORE_TOWN.finditer(folded)] + [folded.strip()]
    for candidate in candidates:
        words = candidate.split()
        for end in range(len(words), 0, -1):  # "bad wildungen" before "bad"
            name = " ".join(words[:end])
            place = find(name, typos=False) if len(name) >= 3 else None
            if place is not None:
                return place.state
    return None


def _whole_number(text: str) -> str:
    """ "38.000" and "38 000" -> "38000", "38 Tausend" / "38k" -> "38000": how people write amounts."""
    text = re.sub(r"(?<=\d)[.,\s'’](?=\d{3}(?!\d))", "", text)  # "38,000" in English
    return re.sub(r"(\d+)\s*(?:tausend|tsd\.?|k)\b", lambda m: m.group(1) + "000", text, flags=re.IGNORECASE)


class RulesError(ValueError):
    """``rules.yaml`` is invalid; the message lists every problem."""


@dataclass(frozen=True)
class Question:
    """Something the bot asks the citizen; ``label`` names it in "Dafür fehlen mir noch Angaben".

    German fields are the source; ``en``, ``label_en`` and ``options_en`` are their English.
    """

    key: str
    text: str
    label: str
    kind: str
    options: tuple[tuple[str, str], ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    #: For a count of months: "seit 2 Jahren" means 24. People answer in the unit they think in.
    months: bool = False
    #: Other words for an option ("nrw" -> "NW"), folded; for yes/no: words that mean "ja" or "nein"
    #: ("tischlermeister" ends in "meister": the course leads to a Fortbildungsabschluss).
    aliases: tuple[tuple[str, str], ...] = ()
    #: For a count of years: a calendar year means "that many years ago" ("2010 ausgelernt").
    years_ago: bool = False
    #: For yes/no: a grade at or better than this is a yes ("mit 1,4 abgeschlossen"), a worse one a no.
    grade_max: float | None = None
    #: For a count of hours: the number before "Std"/"Stunden" wins over other numbers in the answer.
    hours: bool = False
    #: For a federal state: a town names its state ("wohne in Bottrop" is NW, "München" another state).
    states_from_towns: bool = False
    en: str = ""
    label_en: str = ""
    #: The English labels of ``options``, same order and values.
    options_en: tuple[tuple[str, str], ...] = ()
    #: The hints for an answer that does not fit (``texts`` answer_*), by language: {"de": {...}, "en": {...}}.
    hints: Mapping[str, Mapping[str, str]] = field(default_factory=dict, hash=False, compare=False)

    def text_for(self, language: str | None = "de") -> str:
        """The question as the citizen reads it, in their language."""
        return in_language(self.text, self.en, language)

    def label_for(self, language: str | None = "de") -> str:
        return in_language(self.label, self.label_en, language)

    def options_for(self, language: str | None = "de") -> tuple[tuple[str, str], ...]:
        """(value, label) of each choice in the citizen's language; the values stay the same."""
        return self.options_en if language == "en" and self.options_en else self.options

    def _hint(self, code: str, language: str | None, **values: str) -> ValueError:
        phrases = self.hints.get("en" if language == "en" else "de") or self.hints.get("de") or {}
        return ValueError(phrases[code].format(**values) if code in phrases else code)

    def parse(self, raw: Any, language: str | None = "de") -> Any:
        """The answer value for what the citizen typed or clicked; None for "weiß ich nicht".

        German and English answers are read alike. Raises ``ValueError`` with a message in
        ``language`` (from ``rules.yaml`` ``texts``) the bot can show when it does not fit.
        """
        if raw is None or (self.kind == "bool" and isinstance(raw, bool)):
            return raw
        # Before anything else: "keine Ahnung" starts with "kein", "no idea" with "no": no "no" (issue 23).
        if dont_know(str(raw)):
            return None
        text = fold(str(raw))
        if self.kind == "bool":
            return self._parse_bool_words(text, str(raw), language)
        if self.kind == "int":
            return self._parse_int(raw, fold(_whole_number(str(raw))) if not isinstance(raw, int) else text, language)
        return self._parse_choice(text, language)

    def _parse_bool_words(self, text: str, raw: str, language: str | None = "de") -> bool:
        """Yes/no, a grade for a question about grades, or a word that means yes or no for this question."""
        grade = _GRADE.search(raw)
        if self.grade_max is not None and grade:
            return float(f"{grade.group(1)}.{grade.group(2)}") <= self.grade_max
        answer = self._parse_bool(text)
        if answer is not None:
            return answer
        words = text.split()
        hits = {v for a, v in self.aliases for w in words if w == a or (len(a) >= 5 and w.endswith(a))}
        if len(hits) == 1:
            return hits.pop() == "ja"
        raise self._hint("answer_yes_no", language)

    @staticmethod
    def _parse_bool(text: str) -> bool | None:
        first = text.split()[0] if text else ""
        if text in _YES or text.startswith("ja ") or first in _YES_FIRST:
            return True
        if text in _NO or first in _NO or text.startswith("kein"):
            return False
        return None

    def _parse_int(self, raw: Any, text: str, language: str | None = "de") -> int:
        counted = _HOURS.search(text) if self.hours else None  # "1 Jahr Vollzeit, so 1200 Std": the hours
        match = counted or _NUMBER.search(text)
        value = raw if isinstance(raw, int) else int(match.group(1) if counted else match.group()) if match else None
        if self.months and not isinstance(raw, int):
            value = _months(text) if _DURATION.search(text) else value
            since = _YEAR.search(text) if not _DURATION.search(text) else None  # "bin seit 2019 da"
            if since and int(since.group()) <= date.today().year:
                value = (date.today().year - int(since.group())) * 12
        year = _YEAR.search(text) if self.years_ago and not isinstance(raw, int) else None
        if year and int(year.group()) <= date.today().year:
            value = date.today().year - int(year.group())
        too_small = value is not None and self.minimum is not None and value < self.minimum
        too_big = value is not None and self.maximum is not None and value > self.maximum
        if value is None or too_small or too_big:
            raise self._hint("answer_number", language)
        return value

    def _parse_choice(self, text: str, language: str | None = "de") -> str:
        labelled = [*self.options, *self.options_en]  # "unemployed" as well as "arbeitslos"
        for value, label in labelled:
            if text in (fold(value), fold(label)) or (len(text) >= 4 and fold(label).startswith(text)):
                return value
        words = set(text.split())
        padded = f" {text} "
        for alias, value in sorted(self.aliases, key=lambda av: -len(av[0])):  # "self employed" before "employed"
            if " " in alias and f" {alias} " in padded:
                return value
        for alias, value in self.aliases:
            if alias in words or alias == text:
                return value
        for alias, value in self.aliases:  # "Buchhaltungskurs" starts with "buchhaltung"
            if len(alias) >= 5 and any(w.startswith(alias) for w in words):
                return value
        # "ich bin angestellt" for "beschäftigt (angestellt)": one option's word in the answer
        for options in (self.options, self.options_en):
            hits = [value for value, label in options if words & {w for w in fold(label).split() if len(w) >= 5}]
            if len(hits) == 1:
                return hits[0]
        state = state_of_town(text) if self.states_from_towns else None
        if state is not None:
            known = {value for value, _ in self.options}
            return state if state in known else "andere"
        choices = ", ".join(label for _, label in self.options_for(language))
        raise self._hint("answer_choice", language, choices=choices)


@dataclass(frozen=True)
class Rule:
    """If ``condition`` holds, the verdict is at most ``then`` (or, for "info", a fact is added)."""

    id: str
    condition: Condition = field(hash=False)
    then: str
    reason: str
    met: str | None = None
    reason_en: str = ""
    met_en: str | None = None

    def reason_for(self, language: str | None = "de") -> str:
        return in_language(self.reason, self.reason_en, language)

    def met_for(self, language: str | None = "de") -> str | None:
        return in_language(self.met, self.met_en, language) if self.met else None


@dataclass(frozen=True)
class ProgrammeRules:
    slug: str
    name: str
    decided_by: str
    #: Who can settle what the citizen does not know ("das klärt …"); defaults to ``decided_by``.
    clarified_by: str
    cap: str
    notes: tuple[str, ...]
    next_step: dict[str, str] = field(hash=False)
    next_step_by: str | None
    rules: tuple[Rule, ...]
    #: English beside the German: {"name": …, "decided_by": …, "clarified_by": …}, notes, next steps.
    english: dict[str, str] = field(default_factory=dict, hash=False)
    notes_en: tuple[str, ...] = ()
    next_step_en: dict[str, str] = field(default_factory=dict, hash=False)

    def step_for(self, answers: Mapping[str, Any], language: str | None = "de") -> str:
        steps = self.next_step_en if language == "en" and self.next_step_en else self.next_step
        value = answers.get(self.next_step_by) if self.next_step_by else None
        return steps.get(str(value), steps["default"])

    def field_for(self, name: str, language: str | None = "de") -> str:
        """``name``, ``decided_by`` or ``clarified_by`` in the citizen's language."""
        return in_language(getattr(self, name), self.english.get(name), language)

    def notes_for(self, language: str | None = "de") -> tuple[str, ...]:
        return self.notes_en if language == "en" and self.notes_en else self.notes


@dataclass(frozen=True)
class Verdict:
    """The engine's answer: a verdict, its label, the reasons, and what to do next (in one language)."""

    programme: str
    verdict: str
    label: str
    reasons: list[str]
    next_step: str


@dataclass(frozen=True)
class Chooser:
    """A programme that is one of several laws, chosen by one answer ("Bildungsurlaub": the state's law).

    ``targets``: answer value -> programme slug; for any other answer the check ends with
    ``otherwise`` (e.g. a state whose law this assistant does not know) and ``next_step``.
    """

    slug: str
    name: str
    by: str
    targets: dict[str, str] = field(hash=False)
    otherwise: str
    next_step: str
    decided_by: str
    #: English of name (where it differs), otherwise, next_step and decided_by.
    english: dict[str, str] = field(default_factory=dict, hash=False)

    def field_for(self, name: str, language: str | None = "de") -> str:
        return in_language(getattr(self, name), self.english.get(name), language)


@dataclass(frozen=True)
class RuleBook:
    questions: dict[str, Question]
    programmes: dict[str, ProgrammeRules]
    #: Sentences the engine builds around labels and offices (``texts`` in ``rules.yaml``).
    texts: dict[str, str] = field(default_factory=dict, hash=False)
    choosers: dict[str, Chooser] = field(default_factory=dict, hash=False)
    #: The English of ``texts``, same keys.
    texts_en: dict[str, str] = field(default_factory=dict, hash=False)
    #: Who drafted and reviewed the English texts (``written.en``).
    written: dict[str, str] = field(default_factory=dict, hash=False)

    def name(self, slug: str, language: str | None = "de") -> str:
        """The programme's (or chooser's) name as the citizen reads it."""
        found = self.programmes.get(slug) or self.choosers[slug]
        return found.field_for("name", language)

    def text(self, key: str, language: str | None = "de", **values: str) -> str:
        """A sentence of ``texts`` in the citizen's language, its placeholders filled."""
        return in_language(self.texts[key], self.texts_en.get(key), language).format(**values)

    def verdict_label(self, verdict: str, language: str | None = "de") -> str:
        return self.text(f"verdict_{verdict}", language)


#: The sentence templates ``rules.yaml`` must define under ``texts``, with their placeholders
#: (each with its English at ``<key>_en``, with the same placeholders).
TEXTS = {
    "missing": "{labels}",
    "unknown": "{labels}",
    "decision": "{decided_by}",
    **{f"verdict_{verdict}": "" for verdict in VERDICTS},
    "answer_yes_no": "",
    "answer_number": "",
    "answer_choice": "{choices}",
}


def _en(raw: Mapping[str, Any], key: str, where: str, problems: list[str], english_key: str | None = None) -> str:
    """The English beside ``raw[key]`` (at ``<key>_en``); a problem when a German text has none."""
    english_key = english_key or f"{key}_en"
    german, english = raw.get(key), raw.get(english_key)
    if german and not english:
        problems.append(f"{where}.{english_key}: fehlt (der deutsche Text '{str(german)[:40]}' hat kein Englisch)")
    return str(english or "")


def _en_list(raw: Mapping[str, Any], key: str, where: str, problems: list[str]) -> tuple[str, ...]:
    german, english = list(raw.get(key) or ()), list(raw.get(f"{key}_en") or ())
    if len(english) != len(german):
        problems.append(f"{where}.{key}_en: braucht {len(german)} englische Texte wie {key}, hat {len(english)}")
    return tuple(str(e) for e in english)


def _en_mapping(raw: Mapping[str, Any], where: str, problems: list[str], skip: str = "") -> dict[str, str]:
    """``{key: English}`` for every German ``key`` of a mapping whose English sits at ``key_en``."""
    return {str(k): _en(raw, k, where, problems) for k in raw if not str(k).endswith("_en") and k != skip}


def _german(raw: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in raw.items() if not str(k).endswith("_en")}


def _question(key: str, raw: dict, hints: Mapping[str, Mapping[str, str]], problems: list[str]) -> Question:
    where = f"questions.{key}"
    kind = raw.get("type")
    if kind not in QUESTION_TYPES:
        problems.append(f"{where}.type: muss eins von {QUESTION_TYPES} sein")
    if not raw.get("text") or not raw.get("label"):
        problems.append(f"{where}: 'text' und 'label' sind nötig")
    german_options = _german(raw.get("options") or {})
    options = tuple((str(k), str(v)) for k, v in german_options.items())
    english = _en_mapping(raw.get("options") or {}, f"{where}.options", problems)
    options_en = tuple((value, english.get(value) or label) for value, label in options)
    if (kind == "choice") != bool(options):
        problems.append(f"{where}.options: nur und immer bei type choice")
    aliases = tuple((fold(str(a)), str(v)) for a, v in (raw.get("aliases") or {}).items())
    if kind == "bool" and any(v not in ("ja", "nein") for _, v in aliases):
        problems.append(f"{where}.aliases: bei type bool nur 'ja' oder 'nein'")
    grade = raw.get("grade_max")
    return Question(key, str(raw.get("text", "")), str(raw.get("label", "")), str(kind), options,
                    raw.get("min"), raw.get("max"), bool(raw.get("unit") == "monate"), aliases,
                    years_ago=bool(raw.get("unit") == "jahre_her"),
                    grade_max=float(grade) if grade is not None else None,
                    states_from_towns=bool(raw.get("states_from_towns")),
                    hours=bool(raw.get("unit") == "stunden"),
                    en=_en(raw, "text", where, problems, english_key="en"),
                    label_en=_en(raw, "label", where, problems),
                    options_en=options_en, hints=hints)  # fmt: skip


def _chooser(
    slug: str, raw: dict, questions: dict[str, Question], programmes: set[str], problems: list[str]
) -> Chooser:
    where = f"choosers.{slug}"
    for key in ("name", "by", "targets", "otherwise", "next_step", "decided_by"):
        if not raw.get(key):
            problems.append(f"{where}.{key}: fehlt")
    if raw.get("by") and raw["by"] not in questions:
        problems.append(f"{where}.by: unbekannte Frage '{raw['by']}'")
    targets = {str(k): str(v) for k, v in (raw.get("targets") or {}).items()}
    problems += [f"{where}.targets.{k}: unbekanntes Programm '{v}'" for k, v in targets.items() if v not in programmes]
    english = {key: _en(raw, key, where, problems) for key in ("otherwise", "next_step", "decided_by")}
    english["name"] = str(raw.get("name_en") or "")  # only where the English name differs
    return Chooser(slug, str(raw.get("name", "")), str(raw.get("by", "")), targets, str(raw.get("otherwise", "")),
                   str(raw.get("next_step", "")), str(raw.get("decided_by", "")), english)  # fmt: skip


def _programme(slug: str, raw: dict, questions: dict[str, Question], problems: list[str]) -> ProgrammeRules:
    where = f"programmes.{slug}"
    if raw.get("cap") not in VERDICTS:
        problems.append(f"{where}.cap: muss eins von {VERDICTS} sein")
    for key in ("name", "decided_by"):
        if not raw.get(key):
            problems.append(f"{where}.{key}: fehlt")
    step = _german(raw.get("next_step") or {})
    by = step.pop("by", None)
    step_en = _en_mapping(raw.get("next_step") or {}, f"{where}.next_step", problems, skip="by")
    if "default" not in step:
        problems.append(f"{where}.next_step.default: fehlt")
    if by is not None and by not in questions:
        problems.append(f"{where}.next_step.by: unbekannte Frage '{by}'")
    rules = []
    for i, item in enumerate(raw.get("rules") or []):
        rule_where = f"{where}.rules[{i}] ({item.get('id', '?')})"
        if item.get("then") not in (*VERDICTS, "info"):
            problems.append(f"{rule_where}.then: muss eins von {(*VERDICTS, 'info')} sein")
        if not item.get("id") or not item.get("reason"):
            problems.append(f"{rule_where}: 'id' und 'reason' sind nötig")
        problems += check_condition(item.get("if"), set(questions), f"{rule_where}.if")
        rules.append(Rule(str(item.get("id")), item.get("if") or {}, str(item.get("then")),
                          str(item.get("reason", "")), item.get("met"),
                          reason_en=_en(item, "reason", rule_where, problems),
                          met_en=_en(item, "met", rule_where, problems) or None))  # fmt: skip
    if not rules:
        problems.append(f"{where}.rules: mindestens eine Regel ist nötig")
    decided_by = str(raw.get("decided_by", ""))
    english = {key: _en(raw, key, where, problems) for key in ("decided_by", "clarified_by")}
    english["clarified_by"] = english["clarified_by"] or english["decided_by"]
    english["name"] = str(raw.get("name_en") or "")  # only where the English name differs
    return ProgrammeRules(slug, str(raw.get("name", "")), decided_by, str(raw.get("clarified_by") or decided_by),
                          str(raw.get("cap")),
                          tuple(raw.get("notes") or ()), {k: str(v) for k, v in step.items()}, by,
                          tuple(rules), english, _en_list(raw, "notes", where, problems),
                          {k: str(v) for k, v in step_en.items()})  # fmt: skip


def parse_rules(raw: Any) -> RuleBook:
    """Validate the parsed YAML; raise ``RulesError`` listing every problem (also every German
    text a citizen reads that has no English beside it)."""
    problems: list[str] = []
    if not isinstance(raw, dict) or not raw.get("questions") or not raw.get("programmes"):
        raise RulesError("rules.yaml braucht 'questions' und 'programmes'.")
    texts = {str(k): str(v) for k, v in _german(raw.get("texts") or {}).items()}
    texts_en = _en_mapping(raw.get("texts") or {}, "texts", problems)
    for key, placeholder in TEXTS.items():
        if key not in texts or placeholder not in texts[key]:
            problems.append(f"texts.{key}: fehlt oder ohne {placeholder}")
        elif placeholder not in texts_en.get(key, ""):
            problems.append(f"texts.{key}_en: ohne {placeholder}")
    written = {str(k): str(v) for k, v in (raw.get("written") or {}).items()}
    if not written.get("en"):
        problems.append("written.en: fehlt (wer hat die englischen Texte geschrieben und geprüft?)")
    hints = {"de": texts, "en": {k: v for k, v in texts_en.items() if v}}
    questions = {key: _question(key, q or {}, hints, problems) for key, q in raw["questions"].items()}
    programmes = {slug: _programme(slug, p or {}, questions, problems) for slug, p in raw["programmes"].items()}
    choosers = {slug: _chooser(slug, c or {}, questions, set(programmes), problems)
                for slug, c in (raw.get("choosers") or {}).items()}  # fmt: skip
    if problems:
        raise RulesError("Fehler in den Förderregeln:\n" + "\n".join(problems))
    return RuleBook(questions, programmes, texts, choosers, texts_en, written)


@lru_cache(maxsize=4)
def load_rules(path: Path = RULES_PATH) -> RuleBook:
    """The rule book from ``rules.yaml`` (parsed once per process)."""
    return parse_rules(yaml.safe_load(Path(path).read_text(encoding="utf-8")))
