"""A person's situation from whatever they write ("bin 52, seit 25 Jahren im Einzelhandel, ALG 1").

Citizens tell their situation in passing, in stories, with typos and without umlauts, in learner's
German ("ich arbeitslos seit 2 jahr"). What a funding answer or the eligibility check needs from it
is read here, once, from any message, so that no flow asks for it again:

================================  =====================================================================
``employment_status``             arbeitslos, arbeitsuchend, beschaeftigt, selbststaendig, in_ausbildung,
                                  rente (the values of the eligibility check's choice, plus rente)
``threatened_unemployment``       True when a notice, an ending contract or a closure is mentioned
``benefits``                      buergergeld, alg1, keine
``company_size``                  number of employees ("Betrieb mit 30 Beschäftigten", "wir sind zu acht")
``age``                           14–100 ("bin 52", "mit 50 noch", "52 Jahre alt")
``has_qualification``             True / False (a vocational qualification: "Ausbildung als Kauffrau")
``years_outside_qualification``   years working outside the learned occupation ("seit 6 Jahren fachfremd")
``years_worked``                  years of work ("seit 25 Jahren im Einzelhandel")
``language_level``                A1 … C2, the level someone has ("habe B1"), not the course they look for
``taxable_income``                euros per year ("verdiene 35.000 €"; a monthly figure times 12)
``speaker``                       employer (writes for a company: "als Arbeitgeber", "unsere Mitarbeiter",
                                  "Personalabteilung") or person (an employee: "mein Chef will …")
================================  =====================================================================

The place is not read here: the place entity and the gazetteer (``bot.geo``) know the towns.
Each rule is a regular expression in ``situation.yaml`` over the prepared text
(``bot.nlp.situation_text``); a negation or a past tense just before a status ("nicht mehr
arbeitslos", "war selbstständig") cancels it.
What is unclear is left out: a missing value is asked, a wrong one misleads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.nlp import situation_english
from bot.nlp.situation_text import NUMBER, Corrector, number, prepare, spelled
from bot.nlp.timewindow_text import Folded

RULES_PATH = Path(__file__).with_name("situation.yaml")
#: The most of a message that is read: a long story is read in full up to here.
MAX_CHARACTERS = 1200
SLOTS = ("employment_status", "threatened_unemployment", "benefits", "company_size", "age", "has_qualification",
         "years_outside_qualification", "years_worked", "language_level", "taxable_income", "speaker")  # fmt: skip
AGE_RANGE = (14, 100)
INCOME_RANGE = (1000, 1_000_000)
EMPLOYER, PERSON = "employer", "person"


@dataclass(frozen=True)
class Fact:
    """One value read from a message and where it stands there (character offsets of the original)."""

    slot: str
    value: Any
    start: int
    end: int


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    return yaml.safe_load(RULES_PATH.read_text(encoding="utf-8"))


def _c(pattern: str) -> re.Pattern[str]:
    """A rule of ``situation.yaml`` compiled: pieces filled in, spelled like the prepared text."""
    pieces = {"n": rf"(?P<n>{NUMBER})", **{k: str(v) for k, v in _data()["pieces"].items()}}
    pieces["money"] = str(_data()["money"])
    pattern = re.sub(r"<(\w+)>", lambda m: pieces[m[1]] if m[1] in pieces else m[0], pattern)
    return re.compile(spelled(pattern))


@dataclass(frozen=True)
class _Rules:
    """``situation.yaml``, compiled."""

    negations: frozenset[str]
    past: frozenset[str]
    status: tuple[tuple[str, re.Pattern[str]], ...]
    status_hints: tuple[tuple[str, re.Pattern[str]], ...]
    threatened: tuple[re.Pattern[str], ...]
    alg1_unemployed: tuple[re.Pattern[str], ...]
    benefits: tuple[tuple[str, re.Pattern[str]], ...]
    company_size: tuple[re.Pattern[str], ...]
    company_context: re.Pattern[str]
    train_after: re.Pattern[str]
    age: tuple[re.Pattern[str], ...]
    years_worked: tuple[re.Pattern[str], ...]
    outside: tuple[re.Pattern[str], ...]
    duration: re.Pattern[str]
    language_level: tuple[re.Pattern[str], ...]
    income: tuple[re.Pattern[str], ...]
    monthly: re.Pattern[str]
    qualification_no: tuple[re.Pattern[str], ...]
    qualification_yes: tuple[re.Pattern[str], ...]
    intent: re.Pattern[str]
    employer: tuple[re.Pattern[str], ...]
    employer_weak: tuple[re.Pattern[str], ...]
    person: tuple[re.Pattern[str], ...]


def _valued(raw: list[dict[str, list[str]]]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((value, _c(p)) for item in raw for value, patterns in item.items() for p in patterns)


def _plain(raw: list[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(_c(p) for p in raw)


@lru_cache(maxsize=1)
def rules() -> _Rules:
    """The compiled rules (once per process)."""
    d = _data()
    return _Rules(
        frozenset(spelled(d["negations"]).split()), frozenset(spelled(d["past"]).split()),
        _valued(d["employment_status"]), _valued(d["employment_hints"]), _plain(d["threatened_unemployment"]),
        _plain(d["alg1_unemployed"]), _valued(d["benefits"]), _plain(d["company_size"]),
        _c(d["company_context"]), _c(d["train_after"]), _plain(d["age"]), _plain(d["years_worked"]),
        _plain(d["outside_qualification"]), _c(d["duration"]), _plain(d["language_level"]), _plain(d["income"]),
        _c(d["monthly"]), _plain(d["qualification_no"]), _plain(d["qualification_yes"]),
        _c(d["pieces"]["intent"]), _plain(d["employer"]), _plain(d["employer_weak"]), _plain(d["person"]),
    )  # fmt: skip


def _search(patterns: Iterable[re.Pattern[str]], text: str) -> re.Match[str] | None:
    return next((m for p in patterns for m in [p.search(text)] if m), None)


def _words_before(folded: str, start: int, count: int = 3) -> list[str]:
    """Up to ``count`` words before ``start`` in the same sentence."""
    return folded[:start].rsplit("|", 1)[-1].split()[-count:]


def _cancelled(folded: str, match: re.Match[str], past: bool = True) -> bool:
    """A negation (or, for a status, a past tense) just before or inside a match cancels it."""
    words = set(_words_before(folded, match.start())) | set(match[0].split())
    return bool(words & rules().negations) or (past and bool(words & rules().past))


def _first(valued: Iterable[tuple[Any, re.Pattern[str]]], text: str, past: bool = True,
           negative: Any = None) -> tuple[Any, re.Match[str]] | None:  # fmt: skip
    """The first rule's value that matches and is not cancelled (``negative``: the value that is a no)."""
    for value, rule in valued:
        for match in rule.finditer(text):
            if value == negative or not _cancelled(text, match, past):
                return value, match
    return None


