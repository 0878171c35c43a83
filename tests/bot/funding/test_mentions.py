"""Programme mentions as citizens write them: abbreviations, paragraphs, typos, shared words (issue 17)."""

from __future__ import annotations

import pytest

from bot.funding.catalogue import load_catalogue
from bot.funding.matching import match_programme, mentions
from bot.nlp.signs import spell_out_signs

CATALOGUE = load_catalogue()


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Was bringt mir §82?", "foerderung_beschaeftigte"),
        ("was ist § 82 SGB III genau", "foerderung_beschaeftigte"),
        ("Förderung nach Paragraph 82", "foerderung_beschaeftigte"),
        ("Wie funktioniert das Qualifizierungschancengesetz?", "foerderung_beschaeftigte"),
        ("qualifizierungschancen gesetz", "foerderung_beschaeftigte"),
        ("Gibt es noch WeGebAU?", "foerderung_beschaeftigte"),
        ("§ 82a für unsere Leute", "qualifizierungsgeld"),
        ("Infos zum BGS bitte", "bildungsgutschein"),
        ("mein bildungsgutschien ist abgelaufen", "bildungsgutschein"),
        ("Wie lange gelten Bildungsgutscheine?", "bildungsgutschein"),
        ("was zahlt das AFBG", "aufstiegs_bafoeg"),
        ("Aufstiegsbafög für Techniker", "aufstiegs_bafoeg"),
        ("aufstiegs bafoeg", "aufstiegs_bafoeg"),
        ("Meisterförderung wie hoch", "aufstiegs_bafoeg"),
        ("Was ist das Stipendium für junge Fachkräfte?", "weiterbildungsstipendium"),
        ("Bildungsfreistellung in Hessen", "bildungsurlaub_hessen"),
    ],
)
def test_the_programme_a_citizen_means_is_found(text: str, slug: str) -> None:
    assert match_programme(CATALOGUE, text) == slug


def test_a_paragraph_number_must_match_exactly() -> None:
    """§ 81 (Bildungsgutschein) is one letter from § 82 once spelled out; numbers forgive no typo."""
    assert match_programme(CATALOGUE, "§ 81") == "bildungsgutschein"
    assert match_programme(CATALOGUE, "§ 83") is None
    assert match_programme(CATALOGUE, "Ich bin 82 Jahre alt") is None


def test_a_word_two_programmes_share_names_both() -> None:
    found = [m.slug for m in mentions(CATALOGUE, "Wie bekomme ich ein Stipendium?")]
    assert sorted(found) == ["aufstiegsstipendium", "weiterbildungsstipendium"]


def test_two_programmes_named_in_one_question_are_both_found() -> None:
    found = {m.slug for m in mentions(CATALOGUE, "Unterschied zwischen Aufstiegsstipendium und Meister-BAföG?")}
    assert found == {"aufstiegsstipendium", "aufstiegs_bafoeg"}


def test_a_longer_name_hides_the_shorter_one_inside_it() -> None:
    assert [m.slug for m in mentions(CATALOGUE, "gibt es den alten Bildungsscheck noch")] == ["bildungsscheck_nrw_alt"]


def test_the_state_named_decides_between_the_two_bildungsurlaub_laws() -> None:
    assert [m.slug for m in mentions(CATALOGUE, "Bildungsurlaub in NRW")] == ["bildungsurlaub_nrw"]
    both = {m.slug for m in mentions(CATALOGUE, "Bildungsurlaub")}
    assert both == {"bildungsurlaub_nrw", "bildungsurlaub_hessen"}


def test_signs_are_spelled_out_before_folding() -> None:
    assert spell_out_signs("§82").split() == ["paragraf82"]
    assert spell_out_signs("§ 82a SGB III").split() == ["paragraf82a", "SGB", "III"]
    assert spell_out_signs("150 € und 50 %").split() == ["150", "euro", "und", "50", "prozent"]


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("What's the income limit for the recognition grant?", "anerkennungszuschuss"),
        ("Can I get an education voucher?", "bildungsgutschein"),
        ("paid training leave in Hesse", "bildungsurlaub_hessen"),
        ("is there a training bonus when I pass the exam?", "weiterbildungsgeld_praemie"),
    ],
)
def test_english_glosses_of_the_programme_names_are_names_people_use(text: str, slug: str) -> None:
    assert match_programme(CATALOGUE, text) == slug
