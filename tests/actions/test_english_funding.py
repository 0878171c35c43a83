"""English funding answers at reply level (issue 21): a citizen whose conversation is in English
(slot language="en") asking about a programme reads its description in English, with the same
numbers, dates and offices as the German answer; the German conversation is unchanged."""

from __future__ import annotations

from actions.funding import ActionFundingOverview, ActionFundingProgramme
from actions.knowledge import describe_programmes
from tests.actions.conftest import make_tracker, run, texts


def answer(text: str, programme: str, place: str, language: str) -> str:
    tracker = make_tracker(
        slots={"language": language, "place": place},
        text=text,
        intent="ask_funding_programme",
        entities=[{"entity": "programme", "value": programme}],
    )
    _, messages = run(ActionFundingProgramme(), tracker)
    return texts(messages)


def test_aufstiegs_bafoeg_course_fees_in_english_with_the_numbers_of_the_german_answer(demo_db: str) -> None:
    said = answer("What is Aufstiegs-BAföG?", "aufstiegs_bafoeg", "Krefeld", "en")
    assert said.startswith("Aufstiegs-BAföG (grant for advanced vocational training)\n")
    assert "Course and exam fees are funded up to 15,000 €: half as a grant, the rest as a low-interest KfW" in said
    assert "at least 400 lessons" in said and "more than 700 qualifications" in said
    assert "How to apply: Apply before the course starts" in said
    assert "Responsible: Bezirksregierung Köln (district government), Dezernat 49 (afbg@bezreg-koeln.nrw.de)." in said
    assert "the childcare supplement is 150 € per child and month; other sources give 160 €" in said
    assert "As of: April 2024." in said
    for german in ("So beantragen Sie es", "Zuständig:", "Stand:", "Kurs- und Prüfungsgebühren", "Noch nicht sicher"):
        assert german not in said

    deutsch = answer("Was ist das Aufstiegs-BAföG?", "aufstiegs_bafoeg", "Krefeld", "de")
    assert "Kurs- und Prüfungsgebühren werden bis 15.000 € gefördert" in deutsch
    assert "So beantragen Sie es:" in deutsch and "Zuständig: Bezirksregierung Köln, Dezernat 49" in deutsch
    assert "Stand: April 2024." in deutsch and "grant" not in deutsch


def test_bildungsurlaub_in_english_follows_the_state_of_work_with_the_same_days_and_weeks(demo_db: str) -> None:
    nrw = answer("Tell me about Bildungsurlaub.", "bildungsurlaub", "Moers", "en")
    assert nrw.startswith("Bildungsurlaub NRW (paid training leave)\n")
    assert "5 working days of paid leave per year" in nrw
    assert "at least 6 weeks before it starts" in nrw and "within 3 weeks" in nrw
    assert "In companies with fewer than 10 employees there is no legal entitlement" in nrw
    assert "Responsible: your employer;" in nrw and "Arbeitnehmerweiterbildung" not in nrw.split("As of")[0]

    hessen = answer("Tell me about Bildungsurlaub.", "bildungsurlaub", "Korbach", "en")
    assert hessen.startswith("Bildungsurlaub Hessen (paid training leave)\n")
    assert "more than a third of the employees" in hessen and "(§ 5 Abs. 5 HBUG)" in hessen
    assert "by 31.12." in hessen and "text form (Textform)" in hessen

    deutsch = answer("Was ist Bildungsurlaub?", "bildungsurlaub", "Moers", "de")
    assert deutsch.startswith("Bildungsurlaub NRW\nMit dem Bildungsurlaub bekommen Sie 5 Arbeitstage pro Jahr bezahlt")


def test_the_knowledge_base_describes_programmes_in_the_slot_language(demo_db: str) -> None:
    english = "\n".join(describe_programmes(["bildungsgutschein"], "NW", False, {}, "en"))
    assert english.startswith("Bildungsgutschein (education voucher)\nWith the Bildungsgutschein")
    assert "The voucher is usually valid for up to 3 months" in english
    german = "\n".join(describe_programmes(["bildungsgutschein"], "NW", False, {}))
    assert german.startswith("Bildungsgutschein\nMit dem Bildungsgutschein bezahlt die Agentur für Arbeit")


def test_who_pays_for_my_training_is_answered_in_english(demo_db: str) -> None:
    tracker = make_tracker(
        slots={"language": "en", "place": "Krefeld"}, text="Who pays for my training?", intent="ask_funding_overview"
    )
    _, messages = run(ActionFundingOverview(), tracker)
    said = texts(messages)
    assert said.startswith("Who pays for my training? That depends on your situation:")
    assert "• You are employed: Weiterbildungsförderung für Beschäftigte (§ 82 SGB III, training funding" in said
    assert "Bildungsscheck 2.0 (NRW, education cheque)" in said and "Bildungsurlaub Hessen" not in said
    assert "Wer bezahlt" not in said and "Nennen Sie mir" not in said


def test_an_english_detail_question_gets_the_fact_in_english_with_source_and_date(demo_db: str) -> None:
    """English question words reach the German facts (bot/kb/kb.yaml synonyms), the fact is said in English."""
    said = answer("How much of the course fees does Aufstiegs-BAföG cover?", "aufstiegs_bafoeg", "Krefeld", "en")
    assert said.startswith("Aufstiegs-BAföG (grant for advanced vocational training):\n• ")
    assert "15,000" in said and "As of: April 2024" in said
    for german in ("Quelle:", "Stand:", "ohne Datum", "Noch nicht sicher"):
        assert german not in said
    age = answer("Is there an age limit for Aufstiegs-BAföG?", "aufstiegs_bafoeg", "Krefeld", "en")
    assert "no age limit" in age.lower()


def test_an_english_question_whether_one_qualifies_starts_the_check_in_english(demo_db: str) -> None:
    said = answer("Can I take Bildungsurlaub for a course?", "bildungsurlaub", "Moers", "en")
    assert said.startswith("I will check with you whether Bildungsurlaub NRW (paid training leave) could be right")


def test_an_english_employer_and_an_unsure_answer_are_english(demo_db: str) -> None:
    """The employer's overview and "no sure fact on that" were German for an English conversation."""
    tracker = make_tracker(slots={"language": "en", "place": "Bottrop", "speaker": "employer"},
                           text="Which funding is there for us?", intent="ask_funding_programme")  # fmt: skip
    _, messages = run(ActionFundingProgramme(), tracker)
    employer = texts(messages)
    assert "§ 82 SGB III" in employer
    unsure = answer("Does Aufstiegs-BAföG pay for my dog's training?", "aufstiegs_bafoeg", "Krefeld", "en")
    for said in (employer, unsure):
        for german in ("Für Arbeitgeber", "Genau dazu finde ich", "Quelle:", "Stand:", "Das weiß ich"):
            assert german not in said, (german, said[:200])
