"""Refinements that carry no entity: "was Günstigeres?", "gibt's das auch kostenlos?"."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from bot.search.text import fold

_FREE = re.compile(
    r"\b(kostenlos\w*|gratis|umsonst|kostenfrei\w*|nichts kostet"
    r"|free of charge|for free|free ones?|free courses?)\b"
)  # English too (issue 21)
_CHEAPER = re.compile(
    r"\b(guenstiger\w*|billiger\w*|preiswerter\w*|weniger kost\w*|nicht so teuer|zu teuer"
    r"|cheaper|less expensive|too expensive|lower price)\b"
)  # English too (issue 21)


def price_limit(text: str, shown_prices: Iterable[Decimal]) -> Decimal | None:
    """The maximum price a refinement asks for, or None when the text asks for no price change.

    "Günstiger" means cheaper than the cheapest course just shown, so the next answer really
    differs; when nothing was shown there is nothing to compare with.
    """
    folded = fold(text)
    if _FREE.search(folded):
        return Decimal(0)
    if _CHEAPER.search(folded):
        prices = [p for p in shown_prices if p > 0]
        return min(prices) - Decimal("0.01") if prices else None
    return None
