"""Questions, rules and verdicts of the eligibility check, loaded from ``rules.yaml``.

The rules are data so that an editor can follow a change in the law (a new threshold, a new
exclusion) by editing one file; the loader refuses a file that refers to unknown questions or
verdicts, naming the programme, rule and field.
"""

from __future__ import annotations

import re
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

#: Verdicts from worst to best; a rule caps the verdict at its level.
VERDICTS = ("unwahrscheinlich", "moeglich", "wahrscheinlich")
VERDICT_LABELS = {
    "wahrscheinlich": "Voraussichtlich ja: Sie erfüllen wohl die Voraussetzungen.",
    "moeglich": "Vielleicht: Das hängt noch von einigen Punkten ab.",
    "unwahrscheinlich": "Voraussichtlich nein: Sie erfüllen wohl nicht alle Voraussetzungen.",
}
QUESTION_TYPES = ("bool", "int", "choice")
_YES = {"ja", "j", "jo", "jep", "jawohl", "stimmt", "richtig", "genau", "yes", "klar", "sicher"}
_NO = {"nein", "n", "ne", "nee", "noe", "no", "nicht", "stimmt nicht", "falsch"}
_NUMBER = re.compile(r"\d+")
_WORD_NUMBERS = {"ein": 1, "eine": 1, "einem": 1, "einer": 1, "einen": 1, "zwei": 2, "drei": 3, "vier": 4,
                 "fuenf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwoelf": 12}
_DURATION = re.compile(r"\b(\d+|" + "|".join(_WORD_NUMBERS) + r")\s*(jahr|monat)")
#: A calendar year in an answer to "Vor wie vielen Jahren …?" ("2010 ausgelernt", "seit 2015").
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
#: A count of hours in an answer about a course's length ("1200 Std", "ca. 900 Unterrichtsstunden").
_HOURS = re.compile(r"\b(\d+)\s*(?:std|stunden|h|ue|ues|unterrichtsstunden|unterrichtseinheiten|zeitstunden)\b")
#: A German school or exam grade ("mit 1,4", "Note 2.3").
_GRADE = re.compile(r"\b([1-6])[,.](\d)\b")


def _months(text: str) -> int:
    """ "ein Jahr und 3 Monate" -> 15: durations people say in years, months or both."""
    total = 0
    for number, unit in _DURATION.findall(text):
        count = int(number) if number.isdigit() else _WORD_NUMBERS[number]
        total += count * 12 if unit == "jahr" else count
    return total


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
    text = re.sub(r"(?<=\d)[.\s'’](?=\d{3}(?!\d))", "", text)
    return re.sub(r"(\d+)\s*(?:tausend|tsd\.?|k)\b", lambda m: m.group(1) + "000", text, flags=re.IGNORECASE)


class RulesError(ValueError):
    """``rules.yaml`` is invalid; the message lists every problem."""


@dataclass(frozen=True)
class Question:
    """Something the bot asks the citizen; ``label`` names it in "Dafür fehlen mir noch Angaben"."""

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

    def parse(self, raw: Any) -> Any:
        """The answer value for what the citizen typed or clicked; None for "weiß ich nicht".

        Raises ``ValueError`` with a German message the bot can show when it does not fit.
        """
        if raw is None or (self.kind == "bool" and isinstance(raw, bool)):
            return raw
        # Before anything else: "keine Ahnung" starts with "kein" but is no "no" (issue 23).
        if says_dont_know(str(raw)):
            return None
        text = fold(str(raw))
        if self.kind == "bool":
            return self._parse_bool_words(text, str(raw))
        if self.kind == "int":
            return self._parse_int(raw, fold(_whole_number(str(raw))) if not isinstance(raw, int) else text)
        return self._parse_choice(text)

    def _parse_bool_words(self, text: str, raw: str) -> bool:
        """Yes/no, a grade for a question about grades, or a word that means yes or no for this question."""
        grade = _GRADE.search(raw)
        if self.grade_max is not None and grade:
            return float(f"{grade.group(1)}.{grade.group(2)}") <= self.grade_max
        try:
            return self._parse_bool(text)
        except ValueError:
            words = text.split()
            hits = {v for a, v in self.aliases for w in words if w == a or (len(a) >= 5 and w.endswith(a))}
            if len(hits) == 1:
                return hits.pop() == "ja"
            raise

    @staticmethod
    def _parse_bool(text: str) -> bool:
        first = text.split()[0] if text else ""
        if text in _YES or text.startswith("ja "):
            return True
        if text in _NO or first in _NO or text.startswith("kein"):
            return False
        raise ValueError("Bitte antworten Sie mit Ja oder Nein.")

    def _parse_int(self, raw: Any, text: str) -> int:
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
            raise ValueError("Bitte nennen Sie eine Zahl, zum Beispiel 12.")
        return value

    def _parse_choice(self, text: str) -> str:
        for value, label in self.options:
            if text in (fold(value), fold(label)) or (len(text) >= 4 and fold(label).startswith(text)):
                return value
        words = set(text.split())
        for alias, value in self.aliases:
            if alias in words or alias == text:
                return value
        for alias, value in self.aliases:  # "Buchhaltungskurs" starts with "buchhaltung"
            if len(alias) >= 5 and any(w.startswith(alias) for w in words):
                return value
        # "ich bin angestellt" for "beschäftigt (angestellt)": one option's word in the answer
        hits = [value for value, label in self.options if words & {w for w in fold(label).split() if len(w) >= 5}]
        if len(hits) == 1:
            return hits[0]
        state = state_of_town(text) if self.states_from_towns else None
        if state is not None:
            known = {value for value, _ in self.options}
            return state if state in known else "andere"
        raise ValueError("Bitte wählen Sie: " + ", ".join(label for _, label in self.options) + ".")


