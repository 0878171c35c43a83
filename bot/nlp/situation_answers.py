"""The eligibility check's answers in what a person says about themselves.

Two uses, both so that a citizen is never asked what they already said:

- ``check_answers``: the situation slots (``bot.nlp.situation``) as answers to the check's
  questions (``bot/eligibility/rules.yaml``), to pre-fill it ("ich bin 52 und arbeitslos" answers
  ``age`` and ``employment_status``);
- ``natural_answer``: a sentence given as the answer to one question ("Ich habe eine
  abgeschlossene Ausbildung als Einzelhandelskauffrau" to "Haben Sie einen Berufsabschluss?" is a
  yes), where the question's own parser wants "ja", a number or an option.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from bot.nlp import situation_english
from bot.nlp.dontknow import says_dont_know
from bot.nlp.situation import situation_values
from bot.nlp.yesno import read_echo, read_yes_no
from bot.search.text import fold

#: The employment values the check's choice knows; "rente" has no option there and is not passed on.
CHECK_STATUSES = frozenset({"arbeitslos", "arbeitsuchend", "beschaeftigt", "selbststaendig", "in_ausbildung"})
#: Situation slot -> question of the check with the same meaning: yes/no, and counts.
SAME_YES_NO = {
    "threatened_unemployment": "threatened_unemployment",
    "has_qualification": "has_vocational_qualification",
}
SAME_COUNT = {"company_size": "company_size", "age": "age", "years_worked": "years_worked",
              "years_outside_qualification": "years_outside_qualification"}  # fmt: skip
#: At the qualification question, "als Einzelhandelskauffrau" / "zum Koch" names the occupation learned.
_OCCUPATION_NAMED = re.compile(r"^(?:ja )?(?:ich habe )?(?:eine |einen )?(?:als|zum|zur) [a-z]{3,}")


def check_answers(situation: Mapping[str, Any]) -> dict[str, Any]:
    """The check's answers (question key -> value) that a situation gives; unknown values are left out."""
    answers: dict[str, Any] = {}
    status = situation.get("employment_status")
    if status in CHECK_STATUSES:
        answers["employment_status"] = status
    for slot, key in SAME_YES_NO.items():
        if isinstance(situation.get(slot), bool):
            answers[key] = situation[slot]
    for slot, key in SAME_COUNT.items():
        count = _count(situation.get(slot))
        if count is not None:
            answers[key] = count
    if answers.get("has_vocational_qualification") is False:
        answers["highest_degree"] = "ohne"
    outside = answers.get("years_outside_qualification")
    if outside is not None:
        answers["works_outside_qualification"] = outside > 0
        answers["has_vocational_qualification"] = True
    return answers


def _count(value: Any) -> int | None:
    """A whole number from a slot (52, 52.0, "52"); None for anything else, a bool included."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return int(value) if math.isfinite(value) else None
    return int(value) if isinstance(value, str) and value.isdecimal() else None


def given_in_passing(text: str) -> dict[str, Any]:
    """The check's answers a message gives beside whatever it answers ("bin arbeitslos, wohne in Wesel")."""
    return {**passing_answers(text), **check_answers(situation_values(text))}


#: Words that answer a question of the check wherever they stand; only unambiguous ones.
_UNMARRIED = re.compile(r"\b(?:ledig|alleinstehend|single|unverheiratet|nicht verheiratet|geschieden|verwitwet)\b")
_JOINT = re.compile(r"\bgemeinsam (?:steuerlich )?veranlagt\b")
_CIVIL_SERVANT = re.compile(r"\b(?:verbeamtet|beamtin|beamter|beamte|richterin|richter|soldatin|soldat|berufssoldat)\b")
#: "mit 1,6 abgeschlossen", "Abschlussnote 1,6", "Examen mit 1,5" (before folding: the comma counts).
_GRADE_SAID = re.compile(r"(?:note|mit|schnitt|durchschnitt|abschluss\w*|examen|prüfung|pruefung)\s*(?:von\s*)?"
                         r"([1-4])[,.](\d)\b")
#: "Kurs mit 150 Stunden", "1.200 Unterrichtsstunden" — not "30 Std die Woche" (working hours).
_COURSE_HOURS = re.compile(r"\b(\d{2,5})\s*(?:std|stunden|h|ue|unterrichtsstunden|unterrichtseinheiten)\b"
                           r"(?!\.?\s*(?:die|pro|in der|je|/)\s*woche)(?!\s*w(?:ö|oe)chentlich)")
#: A finished vocational training named by its certificate ("Examen", "Gesellenbrief", "ausgelernt").
_QUALIFIED = re.compile(r"\b(?:examen|gesellenbrief|facharbeiterbrief|gesellenpruefung|ausgelernt"
                        r"|abgeschlossene (?:berufs)?ausbildung|ausbildung (?:\w+ ){0,4}abgeschlossen)\b")
GRADE_FOR_ACHIEVEMENT = 1.9
#: "91 punkte abschlussprüfung", "mit 88 Punkten": exam points; 87 or more count like 1,9 (reference section 6).
_POINTS_SAID = re.compile(r"\b(\d{2,3})\s*punkte?n?\b")
POINTS_FOR_ACHIEVEMENT = 87


def passing_answers(text: str) -> dict[str, Any]:
    """Answers a message gives to questions it was not asked: "bin ledig" (no joint assessment),
    "verbeamtet", "mit 1,6 abgeschlossen" (a grade that counts as a special achievement), "ein Kurs
    mit 150 Stunden". A grade worse than 1,9 answers nothing: a nomination by the employer still may."""
    folded, lowered = fold(text), text.lower()  # grades and "1.200" need their punctuation
    answers: dict[str, Any] = {}
    if _UNMARRIED.search(folded):
        answers["joint_assessment"] = False
    elif _JOINT.search(folded):
        answers["joint_assessment"] = True
    if _QUALIFIED.search(folded):
        answers["has_vocational_qualification"] = True
    if _CIVIL_SERVANT.search(folded):
        answers["civil_servant"] = True
    grade = _GRADE_SAID.search(lowered)
    if grade and float(f"{grade[1]}.{grade[2]}") <= GRADE_FOR_ACHIEVEMENT:
        answers["special_achievement"] = True
    points = _POINTS_SAID.search(lowered)
    if points and POINTS_FOR_ACHIEVEMENT <= int(points[1]) <= 100:
        answers["special_achievement"] = True
    hours = _COURSE_HOURS.search(re.sub(r"(?<=\d)\.(?=\d{3})", "", lowered))
    if hours:
        answers["course_hours"] = int(hours[1])
    return {**situation_english.passing_answers(text), **answers}  # English writers too (issue 21)


def natural_answer(key: str, kind: str, text: str) -> dict[str, Any]:
    """``{key: value}`` when a sentence answers the question ``key`` (of type ``kind``), else ``{}``.

    "Weiß ich nicht" is no answer here: the check's own handling keeps it open.
    """
    if not text or text.startswith("/") or says_dont_know(text):
        return {}
    passing = given_in_passing(text)
    if key in passing:
        return {key: passing[key]}
    if key == "has_vocational_qualification" and _OCCUPATION_NAMED.match(fold(text)):
        return {key: True}
    if kind == "bool":
        yes_no = read_yes_no(text)
        if yes_no is None:  # "auf der Seite steht, dass es anerkannt ist" repeats what was asked
            yes_no = read_echo(key, text)
        if yes_no is not None:
            return {key: yes_no}
    return {}
