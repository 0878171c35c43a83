"""Person-tailored funding notes: the wording follows the person's data, and bad notes are refused."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.funding.answers import describe
from bot.funding.catalogue import DEFAULT_PATH, load_catalogue
from bot.funding.loader import CatalogueError, parse_catalogue

CATALOGUE = {p.slug: p for p in load_catalogue()}


@settings(max_examples=200, deadline=None)
@given(income=st.integers(0, 200_000), plain=st.booleans(), state=st.sampled_from(["NW", "HE", None]))
def test_berufssprachkurs_says_free_exactly_when_the_income_allows_it(income: int, plain: bool, state: str | None):
    said = "\n".join(describe(CATALOGUE["berufssprachkurs"], state, plain=plain, person={"taxable_income": income}))
    assert ("kostenlos" in said) is (income <= 20_000), said


def test_every_note_says_that_it_is_about_the_person() -> None:
    notes = [(p.slug, n) for p in CATALOGUE.values() for n in p.for_person]
    assert {slug for slug, _ in notes} >= {"berufssprachkurs", "foerderung_beschaeftigte", "bildungsurlaub_nrw"}
    for slug, note in notes:
        assert "Für Sie" in note.text and "Für Sie" in note.text_plain, slug


def test_a_note_on_something_the_bot_never_learns_is_refused() -> None:
    raw = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
    raw["programmes"][0]["for_person"] = [{"if": {"key": "schuhgroesse", "gt": 40}, "text": "Für Sie: …"},
                                          {"if": {"key": "age", "gt": 40}, "text": "x", "replaces_summary": True}]
    with pytest.raises(CatalogueError) as err:
        parse_catalogue(raw)
    assert "for_person[0]" in str(err.value) and "schuhgroesse" in str(err.value)
    assert "for_person[1]" in str(err.value) and "text_plain" in str(err.value)
