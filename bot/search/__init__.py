"""German-aware course search over the offer database.

Entry points: ``search_courses(session, CourseQuery(...))``, ``resolve_place(session, text)`` and
``expand_terms(text, vocabulary)``. See ``query.py`` for the flow. When a search finds nothing,
``alternatives.find_alternatives`` says what helps; ``start_window.read_start_window`` reads
"ab März" or "im Januar" into the query's start window.
"""

from bot.search.page import CourseHit
from bot.search.places import PlaceInfo, resolve_place
from bot.search.query import CourseQuery, SearchResult, search_courses
from bot.search.understand import expand_terms
from bot.search.vocabulary import get_vocabulary, refresh_vocabulary

__all__ = [
    "CourseHit",
    "CourseQuery",
    "PlaceInfo",
    "SearchResult",
    "expand_terms",
    "get_vocabulary",
    "refresh_vocabulary",
    "resolve_place",
    "search_courses",
]