def _sentence(text: str, match: re.Match[str]) -> tuple[int, int]:
    """The sentence (between boundary marks) a match stands in."""
    end = text.find("|", match.end())
    return text.rfind("|", 0, match.start()) + 1, end if end >= 0 else len(text)


def _value(match: re.Match[str]) -> int | None:
    value = number(match["n"])
    if value is None:
        return None
    quantifier = match.groupdict().get("q")
    if quantifier in ("uber", "mehr als"):
        return value + 1
    if quantifier in ("unter", "weniger als"):
        return value - 1
    return value


def _company_size(text: str) -> tuple[int, re.Match[str]] | None:
    first = rules().company_size[0]
    for rule in rules().company_size:
        for match in rule.finditer(text):
            if rules().train_after.search(text[match.end() :]):
                continue  # "drei Mitarbeiter weiterbilden": how many take part, not the firm's size
            # The eight words before, also across a comma: "Pflegedienst in Schwalmstadt, 30 Mitarbeitende"
            before = " ".join(text[: match.start()].replace("|", " ").split()[-8:])
            if rule is first and match.start() > 0 and not rules().company_context.search(before):
                continue
            value = _value(match)
            if value == 1 and not any(c.isdigit() for c in match.group(0)):
                continue  # "Eine Mitarbeiterin (38) soll …": an article, not a firm of one
            if value is not None and 1 <= value <= 1_000_000:
                return value, match
    return None


def _number_rule(
    patterns: Iterable[re.Pattern[str]], text: str, low: int, high: int
) -> tuple[int, re.Match[str]] | None:
    for rule in patterns:
        for match in rule.finditer(text):
            value = _value(match)
            if value is not None and low <= value <= high:
                return value, match
    return None


def _outside(text: str) -> tuple[int, re.Match[str]] | None:
    """Years outside the learned occupation, from a duration in the same sentence."""
    found = _search(rules().outside, text)
    if not found:
        return None
    for duration in rules().duration.finditer(text, *_sentence(text, found)):
        years = number(duration["n"])
        if years is not None and 0 <= years <= 60:
            return years, found
    return None


def _income(text: str) -> tuple[int, re.Match[str]] | None:
    for rule in rules().income:
        for match in rule.finditer(text):
            raw = match["m"].replace(" ", "")
            amount = int(re.sub(r"\D", "", raw)) * (1000 if re.search(r"k|tsd|tausend", raw) else 1)
            if rules().monthly.search(text, *_sentence(text, match)):
                amount *= 12
            if INCOME_RANGE[0] <= amount <= INCOME_RANGE[1]:
                return amount, match
    return None


