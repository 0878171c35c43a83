"""'Weiß ich nicht' in any form is unknown, never a no, and never makes a verdict worse (issue 23)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.eligibility import VERDICTS, evaluate, load_rules
from bot.nlp.dontknow import says_dont_know

BOOK = load_rules()
RANK = {v: i for i, v in enumerate(VERDICTS)}

#: How people say they do not know, as typed (the audit's examples first).
DONT_KNOW_FORMS = (
    "keine Ahnung", "kein Plan", "keine Angabe", "weiß nicht so genau", "k.A.", "bin mir nicht sicher",
    "Weiß ich nicht", "weiss nicht", "Keine Ahnung!", "ka", "keinen Schimmer", "unsicher", "unbekannt",
    "kann ich nicht sagen", "Ich weiß es nicht.", "da bin ich überfragt", "keine Idee", "weiß ich leider nicht",
    "hab keine ahnung", "nicht sicher", "keine angaben", "KA", "k. A.", "das weiß ich nicht genau",
)  # fmt: skip


@pytest.mark.parametrize("typed", DONT_KNOW_FORMS)
@pytest.mark.parametrize("key", sorted(BOOK.questions))
def test_every_form_of_dont_know_is_unknown_for_every_question(key: str, typed: str) -> None:
    assert BOOK.questions[key].parse(typed) is None


@pytest.mark.parametrize(("typed", "value"), [("keinen", False), ("kein Abschluss", False), ("nein", False),
                                              ("ja", True), ("nö, keinen", False)])  # fmt: skip
def test_a_real_no_starting_with_kein_is_still_a_no(typed: str, value: bool) -> None:
    assert BOOK.questions["has_vocational_qualification"].parse(typed) is value


@pytest.mark.parametrize(
    "typed", ["Ich weiß, dass ich keinen habe", "Das weiß ich genau: nein", "Kanada", "ganz sicher nicht"]
)
def test_sentences_that_merely_contain_similar_words_are_not_dont_know(typed: str) -> None:
    assert not says_dont_know(typed)


def _value(question):
    if question.kind == "bool":
        return st.booleans()
    if question.kind == "int":
        return st.integers(question.minimum or 0, min(question.maximum or 100, 1000))
    return st.sampled_from([v for v, _ in question.options])


ANSWERS = st.fixed_dictionaries({}, optional={key: _value(q) for key, q in BOOK.questions.items()})


@settings(max_examples=400, deadline=None)
@given(
    programme=st.sampled_from(sorted(BOOK.programmes)),
    answers=ANSWERS,
    key=st.sampled_from(sorted(BOOK.questions)),
    typed=st.sampled_from(DONT_KNOW_FORMS),
)
def test_answering_dont_know_never_makes_the_verdict_worse_than_leaving_the_question_out(
    programme: str, answers: dict, key: str, typed: str
) -> None:
    without = {k: v for k, v in answers.items() if k != key}
    with_dont_know = {**without, key: BOOK.questions[key].parse(typed)}
    assert RANK[evaluate(programme, with_dont_know).verdict] >= RANK[evaluate(programme, without).verdict]


def test_dont_know_for_the_azav_question_gives_cannot_say_and_the_office() -> None:
    answers = {"employment_status": "arbeitslos", "has_vocational_qualification": True}
    answers["course_azav"] = BOOK.questions["course_azav"].parse("keine Ahnung")
    verdict = evaluate("bildungsgutschein", answers)
    assert verdict.verdict == "moeglich"
    said = " ".join(verdict.reasons)
    assert "kann ich nicht sagen" in said and "das klärt die Agentur für Arbeit" in said
    assert "AZAV-Zulassung des Kurses" in said
    assert not any("nur bei Trägern und Kursen eingelöst" in r for r in verdict.reasons)  # the no-reason
