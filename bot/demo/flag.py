"""Whether the offer database holds the demo data, asked for every page of search results.

Kept per database like the search snapshot (``bot.search.cache``): the flag is written when the
demo offer is seeded, which also changes the courses the cache watches. Asked from the
database it is one more query for every page of results (figure: docs/performance.md).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.db.models import DatasetInfo
from bot.search.cache import PerDatabase


def _read(session: Session) -> bool:
    row = session.get(DatasetInfo, "demo_data")
    return row is not None and row.value == "true"


_FLAGS: PerDatabase[bool] = PerDatabase(_read)


def is_demo_offer(session: Session) -> bool:
    return _FLAGS.get(session)
