"""The real course records of tests/data/real and what a citizen reads of them (no tests here).

Edge cases are derived from the real records at run time (a Termin without its offer number, a
negative price, an unknown town …), so every test starts from data a provider really sent.
"""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.course_view import card_values, details_values, phrase
from bot.db.models import Course, Place, Region, Topic
from bot.demo.topics import TOPICS
from bot.geo import find
from bot.search import CourseQuery, search_courses
from bot.search.text import fold
from bot.wording import render

REAL = Path(__file__).resolve().parents[2] / "data" / "real"
KURSNET = REAL / "kursnet-termine.json"
OPENQCAT = REAL / "openqcat-katalog-iso-8859-15.xml"
OPENQCAT_DELETE = REAL / "openqcat-loeschung.xml"
OPENVHS = REAL / "openvhs-berlin.xml"
SYNC = REAL / "kursnet-sync"
#: Offer and run numbers of the real records.
CPP, CPP_RUN = "14363439", "179752566"  # C++ und Scrum Master, alfatraining Helmstedt
CONSULTANT, CONSULTANT_RUN = "14222269", "184336343"  # IU Akademie, Münster
VHS_BERLIN = "Volkshochschulen Berlin"


def add_topics(session: Session) -> None:
    """The bot's own topics (those of the demo installation), without any course."""
    session.add_all(Topic(slug=t.slug, name=t.name, synonyms=list(t.synonyms)) for t in TOPICS)
    session.flush()


def add_home_region(session: Session, slug: str = "muensterland", town: str = "Münster") -> Region:
    """A home region with one stored town (coordinates and key from the gazetteer, as the demo does)."""
    found = find(town, typos=False)
    assert found is not None
    region = Region(slug=slug, name=f"Region {town}", state=found.state)
    session.add(region)
    session.flush()
    session.add(Place(region_id=region.id, name=found.name, name_folded=fold(found.name), postcode=found.postcode,
                      state=found.state, latitude=found.lat, longitude=found.lon, geo_key=found.key))
    session.flush()
    return region


def termine() -> list[dict[str, Any]]:
    """The two real Termine, a fresh copy to change."""
    return copy.deepcopy(json.loads(KURSNET.read_text(encoding="utf-8"))["_embedded"]["termine"])


def write_kursnet(path: Path, runs: list[dict[str, Any]]) -> Path:
    path.write_text(json.dumps({"_embedded": {"termine": runs}}, ensure_ascii=False), encoding="utf-8")
    return path


def course(session: Session, external_id: str) -> Course | None:
    return session.execute(select(Course).where(Course.external_id == external_id)).scalar_one_or_none()


def cards(session: Session, text: str, today: date, place: str | None = None) -> list[str]:
    """The course cards a citizen reads for a search, as the action server renders them."""
    result = search_courses(session, CourseQuery(text=text, place=place, today=today, page_size=10))
    return [render("course_card", **card_values(number, hit, phrase))["text"]
            for number, hit in enumerate(result.hits, start=1)]


def details(session: Session, external_id: str, today: date) -> str:
    """A course's details as the citizen reads them."""
    found = course(session, external_id)
    assert found is not None
    values = details_values(session, found.id, phrase, today=today)
    assert values is not None
    return render("course_details", **values)["text"]
