"""The knowledge base answers detail questions with the fact that says it (issue 17, patterns 2 and 10).

Questions as citizens and employers write them; each test names the fact a person needs to read
(by a phrase of it) or the honest "don't know". Retrieval only: the wording is tested in
tests/actions/test_knowledge_answers.py.
"""

from __future__ import annotations

from typing import Any

import pytest

from bot.funding.catalogue import load_catalogue
from bot.kb.passages import build_passages, domain_responses
from bot.kb.router import CHECK, EMPLOYER, FACTS, PASS, UNSURE, WHICH, decide, employer_hits, knowledge_base


def facts(text: str, intent: str = "ask_funding_programme", **context: Any) -> list[str]:
    decision = decide(text, intent, **context)
    assert decision.kind == FACTS, (decision.kind, text)
    return [h.passage.text for h in decision.hits]


@pytest.mark.parametrize(
    ("question", "phrase"),
    [
        ("Wie lange ist ein Bildungsgutschein gültig?", "bis zu 3 Monate"),
        ("wie lang gilt der bildungsgutschien eigentlich", "bis zu 3 Monate"),
        ("Gibt es beim Aufstiegs-BAföG eine Altersgrenze?", "keine Altersgrenze"),
        ("Muss ich das Meister-Bafög komplett zurückzahlen?", "Restdarlehens"),
        ("Wie hoch ist der Unterhaltsbeitrag beim AFBG?", "1.019 €"),
        ("Werden beim Bildungsgutschein auch Fahrkosten bezahlt?", "Fahrkosten"),
        ("Wer stellt den Antrag fürs Qualifizierungsgeld?", "Nur der Arbeitgeber"),
        ("Wie hoch ist die Einkommensgrenze beim Bildungsscheck?", "50.000 €"),
        ("Gilt der Bildungsscheck auch für Hobbykurse?", "Hobbykurse sind ausgeschlossen"),
        ("Was kostet eine Stunde im Integrationskurs?", "2,29 €"),
        ("Darf mein Chef den Bildungsurlaub in Hessen ablehnen?", "mehr als ein Drittel"),
        ("Kann ich Bildungsurlaub in NRW aufs nächste Jahr übertragen?", "2 Kalenderjahren"),
    ],
)
def test_a_detail_question_gets_the_fact_that_answers_it(question: str, phrase: str) -> None:
    assert any(phrase in text for text in facts(question)), facts(question)


def test_childcare_costs_without_a_programme_name_are_answered_from_every_programme_that_pays_them() -> None:
    found = " ".join(facts("Werden Kinderbetreuungskosten übernommen?", "nlu_fallback"))
    assert "Kinderbetreuungskosten" in found and "Kinderbetreuungszuschlag" in found


def test_extra_money_for_a_retraining_on_buergergeld_is_the_weiterbildungsgeld_not_the_check() -> None:
    found = facts("Bekomme ich als Bürgergeld-Empfänger extra Geld bei einer Umschulung?", "check_eligibility")
    assert any("150 €" in text and "Weiterbildungsgeld" in text for text in found)


def test_an_age_question_phrased_as_eligibility_gets_the_age_fact() -> None:
    found = facts("Kann ich mit 50 noch Aufstiegs-BAföG bekommen?", "check_eligibility")
    assert any("keine Altersgrenze" in t for t in found)


def test_without_a_fact_on_the_detail_an_eligibility_question_goes_to_the_check() -> None:
    assert decide("bekomme ich mit 62 noch einen bildungsgutschein?", "check_eligibility").kind == CHECK


def test_asking_whether_one_qualifies_starts_the_check() -> None:
    for text in ("Habe ich Anspruch auf einen Bildungsgutschein?", "Kann ich Meister-Bafög bekommen?"):
        assert decide(text, "check_eligibility").kind == CHECK


def test_no_fact_on_the_detail_for_the_named_programme_is_unsure_not_another_programmes_fact() -> None:
    decision = decide("Gibt es beim Bildungsscheck eine Altersgrenze?", "ask_funding_programme")
    assert decision.kind == UNSURE and decision.programmes == ("bildungsscheck_nrw",)


def test_a_general_money_question_is_left_to_the_overview() -> None:
    for text in ("Wie viel Geld kann ich für Weiterbildung bekommen?", "Übernimmt jemand die Kosten?", "wer zahlt das"):
        assert decide(text, "ask_funding_overview").kind == PASS, text


def test_a_word_two_programmes_share_asks_which_one_and_a_detail_answers_both() -> None:
    which = decide("was ist das stipendium", "ask_funding_programme")
    assert which.kind == WHICH and set(which.programmes) == {"weiterbildungsstipendium", "aufstiegsstipendium"}
    found = " ".join(facts("Wie viel Geld gibt es beim Stipendium?"))
    assert "9.135 €" in found and "992 €" in found


def test_the_conversations_programme_answers_a_follow_up_without_a_name() -> None:
    found = facts("Und gibt es da eine Altersgrenze?", context="aufstiegs_bafoeg")
    assert any("keine Altersgrenze" in t for t in found)


