"""Knowledge-base pieces in English (issue 21): with language "en" a fact, an excerpt of a summary
and a personal note are the catalogue's English texts, with English names, offices and months;
without it they are German as before."""

from __future__ import annotations

from bot.funding.catalogue import load_catalogue
from bot.kb.passages import build_passages
from bot.kb.present import excerpt, views
from bot.kb.retriever import Hit
from bot.kb.router import decide


def hits(question: str) -> tuple:
    decision = decide(question, "ask_funding_programme", context=None, speaker=None, state="NW", entity=None)
    return decision.hits, decision.reading.aspects


def test_a_fact_is_said_in_english_with_its_english_name_office_and_month() -> None:
    found, asked = hits("Wie lange gilt der Bildungsgutschein?")
    (english,) = views(found, asked, "NW", language="en")
    assert english.name == "Bildungsgutschein (education voucher)"
    assert english.text.startswith("The voucher is usually valid for up to 3 months")
    assert english.stand == "March 2026" and english.office == "your local Agentur für Arbeit (employment agency)"
    (german,) = views(found, asked, "NW")
    assert german.text.startswith("Der Gutschein gilt in der Regel bis zu 3 Monate")
    assert german.stand == "März 2026" and german.office == "Ihrer örtlichen Agentur für Arbeit"


def test_a_long_summary_is_cut_at_the_same_sentences_as_the_german() -> None:
    summary = next(p for p in build_passages(load_catalogue(), {}) if p.key == "aufstiegs_bafoeg#summary")
    hit = Hit(passage=summary, score=1.0, confidence=1.0, aspects=frozenset({"alter"}))
    (german,) = views([hit], {"alter"}, None)
    assert german.text == excerpt(summary.text, {"alter"}) == "Es gibt keine Altersgrenze."
    (english,) = views([hit], {"alter"}, None, language="en")
    assert english.text == "There is no age limit."


def test_a_personal_note_is_english_beside_the_fact_it_concerns() -> None:
    found, asked = hits("Was zahlt der Bildungsscheck?")
    said = views(found, asked, "NW", {"taxable_income": 60000}, language="en")
    assert "taxable annual income at most 50,000 € (100,000 € if assessed jointly)" in said[0].text
    assert said[-1].personal and said[-1].text.startswith("For you: your taxable income is above 50,000 €.")
