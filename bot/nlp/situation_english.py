"""A person's situation from what they write in English ("I'm 49 and unemployed", "a company with 40 staff").

The German rules (``bot.nlp.situation``) read German; an English writer tells the same things in
other words, and the eligibility check, the funding answers and the search need them just the
same (issue 21). This module fills the same slots with the same values (``employment_status`` is
``arbeitslos``, ``beschaeftigt`` …, ``speaker`` is ``employer`` or ``person``), from rules in
``situation_english.yaml``; ``bot.nlp.situation.read_situation`` adds what it finds where the
German rules found nothing. ``passing_answers`` reads answers to questions of the eligibility
check ("I arrived in Germany last month", "a course of 600 hours", "I have a master's degree").

The text is only lower-cased (apostrophes as "'"), so every match points at what was typed. A
negation just before a status ("not unemployed", "no longer self-employed") or a past tense ("was
unemployed") cancels it; what is unclear is left out, as in the German rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

RULES_PATH = Path(__file__).with_name("situation_english.yaml")
#: The most of a message that is read, as in the German rules.
MAX_CHARACTERS = 1200
AGE_RANGE = (14, 100)
INCOME_RANGE = (1000, 1_000_000)

_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
         "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}  # fmt: skip
_WORDS = "|".join(sorted([*_ONES, *_TENS], key=len, reverse=True))
#: A number as digits or English words ("forty-five", "six").
NUMBER = rf"(?:\d{{1,7}}|(?:{'|'.join(_TENS)})(?:[- ](?:{'|'.join(_ONES)}))?|{_WORDS})"
_MONTHS_PER = {"week": 0.25, "month": 1, "year": 12}


def number(word: str) -> int | None:
    """Digits or an English number word ("forty-five" -> 45)."""
    word = word.strip()
    if word.isdigit():
        return int(word)
    parts = re.split(r"[- ]", word)
    total = 0
    for part in parts:
        if part in _TENS:
            total += _TENS[part]
        elif part in _ONES:
            total += _ONES[part]
        else:
            return None
    return total or None


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    return yaml.safe_load(RULES_PATH.read_text(encoding="utf-8"))


def _c(pattern: str) -> re.Pattern[str]:
    pieces = {"n": rf"(?P<n>{NUMBER})", **{k: str(v) for k, v in _data()["pieces"].items()}}
    pieces["money"] = str(_data()["money"])
    return re.compile(re.sub(r"<(\w+)>", lambda m: pieces.get(m[1], m[0]), pattern))


def _valued(key: str) -> tuple[tuple[Any, re.Pattern[str]], ...]:
    return tuple((value, _c(p)) for item in _data()[key] for value, patterns in item.items() for p in patterns)


def _plain(key: str) -> tuple[re.Pattern[str], ...]:
    return tuple(_c(p) for p in _data()[key])


@dataclass(frozen=True)
class _Rules:
    negations: frozenset[str]
    past: frozenset[str]
    status: tuple[tuple[Any, re.Pattern[str]], ...]
    threatened: tuple[re.Pattern[str], ...]
    benefits: tuple[tuple[Any, re.Pattern[str]], ...]
    company_size: tuple[re.Pattern[str], ...]
    company_context: re.Pattern[str]
    train_before: re.Pattern[str]
    train_after: re.Pattern[str]
    age: tuple[re.Pattern[str], ...]
    years_worked: tuple[re.Pattern[str], ...]
    qualification: tuple[tuple[Any, re.Pattern[str]], ...]
    speaker: tuple[tuple[Any, re.Pattern[str]], ...]
    income: tuple[re.Pattern[str], ...]
    monthly: re.Pattern[str]
    language_level: tuple[re.Pattern[str], ...]
    months_in_germany: tuple[re.Pattern[str], ...]
    civil_servant: re.Pattern[str]
    course_hours: re.Pattern[str]
    highest_degree: tuple[tuple[Any, re.Pattern[str]], ...]
    joint_assessment: tuple[tuple[Any, re.Pattern[str]], ...]
    dismissed: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=1)
def rules() -> _Rules:
    """The compiled rules (once per process)."""
    d = _data()
    return _Rules(
        frozenset(d["negations"].split()), frozenset(d["past"].split()), _valued("employment_status"),
        _plain("threatened_unemployment"), _valued("benefits"), _plain("company_size"), _c(d["company_context"]),
        _c(d["train_before"]), _c(d["train_after"]), _plain("age"), _plain("years_worked"),
        _valued("has_qualification"), _valued("speaker"), _plain("taxable_income"), _c(d["monthly"]),
        _plain("language_level"), _plain("months_in_germany"), _c(d["civil_servant"]), _c(d["course_hours"]),
        _valued("highest_degree"), _valued("joint_assessment"), _plain("dismissed"),
    )  # fmt: skip


def _lowered(text: str) -> str:
    """Lower case and straight apostrophes, character for character (offsets stay those of ``text``)."""
    return "".join(low if len(low := c.lower()) == 1 else c for c in text[:MAX_CHARACTERS].replace("’", "'"))


def _cancelled(text: str, match: re.Match[str], past: bool = True) -> bool:
    """A negation (or, for a status, a past tense) among the three words before the match, in its sentence."""
    sentence = re.split(r"[.!?;,]", text[: match.start()])[-1]
    words = set(re.findall(r"[a-z]+", sentence)[-3:])
    return bool(words & rules().negations) or (past and bool(words & rules().past))


Found = tuple[Any, re.Match[str]]


def _first(valued: tuple[tuple[Any, re.Pattern[str]], ...], text: str, past: bool = True,
           negative: Any = None) -> Found | None:  # fmt: skip
    for value, rule in valued:
        for match in rule.finditer(text):
            if value == negative or not _cancelled(text, match, past):
                return value, match
    return None


def _number_rule(patterns: tuple[re.Pattern[str], ...], text: str, low: int, high: int) -> Found | None:
    for rule in patterns:
        for match in rule.finditer(text):
            value = number(match["n"])
            if value is not None and low <= value <= high:
                return value, match
    return None


def _company_size(text: str) -> Found | None:
    first = rules().company_size[0]
    for rule in rules().company_size:
        for match in rule.finditer(text):
            if rule is first:
                before = " ".join(re.findall(r"[a-z0-9'-]+", text[: match.start()])[-8:])
                if rules().train_after.search(text[match.end() :]) or rules().train_before.search(before):
                    continue  # "send three employees on a course": how many take part, not the firm's size
                if match.start() > 0 and not rules().company_context.search(before):
                    continue
            value = number(match["n"])
            if value is not None and 1 <= value <= 1_000_000:
                return value, match
    return None


def _income(text: str) -> Found | None:
    for rule in rules().income:
        for match in rule.finditer(text):
            raw = match["m"].replace(" ", "")
            amount = int(re.sub(r"\D", "", raw)) * (1000 if raw.endswith("k") else 1)
            sentence_end = re.search(r"[.!?;]|$", text[match.end() :])
            tail = text[match.start() : match.end() + (sentence_end.start() if sentence_end else 0)]
            if rules().monthly.search(tail):
                amount *= 12
            if INCOME_RANGE[0] <= amount <= INCOME_RANGE[1]:
                return amount, match
    return None


def _level(text: str) -> Found | None:
    for rule in rules().language_level:
        match = rule.search(text)
        if match:
            return f"{match['l'].upper()}{match['d']}", match
    return None


def _plain_true(patterns: tuple[re.Pattern[str], ...], text: str) -> Found | None:
    for rule in patterns:
        for match in rule.finditer(text):
            if not _cancelled(text, match):
                return True, match
    return None


def read_situation(text: str) -> dict[str, tuple[Any, int, int]]:
    """What an English text says about the writer's situation: slot -> (value, start, end in ``text``),
    with the German rules' slots and values."""
    lowered = _lowered(text or "")
    if not lowered.strip():
        return {}
    r = rules()
    found: dict[str, Found | None] = {
        "speaker": _speaker(lowered),
        "employment_status": _first(r.status, lowered),
        "threatened_unemployment": _plain_true(r.threatened, lowered),
        "benefits": _first(r.benefits, lowered, past=False, negative="keine"),
        "company_size": _company_size(lowered),
        "age": _number_rule(r.age, lowered, *AGE_RANGE),
        "has_qualification": _qualification(lowered),
        "years_worked": _number_rule(r.years_worked, lowered, 0, 60),
        "language_level": _level(lowered),
        "taxable_income": _income(lowered),
    }
    speaker = found["speaker"]
    if speaker and speaker[0] == "employer":  # an employer's words are not their own status
        found["employment_status"] = found["benefits"] = found["threatened_unemployment"] = None
    return {slot: (item[0], item[1].start(), item[1].end()) for slot, item in found.items() if item}


