"""The eligibility dialogue: asks only what matters, skips what is known, explains the verdict."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.eligibility import (
    ActionCheckEligibility,
    ActionEligibilityResult,
    AskEligibilityAnswer,
    ValidateEligibilityForm,
)
from tests.actions.conftest import make_tracker, run, texts

#: How a citizen at a small NRW firm answers each question.
SMALL_FIRM_NRW = {
    "employment_status": "beschäftigt",
    "work_state": "Nordrhein-Westfalen",
    "months_employed": "seit 2 Jahren",
    "company_size": "wir sind 8 Leute",
}


@pytest.fixture()
def demo_db(demo_db_of_22_11_2026: str) -> str:
    return demo_db_of_22_11_2026


def slot(events: list[dict[str, Any]], name: str) -> Any:
    return next(e["value"] for e in events if e.get("event") == "slot" and e.get("name") == name)


def converse(programme: str, answers_by_key: dict[str, str], known: dict[str, Any] | None = None) -> tuple[list, str]:
    """Run the form loop as Rasa would; return (asked question keys, everything the bot said)."""
    slots: dict[str, Any] = {"eligibility_programme": programme, "eligibility_answers": dict(known or {})}
    asked, said = [], []
    form = ValidateEligibilityForm()
    for _ in range(15):
        tracker = make_tracker(slots=slots)
        needed = asyncio.run(form.required_slots(["eligibility_answer"], CollectingDispatcher(), tracker, {}))
        if not needed:
            break
        _, question = run(AskEligibilityAnswer(), tracker)
        said.append(texts(question))
        from bot.eligibility import next_question

        key = next_question(programme, slots["eligibility_answers"]).key
        asked.append(key)
        dispatcher = CollectingDispatcher()
        result = asyncio.run(
            form.validate_eligibility_answer(answers_by_key.get(key, "weiß ich nicht"), dispatcher, tracker, {})
        )
        said.append(texts(dispatcher.messages))
        slots.update({k: v for k, v in result.items() if k != "eligibility_answer"})
    _, verdict = run(ActionEligibilityResult(), make_tracker(slots=slots))
    said.append(texts(verdict))
    return asked, "\n".join(said)


def test_small_firm_in_nrw_gets_an_explained_no_for_bildungsurlaub(demo_db: str) -> None:
    asked, said = converse("bildungsurlaub_nrw", SMALL_FIRM_NRW)
    assert asked == ["employment_status", "work_state", "months_employed", "company_size"]
    assert "Voraussichtlich nein" in said
    assert "weniger als 10 Beschäftigten" in said
    assert "6 Wochen" in said  # the next step names the deadline
    assert "keine verbindliche Auskunft" in said  # never a promise


def test_what_the_citizen_already_said_is_not_asked_again(demo_db: str) -> None:
    events = [
        {"event": "user", "parse_data": {"entities": [{"entity": "employment_status", "value": "beschaeftigt"},
                                                      {"entity": "company_size", "value": "30"}]}},
    ]
    tracker = make_tracker(
        slots={"place": "Moers"}, entities=[{"entity": "programme", "value": "bildungsurlaub"}], events=events
    )
    started, messages = run(ActionCheckEligibility(), tracker)
    assert slot(started, "eligibility_programme") == "bildungsurlaub_nrw"  # Moers lies in NRW
    known = slot(started, "eligibility_answers")
    assert known == {"employment_status": "beschaeftigt", "company_size": 30, "residence_state": "NW"}
    assert "Bildungsurlaub" in texts(messages)
    asked, _ = converse("bildungsurlaub_nrw", SMALL_FIRM_NRW, known)
    assert "employment_status" not in asked and "company_size" not in asked


def test_an_answer_that_does_not_fit_is_explained_and_asked_again(demo_db: str) -> None:
    tracker = make_tracker(slots={"eligibility_programme": "bildungsurlaub_nrw", "eligibility_answers": {}})
    dispatcher = CollectingDispatcher()
    result = asyncio.run(ValidateEligibilityForm().validate_eligibility_answer("Banane", dispatcher, tracker, {}))
    assert result == {"eligibility_answer": None}
    assert "Bitte wählen Sie" in texts(dispatcher.messages)
    assert dispatcher.messages[0]["buttons"]  # the options are offered as buttons


def test_programme_without_rules_is_explained_instead(demo_db: str) -> None:
    tracker = make_tracker(entities=[{"entity": "programme", "value": "integrationskurs"}])
    events, messages = run(ActionCheckEligibility(), tracker)
    assert slot(events, "eligibility_programme") is None
    assert "Integrationskurs" in texts(messages)


@pytest.mark.parametrize(
    ("text", "programme"),
    [
        ("Steht mir der Bildungsscheck 2.0 zu?", "bildungsscheck_nrw"),
        ("Könnte ich das Weiterbildungsstipendium kriegen?", "weiterbildungsstipendium"),
        ("Habe ich Anspruch auf Bildungsurlaub?", "bildungsurlaub"),  # the state's law, or first the state
    ],
)
def test_asking_whether_one_qualifies_starts_the_check(demo_db: str, text: str, programme: str) -> None:
    events, messages = run(ActionCheckEligibility(), make_tracker(text=text, intent="check_eligibility"))
    assert str(slot(events, "eligibility_programme")).startswith(programme)
    assert "Ich prüfe mit Ihnen" in texts(messages)


def test_a_no_inside_a_degree_answer_is_not_read_as_no(demo_db: str) -> None:
    """'nicht studiert' made the NLU say deny; the degree is still read from the words."""
    result = _validate("aufstiegs_bafoeg", {}, "Hauptschule und Gesellenbrief, nicht studiert", intent="deny")
    assert result["eligibility_answers"]["highest_degree"] == "ausbildung"


def test_a_year_answers_how_many_years_ago(demo_db: str) -> None:
    answers = {"employment_status": "beschaeftigt", "has_vocational_qualification": True}
    result = _validate("foerderung_beschaeftigte", answers, "hab 2019 ausgelernt", intent="inform")
    assert result["eligibility_answers"]["years_since_qualification"] == date.today().year - 2019


#: A citizen who meets every condition of Bildungsurlaub NRW except, perhaps, the firm's size.
QUALIFIED_NRW = {
    "employment_status": "beschäftigt", "work_state": "Nordrhein-Westfalen", "months_employed": "seit 3 Jahren",
    "course_type": "politische Bildung", "course_recognised_nw": "ja",
}  # fmt: skip


def test_nrw_firm_of_exactly_50_falls_under_the_small_firm_rule(demo_db: str) -> None:
    _, said = converse("bildungsurlaub_nrw", {**QUALIFIED_NRW, "company_size": "50"})
    assert "Vielleicht" in said
    assert "bis zu 50 Beschäftigten" in said and "10 %" in said
    _, bigger = converse("bildungsurlaub_nrw", {**QUALIFIED_NRW, "company_size": "51"})
    assert "Voraussichtlich ja" in bigger and "mehr als 50 Beschäftigte" in bigger
    assert "Urlaubsanträgen anderer Beschäftigter" in bigger and "3 Wochen" in bigger


def test_hessen_verdict_names_the_one_third_rule_and_the_carry_over(demo_db: str) -> None:
    answers = {"employment_status": "beschäftigt", "civil_servant": "nein", "work_state": "Hessen",
               "months_employed": "2 Jahre", "course_type": "berufliche Weiterbildung", "course_recognised_he": "ja"}
    _, said = converse("bildungsurlaub_hessen", answers)
    assert "Voraussichtlich ja" in said
    assert "mehr als ein Drittel" in said and "31.12." in said
    assert "keine Ausnahme für kleine Betriebe" not in said


def _validate(programme: str, answers: dict, value: str, intent: str, entities: list | None = None) -> dict:
    tracker = make_tracker(slots={"eligibility_programme": programme, "eligibility_answers": answers},
                           text=value, intent=intent, entities=entities)  # fmt: skip
    form = ValidateEligibilityForm()
    return asyncio.run(form.validate_eligibility_answer(value, CollectingDispatcher(), tracker, {}))


@pytest.mark.parametrize("typed", ["keine Ahnung", "kein Plan", "keine Angabe", "weiß nicht so genau", "k.A."])
def test_dont_know_read_by_the_nlu_as_deny_is_still_unknown(demo_db: str, typed: str) -> None:
    answers = {"employment_status": "arbeitslos", "has_vocational_qualification": True}
    result = _validate("bildungsgutschein", answers, typed, intent="deny")
    assert result["eligibility_answers"]["course_azav"] is None
    slots = {"eligibility_programme": "bildungsgutschein", "eligibility_answers": result["eligibility_answers"]}
    _, verdict = run(ActionEligibilityResult(), make_tracker(slots=slots))
    said = texts(verdict)
    assert "Voraussichtlich nein" not in said
    assert "kann ich nicht sagen" in said and "das klärt die Agentur für Arbeit" in said


def test_the_dont_know_button_sends_its_own_payload_for_every_kind_of_question(demo_db: str) -> None:
    for programme, known in (("bildungsgutschein", {"employment_status": "arbeitslos",
                                                    "has_vocational_qualification": True}),  # bool: AZAV
                             ("bildungsurlaub_nrw", {}),  # choice: employment status
                             ("bildungsurlaub_nrw", {"employment_status": "beschaeftigt", "work_state": "NW"})):  # int
        _, asked = run(AskEligibilityAnswer(), make_tracker(slots={"eligibility_programme": programme,
                                                                   "eligibility_answers": known}))
        buttons = {b["title"]: b["payload"] for b in asked[0]["buttons"]}
        assert buttons["Weiß ich nicht"] == '/inform{"answer":"unknown"}'
    payload = '/inform{"answer":"unknown"}'
    result = _validate("bildungsurlaub_nrw", {}, payload, intent="inform",
                       entities=[{"entity": "answer", "value": "unknown"}])
    assert result["eligibility_answers"] == {"employment_status": None}
    # Even when a model without the entity drops it, the payload itself is read as unknown.
    assert _validate("bildungsurlaub_nrw", {}, payload, intent="inform")["eligibility_answers"] == {
        "employment_status": None
    }


#: Employed, no layoff in sight, a vocational qualification, a course with AZAV approval.
EMPLOYED_WITH_QUALIFICATION = {
    "employment_status": "angestellt", "threatened_unemployment": "nein", "has_vocational_qualification": "ja",
    "course_azav": "ja",
}  # fmt: skip


def test_more_than_4_years_outside_the_qualification_counts_as_without_one(demo_db: str) -> None:
    answers = {**EMPLOYED_WITH_QUALIFICATION, "works_outside_qualification": "ja",
               "years_outside_qualification": "seit 6 Jahren"}  # fmt: skip
    asked, said = converse("bildungsgutschein", answers)
    assert "works_outside_qualification" in asked and "years_outside_qualification" in asked
    assert "Voraussichtlich nein" not in said
    assert "Voraussichtlich ja" in said
    assert "§ 81 Abs. 2 Nr. 1 SGB III" in said and "ohne Berufsabschluss" in said


@pytest.mark.parametrize(
    ("outside", "years"), [("nein", None), ("ja", "2 Jahre")]
)
def test_work_in_the_learned_job_or_only_a_short_time_outside_it_is_still_a_no(
    demo_db: str, outside: str, years: str | None
) -> None:
    answers = {**EMPLOYED_WITH_QUALIFICATION, "works_outside_qualification": outside}
    if years:
        answers["years_outside_qualification"] = years
    _, said = converse("bildungsgutschein", answers)
    assert "Voraussichtlich nein" in said
    assert "§ 82 SGB III" in said  # the programme for employed people is named instead


def test_dont_know_about_work_outside_the_qualification_keeps_it_open(demo_db: str) -> None:
    _, said = converse("bildungsgutschein", {**EMPLOYED_WITH_QUALIFICATION, "works_outside_qualification": "k.A."})
    assert "Vielleicht" in said and "Voraussichtlich nein" not in said
    assert "kann ich nicht sagen" in said


def test_a_town_answers_the_state_question(demo_db: str) -> None:
    answers = {"employment_status": "beschaeftigt"}
    result = _validate("bildungsurlaub_nrw", answers, "in Krefeld, in der Filiale", intent="inform")
    assert result["eligibility_answers"]["work_state"] == "NW"


def test_an_answer_not_understood_twice_is_left_open_instead_of_a_loop(demo_db: str) -> None:
    """The first time the choices are explained; the second time the point stays open and the check goes on."""
    question = "Was ist Ihr höchster Abschluss?"
    first = _validate("aufstiegs_bafoeg", {}, "Banane", intent="inform")
    assert first == {"eligibility_answer": None}
    refusal = "Bitte wählen Sie: kein Berufsabschluss, Berufsausbildung (oder vergleichbar), Bachelor, " \
              "Master oder gleichwertiger Hochschulabschluss."  # fmt: skip
    events = [
        {"event": "user", "text": "Kann ich Aufstiegs-BAföG bekommen?"},
        {"event": "bot", "text": question},
        {"event": "user", "text": "Banane"},
        {"event": "bot", "text": refusal},
        {"event": "bot", "text": question},
        {"event": "user", "text": "Banane"},
    ]
    tracker = make_tracker(slots={"eligibility_programme": "aufstiegs_bafoeg", "eligibility_answers": {}},
                           text="Banane", intent="inform", events=events)  # fmt: skip
    dispatcher = CollectingDispatcher()
    result = asyncio.run(ValidateEligibilityForm().validate_eligibility_answer("Banane", dispatcher, tracker, {}))
    assert result["eligibility_answers"]["highest_degree"] is None
    assert "Ich lasse diesen Punkt offen" in texts(dispatcher.messages)
    assert refusal not in texts(dispatcher.messages)


def test_the_town_the_citizen_named_answers_where_they_live(demo_db: str) -> None:
    tracker = make_tracker(text="Kann ich den Bildungsscheck 2.0 bekommen?", intent="check_eligibility",
                           slots={"place": "Bottrop"})  # fmt: skip
    events, _ = run(ActionCheckEligibility(), tracker)
    assert slot(events, "eligibility_answers")["residence_state"] == "NW"
    events, _ = run(ActionCheckEligibility(), make_tracker(text="Kann ich den Bildungsscheck 2.0 bekommen?",
                                                            intent="check_eligibility"))  # fmt: skip
    assert "residence_state" not in slot(events, "eligibility_answers")  # no town: asked, never assumed
