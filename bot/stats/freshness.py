"""Facts whose "Stand" is older than a set age (LOTSE_STALE_DAYS), for review on the dashboard.

Three kinds: funding programmes (their Stand in bot/funding/programmes.yaml, or a newer edit),
counselling centres (the newest edit of one of their fields; the seed data carries no date, so a
centre nobody has confirmed yet is listed as "ohne Stand") and FAQ answers (the "(Stand: …)" in
their text in domain.yml, or a newer edit). A Stand that names only a month or a year counts
from the end of that period, so "2025" is not older than "31.12.2025".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import CounsellingCentre, Region
from bot.edits.store import Current, current_values
from bot.funding.catalogue import load_catalogue
from bot.funding.model import period_end
from bot.kb.passages import _FAQ_STAND, domain_responses

MONTHS = ("januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober",
          "november", "dezember")


@dataclass(frozen=True)
class StaleFact:
    kind: str  # centre / programme / faq
    key: str
    name: str
    #: The newest Stand known for the fact; None when it has none at all.
    stand: date | None
    #: How the Stand was written ("Februar 2026", "2025", "12.03.2026").
    stand_text: str


def stand_date(text: str | None) -> date | None:
    """The last day a written Stand covers: "09.02.2026", "Februar 2026", "02/2026", "2025-02", "2025"."""
    if not text:
        return None
    text = text.strip().casefold()
    if match := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text):
        day, month, year = (int(g) for g in match.groups())
        return date(year, month, day)
    if (match := re.fullmatch(r"([a-zä]+) (\d{4})", text)) and match.group(1) in MONTHS:
        return period_end(f"{match.group(2)}-{MONTHS.index(match.group(1)) + 1:02d}")
    if match := re.fullmatch(r"(\d{1,2})/(\d{4})", text):
        return period_end(f"{match.group(2)}-{int(match.group(1)):02d}")
    if re.fullmatch(r"\d{4}(-\d{2}){0,2}", text):
        return period_end(text)
    return None


def _newest_edit(current: Mapping[tuple[str, str, str], Current], kind: str, key: str) -> date | None:
    stands = [c.stand for (k, s, _), c in current.items() if k == kind and s == key]
    return max(stands) if stands else None


def _newest(written: str | None, edited: date | None) -> tuple[date | None, str]:
    """The newer of the Stand written in the seed data and the newest edit's, with how to show it."""
    seed = stand_date(written)
    if edited is not None and (seed is None or edited > seed):
        return edited, f"{edited:%d.%m.%Y}"
    return seed, written or ""


def stale_facts(session: Session, region: Region, today: date, max_age_days: int,
                centre: str | None = None) -> list[StaleFact]:
    """The facts of ``region`` (or only ``centre`` among the centres) older than ``max_age_days``, oldest first."""
    limit = today - timedelta(days=max_age_days)
    current = current_values(session)
    found: list[StaleFact] = []
    query = select(CounsellingCentre).where(CounsellingCentre.region_id == region.id)
    if centre is not None:
        query = query.where(CounsellingCentre.slug == centre)
    for row in session.execute(query.order_by(CounsellingCentre.name)).scalars():
        stand = _newest_edit(current, "centre", row.slug)
        if stand is None or stand < limit:
            found.append(StaleFact("centre", row.slug, row.name, stand, f"{stand:%d.%m.%Y}" if stand else ""))
    for programme in load_catalogue():
        if not programme.available_in(region.state):
            continue
        stand, shown = _newest(programme.as_of, _newest_edit(current, "programme", programme.slug))
        if stand is None or stand < limit:
            found.append(StaleFact("programme", programme.slug, programme.name, stand, shown))
    for name, variants in domain_responses().items():
        if not name.startswith("utter_faq/") or not variants:
            continue
        key = name.split("/", 1)[1]
        written = _FAQ_STAND.search(str(variants[0].get("text") or ""))
        stand, shown = _newest(written.group(1) if written else None, _newest_edit(current, "faq", key))
        if stand is None or stand < limit:
            found.append(StaleFact("faq", key, key.replace("_", " ").capitalize(), stand, shown))
    return sorted(found, key=lambda f: (f.stand or date.min, f.kind, f.name))
