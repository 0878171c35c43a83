"""A person's situation read from what they write: stories, typos, no umlauts, learner's German."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.nlp.situation import AGE_RANGE, SLOTS, read_situation, situation_values, speaks_as
from bot.nlp.situation_text import number, prepare

# Each message with what it must say about the writer; slots not named must stay empty.
STORIES: list[tuple[str, dict[str, Any]]] = [
    ("Mein Chef will, dass ich einen Staplerschein mache, wer zahlt das? Ich wohne in Moers",
     {"speaker": "person", "employment_status": "beschaeftigt"}),
    ("bin 52, seit 25 Jahren im Einzelhandel, Rücken kaputt, was kann ich machen",
     {"age": 52, "years_worked": 25, "employment_status": "beschaeftigt"}),
    ("ich arbeitslos seit 2 jahr", {"employment_status": "arbeitslos"}),
    ("Ich habe eine abgeschlossene Ausbildung als Einzelhandelskauffrau", {"has_qualification": True}),
    ("bin arbeitslos gemeldet, wohne in Wesel", {"employment_status": "arbeitslos"}),
    ("Wir sind ein Betrieb mit 30 Beschäftigten und wollen zwei Mitarbeiter weiterbilden",
     {"speaker": "employer", "company_size": 30}),
    ("unser Betrieb mit 30 Beschäftigten", {"speaker": "employer", "company_size": 30}),
    ("Wir sind ein Betrieb mit 30 Beschäftigten, was zahlt die Agentur?", {"speaker": "employer", "company_size": 30}),
    ("Ich arbeite in einem Betrieb mit 30 Beschäftigten", {"employment_status": "beschaeftigt", "company_size": 30}),
    ("Als Arbeitgeber: muss ich Bildungsurlaub genehmigen?", {"speaker": "employer"}),
    ("Ich arbeite in der Personalabteilung, wir haben 120 Mitarbeiter", {"speaker": "employer", "company_size": 120}),
    ("Hallo, ich bin HR-Managerin bei einem Pflegedienst mit 45 Leuten", {"speaker": "employer", "company_size": 45}),
    ("Ich möchte 3 Mitarbeiter zum Staplerschein anmelden", {"speaker": "employer"}),
    ("ich bekomme Bürgergeld und bin 34", {"benefits": "buergergeld", "age": 34}),
    ("Ich beziehe ALG 1 seit März", {"benefits": "alg1", "employment_status": "arbeitslos"}),
    ("ich krieg buergergeld, habe keine ausbildung", {"benefits": "buergergeld", "has_qualification": False}),
    ("ich bin arbeitssuchend gemeldet und bekomme kein Arbeitslosengeld",
     {"employment_status": "arbeitsuchend", "benefits": "keine"}),
    ("Ich bin gelernte Friseurin, arbeite aber seit 6 Jahren als Aushilfe im Lager",
     {"has_qualification": True, "years_outside_qualification": 6, "employment_status": "beschaeftigt",
      "years_worked": 6}),
    ("ich hab ne Ausbildung zum Koch gemacht aber arbeite seit 8 jahren nicht mehr im gelernten beruf",
     {"has_qualification": True, "years_outside_qualification": 8, "employment_status": "beschaeftigt",
      "years_worked": 8}),
    ("ich verdiene 35.000 € im Jahr", {"taxable_income": 35000}),
    ("Ich verdiene 2500 brutto im Monat", {"taxable_income": 30000}),
    ("mein zu versteuerndes Einkommen liegt bei 18000 Euro", {"taxable_income": 18000}),
    ("Mein Deutsch ist auf B1 Niveau, ich habe das B1 Zertifikat", {"language_level": "B1"}),
    ("Ich habe B1 und möchte B2 machen", {"language_level": "B1"}),
    ("Ich suche einen B2 Kurs in Krefeld", {}),
    ("Ich bin selbständig mit kleinem Friseursalon", {"employment_status": "selbststaendig"}),
    ("bin selbstandig", {"employment_status": "selbststaendig"}),
    ("ich bin nicht mehr arbeitslos, jetzt angestellt", {"employment_status": "beschaeftigt"}),
    ("Ich war selbstständig, jetzt arbeitslos", {"employment_status": "arbeitslos"}),
    ("mir wurde gekündigt, ich bin noch bis Ende Juni beschäftigt",
     {"employment_status": "arbeitsuchend", "threatened_unemployment": True}),
    ("ich bin Azubi im 2. Lehrjahr", {"employment_status": "in_ausbildung"}),
    ("Unsere Firma hat 250 Mitarbeiter", {"speaker": "employer", "company_size": 250}),
    ("wir sind zu acht", {"company_size": 8}),
    ("kann ich mit 50 noch Aufstiegs-BAföG bekommen", {"age": 50}),
    ("Ich bin 2 Jahre arbeitslos", {"employment_status": "arbeitslos"}),
    ("ich bin zweiundfünfzig jahre alt", {"age": 52}),
    ("Ich möchte eine Ausbildung als Koch machen", {}),
    ("Ich habe keinen Berufsabschluss", {"has_qualification": False}),
    ("ich habe nie eine Ausbildung gemacht", {"has_qualification": False}),
    ("Ich bin Rentnerin und möchte Englisch lernen", {"employment_status": "rente"}),
    ("ich arbietslos und suche arbeit", {"employment_status": "arbeitslos"}),
    ("Ich bin angestellt in einer Firma mit 20 Mitarbeitern, bezahlt die Agentur meine Weiterbildung?",
     {"employment_status": "beschaeftigt", "company_size": 20}),
    ("Ich bin 45 und habe 3 Kinder", {"age": 45}),
    ("Kann ich als Bürgergeld-Empfänger eine Umschulung machen?", {"benefits": "buergergeld"}),
    ("Ich habe einen Minijob und bekomme aufstockend Bürgergeld",
     {"employment_status": "beschaeftigt", "benefits": "buergergeld"}),
    ("Du, ich bin seit letztem Jahr Rentner, darf ich noch an der VHS lernen?", {"employment_status": "rente"}),
    ("Ich suche einen Deutschkurs", {}),
    ("Was kostet ein Staplerschein in Krefeld?", {}),
    ("Gibt es beim Aufstiegs-BAföG eine Altersgrenze?", {}),
    ("Wie lange ist ein Bildungsgutschein gültig?", {}),
]  # fmt: skip


@pytest.mark.parametrize(("message", "expected"), STORIES, ids=[m[:40] for m, _ in STORIES])
def test_a_story_says_the_situation_and_nothing_more(message: str, expected: dict[str, Any]) -> None:
    assert situation_values(message) == expected


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("Ich bin nicht arbeitslos", {}),
        ("ich bin kein Azubi mehr", {}),
        ("früher selbstständig, heute Rentner", {"employment_status": "rente"}),
        ("Meine Kollegen und ich wollen einen Excel-Kurs", {}),  # colleagues: not an employer
        ("Meine Mitarbeiterin will einen Excel-Kurs", {"speaker": "employer"}),
        ("Ich bin Chef von 12 Leuten", {"company_size": 12}),
    ],
)
def test_negation_past_and_colleagues(message: str, expected: dict[str, Any]) -> None:
    values = situation_values(message)
    assert {k: v for k, v in values.items() if k in expected or k != "speaker"} == expected


def test_an_employers_words_about_staff_are_not_their_own_status() -> None:
    values = situation_values("Unsere Angestellten sind arbeitslos gemeldet gewesen, jetzt haben wir 14 Mitarbeiter")
    assert values == {"speaker": "employer", "company_size": 14}


def test_each_fact_points_at_the_words_the_citizen_typed() -> None:
    text = "Hallo! Ich bin 52, beziehe Bürgergeld und bin gelernte Einzelhandelskauffrau."
    facts = read_situation(text)
    assert text[facts["age"].start : facts["age"].end] == "bin 52"
    assert text[facts["benefits"].start : facts["benefits"].end] == "Bürgergeld"
    assert text[facts["has_qualification"].start : facts["has_qualification"].end] == "gelernte"


# --- properties ----------------------------------------------------------------------------------

_ONES = ["", "ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"]
_TEENS = ["zehn", "elf", "zwölf", "dreizehn", "vierzehn", "fünfzehn", "sechzehn", "siebzehn", "achtzehn", "neunzehn"]
_TENS = ["", "", "zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig"]


def spell(n: int) -> str:
    """German number words as people write them (1 -> "eins", 52 -> "zweiundfünfzig", 312 -> "dreihundertzwölf")."""
    hundreds, rest = divmod(n, 100)
    head = (_ONES[hundreds] if hundreds > 1 else "ein" if hundreds else "") + ("hundert" if hundreds else "")
    if rest == 0:
        tail = ""
    elif rest < 10:
        tail = "eins" if rest == 1 else _ONES[rest]
    elif rest < 20:
        tail = _TEENS[rest - 10]
    else:
        tens, ones = divmod(rest, 10)
        tail = (f"{_ONES[ones]}und" if ones else "") + _TENS[tens]
    return head + tail


@given(st.integers(min_value=1, max_value=999))
def test_every_german_number_word_up_to_999_is_read(n: int) -> None:
    assert number(prepare(spell(n)).text) == n


@given(
    st.integers(min_value=0, max_value=120),
    st.sampled_from(["Ich bin {} Jahre alt.", "bin {}, suche Arbeit", "Alter: {}", "ich {} jahre alt"]),
)
def test_an_age_is_taken_only_within_its_range(n: int, template: str) -> None:
    age = situation_values(template.format(n)).get("age")
    assert age == (n if AGE_RANGE[0] <= n <= AGE_RANGE[1] else None)


@given(
    st.integers(min_value=1, max_value=200_000),
    st.sampled_from(
        [
            "Unser Betrieb hat {} Mitarbeiter",
            "Wir beschäftigen {} Leute",
            "Firma mit {} Beschäftigten",
            "{} Mitarbeitende",
        ]
    ),
)
def test_a_company_size_in_digits_or_with_separators(n: int, template: str) -> None:
    written = f"{n:,}".replace(",", ".")
    assert situation_values(template.format(written)).get("company_size") == n


@given(st.integers(min_value=1000, max_value=999_999), st.booleans())
def test_an_income_per_year_or_month(n: int, monthly: bool) -> None:
    text = f"Ich verdiene {n:,} € {'im Monat' if monthly else 'im Jahr'}".replace(",", ".")
    expected = n * 12 if monthly else n
    assert situation_values(text).get("taxable_income") == (expected if expected <= 1_000_000 else None)


def _without_umlauts(text: str, digraph: bool) -> str:
    table = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"} if digraph else {"ä": "a", "ö": "o", "ü": "u", "ß": "ss"}
    return "".join(table.get(c, c) for c in text)


@given(st.sampled_from(STORIES), st.booleans(), st.booleans())
def test_umlauts_case_and_spelling_do_not_change_the_reading(
    story: tuple[str, dict], digraph: bool, upper: bool
) -> None:
    message, expected = story
    variant = _without_umlauts(message, digraph)
    variant = variant.upper() if upper else variant.lower()
    assert situation_values(variant) == expected


_NEUTRAL = ["Vielen Dank.", "Wo finde ich Kurse?", "Guten Tag!", "Ich wohne in Kleve.", "Was kostet das?"]


@given(st.sampled_from(STORIES), st.sampled_from(_NEUTRAL), st.booleans())
def test_a_neutral_sentence_before_or_after_changes_nothing(
    story: tuple[str, dict], neutral: str, before: bool
) -> None:
    message, expected = story
    combined = f"{neutral} {message}" if before else f"{message}. {neutral}"
    assert situation_values(combined) == expected


@settings(max_examples=300)
@given(st.text(max_size=400))
def test_any_text_gives_known_slots_and_spans_inside_the_text(text: str) -> None:
    for slot, fact in read_situation(text).items():
        assert slot in SLOTS and fact.slot == slot
        assert 0 <= fact.start < fact.end <= len(text)


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("Hallo, ich habe einen kleinen Malerbetrieb in Xanten, 5 Leute, und eine Frage.", 5),
        ("Zahnarztpraxis in Wesel, 12 Angestellte: wie geht Bildungsurlaub?", 12),
        ("Wir sind eine Spedition aus Kamp-Lintfort mit etwa 90 Beschäftigten.", 90),
    ],
)
def test_a_firm_described_by_its_owner_is_an_employer_with_its_size(text: str, size: int) -> None:
    found = situation_values(text)
    assert found.get("speaker") == "employer" and found.get("company_size") == size


def test_an_employee_describing_the_firm_they_work_in_is_no_employer() -> None:
    assert situation_values("Ich arbeite in einem Betrieb mit 30 Leuten, kann ich Bildungsurlaub nehmen?").get(
        "speaker") != "employer"  # fmt: skip


def test_a_word_beginning_like_a_staff_abbreviation_is_no_staff() -> None:
    """ "ich hab einen Master" is no employer with one "MA" (Mitarbeiter); "wir haben 12 MA" is."""
    assert "employer" not in speaks_as("ich hab einen master in bwl, kann ich für den fachwirt bafög kriegen?")
    assert "employer" in speaks_as("wir haben 12 MA in der Produktion")


def test_an_article_before_one_employee_is_no_company_size() -> None:
    """"Ein Mitarbeiter (41) soll …" names who takes part; a firm of one was read (issue 17)."""
    assert "company_size" not in situation_values("Ein Mitarbeiter (41, schwerbehindert) soll einen Lehrgang machen.")
    assert situation_values("Wir sind ein Betrieb mit 1 Mitarbeiter")["company_size"] == 1