def test_a_terse_follow_up_with_filler_words_still_gets_the_fact_that_covers_it() -> None:
    """ "gibts ne altersgrenze": two of three words say nothing, the fact fits all that is asked."""
    found = facts("gibts ne altersgrenze", "nlu_fallback", context="aufstiegs_bafoeg")
    assert found == facts("Gibt es eine Altersgrenze?", "nlu_fallback", context="aufstiegs_bafoeg")
    assert any("keine Altersgrenze" in t for t in found)
    # without a programme it is read as the full question is: the age rules of the programmes that have one
    assert decide("gibts ne altersgrenze", "nlu_fallback").programmes == decide(
        "Gibt es eine Altersgrenze?", "nlu_fallback"
    ).programmes


def test_what_is_told_beside_the_question_does_not_dilute_it() -> None:
    """The place and the situation told after the question are not words a fact must contain."""
    asked = "Kann mein Chef mir den Bildungsurlaub verweigern und wie viele Tage hab ich überhaupt?"
    found = facts(f"{asked} Ich arbeite in Schwalmstadt, seit drei Jahren.", "check_eligibility")
    assert any("ablehnen" in t for t in found)
    assert any("5 bezahlte Arbeitstage" in t or "5 Arbeitstage" in t for t in found)


def test_a_town_in_the_question_does_not_hide_how_to_apply() -> None:
    found = facts("Wie komme ich in Leipzig an einen Bildungsgutschein?", "check_eligibility")
    assert any("Agentur für Arbeit" in t or "Jobcenter" in t for t in found)


def test_read_as_check_but_asking_something_else_gets_the_fact() -> None:
    """ "darf die Agentur mir sagen, welchen Anbieter ich nehme?" is no "Kann ich … bekommen?"."""
    text = "ich hab jetzt nen bildungsgutschein. darf die agentur mir sagen welchen anbieter ich nehmen soll?"
    assert decide(text, "check_eligibility").kind == FACTS
    assert decide("Kann ich den Bildungsgutschein bekommen?", "check_eligibility").kind == "check"


def test_colloquial_words_and_synonyms_reach_the_fact() -> None:
    assert any("Auszubildende" in t for t in facts("ich bin azubi in krefeld, hab ich auch bildungsurlaub?",
                                                   "check_eligibility"))
    assert any("Übernachtungskosten" in t for t in facts(
        "bildungsscheck – werden fahrtkosten und hotel auch bezahlt? der kurs ist in hamburg", "check_eligibility"))


def test_an_employer_gets_the_employers_view_not_the_check() -> None:
    decision = decide("Unsere Firma hat 12 Beschäftigte. Welche Förderung gibt es für uns?", "check_eligibility")
    assert decision.kind == EMPLOYER
    found = " ".join(facts("Wie viel zahlt der Arbeitgeber bei § 82 in einem Betrieb mit 200 Leuten?"))
    assert "Anteil des Arbeitgebers" in found


def test_the_employer_overview_names_shares_wage_subsidy_applicant_and_the_states_bildungsurlaub() -> None:
    nrw = " ".join(h.passage.text for h in employer_hits("NW"))
    assert "Anteil des Arbeitgebers" in nrw and "Zuschuss zum Arbeitsentgelt" in nrw
    assert "stellt der Arbeitgeber den Antrag" in nrw and "Nur der Arbeitgeber" in nrw
    assert "AWbG" in nrw and "Drittel" not in nrw
    assert "Drittel" in " ".join(h.passage.text for h in employer_hits("HE"))


def test_every_catalogue_fact_and_faq_answer_is_a_passage_and_every_fact_has_source_and_stand() -> None:
    kb = knowledge_base()
    faq = build_passages([], domain_responses())
    assert {p.key for p in faq} == {p.key for p in kb.passages if p.kind == "faq"} and len(faq) >= 7
    facts = [p for p in kb.passages if p.kind == "fact"]
    assert len(facts) == sum(len(p.facts) for p in load_catalogue())
    for passage in facts:
        assert passage.stand and passage.source and passage.source.startswith("http"), passage.key


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("Steht mir Bildungsurlaub zu?", "ask_funding_programme"),
        ("bildungsscheck 2.0, steht mir der zu?", "ask_funding_programme"),
        ("kann ich den neuen bildungsscheck kriegen?", "ask_funding_programme"),
        ("ist der bildungsscheck für mich möglich?", "ask_funding_programme"),
        ("bildungsurlaub, geht das bei mir schon?", "faq"),
    ],
)
def test_whoever_asks_whether_they_qualify_gets_the_check_whatever_the_intent(question: str, intent: str) -> None:
    assert decide(question, intent).kind == CHECK


def test_asking_what_a_programme_is_still_gets_it_described() -> None:
    assert decide("Was ist der Bildungsscheck?", "ask_funding_programme").kind != CHECK


