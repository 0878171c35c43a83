"""The sample course files under tests/data/import and the reference rows they refer to."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.db.models import Course, Place, Region, Topic
from bot.search.text import fold

DATA = Path(__file__).resolve().parents[2] / "data" / "import"


def add_reference_rows(session: Session) -> None:
    """The regions, places and topics the sample files refer to."""
    krefeld = Region(slug="krefeld", name="Krefeld", state="NW")
    wesel = Region(slug="kreis-wesel", name="Kreis Wesel", state="NW")
    session.add_all([krefeld, wesel])
    for region, name, postcode in [(krefeld, "Krefeld", "47798"), (wesel, "Moers", "47441"), (wesel, "Wesel", "46483")]:
        session.add(Place(region=region, name=name, name_folded=fold(name), postcode=postcode))
    session.add(Topic(slug="it", name="IT und EDV", synonyms=["EDV", "Computer"]))
    session.add(Topic(slug="schweissen", name="Schweißen und Metall", synonyms=["Schweisser"]))
    session.flush()


def count(session: Session, model: type) -> int:
    return session.execute(select(func.count()).select_from(model)).scalar_one()


def snapshot(session: Session) -> dict:
    """Everything about the courses that a citizen or editor could notice, without database ids."""
    result = {}
    for c in session.execute(select(Course)).scalars():
        result[(c.provider.name, c.external_id)] = (
            c.provider.azav_certified, c.title, c.description, c.topic.slug, c.keywords, c.degree, c.hours,
            c.language, c.level, c.target_groups, c.bildungsgutschein,
            c.aufstiegs_bafoeg, c.bildungsurlaub_states, c.url, c.search_text,
            [(d.start_date, d.end_date, d.place.name if d.place else None, d.seats, d.price_eur, d.price_state,
              d.format, d.schedule) for d in c.dates],
        )  # fmt: skip
    return result
