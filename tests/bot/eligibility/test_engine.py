"""The dialogue side of the eligibility engine: which question comes next, and when it stops."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.eligibility import RulesError, evaluate, load_rules, next_question, parse_rules, programmes_with_rules
from bot.eligibility.model import RULES_PATH

BOOK = load_rules()


def _value(question):
    """Strategy for one answer to ``question``, including "weiß ich nicht" (None)."""
    if question.kind == "bool":
        values = st.booleans()
    elif question.kind == "int":
        values = st.integers(question.minimum or 0, min(question.maximum or 100, 1000))
    else:
        values = st.sampled_from([v for v, _ in question.options])
    return st.one_of(st.none(), values)


ANSWERS = st.fixed_dictionaries({}, optional={key: _value(q) for key, q in BOOK.questions.items()})


def test_programmes_with_rules_are_those_of_the_brief() -> None:
    assert set(programmes_with_rules()) == {
        "bildungsgutschein", "foerderung_beschaeftigte", "aufstiegs_bafoeg",
        "bildungsurlaub_nrw", "bildungsurlaub_hessen", "proabschluss", "bildungsscheck_nrw",
        "weiterbildungsstipendium", "aufstiegsstipendium", "anerkennungszuschuss", "qualifizierungsgeld",
        "weiterbildungsgeld_praemie", "bildungsurlaub",
    }  # fmt: skip


def test_first_question_and_skipping_what_is_known() -> None:
    assert next_question("bildungsurlaub_nrw", {}).key == "employment_status"
    assert next_question("bildungsurlaub_nrw", {"employment_status": "beschaeftigt"}).key == "work_state"


def test_stops_as_soon_as_a_rule_rules_it_out() -> None:
    assert next_question("bildungsurlaub_nrw", {"company_size": 8}) is None
    assert next_question("aufstiegs_bafoeg", {"highest_degree": "master"}) is None


def test_irrelevant_questions_are_not_asked() -> None:
    asked = _walk("foerderung_beschaeftigte", {
        "employment_status": "beschaeftigt", "has_vocational_qualification": True, "years_since_qualification": 4,
        "funded_82_last_2_years": False, "course_hours": 300, "course_azav": True, "mandatory_training": False,
        "company_size": 20,
    })  # fmt: skip
    assert asked == []  # in a firm under 50 the employer pays nothing whatever the age: age is not asked


def test_age_is_asked_where_it_decides_who_pays() -> None:
    answers = {
        "employment_status": "beschaeftigt", "has_vocational_qualification": True, "years_since_qualification": 4,
        "funded_82_last_2_years": False, "course_hours": 300, "course_azav": True, "mandatory_training": False,
        "company_size": 200,
    }  # fmt: skip
    assert next_question("foerderung_beschaeftigte", answers).key == "age"


def test_hessen_never_asks_for_company_size() -> None:
    assert "company_size" not in _walk("bildungsurlaub_hessen", {}, answer_with=_qualifying)


def test_missing_answers_are_named_and_keep_the_verdict_open() -> None:
    verdict = evaluate("bildungsurlaub_nrw", {"employment_status": "beschaeftigt", "work_state": "NW"})
    assert verdict.verdict == "moeglich"
    assert any("Größe Ihres Betriebs" in r for r in verdict.reasons)


def test_dont_know_is_not_asked_again_but_stays_open() -> None:
    answers = {"employment_status": "beschaeftigt", "work_state": "NW", "months_employed": 12, "company_size": 100,
               "course_type": "beruflich", "course_recognised_nw": None}  # fmt: skip
    assert next_question("bildungsurlaub_nrw", answers) is None
    verdict = evaluate("bildungsurlaub_nrw", answers)
    assert verdict.verdict == "moeglich"
    assert any("Anerkennung der Veranstaltung in NRW" in r for r in verdict.reasons)


def test_unknown_programme_is_refused() -> None:
    with pytest.raises(KeyError):
        evaluate("bildungspraemie", {})


def _qualifying(question) -> object:
    good = {"employment_status": "beschaeftigt", "work_state": "HE", "residence_state": "HE",
            "course_type": "beruflich", "highest_degree": "ausbildung"}  # fmt: skip
    if question.key in good:
        return good[question.key]
    if question.kind == "bool":
        return question.key in {"course_azav", "course_recognised_nw", "course_recognised_he", "upgrade_qualification"}
    return 600


def _walk(programme: str, answers: dict, answer_with=_qualifying) -> list[str]:
    """Answer every question the engine asks; return the keys it asked."""
    answers, asked = dict(answers), []
    while (question := next_question(programme, answers)) is not None:
        assert question.key not in answers
        asked.append(question.key)
        answers[question.key] = answer_with(question)
    return asked


@settings(max_examples=150, deadline=None)
@given(programme=st.sampled_from(sorted(BOOK.programmes)), answers=ANSWERS)
def test_never_asks_what_is_answered_and_always_comes_to_an_end(programme: str, answers: dict) -> None:
    answers = dict(answers)
    for _ in range(len(BOOK.questions) + 1):
        question = next_question(programme, answers)
        if question is None:
            break
        assert question.key not in answers
        # The answer must be able to change the verdict or what it says.
        before = evaluate(programme, answers)
        outcomes = [evaluate(programme, {**answers, question.key: v}) for v in _samples(question)]
        assert any((o.verdict, o.reasons) != (before.verdict, before.reasons) for o in outcomes)
        answers[question.key] = _samples(question)[0]
    else:
        pytest.fail("next_question did not stop")


def _samples(question) -> list:
    if question.kind == "bool":
        return [True, False]
    if question.kind == "choice":
        return [v for v, _ in question.options]
    return [0, 1, 2, 3, 4, 5, 6, 9, 10, 20, 27, 45, 49, 50, 120, 121, 399, 400, 499, 500]


@settings(max_examples=150, deadline=None)
@given(programme=st.sampled_from(sorted(BOOK.programmes)), answers=ANSWERS)
def test_verdicts_never_promise_and_always_name_who_decides(programme: str, answers: dict) -> None:
    verdict = evaluate(programme, answers)
    assert verdict.verdict in ("wahrscheinlich", "moeglich", "unwahrscheinlich")
    assert verdict.reasons
    everything = " ".join([verdict.label, verdict.next_step, *verdict.reasons])
    assert "Anspruch haben Sie sicher" not in everything
    assert "Voraussichtlich" in verdict.label or "Vielleicht" in verdict.label
    assert "Die Entscheidung trifft" in verdict.next_step
    if programme == "proabschluss":
        assert verdict.verdict != "wahrscheinlich"


def test_invalid_rules_are_reported_with_programme_and_rule() -> None:
    raw = yaml.safe_load(RULES_PATH.read_text(encoding="utf-8"))
    raw["programmes"]["bildungsurlaub_nrw"]["rules"][0]["then"] = "sicher"
    raw["programmes"]["aufstiegs_bafoeg"]["rules"][0]["if"] = {"key": "schuhgroesse", "eq": 42}
    with pytest.raises(RulesError) as err:
        parse_rules(raw)
    assert "programmes.bildungsurlaub_nrw.rules[0] (arbeitslos).then" in str(err.value)
    assert "unbekannte Frage 'schuhgroesse'" in str(err.value)


@pytest.mark.parametrize(
    ("key", "typed", "value"),
    [
        ("severely_disabled", "Ja", True),
        ("severely_disabled", "nein, bin ich nicht", False),
        ("company_size", "ungefähr 30 Leute", 30),
        ("employment_status", "Arbeitslos", "arbeitslos"),
        ("employment_status", "selbststaendig", "selbststaendig"),
        ("work_state", "Hessen", "HE"),
        ("highest_degree", "Master", "master"),
        ("course_azav", "weiß ich nicht", None),
    ],
)
def test_typed_answers_are_understood(key: str, typed: str, value: object) -> None:
    assert BOOK.questions[key].parse(typed) == value


@pytest.mark.parametrize(("key", "typed"), [("severely_disabled", "vielleicht"), ("age", "alt"), ("age", "300")])
def test_answers_that_do_not_fit_get_a_german_hint(key: str, typed: str) -> None:
    with pytest.raises(ValueError, match="Bitte"):
        BOOK.questions[key].parse(typed)


def test_months_question_understands_years() -> None:
    from bot.eligibility import load_rules

    question = load_rules().questions["months_employed"]
    assert question.parse("seit 2 Jahren") == 24
    assert question.parse("18 Monate") == 18
    assert question.parse("ein Jahr und 3 Monate") == 15
    assert question.parse("zwei Jahre") == 24


def test_choices_understand_everyday_words() -> None:
    from bot.eligibility import load_rules

    questions = load_rules().questions
    assert questions["employment_status"].parse("ich bin angestellt") == "beschaeftigt"
    assert questions["work_state"].parse("in NRW") == "NW"
    assert questions["work_state"].parse("Hessen") == "HE"
