"""Two centres, their advisors and records, and the running app (real SQLite, real HTTP)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from advisor.accounts import add_advisor
from bot.db.models import CallbackRequest, CounsellingCentre, Handover, Region
from bot.db.session import session_scope
from bot.demo.seed import seed
from bot.funding.catalogue import sync_programmes
from tests.actions.test_stats_counting import PUZZLE, conversations, not_understood
from tests.advisor.harness import Client, Clock, running_app
from tests.chromium import chromium_page

START = datetime(2026, 11, 23, 9, 0)
PASSWORD = "richtig-langes-Passwort-1"


#: A summary as bot/summary.py stores it (what the advisor reads first).
SUMMARY = {
    "topic": "Pflege", "place": "Krefeld", "course_format": "praesenz", "schedule": "teilzeit",
    "programmes": ["bildungsgutschein"],
    "eligibility": ["Bildungsgutschein: wahrscheinlich ja (arbeitslos gemeldet)"],
    "situation": {"employment_status": "arbeitslos", "benefits": "alg1", "has_qualification": False,
                  "years_worked": 12.0, "age_band": [45, 54]},
    "courses": [{"title": "Pflegehelfer/in Basiskurs", "url": "https://pflege.example/basis", "opened": True},
                {"title": "Betreuungskraft § 43b", "url": None, "opened": False}],
    "open_question": "Kann ich die Umschulung in Teilzeit machen, wenn ich ein Kind habe?",
    "unanswered": ["Wer passt während des Kurses auf mein Kind auf"],
    "contact": None, "language": None,
}


@dataclass(frozen=True)
class World:
    url: str
    db_url: str
    clock: Clock
    ids: dict[str, int]

    def client(self, host: str | None = None, address: str | None = None) -> Client:
        return Client(self.url, host=host, address=address)

    def signed_in(self, email: str) -> Client:
        client = self.client()
        assert client.login(email, PASSWORD).status == 303
        return client


def _centre(region: Region, slug: str, name: str, email: str) -> CounsellingCentre:
    return CounsellingCentre(region=region, slug=slug, name=name, kind="vhs", email=email)


def populate(db_url: str) -> dict[str, int]:
    with session_scope(db_url) as s:
        krefeld = Region(slug="krefeld", name="Krefeld", state="NW")
        bottrop = Region(slug="bottrop", name="Bottrop", state="NW")
        vhs = _centre(krefeld, "vhs-krefeld", "VHS Krefeld", "beratung@vhs-krefeld.example")
        aa = _centre(bottrop, "aa-bottrop", "Agentur für Arbeit Bottrop", "bottrop@aa.example")
        s.add_all([vhs, aa])
        s.flush()
        admin = add_advisor(s, vhs, "leitung@vhs-krefeld.example", "Petra Leitner", "admin", PASSWORD).advisor
        anna = add_advisor(s, vhs, "anna@vhs-krefeld.example", "Anna Berger", "advisor", PASSWORD).advisor
        bernd = add_advisor(s, aa, "bernd@aa-bottrop.example", "Bernd Ostermann", "advisor", PASSWORD).advisor
        lena = add_advisor(s, vhs, "lena@vhs-krefeld.example", "Lena Hoffmann", "leitung", PASSWORD).advisor
        # The coordinating office of the Krefeld region; its account hangs on the VHS.
        netz = add_advisor(s, vhs, "netzwerk@krefeld.example", "Nina Netz", "netzwerk", PASSWORD).advisor
        records = {
            "cb_own": _callback(vhs, "WL-KRE111", "Erika Mustermann", "+4921511234567", "Pflegefachkraft",
                                datetime(2026, 11, 20, 10, 0), summary=SUMMARY),
            "cb_own_old": _callback(vhs, "WL-KRE222", "=HYPERLINK(\"x\")", "+4921519999999", "Buchhaltung",
                                    datetime(2026, 11, 2, 10, 0)),
            "cb_other": _callback(aa, "WL-BOT333", "Olaf Geheim", "+4920411111111", "Schweißen",
                                  datetime(2026, 11, 21, 8, 0)),
            "ho_own": _handover(vhs, "WL-KRE444", "Umschulung Pflege", "Ich möchte Pflegefachfrau werden",
                                datetime(2026, 11, 22, 14, 0)),
            "ho_other": _handover(aa, "WL-BOT555", "Schweißen", "Geheimer Verlauf aus Bottrop",
                                  datetime(2026, 11, 22, 15, 0)),
        }
        s.add_all(records.values())
        s.flush()
        ids = {key: record.id for key, record in records.items()}
        ids.update(admin=admin.id, anna=anna.id, bernd=bernd.id, lena=lena.id, netz=netz.id, vhs=vhs.id, aa=aa.id)
    return ids


def _callback(centre: CounsellingCentre, ref: str, name: str, phone: str, topic: str, at: datetime,
              summary: dict | None = None) -> CallbackRequest:
    return CallbackRequest(summary=summary,
        reference=ref, sender_id=f"sender-{ref}", centre=centre, name=name, phone=phone, email=None,
        preferred_time="Dienstag vormittags", window_start=datetime(2026, 11, 24, 9, 0),
        window_end=datetime(2026, 11, 24, 12, 0), topic=topic, consent_at=at, consent_version="2026-11-v1",
        status="neu", created_at=at,
    )


def _handover(centre: CounsellingCentre, ref: str, topic: str, first: str, at: datetime) -> Handover:
    return Handover(
        reference=ref, sender_id=f"sender-{ref}", channel="socketio", centre=centre, reason="wunsch",
        summary={**SUMMARY, "topic": topic, "contact": "erika@example.org"},
        transcript=[
            {"who": "citizen", "text": first, "at": "2026-11-22T14:00:05"},
            {"who": "bot", "text": "Dafür gibt es den Bildungsgutschein.", "at": "2026-11-22T14:00:06"},
            {"who": "citizen", "text": "Ich will mit einem Menschen sprechen", "at": "2026-11-22T14:01:10"},
        ],
        status="neu", created_at=at,
    )


@pytest.fixture()
def world(db_url: str) -> Iterator[World]:
    ids = populate(db_url)
    clock = Clock(START)
    with running_app(db_url, clock) as url:
        yield World(url, db_url, clock, ids)


@pytest.fixture()
def page() -> Iterator[object]:
    """A headless Chromium page (skipped without Chromium)."""
    with chromium_page() as page:
        yield page


#: The dashboard's accounts: e-mail -> (region, centre, role).
ACCOUNTS = {
    "netz.bottrop@example.org": ("bottrop", "vhs-bottrop", "netzwerk"),
    "netz.wesel@example.org": ("kreis-wesel", "vhs-wesel", "netzwerk"),
    "leitung@vhs-wesel.example": ("kreis-wesel", "vhs-wesel", "leitung"),
    "leitung@vhs-krefeld.example": ("krefeld", "vhs-krefeld", "leitung"),
    "beratung@vhs-wesel.example": ("kreis-wesel", "vhs-wesel", "advisor"),
    "konten@vhs-krefeld.example": ("krefeld", "vhs-krefeld", "admin"),
}


@dataclass
class Dashboard:
    url: str
    db_url: str
    clock: Clock

    def signed_in(self, email: str) -> Client:
        client = Client(self.url)
        assert client.login(email, PASSWORD).status == 303
        return client


@pytest.fixture()
def dashboard(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Dashboard]:
    """/auswertung of scripted conversations through the real actions on the demo data, with an
    account for every role (``ACCOUNTS``)."""
    monkeypatch.setenv("LOTSE_OFFER_DB_URL", db_url)
    monkeypatch.setenv("LOTSE_TRACKER_DB_URL", f"sqlite:///{tmp_path / 'tracker.sqlite3'}")
    monkeypatch.setenv("LOTSE_STATS_KEY", "schluessel-fuer-die-auswertung-im-test-0123")
    monkeypatch.delenv("LOTSE_REGION", raising=False)
    with session_scope(db_url) as s:
        seed(s, date.today())
        sync_programmes(s)
        for email, (_, centre, role) in ACCOUNTS.items():
            home = s.execute(select(CounsellingCentre).where(CounsellingCentre.slug == centre)).scalar_one()
            add_advisor(s, home, email, email.split("@")[0], role, PASSWORD)
    conversations(db_url)
    for sender in ("a-1", "a-2", "a-3", "a-4", "a-5"):
        not_understood(sender, PUZZLE)
    not_understood("b-1", "Wo ist der Zoo?")  # one conversation only: never shown
    clock = Clock(datetime.now())
    with running_app(db_url, clock) as url:
        yield Dashboard(url, db_url, clock)
