"""The eligibility check in English (issue 21): every German text of ``rules.yaml`` has its English,
the engine answers in English for an English-speaking citizen, and English answers are read."""

from __future__ import annotations

import re

import pytest
import yaml

from bot.eligibility import RulesError, evaluate, load_rules, parse_rules, programmes_with_rules
from bot.eligibility.model import RULES_PATH

BOOK = load_rules()
#: Words that give away a German sentence. Programme and office names stay German ("Agentur für
#: Arbeit", "Weiterbildungsgeld und Weiterbildungsprämie"), so "für" and "und" are not among them.
GERMAN = re.compile(
    r"\b(Sie|Ihr|Ihre|Ihnen|ich|nicht|bitte|Bitte|haben|können|wird|werden|ist|sind|oder|mit|bei|zum|Beispiel"
    r"|Kurs|Voraussichtlich|Vielleicht|Entscheidung|trifft|fehlen|Angaben|Offen)\b"
)
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def pairs() -> list[tuple[str, str, str]]:
    """(where, German, English) for every text a citizen can read from the rule book."""
    found = [(f"texts.{k}", v, BOOK.texts_en.get(k, "")) for k, v in BOOK.texts.items()]
    for key, q in BOOK.questions.items():
        found += [(f"questions.{key}.text", q.text, q.en), (f"questions.{key}.label", q.label, q.label_en)]
        english = dict(q.options_en)
        found += [(f"questions.{key}.options.{v}", label, english.get(v, "")) for v, label in q.options]
    for slug, p in BOOK.programmes.items():
        found += [(f"programmes.{slug}.{f}", getattr(p, f), p.field_for(f, "en"))
                  for f in ("name", "decided_by", "clarified_by")]  # fmt: skip
        found += [(f"programmes.{slug}.notes[{i}]", n, dict(enumerate(p.notes_en)).get(i, ""))
                  for i, n in enumerate(p.notes)]  # fmt: skip
        found += [(f"programmes.{slug}.next_step.{k}", s, p.next_step_en.get(k, "")) for k, s in p.next_step.items()]
        for rule in p.rules:
            found.append((f"programmes.{slug}.{rule.id}.reason", rule.reason, rule.reason_en))
            if rule.met:
                found.append((f"programmes.{slug}.{rule.id}.met", rule.met, rule.met_en or ""))
    for slug, c in BOOK.choosers.items():
        found += [(f"choosers.{slug}.{f}", getattr(c, f), c.field_for(f, "en"))
                  for f in ("name", "otherwise", "next_step", "decided_by")]  # fmt: skip
    return found


def test_every_german_text_has_its_english() -> None:
    missing = [where for where, german, english in pairs() if german and not english]
    assert not missing, "German without English:\n" + "\n".join(missing)


def test_the_english_texts_are_english_and_keep_every_number() -> None:
    problems = []
    for where, german, english in pairs():
        if GERMAN.search(english):
            problems.append(f"{where}: German word in {english!r}")
        lost = set(NUMBER.findall(german)) - set(NUMBER.findall(english))
        if lost:
            problems.append(f"{where}: numbers {sorted(lost)} not in {english!r}")
    assert not problems, "\n".join(problems)


def test_the_english_texts_say_who_wrote_them() -> None:
    assert BOOK.written["en"] == "Entwurf: KI-Assistent (Claude), 07.12.2026. Nicht muttersprachlich geprüft."


def test_the_loader_refuses_a_german_text_without_english_and_names_each_place() -> None:
    raw = yaml.safe_load(RULES_PATH.read_text(encoding="utf-8"))
    del raw["questions"]["age"]["en"]
    del raw["programmes"]["aufstiegs_bafoeg"]["rules"][1]["met_en"]
    del raw["programmes"]["bildungsurlaub_nrw"]["notes_en"]
    del raw["texts"]["verdict_moeglich_en"]
    del raw["choosers"]["bildungsurlaub"]["otherwise_en"]
    with pytest.raises(RulesError) as err:
        parse_rules(raw)
    message = str(err.value)
    assert message.startswith("Fehler in den Förderregeln")
    for place in ("questions.age.en: fehlt", "programmes.aufstiegs_bafoeg.rules[1] (ohne_abschluss).met_en: fehlt",
                  "programmes.bildungsurlaub_nrw.notes_en", "texts.verdict_moeglich_en",
                  "choosers.bildungsurlaub.otherwise_en: fehlt"):  # fmt: skip
        assert place in message


def test_an_english_verdict_with_its_reasons_and_next_step() -> None:
    answers = {"highest_degree": "ausbildung", "upgrade_qualification": True, "course_hours": 500,
               "residence_state": "NW"}  # fmt: skip
    verdict = evaluate("aufstiegs_bafoeg", answers, language="en")
    assert verdict.verdict == "wahrscheinlich"
    assert verdict.label == "Probably yes: you seem to meet the requirements."
    assert "The course has at least 400 hours of instruction." in verdict.reasons
    assert "There is no age limit for the Aufstiegs-BAföG." in verdict.reasons
    assert verdict.next_step.startswith("Apply before the course starts at the Bezirksregierung Köln (district")
    assert "afbg@bezreg-koeln.nrw.de" in verdict.next_step
    assert verdict.next_step.endswith("The decision is made by the office responsible for where you live.")
    for said in (verdict.label, verdict.next_step, *verdict.reasons):
        assert not GERMAN.search(said), said


