"""Tables of the offer database.

One schema for SQLite (embedded default) and PostgreSQL (production). Written in the
``Column`` style with ``sqlalchemy.orm.declarative_base`` because that runs unchanged on
SQLAlchemy 1.4 (pinned by Rasa 3.6) and 2.x. Every change to this file needs an Alembic
migration under ``bot/db/migrations/versions``; ``tests/bot/db/test_migrations.py`` checks that
the migrations produce exactly these tables.

German domain terms stay German where English has no honest word for them:
``Bildungsgutschein`` (education voucher of the employment agency, usable only for
AZAV-certified courses), ``Aufstiegs-BAföG`` (upgrading-training grant, e.g. Meister),
``Bildungsurlaub`` (paid educational leave under state law; NRW and Hessen differ).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import declarative_base, relationship

#: ``Any`` for the type checker: SQLAlchemy 1.4 ships no types, its declarative base is dynamic.
Base: Any = declarative_base()

#: The Bundesländer by their ISO 3166-2 suffix. Funding and Bildungsurlaub differ per state; the
#: five home regions are in NW and HE, imported courses may be anywhere.
STATES = {
    "NW": "Nordrhein-Westfalen", "HE": "Hessen", "BW": "Baden-Württemberg", "BY": "Bayern", "BE": "Berlin",
    "BB": "Brandenburg", "HB": "Bremen", "HH": "Hamburg", "MV": "Mecklenburg-Vorpommern", "NI": "Niedersachsen",
    "RP": "Rheinland-Pfalz", "SL": "Saarland", "SN": "Sachsen", "ST": "Sachsen-Anhalt", "SH": "Schleswig-Holstein",
    "TH": "Thüringen",
}
FORMATS = ("praesenz", "online", "hybrid")
SCHEDULES = ("vollzeit", "teilzeit", "berufsbegleitend", "abends", "wochenende")
#: What a run's price is: an amount (0 = really free), "auf Anfrage" (unknown), or covered by funding
#: (KURSNET's 0.0 with ``foerderung``: the voucher pays; neither of the last two is ever "0 €").
PRICE_AMOUNT, PRICE_ON_REQUEST, PRICE_FUNDED = "betrag", "anfrage", "foerderung"
PRICE_STATES = (PRICE_AMOUNT, PRICE_ON_REQUEST, PRICE_FUNDED)
#: A run is "aktiv" until its source drops it (then "beendet", with the day it was noticed).
RUN_ACTIVE, RUN_ENDED = "aktiv", "beendet"
#: Where a course record comes from; shown to citizens as "Quelle: …".
SOURCES = {"kursnet": "KURSNET", "openqcat": "KURSNET (openQ-cat)", "openvhs": "vhs-Kursfinder",
           "eigen": "Redaktion", "demo": "Beispieldaten"}


class Region(Base):
    """A city or district that runs the bot (Krefeld, Kreis Wesel, ...)."""

    __tablename__ = "regions"
    id = Column(Integer, primary_key=True)
    slug = Column(String(40), nullable=False, unique=True)
    name = Column(String(120), nullable=False)
    state = Column(String(2), nullable=False)  # key of STATES
    places = relationship("Place", back_populates="region", order_by="Place.name")


class Place(Base):
    """A town or municipality where courses or centres are: in a home region, or anywhere in Germany.

    Home places belong to a region; places created by an import (Kassel, Leipzig ...) have none.
    ``geo_key`` ties a place to the national gazetteer (``bot.geo``), which also gives its coordinates.
    """

    __tablename__ = "places"
    id = Column(Integer, primary_key=True)
    region_id = Column(ForeignKey("regions.id"), nullable=True, index=True)
    name = Column(String(120), nullable=False)
    #: Lower-case, umlaut-folded name for matching what citizens type ("moers", "bad wildungen").
    name_folded = Column(String(120), nullable=False, index=True)
    postcode = Column(String(5), nullable=False)
    state = Column(String(2))  # key of STATES
    latitude = Column(Float)
    longitude = Column(Float)
    geo_key = Column(String(200), index=True)
    region = relationship("Region", back_populates="places")
    __table_args__ = (UniqueConstraint("region_id", "name", name="uq_place_region_name"),)


class Topic(Base):
    """A subject area citizens search by (Pflege, IT, Buchhaltung ...), with its synonyms."""

    __tablename__ = "topics"
    id = Column(Integer, primary_key=True)
    slug = Column(String(60), nullable=False, unique=True)
    name = Column(String(120), nullable=False)
    #: Words people use for the topic, e.g. ["EDV", "Computer"] for IT; feeds search and NLU.
    synonyms = Column(JSON, nullable=False, default=list)


class Provider(Base):
    """A Bildungsträger. Only AZAV-certified providers may redeem a Bildungsgutschein."""

    __tablename__ = "providers"
    id = Column(Integer, primary_key=True)
    name = Column(String(200), nullable=False, unique=True)
    azav_certified = Column(Boolean, nullable=False, default=False)
    street = Column(String(200))
    postcode = Column(String(5))
    city = Column(String(120))
    phone = Column(String(40))
    email = Column(String(200))
    website = Column(String(300))
    #: The provider's id at the source (KURSNET ``bildungsanbieter.id``), matched before the name.
    external_id = Column(String(40), index=True)
    is_demo = Column(Boolean, nullable=False, default=False)
    courses = relationship("Course", back_populates="provider")


class Course(Base):
    """A course offer (KURSNET: Angebot); its runs (Termine) are ``CourseDate`` rows.

    Place, dates, schedule, format and price belong to the run, as in the real formats: one
    retraining offered in nine towns is one course with nine runs.
    """

    __tablename__ = "courses"
    id = Column(Integer, primary_key=True)
    provider_id = Column(ForeignKey("providers.id"), nullable=False, index=True)
    #: The provider's own id for the offer; importers upsert by (provider, external_id).
    external_id = Column(String(100), nullable=False)
    title = Column(String(300), nullable=False)
    description = Column(Text, nullable=False, default="")
    #: None: no topic fits (a real record is still imported and found by its words).
    topic_id = Column(ForeignKey("topics.id"), nullable=True, index=True)
    keywords = Column(JSON, nullable=False, default=list)
    degree = Column(String(200))  # Abschluss/Zertifikat
    hours = Column(Integer)  # Unterrichtsstunden
    language = Column(String(40), nullable=False, default="Deutsch")
    level = Column(String(60))
    target_groups = Column(JSON, nullable=False, default=list)
    bildungsgutschein = Column(Boolean, nullable=False, default=False)  # AZAV-zugelassene Maßnahme
    aufstiegs_bafoeg = Column(Boolean, nullable=False, default=False)
    #: States in which the course is recognised as Bildungsurlaub, e.g. ["NW"].
    bildungsurlaub_states = Column(JSON, nullable=False, default=list)
    url = Column(String(300))
    #: The AZAV certifier (fachkundige Stelle) named by the source, e.g. "DQS GmbH ...".
    certifier = Column(String(200))
    #: Key of SOURCES and the day the source last changed the record (KURSNET: aktualisierungsdatum).
    source = Column(String(20), nullable=False, default="eigen")
    source_updated = Column(Date)
    #: Lower-case, umlaut-folded title, topic, keywords and description for German-aware search.
    search_text = Column(Text, nullable=False, default="")
    is_demo = Column(Boolean, nullable=False, default=False)
    provider = relationship("Provider", back_populates="courses")
    topic = relationship("Topic")
    dates = relationship(
        "CourseDate", back_populates="course", cascade="all, delete-orphan", passive_deletes=True,
        # Dated runs first by start, then those without a date; the same order on SQLite and PostgreSQL
        # (their NULL defaults differ) and the order run_order() gives runs added in a session.
        order_by=lambda: _run_columns(),
    )
    __table_args__ = (UniqueConstraint("provider_id", "external_id", name="uq_course_provider_external"),)


class CourseDate(Base):
    """One run (Termin) of a course, with its own place, dates, schedule, format and price.

    Online runs have no place. ``start_date`` is None for "Einstieg jederzeit" (``flexible_start``)
    and for runs whose dates the provider gives on request; such runs count as current.
    """

    __tablename__ = "course_dates"
    id = Column(Integer, primary_key=True)
    course_id = Column(ForeignKey("courses.id", ondelete="CASCADE"), nullable=False, index=True)
    #: The run's id at the source (KURSNET Termin id, openQ-cat PRODUCT_ID); None for own files.
    external_id = Column(String(100))
    start_date = Column(Date)
    end_date = Column(Date)
    flexible_start = Column(Boolean, nullable=False, default=False)
    place_id = Column(ForeignKey("places.id"), nullable=True)
    street = Column(String(200))
    postcode = Column(String(5))
    latitude = Column(Float)
    longitude = Column(Float)
    format = Column(String(10), nullable=False)  # one of FORMATS
    schedule = Column(String(20), nullable=False)  # one of SCHEDULES
    #: The provider's own words on times ("Mo–Fr 08:30–15:35"), plain text.
    schedule_text = Column(Text)
    price_eur = Column(Numeric(10, 2))  # None unless price_state is PRICE_AMOUNT
    price_state = Column(String(12), nullable=False, default=PRICE_AMOUNT)  # one of PRICE_STATES
    price_remark = Column(Text)  # "inkl. Prüfungsgebühren", "erm. 25,61 €"
    seats = Column(Integer)
    status = Column(String(10), nullable=False, default=RUN_ACTIVE)
    ended_on = Column(Date)  # when the source stopped listing the run
    course = relationship("Course", back_populates="dates")
    place = relationship("Place")
    __table_args__ = (Index("ix_course_dates_place_start", "place_id", "start_date"),)


def _run_columns() -> tuple[Any, ...]:
    """The ORDER BY of ``Course.dates`` (a function, so that it names CourseDate after its definition)."""
    return (CourseDate.start_date.is_(None), CourseDate.start_date, CourseDate.id)


def run_order(run: CourseDate) -> tuple[bool, date]:
    """Sort key giving the order of ``Course.dates`` as loaded, for runs not yet loaded (stable for ties)."""
    return (run.start_date is None, run.start_date or date.min)


class FundingProgramme(Base):
    """A federal, state or regional funding programme with dated, sourced facts.

    The facts are data (``facts``: list of {"text", "source", "as_of", "uncertain"}) so that an
    editor can update them without touching code; the bot states each with its date.
    """

    __tablename__ = "funding_programmes"
    id = Column(Integer, primary_key=True)
    slug = Column(String(60), nullable=False, unique=True)
    name = Column(String(200), nullable=False)
    level = Column(String(10), nullable=False)  # bund / land
    states = Column(JSON, nullable=False, default=list)  # [] = everywhere, else e.g. ["HE"]
    status = Column(String(10), nullable=False)  # aktiv / beendet / unklar
    summary = Column(Text, nullable=False)
    summary_plain = Column(Text, nullable=False)  # einfache Sprache
    facts = Column(JSON, nullable=False, default=list)
    how_to_apply = Column(Text, nullable=False, default="")
    office = Column(Text, nullable=False, default="")
    url = Column(String(300))
    as_of = Column(Date, nullable=False)
    replaced_by = Column(String(60))  # slug of the programme to use instead, for ended ones


class CounsellingCentre(Base):
    """A public counselling office (Agentur für Arbeit, VHS, ...); receives callbacks."""

    __tablename__ = "counselling_centres"
    id = Column(Integer, primary_key=True)
    region_id = Column(ForeignKey("regions.id"), nullable=False, index=True)
    slug = Column(String(60), nullable=False, unique=True)
    name = Column(String(200), nullable=False)
    kind = Column(String(40), nullable=False)
    street = Column(String(200))
    postcode = Column(String(5))
    city = Column(String(120))
    phone = Column(String(40))
    email = Column(String(200))
    website = Column(String(300))
    #: {"mo": [["08:00", "16:00"]], ...}; empty when not known (then the bot says so).
    opening_hours = Column(JSON, nullable=False, default=dict)
    languages = Column(JSON, nullable=False, default=list)
    #: Where a fact about the centre comes from and how sure we are.
    source = Column(Text)
    is_demo = Column(Boolean, nullable=False, default=False)
    region = relationship("Region")


class Advisor(Base):
    """A person at a counselling centre who works through callbacks and handovers."""

    __tablename__ = "advisors"
    id = Column(Integer, primary_key=True)
    centre_id = Column(ForeignKey("counselling_centres.id"), nullable=False, index=True)
    name = Column(String(200), nullable=False)
    email = Column(String(200), nullable=False, unique=True)
    password_hash = Column(String(300))
    role = Column(String(20), nullable=False, default="advisor")  # advisor / admin
    callback_capacity = Column(Integer, nullable=False, default=10)


class CallbackRequest(Base):
    """A citizen's request to be called back; stored only after consent (DSGVO Art. 6/7)."""

    __tablename__ = "callback_requests"
    # One booking per confirmation: the consent time identifies it, so a confirmation that arrives
    # twice at once (double click, retry) cannot store two requests.
    __table_args__ = (Index("uq_callback_confirmation", "sender_id", "consent_at", unique=True),)
    id = Column(Integer, primary_key=True)
    reference = Column(String(12), nullable=False, unique=True)
    sender_id = Column(String(200), nullable=False, index=True)
    centre_id = Column(ForeignKey("counselling_centres.id"), nullable=True, index=True)
    name = Column(String(200), nullable=False)
    phone = Column(String(40))  # E.164
    email = Column(String(200))
    preferred_time = Column(String(200), nullable=False, default="")
    window_start = Column(DateTime)
    window_end = Column(DateTime)
    topic = Column(String(300), nullable=False, default="")
    #: The conversation that led to the request, as in a handover (bot/transcript.py); None before 0007.
    transcript = Column(JSON, nullable=True)
    #: What the advisor reads first (bot/summary.py ConversationSummary); None before 0012.
    summary = Column(JSON, nullable=True)
    #: The citizen's language for the advisor ("Arabisch — Dolmetscher einplanen"); None: German.
    language = Column(String(200), nullable=True)
    consent_at = Column(DateTime, nullable=False)
    consent_version = Column(String(40), nullable=False)
    status = Column(String(20), nullable=False, default="neu")  # neu / in_bearbeitung / erledigt / storniert
    created_at = Column(DateTime, nullable=False)
    advisor_id = Column(ForeignKey("advisors.id"), nullable=True)
    centre = relationship("CounsellingCentre")


