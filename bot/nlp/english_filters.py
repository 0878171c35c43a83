"""The search filters an English message names in English words ("evening only pls", "part-time", "in person").

The entity extractor (CRF) learned the German words ("nur abends", "Teilzeit", "vor Ort"); an English
refinement of a list just shown got no entity, so the bot could not tell it narrows the search and gave
the first-help text. The language detector adds these as ``schedule`` and ``course_format`` entities to
an English message (components/language_detector.py); the values are the codes the search stores
(bot/search/filters.py), so the slots fill as from the German words.
"""

from __future__ import annotations

import re
from typing import NamedTuple

#: English words -> schedule code (bot.db.models.SCHEDULES).
_SCHEDULES = (
    (r"(?:in the )?evenings?|after work", "abends"),
    (r"(?:at the |on )?week-?ends?|saturdays?|sundays?", "wochenende"),
    (r"full[- ]?time", "vollzeit"),
    (r"part[- ]?time", "teilzeit"),
    (r"(?:alongside|next to) (?:my |the )?(?:work|job)|while (?:i'?m )?working", "berufsbegleitend"),
)
#: English words -> course format code (bot.db.models.FORMATS).
_FORMATS = (
    (r"online|remote(?:ly)?|from home", "online"),
    (r"in[- ]person|on[- ]site|face[- ]to[- ]face|in a classroom|classroom", "praesenz"),
    (r"hybrid|blended", "hybrid"),
)


class Mention(NamedTuple):
    entity: str
    value: str
    start: int
    end: int


def _find(text: str, entity: str, table: tuple[tuple[str, str], ...]) -> Mention | None:
    for pattern, value in table:
        match = re.search(rf"\b(?:{pattern})\b", text, re.IGNORECASE)
        if match:
            return Mention(entity, value, match.start(), match.end())
    return None


def english_filters(text: str) -> list[Mention]:
    """The schedule and format an English ``text`` names, at most one of each, where they stand in it."""
    found = (_find(text, "schedule", _SCHEDULES), _find(text, "course_format", _FORMATS))
    return [m for m in found if m is not None]