def test_the_german_verdict_is_unchanged() -> None:
    answers = {"highest_degree": "ausbildung", "upgrade_qualification": True, "course_hours": 500}
    verdict = evaluate("aufstiegs_bafoeg", answers)
    assert verdict.label == "Voraussichtlich ja: Sie erfüllen wohl die Voraussetzungen."
    assert "Der Kurs hat mindestens 400 Unterrichtsstunden." in verdict.reasons
    assert verdict.next_step.endswith("Die Entscheidung trifft die zuständige Stelle für Ihren Wohnsitz.")
    assert evaluate("aufstiegs_bafoeg", answers, language="uk") == verdict  # no Ukrainian texts: German


def test_open_and_unknown_points_are_named_in_english() -> None:
    answers = {"employment_status": "beschaeftigt", "work_state": "NW", "course_recognised_nw": None}
    verdict = evaluate("bildungsurlaub_nrw", answers, language="en")
    assert verdict.label == "Maybe: this still depends on a few points."
    assert "I still need some details for this: length of your employment, size of your company, type of event." \
        in verdict.reasons  # fmt: skip
    assert any(r.startswith("Still open: recognition of the event in NRW.") and "settled by your employer" in r
               for r in verdict.reasons)  # fmt: skip


def test_a_state_whose_law_is_unknown_is_said_in_english() -> None:
    verdict = evaluate("bildungsurlaub", {"work_state": "andere"}, language="en")
    assert verdict.reasons == [
        "Each federal state regulates Bildungsurlaub itself. I only know the rules for North Rhine-Westphalia "
        "and Hesse. For your federal state I cannot say."
    ]
    assert "The decision is made by your employer" in verdict.next_step


@pytest.mark.parametrize("programme", programmes_with_rules())
@pytest.mark.parametrize("answers", [{}, {key: None for key in BOOK.questions}], ids=["nothing", "all unknown"])
def test_no_german_sentence_in_any_english_verdict(programme: str, answers: dict) -> None:
    verdict = evaluate(programme, answers, language="en")
    for said in (verdict.label, verdict.next_step, *verdict.reasons):
        assert not GERMAN.search(said), said


def test_names_in_english_carry_a_gloss_and_stay_german() -> None:
    assert BOOK.name("bildungsgutschein", "en") == "Bildungsgutschein (education voucher)"
    assert BOOK.name("bildungsurlaub", "en") == "Bildungsurlaub (paid training leave)"
    assert BOOK.name("bildungsgutschein") == "Bildungsgutschein"


@pytest.mark.parametrize(
    ("key", "typed", "value"),
    [
        ("employment_status", "I am unemployed", "arbeitslos"),
        ("employment_status", "employed", "beschaeftigt"),
        ("employment_status", "I'm self-employed", "selbststaendig"),
        ("employment_status", "I am an apprentice", "in_ausbildung"),
        ("employment_status", "in training", "in_ausbildung"),
        ("highest_degree", "a bachelor", "bachelor"),
        ("highest_degree", "Master's degree", "master"),
        ("highest_degree", "vocational training", "ausbildung"),
        ("highest_degree", "an apprenticeship as a carpenter", "ausbildung"),
        ("work_state", "North Rhine-Westphalia", "NW"),
        ("work_state", "NRW", "NW"),
        ("work_state", "Hesse", "HE"),
        ("work_state", "I work in Bottrop", "NW"),
        ("course_type", "professional", "beruflich"),
        ("course_type", "work-related", "beruflich"),
        ("course_type", "political education", "politisch"),
        ("benefit", "citizen's benefit", "buergergeld"),
        ("severely_disabled", "yes", True),
        ("severely_disabled", "Yes, I am", True),
        ("severely_disabled", "No, I'm not", False),
        ("severely_disabled", "I don't know", None),
        ("severely_disabled", "no idea", None),  # starts with "no", still no no
        ("severely_disabled", "not sure", None),
        ("months_employed", "for two years", 24),
        ("months_employed", "18 months", 18),
        ("income", "about 38,000 euros", 38000),
        ("course_hours", "about 1200 hours", 1200),
        ("age", "I am 34", 34),
    ],
)
def test_english_answers_are_understood(key: str, typed: str, value: object) -> None:
    assert BOOK.questions[key].parse(typed, "en") == value


@pytest.mark.parametrize(
    ("key", "typed", "hint"),
    [
        ("severely_disabled", "perhaps", "Please answer yes or no."),
        ("age", "old", "Please give a number, for example 12."),
        ("work_state", "banana", "Please choose: North Rhine-Westphalia (Nordrhein-Westfalen), Hesse (Hessen), "
                                 "another federal state."),
    ],
)  # fmt: skip
def test_an_answer_that_does_not_fit_gets_an_english_hint(key: str, typed: str, hint: str) -> None:
    with pytest.raises(ValueError) as err:
        BOOK.questions[key].parse(typed, "en")
    assert str(err.value) == hint
    with pytest.raises(ValueError, match=r"^Bitte "):
        BOOK.questions[key].parse(typed)  # German unchanged


def test_questions_and_choices_in_english() -> None:
    question = BOOK.questions["employment_status"]
    assert question.text_for("en").startswith("Which of these applies to you?")
    assert question.text_for("de") == question.text
    assert [label for _, label in question.options_for("en")] == [
        "unemployed", "registered as looking for work", "employed (salaried)", "self-employed", "in training"
    ]  # fmt: skip
    assert question.label_for("en") == "your work situation"