def _speaker(text: str) -> Found | None:
    employer = next(((v, m) for v, rule in rules().speaker if v == "employer" for m in [rule.search(text)] if m), None)
    person = next(((v, m) for v, rule in rules().speaker if v == "person" for m in [rule.search(text)] if m), None)
    if employer and person:
        return None  # "my boss wants our staff trained": unclear, nothing is taken
    return employer or person


def _qualification(text: str) -> Found | None:
    no = next(((v, m) for v, rule in rules().qualification if v is False for m in [rule.search(text)] if m), None)
    yes = next(
        ((v, m) for v, rule in rules().qualification if v is True for m in rule.finditer(text)
         if not _cancelled(text, m, past=False)),
        None,
    )  # fmt: skip
    if no and yes:
        return None  # "no apprenticeship, but a master's degree": the check asks
    return no or yes


def speaks_as(text: str) -> frozenset[str]:
    """Which of "employer" and "person" an English text's words say, both possibly."""
    lowered = _lowered(text or "")
    return frozenset(v for v, rule in rules().speaker if rule.search(lowered))


def passing_answers(text: str) -> dict[str, Any]:
    """Answers to the eligibility check's questions that an English text gives in passing."""
    lowered = _lowered(text or "")
    r = rules()
    answers: dict[str, Any] = {}
    for rule in r.months_in_germany:
        match = rule.search(lowered)
        if match:
            count = number(match["n"]) if match.groupdict().get("n") else 1
            if count is not None:
                answers["months_in_germany"] = int(count * _MONTHS_PER[match["unit"]])
            break
    civil = r.civil_servant.search(lowered)
    if civil and not _cancelled(lowered, civil, past=False):
        answers["civil_servant"] = True
    hours = r.course_hours.search(lowered.replace(",", ""))
    if hours:
        answers["course_hours"] = int(hours["h"])
    degree = _first(r.highest_degree, lowered, past=False)
    if degree:
        answers["highest_degree"] = degree[0]
    joint = _first(r.joint_assessment, lowered, past=False)
    if joint:
        answers["joint_assessment"] = joint[0]
    for rule in r.dismissed:
        notice = rule.search(lowered)
        if notice and not _cancelled(lowered, notice, past=False):
            answers["dismissed"] = True
            break
    return answers
