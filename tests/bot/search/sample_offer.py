"""A small, hand-made offer shared by the search tests (this module holds no tests itself).

Search text is built from title, topic name, keywords and description only, deliberately
without the topic synonyms, so that the tests prove the *query* side finds synonyms.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

from bot.db.models import PRICE_AMOUNT, Course, CourseDate, Place, Provider, Region, Topic
from bot.geo import find
from bot.search.text import build_search_text, fold

TODAY = date(2030, 3, 4)
#: The day the demo data (bot/demo) is seeded for in the ``demo`` fixture: a Monday.
DEMO_DAY = date(2026, 11, 23)


def _places(session: Session) -> dict[str, Place]:
    regions = {
        "krefeld": Region(slug="krefeld", name="Krefeld", state="NW"),
        "wesel": Region(slug="kreis-wesel", name="Kreis Wesel", state="NW"),
        "waldeck": Region(slug="waldeck-frankenberg", name="Landkreis Waldeck-Frankenberg", state="HE"),
    }
    session.add_all(regions.values())
    session.flush()
    specs = [("krefeld", "Krefeld", "47798"), ("wesel", "Wesel", "46483"), ("wesel", "Moers", "47441"),
             ("wesel", "Dinslaken", "46535"), ("waldeck", "Korbach", "34497"),
             ("waldeck", "Bad Wildungen", "34537")]
    places = {name: Place(region_id=regions[r].id, name=name, name_folded=fold(name), postcode=code,
                          state=regions[r].state, **_coordinates(name, code))
              for r, name, code in specs}
    session.add_all(places.values())
    return places


def _coordinates(name: str, postcode: str) -> dict[str, object]:
    town = find(name, postcode=postcode, typos=False)
    assert town is not None, name
    return {"latitude": town.lat, "longitude": town.lon, "geo_key": town.key}


def _topics(session: Session) -> dict[str, Topic]:
    topics = {
        "pflege": Topic(slug="pflege", name="Pflege", synonyms=["Altenpflege", "Pflegehelfer"]),
        "it": Topic(slug="it", name="IT und Programmierung", synonyms=["EDV", "Informatik"]),
        "office": Topic(slug="office", name="Office und Computer", synonyms=["PC", "Excel"]),
        "buchhaltung": Topic(slug="buchhaltung", name="Buchhaltung", synonyms=[]),
        "logistik": Topic(slug="logistik", name="Lager und Logistik", synonyms=["Gabelstapler"]),
        "paedagogik": Topic(slug="paedagogik", name="Pädagogik", synonyms=[]),
        "metall": Topic(slug="metall", name="Metall und Schweißen", synonyms=[]),
    }
    session.add_all(topics.values())
    return topics


#: title, topic, place (None = online), start offsets in days, price, schedule, extras
COURSES = [
    ("Excel für Einsteiger", "office", "Krefeld", [-30, 10], 190, "abends", {}),
    ("Excel kompakt", "office", "Wesel", [3], 250, "teilzeit", {}),
    ("Excel Aufbaukurs", "office", "Krefeld", [-10], 300, "abends", {}),
    ("Pflegebasiskurs", "pflege", "Wesel", [20], 450, "teilzeit",
     {"bildungsgutschein": True, "keywords": ["Betreuung"]}),
    ("Kommunikation in der Pflege", "paedagogik", "Wesel", [2], 120, "wochenende", {}),
    ("Linux-Administration", "it", "Krefeld", [30], 2400, "vollzeit",
     {"bildungsgutschein": True, "description": "Sie lernen, Server sicher zu betreiben."}),
    ("Server-Grundlagen", "it", "Krefeld", [50], 900, "vollzeit", {}),
    ("Buchhaltung Grundlagen", "buchhaltung", "Dinslaken", [15], 980, "berufsbegleitend",
     {"bildungsurlaub_states": ["NW"]}),
    ("Gabelstaplerschein", "logistik", "Korbach", [5], 89, "wochenende", {"bildungsgutschein": True}),
    ("Erzieherin berufsbegleitend", "paedagogik", "Bad Wildungen", [40], 0, "berufsbegleitend",
     {"aufstiegs_bafoeg": True}),
    ("Schweißen MAG", "metall", "Korbach", [12], 1200, "vollzeit", {}),
    ("Python für Einsteiger", "it", None, [8], 300, "abends",
     {"format": "online", "bildungsurlaub_states": ["NW", "HE"]}),
]


def seed_offer(session: Session) -> dict[str, int]:
    """Insert the offer above; returns course ids by title."""
    places, topics = _places(session), _topics(session)
    provider = Provider(name="VHS Musterstadt", azav_certified=True)
    session.add(provider)
    session.flush()
    ids: dict[str, int] = {}
    for n, (title, topic_slug, place, offsets, price, schedule, extra) in enumerate(COURSES):
        extra = dict(extra)
        keywords = extra.pop("keywords", [])
        description = extra.pop("description", "Praxisnah und in kleinen Gruppen.")
        topic = topics[topic_slug]
        fmt = extra.pop("format", "praesenz")
        course = Course(
            provider_id=provider.id, external_id=f"K{n}", title=title, description=description,
            topic_id=topic.id, keywords=keywords,
            search_text=build_search_text(title, topic.name, *keywords, description), **extra,
        )
        for offset in offsets:
            start = TODAY + timedelta(days=offset)
            course.dates.append(CourseDate(start_date=start, end_date=start + timedelta(days=20),
                                           place_id=places[place].id if place else None, format=fmt,
                                           schedule=schedule, price_eur=price, price_state=PRICE_AMOUNT))
        session.add(course)
        session.flush()
        ids[title] = course.id
    return ids