def _level(text: str) -> tuple[str, re.Match[str]] | None:
    match = _search(rules().language_level, text)
    return (f"{match['l'].upper()}{match['d']}", match) if match else None


def _qualification(text: str) -> tuple[bool, re.Match[str]] | None:
    no = _search(rules().qualification_no, text)
    yes = None
    for rule in rules().qualification_yes:
        for match in rule.finditer(text):
            near = _words_before(text, match.start(), 2) + text[match.end() :].split()[:1]
            if _cancelled(text, match, past=False) or any(rules().intent.fullmatch(w) for w in near):
                continue
            yes = yes or match
    if no and yes:
        return None  # "keine Ausbildung, aber ein abgeschlossenes Studium": the form asks
    if no:
        return False, no
    return (True, yes) if yes else None


def speaks_as(text: str) -> frozenset[str]:
    """Which of "employer" and "person" (an employee: "mein Chef", "ich arbeite") the words say, both possibly."""
    folded = _corrector()(prepare((text or "")[:MAX_CHARACTERS])).text
    said = {EMPLOYER: _search(rules().employer, folded), PERSON: _search(rules().person, folded)}
    return frozenset(k for k, v in said.items() if v) | situation_english.speaks_as(text)


def _speaker(text: str) -> tuple[str, re.Match[str]] | None:
    employer = _search(rules().employer, text)
    person = _search(rules().person, text)
    if employer and person:
        return None
    if employer:
        return EMPLOYER, employer
    return (PERSON, person) if person else None


def _threatened(folded: str) -> tuple[bool, re.Match[str]] | None:
    match = _search(rules().threatened, folded)
    return (True, match) if match and not _cancelled(folded, match) else None


# --- reading -------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _corrector() -> Corrector:
    return Corrector(spelled(_data()["keywords"]).split(), leave=spelled(_data()["leave"]).split())


def read_situation(text: str) -> dict[str, Fact]:
    """Everything the message says about the writer's situation, by slot (see the module docstring)."""
    prepared = _corrector()(prepare((text or "")[:MAX_CHARACTERS]))
    folded = prepared.text
    if not folded:
        return {}
    r = rules()
    found: dict[str, tuple[Any, re.Match[str]] | None] = {
        "speaker": _speaker(folded),
        "employment_status": _first(r.status, folded) or _first(r.status_hints, folded),
        "threatened_unemployment": _threatened(folded),
        "benefits": _first(r.benefits, folded, past=False, negative="keine"),
        "company_size": _company_size(folded),
        "age": _number_rule(r.age, folded, *AGE_RANGE),
        "has_qualification": _qualification(folded),
        "years_outside_qualification": _outside(folded),
        "years_worked": _number_rule(r.years_worked, folded, 0, 60),
        "language_level": _level(folded),
        "taxable_income": _income(folded),
    }
    _adjust(found, folded)
    facts = {slot: _fact(slot, item, prepared) for slot, item in found.items() if item is not None}
    for slot, (value, start, end) in situation_english.read_situation(text).items():  # English too (issue 21)
        facts.setdefault(slot, Fact(slot, value, start, end))
    return facts


def _adjust(found: dict[str, Any], folded: str) -> None:
    """Conclusions between slots: ALG I means unemployed; an employer's words are not their own status."""
    benefits = found["benefits"]
    alg1 = benefits is not None and benefits[0] == "alg1"
    if found["employment_status"] is None and alg1 and _search(rules().alg1_unemployed, folded):
        found["employment_status"] = ("arbeitslos", benefits[1])
    weak = _search(rules().employer_weak, folded)
    if found["speaker"] is None and weak and found["employment_status"] is None:
        found["speaker"] = (EMPLOYER, weak)
    speaker = found["speaker"]
    if speaker and speaker[0] == EMPLOYER:
        found["employment_status"] = found["benefits"] = found["threatened_unemployment"] = None
    if found["years_outside_qualification"] and found["has_qualification"] is None:
        found["has_qualification"] = (True, found["years_outside_qualification"][1])


def _fact(slot: str, item: tuple[Any, re.Match[str]], prepared: Folded) -> Fact:
    value, match = item
    start, end = prepared.original_span(match.start(), match.end())
    return Fact(slot, value, start, end)


def situation_values(text: str) -> dict[str, Any]:
    """``read_situation`` as slot -> value."""
    return {slot: fact.value for slot, fact in read_situation(text).items()}
