"""Signs that carry meaning in funding questions, spelled out before text is folded.

``bot.search.text.fold`` drops every non-letter, so "§ 82 SGB III" became "82 sgb iii" (and "§82"
just "82", which matched nothing), and "150 €" lost what the number means. Here a paragraph sign
and the number it governs become one word ("paragraf82", "paragraf82a"), "Paragraph 82" and
"Par. 82" included, and "€" and "%" become "euro" and "prozent". Everything else is left for
``fold``.
"""

from __future__ import annotations

import re

_PARAGRAPH = re.compile(r"(?:§+|\bparagra(?:ph|f)(?:en)?\b|\bpar\.)\s*(\d+)\s?([a-z])?(?![a-z0-9])", re.IGNORECASE)
_SIGNS = str.maketrans({"€": " euro ", "%": " prozent "})


def spell_out_signs(text: str) -> str:
    """"§ 82a SGB III, 50 %" -> " paragraf82a  SGB III, 50  prozent " (fold the result afterwards)."""
    text = _PARAGRAPH.sub(lambda m: f" paragraf{m.group(1)}{(m.group(2) or '').lower()} ", text)
    return text.translate(_SIGNS)
