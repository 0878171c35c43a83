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
