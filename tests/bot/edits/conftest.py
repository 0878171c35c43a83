"""A migrated SQLite database with one centre and two accounts of the education network."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

import pytest

from bot.db.models import Advisor, CounsellingCentre, Region
from bot.db.session import session_scope
from bot.edits import live

NOW = datetime(2026, 12, 7, 10, 0)


@dataclass(frozen=True)
class People:
    anna: int
    bernd: int


@pytest.fixture()
def people(db_url: str) -> Iterator[People]:
    live.forget()
    with session_scope(db_url) as s:
        region = Region(slug="krefeld", name="Krefeld", state="NW")
        centre = CounsellingCentre(region=region, slug="vhs-krefeld", name="VHS Krefeld", kind="vhs",
                                   phone="02151 000000", opening_hours={"mo": [["08:00", "12:00"]]})
        s.add(centre)
        s.flush()
        anna = Advisor(centre_id=centre.id, name="Anna Netz", email="anna@netzwerk.example", role="netzwerk")
        bernd = Advisor(centre_id=centre.id, name="Bernd Netz", email="bernd@netzwerk.example", role="netzwerk")
        s.add_all([anna, bernd])
        s.flush()
        ids = People(anna.id, bernd.id)
    yield ids
    live.forget()