@dataclass(frozen=True)
class Rule:
    """If ``condition`` holds, the verdict is at most ``then`` (or, for "info", a fact is added)."""

    id: str
    condition: Condition = field(hash=False)
    then: str
    reason: str
    met: str | None = None


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

    def step_for(self, answers: dict[str, Any]) -> str:
        value = answers.get(self.next_step_by) if self.next_step_by else None
        return self.next_step.get(str(value), self.next_step["default"])


@dataclass(frozen=True)
class Verdict:
    """The engine's answer: a verdict, its German label, the reasons, and what to do next."""

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


@dataclass(frozen=True)
class RuleBook:
    questions: dict[str, Question]
    programmes: dict[str, ProgrammeRules]
    #: Sentences the engine builds around labels and offices (``texts`` in ``rules.yaml``).
    texts: dict[str, str] = field(default_factory=dict, hash=False)
    choosers: dict[str, Chooser] = field(default_factory=dict, hash=False)

    def name(self, slug: str) -> str:
        """The programme's (or chooser's) name as the citizen reads it."""
        return self.programmes[slug].name if slug in self.programmes else self.choosers[slug].name


#: The sentence templates ``rules.yaml`` must define under ``texts``, with their placeholders.
TEXTS = {"missing": "{labels}", "unknown": "{labels}", "decision": "{decided_by}"}


def _question(key: str, raw: dict, problems: list[str]) -> Question:
    kind = raw.get("type")
    if kind not in QUESTION_TYPES:
        problems.append(f"questions.{key}.type: muss eins von {QUESTION_TYPES} sein")
    if not raw.get("text") or not raw.get("label"):
        problems.append(f"questions.{key}: 'text' und 'label' sind nötig")
    options = tuple((str(k), str(v)) for k, v in (raw.get("options") or {}).items())
    if (kind == "choice") != bool(options):
        problems.append(f"questions.{key}.options: nur und immer bei type choice")
    aliases = tuple((fold(str(a)), str(v)) for a, v in (raw.get("aliases") or {}).items())
    if kind == "bool" and any(v not in ("ja", "nein") for _, v in aliases):
        problems.append(f"questions.{key}.aliases: bei type bool nur 'ja' oder 'nein'")
    grade = raw.get("grade_max")
    return Question(key, str(raw.get("text", "")), str(raw.get("label", "")), str(kind), options,
                    raw.get("min"), raw.get("max"), bool(raw.get("unit") == "monate"), aliases,
                    years_ago=bool(raw.get("unit") == "jahre_her"),
                    grade_max=float(grade) if grade is not None else None,
                    states_from_towns=bool(raw.get("states_from_towns")),
                    hours=bool(raw.get("unit") == "stunden"))  # fmt: skip


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
    return Chooser(slug, str(raw.get("name", "")), str(raw.get("by", "")), targets, str(raw.get("otherwise", "")),
                   str(raw.get("next_step", "")), str(raw.get("decided_by", "")))  # fmt: skip


def _programme(slug: str, raw: dict, questions: dict[str, Question], problems: list[str]) -> ProgrammeRules:
    where = f"programmes.{slug}"
    if raw.get("cap") not in VERDICTS:
        problems.append(f"{where}.cap: muss eins von {VERDICTS} sein")
    for key in ("name", "decided_by"):
        if not raw.get(key):
            problems.append(f"{where}.{key}: fehlt")
    step = dict(raw.get("next_step") or {})
    by = step.pop("by", None)
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
                          str(item.get("reason", "")), item.get("met")))  # fmt: skip
    if not rules:
        problems.append(f"{where}.rules: mindestens eine Regel ist nötig")
    decided_by = str(raw.get("decided_by", ""))
    return ProgrammeRules(slug, str(raw.get("name", "")), decided_by, str(raw.get("clarified_by") or decided_by),
                          str(raw.get("cap")),
                          tuple(raw.get("notes") or ()), {k: str(v) for k, v in step.items()}, by,
                          tuple(rules))  # fmt: skip


def parse_rules(raw: Any) -> RuleBook:
    """Validate the parsed YAML; raise ``RulesError`` listing every problem."""
    problems: list[str] = []
    if not isinstance(raw, dict) or not raw.get("questions") or not raw.get("programmes"):
        raise RulesError("rules.yaml braucht 'questions' und 'programmes'.")
    texts = {str(k): str(v) for k, v in (raw.get("texts") or {}).items()}
    for key, placeholder in TEXTS.items():
        if placeholder not in texts.get(key, ""):
            problems.append(f"texts.{key}: fehlt oder ohne {placeholder}")
    questions = {key: _question(key, q or {}, problems) for key, q in raw["questions"].items()}
    programmes = {slug: _programme(slug, p or {}, questions, problems) for slug, p in raw["programmes"].items()}
    choosers = {slug: _chooser(slug, c or {}, questions, set(programmes), problems)
                for slug, c in (raw.get("choosers") or {}).items()}  # fmt: skip
    if problems:
        raise RulesError("Fehler in den Förderregeln:\n" + "\n".join(problems))
    return RuleBook(questions, programmes, texts, choosers)


@lru_cache(maxsize=4)
def load_rules(path: Path = RULES_PATH) -> RuleBook:
    """The rule book from ``rules.yaml`` (parsed once per process)."""
    return parse_rules(yaml.safe_load(Path(path).read_text(encoding="utf-8")))
