"""What a citizen or employer reads when they ask a funding detail (issue 17, patterns 2, 3, 9, 10, 11).

The funding actions run on trackers as the action server gets them, against the demo database
with the funding catalogue; each test asserts the reply text.
"""

from __future__ import annotations

from typing import Any

from actions.eligibility import ActionCheckEligibility
from actions.funding import ActionFundingOverview, ActionFundingProgramme
from tests.actions.conftest import make_tracker, run, texts

ELIGIBILITY_INTRO = "Ich prüfe mit Ihnen"
OVERVIEW_INTRO = "Wer bezahlt meine Weiterbildung?"


def reply(action: Any, text: str, **slots: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    entities = slots.pop("entities", [])
    return run(action, make_tracker(text=text, slots=slots, entities=entities))


def said(action: Any, text: str, **slots: Any) -> str:
    return texts(reply(action, text, **slots)[1])


def test_validity_of_the_bildungsgutschein_is_the_fact_with_source_and_stand(demo_db: str) -> None:
    answer = said(ActionFundingProgramme(), "Wie lange ist ein Bildungsgutschein gültig?")
    assert "Bildungsgutschein:" in answer and "bis zu 3 Monate" in answer
    assert "Quelle: jobrecht.de, ohne Datum. Stand: " in answer
    assert ELIGIBILITY_INTRO not in answer and "So beantragen Sie es" not in answer


def test_an_age_limit_question_read_as_eligibility_gets_the_fact_and_an_offer_to_check(demo_db: str) -> None:
    events, messages = reply(ActionCheckEligibility(), "Gibt es beim Aufstiegs-BAföG eine Altersgrenze?")
    answer = texts(messages)
    assert "Es gibt keine Altersgrenze" in answer and ELIGIBILITY_INTRO not in answer
    assert {"event": "slot", "timestamp": None, "name": "eligibility_programme", "value": None} in events
    titles = [b["title"] for b in messages[-1]["buttons"]]
    assert titles == ["Mehr zu Aufstiegs-BAföG", "Prüfen, ob es für mich passt"]


def test_extra_money_on_buergergeld_during_a_retraining_names_the_weiterbildungsgeld(demo_db: str) -> None:
    answer = said(ActionCheckEligibility(), "Bekomme ich als Bürgergeld-Empfänger extra Geld bei einer Umschulung?")
    assert "Weiterbildungsgeld" in answer and "150 € pro Monat" in answer and ELIGIBILITY_INTRO not in answer


def test_asking_whether_one_qualifies_still_starts_the_check(demo_db: str) -> None:
    entities = [{"entity": "programme", "value": "bildungsgutschein"}]
    answer = said(ActionCheckEligibility(), "Habe ich Anspruch auf einen Bildungsgutschein?", entities=entities)
    assert ELIGIBILITY_INTRO in answer


def test_childcare_costs_without_a_programme_name_list_who_pays_them_and_mark_the_uncertain_amount(
    demo_db: str,
) -> None:
    answer = said(ActionFundingOverview(), "Werden Kinderbetreuungskosten übernommen?")
    assert "Bildungsgutschein:" in answer and "Kinderbetreuungskosten" in answer
    assert "Aufstiegs-BAföG:" in answer and "⚠️ Noch nicht sicher" in answer and "Bitte prüfen Sie das bei" in answer
    assert OVERVIEW_INTRO not in answer


def test_no_fact_on_the_detail_says_so_and_names_the_office(demo_db: str) -> None:
    answer = said(ActionFundingProgramme(), "Gibt es beim Bildungsscheck eine Altersgrenze?", place="Krefeld")
    assert "keine sichere Angabe" in answer and "G.I.B." in answer
    assert "Altersgrenze" not in answer.replace("Gibt es", "")  # no other programme's age rule


def test_a_detail_without_a_sure_fact_gets_what_is_known_about_the_programme(demo_db: str) -> None:
    """Not only "ask the office": the programme's facts follow, marked as not the exact answer."""
    answer = said(ActionFundingProgramme(), "Bis zu welchem Alter bekommt man den Bildungsscheck 2.0?", place="Wesel")
    assert "Genau dazu finde ich keine sichere Angabe" in answer and "G.I.B." in answer
    assert "höchstens 500 €" in answer and "50.000 €" in answer  # the programme's facts follow


def test_a_follow_up_without_a_name_is_about_the_programme_of_the_conversation(demo_db: str) -> None:
    answer = said(ActionFundingProgramme(), "Und muss man das zurückzahlen?", programme="aufstiegs_bafoeg")
    assert "Aufstiegs-BAföG:" in answer and "Restdarlehens" in answer


def test_stipendium_asks_which_of_the_two_is_meant(demo_db: str) -> None:
    entities = [{"entity": "programme", "value": "stipendium"}]
    _, messages = reply(ActionFundingProgramme(), "was ist das stipendium", entities=entities)
    assert messages[0]["text"] == "Meinen Sie Weiterbildungsstipendium oder Aufstiegsstipendium?"
    assert [b["title"] for b in messages[0]["buttons"]] == ["Weiterbildungsstipendium", "Aufstiegsstipendium"]


def test_a_misspelt_programme_the_nlu_could_not_map_is_still_explained(demo_db: str) -> None:
    entities = [{"entity": "programme", "value": "bildungsgutschien"}]
    answer = said(ActionFundingProgramme(), "infos zum bildungsgutschien", entities=entities)
    assert answer.startswith("Bildungsgutschein\nMit dem Bildungsgutschein bezahlt die Agentur für Arbeit")


def test_paragraph_82_is_the_programme_for_people_in_work(demo_db: str) -> None:
    answer = said(ActionFundingProgramme(), "Was bringt mir §82?")
    assert answer.startswith("Weiterbildungsförderung für Beschäftigte (§ 82 SGB III)")


def test_which_programme_offers_paragraph_82_and_adapts_to_the_writers_situation(demo_db: str) -> None:
    _, messages = reply(ActionFundingProgramme(), "Was gibt es da so?")
    assert "§ 82 SGB III" in messages[0]["text"]
    assert "Förderung für Beschäftigte (§ 82)" in [b["title"] for b in messages[0]["buttons"]]
    employed = [{"entity": "employment_status", "value": "beschaeftigt"}]
    event = {"event": "user", "text": "ich bin angestellt", "parse_data": {"entities": employed}}
    _, messages = run(ActionFundingProgramme(), make_tracker(text="Was gibt es da so?", events=[event]))
    said = texts(messages)  # someone in work: § 82 itself, the others as buttons
    assert said.startswith("Nach dem, was Sie geschrieben haben, passt am ehesten: Weiterbildungsförderung für "
                           "Beschäftigte (§ 82 SGB III).")  # fmt: skip
    assert "Arbeitgeber-Service" in said
    assert [b["title"] for b in messages[-1]["buttons"]] == ["Bildungsurlaub", "Aufstiegs-BAföG"]
    unemployed = {"event": "user", "text": "bin arbeitslos", "parse_data": {"entities": [
        {"entity": "employment_status", "value": "arbeitslos"}]}}  # fmt: skip
    _, messages = run(ActionFundingProgramme(), make_tracker(text="Und wer zahlt mir das?", events=[unemployed]))
    assert "passt am ehesten: Bildungsgutschein." in texts(messages) and "Agentur für Arbeit" in texts(messages)
    assert "Dazu kann kommen: Weiterbildungsgeld und Weiterbildungsprämie." in texts(messages)
    assert "150 €" in texts(messages)
    employer = {"event": "user", "text": "Ich möchte zwei Mitarbeiterinnen weiterbilden", "parse_data": {}}
    _, messages = run(ActionFundingProgramme(), make_tracker(text="Was gibt es da so?", events=[employer]))
    assert messages[0]["text"].startswith("Für Arbeitgeber:")  # the employer's overview, never the check


def test_an_employer_gets_shares_by_size_who_applies_and_the_bildungsurlaub_duties_of_their_state(
    demo_db: str,
) -> None:
    answer = said(ActionCheckEligibility(), "Unsere Firma hat 12 Beschäftigte. Welche Förderung gibt es für uns?",
                  place="Krefeld")  # fmt: skip
    assert answer.startswith("Für Arbeitgeber:")
    assert "Anteil des Arbeitgebers an den Lehrgangskosten" in answer and "Zuschuss zum Arbeitsentgelt" in answer
    assert "stellt der Arbeitgeber den Antrag" in answer and "Qualifizierungsgeld:" in answer
    assert "Bildungsurlaub NRW:" in answer and "Bildungsurlaub Hessen" not in answer
    assert ELIGIBILITY_INTRO not in answer


def test_an_employer_asking_about_bildungsurlaub_hears_when_they_may_refuse(demo_db: str) -> None:
    answer = said(ActionFundingProgramme(), "Als Arbeitgeber: muss ich Bildungsurlaub gewähren?", place="Korbach")
    assert "Bildungsurlaub Hessen:" in answer and "mehr als ein Drittel" in answer


def test_plain_language_wish_with_a_question_switches_and_answers(demo_db: str) -> None:
    question = "Bitte in einfacher Sprache: was ist ein Bildungsgutschein?"
    events, messages = reply(ActionFundingProgramme(), question)
    assert messages[0]["response"] == "utter_plain_language_on"
    assert "Mit dem Gutschein bezahlt die Agentur Ihren Kurs." in texts(messages)
    assert {"event": "slot", "timestamp": None, "name": "plain_language", "value": True} in events
    # As Rasa runs it: the NLU's entity has set the slot before the action; the notice still comes once.
    wish = [{"entity": "plain_language", "value": True}]
    events, messages = reply(ActionFundingProgramme(), question, plain_language=True, entities=wish)
    assert [m.get("response") for m in messages].count("utter_plain_language_on") == 1
    assert "Mit dem Gutschein bezahlt die Agentur Ihren Kurs." in texts(messages)


def test_a_cost_fact_that_would_mislead_the_person_is_said_in_their_terms(demo_db: str) -> None:
    answer = said(ActionFundingProgramme(), "Muss ich den Berufssprachkurs selbst bezahlen?", taxable_income="35.000")
    assert "2,32 €" in answer and "Für Sie" in answer
    assert "Grundsätzlich kostenlos" not in answer and "grundsätzlich kostenlos" not in answer
    general = said(ActionFundingProgramme(), "Muss ich den Berufssprachkurs selbst bezahlen?")
    assert "Grundsätzlich kostenlos" in general


def test_asking_whether_one_qualifies_for_a_named_programme_starts_the_check_not_its_description(
    demo_db: str,
) -> None:
    from rasa_sdk.events import FollowupAction

    asked = (
        "Steht mir Bildungsurlaub zu?",
        "kann ich aufstiegs-bafög kriegen?",
        "ist ein bildungsgutschein für mich drin?",
    )
    for text in asked:
        events, messages = reply(ActionFundingProgramme(), text)
        assert ELIGIBILITY_INTRO in texts(messages), text
        assert events[-1] == FollowupAction("eligibility_form")
    answer = said(ActionFundingProgramme(), "Was ist der Bildungsscheck?")
    assert ELIGIBILITY_INTRO not in answer and "Bildungsscheck" in answer


def test_a_question_about_a_programme_in_words_no_aspect_lists_gets_the_fact_that_answers_it(demo_db: str) -> None:
    answer = said(ActionFundingProgramme(), "Beim Bildungsgutschein: wer sucht den Anbieter aus?")
    assert "sucht man selbst aus" in answer
    assert said(ActionFundingProgramme(), "Was ist der Bildungsgutschein?").startswith("Bildungsgutschein")


def test_a_detail_of_an_ended_programme_says_first_that_it_ended(demo_db: str) -> None:
    answer = said(ActionFundingProgramme(), "Wie beantrage ich die Bildungsprämie?", place="Moers")
    assert "beendet" in answer and "Bildungsscheck 2.0" in answer  # and what instead, in NRW
    unknown = said(ActionFundingProgramme(), "Wie beantrage ich die Bildungsprämie?")
    assert "in Nordrhein-Westfalen kommt stattdessen in Frage: Bildungsscheck 2.0" in unknown


def test_where_to_apply_names_the_office_of_the_citizens_state(demo_db: str) -> None:
    """Aufstiegs-BAföG is decided per state: Krefeld (NRW) gets the Bezirksregierung Köln, not only
    "the office for your residence"; without a place, the office of each state."""
    question = "AFBG Antrag, wo stelle ich den?"
    in_krefeld = said(ActionFundingProgramme(), question, place="Krefeld")
    assert "Zuständig ist für Sie: Bezirksregierung Köln, Dezernat 49" in in_krefeld
    assert "Studierendenwerk" not in in_krefeld
    in_korbach = said(ActionFundingProgramme(), question, place="Korbach")
    assert "Zuständig ist für Sie: Amt für Ausbildungsförderung beim Studierendenwerk" in in_korbach
    anywhere = said(ActionFundingProgramme(), question)
    assert "• Nordrhein-Westfalen: Bezirksregierung Köln" in anywhere
    assert "• Hessen: Amt für Ausbildungsförderung" in anywhere


def test_a_question_read_as_check_that_asks_something_else_gets_its_fact(demo_db: str) -> None:
    answer = said(ActionCheckEligibility(), "ich hab jetzt nen bildungsgutschein. darf die agentur mir sagen welchen "
                                            "anbieter ich nehmen soll?")
    assert ELIGIBILITY_INTRO not in answer and "keine bestimmten Anbieter empfehlen" in answer


def test_the_share_of_the_workforce_is_answered_with_its_fact(demo_db: str) -> None:
    """ "Anteil der Belegschaft" is how many employees need it (not the employer's share of the costs): the
    aspect "belegschaft" (bot/kb/aspects.yaml) finds the fact; it was only the closest one before."""
    answer = said(ActionFundingProgramme(), "Qualifizierungsgeld: Wie groß muss der Anteil der Belegschaft mit "
                                            "Qualifizierungsbedarf sein? Wir haben 180 Beschäftigte.")
    assert "Qualifizierungsgeld:" in answer and "keine sichere Angabe" not in answer
    assert "mindestens 20 %" in answer and "mindestens 10 %" in answer
    assert "Quelle: arbeitsagentur.de" in answer  # where it is from


def test_two_programmes_compared_are_both_described(demo_db: str) -> None:
    entities = [{"entity": "programme", "value": v} for v in ("aufstiegs_bafoeg", "aufstiegsstipendium")]
    question = "Was ist der Unterschied zwischen Aufstiegs-BAföG und Aufstiegsstipendium?"
    answer = said(ActionFundingProgramme(), question, entities=entities)
    assert "Das Aufstiegs-BAföG fördert Fortbildungen" in answer
    assert "Das Aufstiegsstipendium fördert ein erstes Hochschulstudium" in answer


def test_who_pays_a_german_course_gets_the_two_german_courses_not_every_programme(demo_db: str) -> None:
    answer = said(ActionFundingOverview(), "wer bezahlt deutschkurs?")
    assert "Integrationskurs" in answer and "Berufssprachkurs" in answer and "BAMF" in answer
    assert "Das hängt von Ihrer Lage ab" not in answer
    assert "Das hängt von Ihrer Lage ab" in said(ActionFundingOverview(), "Wer bezahlt meine Weiterbildung?")
