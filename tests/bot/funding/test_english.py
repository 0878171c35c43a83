"""English programme descriptions (issue 21): every text ``describe`` shows has its English
translation in programmes.yaml, with the same numbers and dates as the German, and an English
answer is English around them (wording/funding.yml) while the German answer stays as it was."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from bot.funding.answers import describe, overview
from bot.funding.catalogue import load_catalogue
from bot.funding.model import ProgrammeData

CATALOGUE = load_catalogue()
STATES = (None, "NW", "HE")
#: Dates (dd.mm.yyyy, dd.mm.) are written alike in both languages; other numbers are normalised:
#: German "15.000" and "2,29" are English "15,000" and "2.29".
_DATE = re.compile(r"\b\d{2}\.\d{2}\.(?:\d{4})?")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
#: Frames and function words of a German answer that an English one must not contain.
#: Office names that stay German, with their gloss beside them.
OFFICE_NAMES = (
    "Ministerium für Kultur und Wissenschaft", "Ministerium für Arbeit, Integration, Jugend und Soziales",
    "Bundesamt für Migration und Flüchtlinge",
)  # fmt: skip
GERMAN = re.compile(
    r"\b(So beantragen|Zuständig|Stand|Mehr Infos|Noch nicht sicher|Bitte|Sie|Ihr|Ihre|Ihnen|und|oder|nicht|gibt)\b"
)


def numbers(text: str, language: str) -> set[str]:
    found = set(_DATE.findall(text))
    rest = _DATE.sub(" ", text)
    for number in _NUMBER.findall(rest):
        if language == "de":
            number = re.sub(r"\.(?=\d{3}\b)", "", number).replace(",", ".")
        else:
            number = re.sub(r",(?=\d{3}\b)", "", number)
        found.add(number)
    return found


def shown_texts(p: ProgrammeData) -> list[tuple[str, str]]:
    """(field, German text) for every programme text ``describe`` or the knowledge base can show."""
    texts = [("name", p.name), ("summary", p.summary), ("summary_plain", p.summary_plain)]
    texts += [("how_to_apply", p.how_to_apply), ("office", p.office.name), ("office.dative", p.office.dative)]
    for state, office in p.office_by_state.items():
        texts += [(f"office.{state}", office.name), (f"office.{state}.dative", office.dative)]
    # describe shows the uncertain facts, the knowledge base every fact (bot/kb/present.py)
    texts += [(f"facts[{i}]", f.text) for i, f in enumerate(p.facts)]
    for i, note in enumerate(p.for_person):
        texts += [(f"for_person[{i}]", note.text), (f"for_person[{i}].plain", note.text_plain)]
    return texts


@pytest.mark.parametrize("programme", CATALOGUE, ids=lambda p: p.slug)
def test_every_text_describe_shows_has_its_english_translation_marked_as_unreviewed(programme: ProgrammeData) -> None:
    missing = [field for field, german in shown_texts(programme) if german not in programme.english]
    assert not missing, f"{programme.slug}: no English text for {missing}"
    assert "Nicht muttersprachlich geprüft" in programme.english_written or "geprüft" in programme.english_written
    assert programme.english[programme.name].startswith(programme.name.split(" (")[0])  # the German name stays


@pytest.mark.parametrize("programme", CATALOGUE, ids=lambda p: p.slug)
def test_english_texts_have_the_numbers_and_dates_of_the_german(programme: ProgrammeData) -> None:
    for field, german in shown_texts(programme):
        if field.endswith(".plain") or field == "summary_plain":  # English has one register: the full text
            continue
        english = programme.english[german]
        assert numbers(english, "en") == numbers(german, "de"), f"{programme.slug} {field}: {english}"


@pytest.mark.parametrize("programme", CATALOGUE, ids=lambda p: p.slug)
@pytest.mark.parametrize("state", STATES)
def test_the_english_answer_has_no_german_words_around_the_names(programme: ProgrammeData, state: str | None) -> None:
    person = {"company_size": 30, "taxable_income": 35000}
    for plain in (False, True):
        said = "\n".join(describe(programme, state, plain=plain, person=person, language="en"))
        # Programme, office and law names stay German; the rest is English.
        outside_names = re.sub(r"„[^“]*“|\([^)]*\)|https?://\S+", " ", said)
        for german_name in (*(p.name for p in CATALOGUE), *OFFICE_NAMES):
            outside_names = outside_names.replace(german_name, " ")
        assert not GERMAN.search(outside_names), f"{programme.slug}/{state}: {GERMAN.search(outside_names)} in {said}"
        assert "As of: " in said


def test_aufstiegs_bafoeg_in_english_says_the_15000_euro_and_the_nrw_office() -> None:
    programme = next(p for p in CATALOGUE if p.slug == "aufstiegs_bafoeg")
    said = "\n".join(describe(programme, "NW", language="en"))
    assert said.startswith("Aufstiegs-BAföG (grant for advanced vocational training)\n")
    assert "Course and exam fees are funded up to 15,000 €: half as a grant" in said
    assert "How to apply: Apply before the course starts" in said
    assert "Responsible: Bezirksregierung Köln (district government), Dezernat 49" in said
    assert "Not yet certain: According to the official AFBG website, the childcare supplement is 150 €" in said
    assert "As of: April 2024. More information (in German): https://aufstiegs-bafoeg.de" in said
    german = "\n".join(describe(programme, "NW"))
    assert "Kurs- und Prüfungsgebühren werden bis 15.000 € gefördert" in german
    assert "So beantragen Sie es:" in german and "Stand: April 2024. Mehr Infos:" in german


def test_an_ended_programme_and_one_of_another_state_are_english_too() -> None:
    by_slug = {p.slug: p for p in CATALOGUE}
    ended = "\n".join(describe(by_slug["bildungspraemie"], "NW", language="en"))
    assert ended.startswith("Bildungsprämie (education bonus) has ended: the programme ran until 31.12.2021.")
    assert "Instead, this may fit you in Nordrhein-Westfalen: Bildungsscheck 2.0 (NRW, education cheque)." in ended
    elsewhere = "\n".join(describe(by_slug["bildungsurlaub_nrw"], "HE", language="en"))
    assert elsewhere.startswith("Bildungsurlaub NRW (paid training leave) exists only in Nordrhein-Westfalen.")
    assert "what counts is where you work, not where you live" in elsewhere
    assert "Bildungsurlaub Hessen (paid training leave)" in elsewhere


def test_a_personal_note_is_english_and_replaces_the_summary_as_in_german() -> None:
    programme = next(p for p in CATALOGUE if p.slug == "berufssprachkurs")
    said = "\n".join(describe(programme, None, person={"taxable_income": 35000}, language="en"))
    assert "For you: your taxable income is above 20,000 €." in said and "2.32 € per lesson" in said
    assert "The courses are free in principle" not in said


def test_a_german_text_an_editor_changed_is_said_in_german_not_in_its_stale_translation() -> None:
    programme = next(p for p in CATALOGUE if p.slug == "aufstiegs_bafoeg")
    edited = replace(programme, summary="Das Aufstiegs-BAföG fördert jetzt bis 16.000 €.")
    said = "\n".join(describe(edited, None, language="en"))
    assert "Das Aufstiegs-BAföG fördert jetzt bis 16.000 €." in said
    assert "15,000" not in said
    assert "How to apply: Apply before the course starts" in said  # the unchanged texts stay English


def test_the_overview_in_english_groups_the_programmes_with_their_glosses() -> None:
    said = "\n".join(overview("HE", language="en"))
    assert said.startswith("Who pays for my training? That depends on your situation:")
    assert "• Unemployed or at risk of unemployment: Bildungsgutschein (education voucher)," in said
    assert "ProAbschluss (Qualifizierungsscheck Hessen, qualification cheque) (status unclear)" in said
    assert "Bildungsscheck" not in said and "Name a programme and I will explain it in more detail." in said
    assert "Wer bezahlt" not in said and "Stand unklar" not in said
    german = "\n".join(overview("HE"))
    assert german.startswith("Wer bezahlt meine Weiterbildung? Das hängt von Ihrer Lage ab:")
    assert "ProAbschluss (Qualifizierungsscheck Hessen) (Stand unklar)" in german