def test_a_yes_or_no_question_about_oneself_with_the_deciding_fact_gets_the_check() -> None:
    """The check takes what the message told and says voraussichtlich ja or nein with the reason (issue 17)."""
    for text in ("Bekomme ich den Bildungsscheck 2.0? Ich habe 58.000 € zu versteuern.",
                 "Kann ich die 1.000 Euro Weiterbildungsprämie bekommen?"):  # fmt: skip
        for intent in ("check_eligibility", "ask_funding_programme"):
            assert decide(text, intent).kind == CHECK, (text, intent)
    assert decide("Wie viel bekomme ich beim Bildungsscheck 2.0?", "check_eligibility").kind == FACTS


def test_an_employee_of_a_small_firm_asking_for_their_entitlement_gets_the_check() -> None:
    decision = decide("Steht mir Bildungsurlaub zu? Wir sind nur 7 Leute in der Werkstatt.", "check_eligibility",
                      speaker="employer")  # fmt: skip
    assert decision.kind == CHECK


def test_an_employer_asking_for_the_bildungsscheck_means_the_ended_company_version() -> None:
    decision = decide("Gibt es den Bildungsscheck noch für Betriebe? Wir hatten ihn für unsere Fahrer.",
                      "check_eligibility")  # fmt: skip
    assert decision.programmes == ("bildungsscheck_nrw_alt",)
    named = decide("Kann ich als Firma den Bildungsscheck 2.0 für unsere Leute beantragen?", "ask_funding_programme")
    assert "bildungsscheck_nrw_alt" not in named.programmes


def test_the_jobcenter_named_beside_a_retraining_gets_the_agentur_since_2025() -> None:
    assert "nicht mehr das Jobcenter" in " ".join(
        facts("Ist das Jobcenter für meine Umschulung zuständig? Ich bekomme Bürgergeld.", "check_eligibility"))
    valid = facts("Wie lange gilt der Bildungsgutschein vom Jobcenter?")
    assert not any("nicht mehr das Jobcenter" in f for f in valid)


def test_money_for_a_passed_exam_in_a_retraining_is_the_weiterbildungspraemie() -> None:
    said = " ".join(facts("Gibt es Geld, wenn ich in der Umschulung die Zwischenprüfung bestehe?"))
    assert "1.000 € für eine bestandene Zwischenprüfung" in said


def test_statutory_trainings_are_said_to_be_excluded_from_paragraph_82() -> None:
    """An employer asking about yearly mandatory trainings, with or without naming § 82 (issue 17)."""
    for text in (
        "Fördert die Agentur nach § 82 auch unsere vorgeschriebene jährliche Sicherheitsunterweisung?",
        "Unsere Pflichtschulungen im Brandschutz – kann man die über die Agentur bezuschussen lassen?",
    ):
        said = facts(text, speaker="employer", employer_programmes=("foerderung_beschaeftigte", "qualifizierungsgeld"))
        assert any("Ausgeschlossen sind Pflichtschulungen" in f for f in said), text


def test_a_course_recognised_in_nrw_asked_about_in_hessen_gets_the_rule_since_2024() -> None:
    said = facts("Mein Seminar ist in NRW als Bildungsurlaub anerkannt. Zählt das auch hier in Hessen?")
    assert any("Seit 01.01.2024 reicht eine Anerkennung in einem anderen Bundesland nicht mehr" in f for f in said)
    assert decide("Das Seminar ist in NRW anerkannt, ich arbeite in Hessen. Steht mir Bildungsurlaub zu?",
                  "check_eligibility", state="HE").kind == CHECK  # fmt: skip


EMPLOYER_PROGRAMMES = ("foerderung_beschaeftigte", "qualifizierungsgeld", "bildungsurlaub")


@pytest.mark.parametrize(
    ("question", "phrase"),
    [
        ("Können wir für unseren Lageristen, der vor einem halben Jahr ausgelernt hat, schon § 82 nutzen?",
         "mindestens 2 Jahre zurück"),
        ("Darf jemand gleichzeitig Qualifizierungsgeld und die Förderung nach § 82 bekommen?", "nicht gleichzeitig"),
        ("Können wir über das Qualifizierungsgeld einen Meisterkurs für unsere Vorarbeiter finanzieren?",
         "AFBG-Fortbildungen sind grundsätzlich ausgeschlossen"),
        ("Wir haben eine kleine Schreinerei mit 6 Mitarbeitern ohne Betriebsrat. Geht Qualifizierungsgeld ohne "
         "Betriebsvereinbarung?", "schriftliche Erklärung des Arbeitgebers"),
    ],
)  # fmt: skip
def test_an_employers_detail_gets_its_fact(question: str, phrase: str) -> None:
    said = " ".join(facts(question, employer_programmes=EMPLOYER_PROGRAMMES))
    assert phrase in said, question


def test_a_loan_question_far_ahead_of_the_next_fact_gets_it() -> None:
    said = " ".join(facts("Muss ich den Kredit vom Meister-BAföG zurückzahlen, wenn ich mich selbstständig mache?"))
    assert "Existenzgründung" in said


def test_asking_whether_one_gets_in_with_the_grade_is_the_check() -> None:
    decision = decide("Aufstiegsstipendium – komme ich da rein? Abschluss mit 88 Punkten.", "ask_funding_programme")
    assert decision.kind == CHECK