class Handover(Base):
    """A conversation handed to a human advisor, with what they need to act without re-asking."""

    __tablename__ = "handovers"
    id = Column(Integer, primary_key=True)
    reference = Column(String(12), nullable=False, unique=True)
    sender_id = Column(String(200), nullable=False, index=True)
    channel = Column(String(40), nullable=False, default="")
    centre_id = Column(ForeignKey("counselling_centres.id"), nullable=True, index=True)
    reason = Column(String(40), nullable=False)  # wunsch / frust / fallback
    #: bot/summary.py ConversationSummary: situation, search, courses, programmes, open question …
    summary = Column(JSON, nullable=False, default=dict)
    #: [{"who": "citizen"|"bot", "text", "at"}]
    transcript = Column(JSON, nullable=False, default=list)
    status = Column(String(20), nullable=False, default="neu")
    created_at = Column(DateTime, nullable=False)
    centre = relationship("CounsellingCentre")


class DatasetInfo(Base):
    """Key/value facts about the loaded data, e.g. that it is demo data and when it was seeded."""

    __tablename__ = "dataset_info"
    key = Column(String(60), primary_key=True)
    value = Column(Text, nullable=False)


class DeletionRequest(Base):
    """A citizen's in-chat "Bitte löschen Sie meine Daten", carried out shortly afterwards.

    The conversation history lives in Rasa's tracker store, which Rasa writes at the end of the
    very turn in which the citizen asks: deleting it inside that turn would be undone at once.
    So the request is stored here and executed a little later (advisor app, ``lotse privacy purge``).
    """

    __tablename__ = "deletion_requests"
    id = Column(Integer, primary_key=True)
    sender_id = Column(String(200), nullable=False, index=True)
    requested_at = Column(DateTime, nullable=False)
    done_at = Column(DateTime)


# Tables of other features live in their own modules; importing them here registers them with
# Base.metadata wherever the schema is used (Alembic autogenerate, schema tests).
from bot.db import models_advisor, models_edits, models_feedback, models_stats  # noqa: E402, F401
