"""Refinements without entities: "was Günstigeres?" and "kostenlos"."""

from decimal import Decimal

from bot.search.refine import price_limit

SHOWN = [Decimal("1200"), Decimal("450"), Decimal("0")]


def test_cheaper_means_below_the_cheapest_paid_course_shown() -> None:
    assert price_limit("Gibt es was Günstigeres?", SHOWN) == Decimal("449.99")
    assert price_limit("das ist mir zu teuer", SHOWN) == Decimal("449.99")


def test_free_means_zero() -> None:
    assert price_limit("gibts das auch kostenlos?", SHOWN) == 0
    assert price_limit("umsonst wäre gut", []) == 0


def test_other_refinements_leave_the_price_alone() -> None:
    assert price_limit("lieber online", SHOWN) is None
    assert price_limit("billiger bitte", []) is None  # nothing shown yet to compare with
