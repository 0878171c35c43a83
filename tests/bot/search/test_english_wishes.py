"""English wishes inside a course search read as the German ones (issue 21): cheaper, free, evenings,
a start month."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bot.search.filters import normalise_format, normalise_schedule
from bot.search.refine import price_limit
from bot.search.start_window import read_start_window


@pytest.mark.parametrize("text", ["is there a cheaper one?", "something less expensive please", "too expensive for me"])
def test_cheaper_in_english_is_below_the_cheapest_shown(text: str) -> None:
    assert price_limit(text, [Decimal("520"), Decimal("1070")]) == Decimal("519.99")


def test_free_of_charge_is_free_and_being_free_on_a_day_is_no_price() -> None:
    assert price_limit("is any of them free of charge?", [Decimal("300")]) == Decimal(0)
    assert price_limit("I am free on Saturdays", [Decimal("300")]) is None


def test_english_times_of_day_and_formats() -> None:
    assert normalise_schedule("evening") == "abends"
    assert normalise_schedule("weekends") == "wochenende"
    assert normalise_schedule("part time") == "teilzeit"
    assert normalise_format("face to face") == "praesenz"


def test_an_english_start_month_is_a_start_window() -> None:
    window = read_start_window("a bookkeeping course starting in March", date(2026, 12, 7))
    assert window is not None and (window.first, window.last) == (date(2027, 3, 1), date(2027, 3, 31))
    window = read_start_window("from October please", date(2026, 12, 7))
    assert window is not None and window.first == date(2027, 10, 1) and window.last is None
    assert read_start_window("may I ask something?", date(2026, 12, 7)) is None
