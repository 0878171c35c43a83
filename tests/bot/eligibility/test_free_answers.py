"""Choice questions of the check read answers in the citizen's own words (rules.yaml aliases)."""

from __future__ import annotations

import pytest

from bot.eligibility import load_rules


@pytest.mark.parametrize(
    ("answer", "degree"),
    [
        ("Realschule und Facharbeiterbrief, nicht studiert", "ausbildung"),
        ("Gesellenbrief als Tischler", "ausbildung"),
        ("Fachoberschulreife", "ohne"),
        ("nur Abitur", "ohne"),
        ("Bachelor", "bachelor"),
        ("Staatsexamen", "master"),
    ],
)
def test_the_highest_degree_is_read_from_a_sentence(answer: str, degree: str) -> None:
    assert load_rules().questions["highest_degree"].parse(answer) == degree


def test_an_unclear_degree_is_asked_again_with_the_choices() -> None:
    with pytest.raises(ValueError, match="Bitte wählen Sie"):
        load_rules().questions["highest_degree"].parse("Diplom")


@pytest.mark.parametrize(
    ("answer", "status"),
    [("Beamtin", "beschaeftigt"), ("arbeite Vollzeit im Betrieb", "beschaeftigt"), ("ich bin azubi", "in_ausbildung"),
     ("freiberuflich", "selbststaendig")],
)  # fmt: skip
def test_the_employment_status_is_read_from_the_words_people_use_for_themselves(answer: str, status: str) -> None:
    assert load_rules().questions["employment_status"].parse(answer) == status


def test_since_a_year_counts_the_months_since_then() -> None:
    from datetime import date

    assert load_rules().questions["months_employed"].parse("bin seit 2019 da") == (date.today().year - 2019) * 12
