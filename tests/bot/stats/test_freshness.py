"""bot/stats/freshness.py: what is listed for review, and how a written Stand is read."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from bot.db.models import Advisor, CounsellingCentre, Region
from bot.edits.store import set_fact
from bot.stats.freshness import stale_facts, stand_date


def test_a_written_stand_counts_to_the_end_of_its_period() -> None:
    assert stand_date("09.02.2026") == date(2026, 2, 9)
    assert stand_date("Dezember 2026") == date(2026, 12, 31)
    assert stand_date("02/2026") == date(2026, 2, 28)
    assert stand_date("2025") == date(2025, 12, 31)
    assert stand_date("2024-02") == date(2024, 2, 29)
    assert stand_date("irgendwann") is None and stand_date(None) is None


def test_old_programmes_and_unconfirmed_centres_are_listed_an_edit_makes_a_centre_fresh(session: Session) -> None:
    region = Region(slug="krefeld", name="Krefeld", state="NW")
    session.add_all([CounsellingCentre(region=region, slug="vhs-krefeld", name="VHS Krefeld", kind="vhs"),
                     CounsellingCentre(region=region, slug="aa-krefeld", name="Agentur für Arbeit Krefeld",
                                       kind="agentur_fuer_arbeit")])
    session.flush()
    today = date(2030, 1, 1)  # every Stand of the catalogue is older than a year by then
    listed = stale_facts(session, region, today, 365)
    kinds = {f.kind for f in listed}
    assert kinds == {"centre", "programme", "faq"}
    names = [f.name for f in listed]
    assert "Bildungsgutschein" in names and "Bildungsurlaub NRW" in names
    assert "Bildungsurlaub Hessen" not in names  # not a programme of NRW
    assert [f.stand for f in listed if f.kind == "centre"] == [None, None]  # no Stand: listed first
    vhs = session.query(CounsellingCentre).filter_by(slug="vhs-krefeld").one()
    netz = Advisor(centre_id=vhs.id, name="Netz", email="netz@krefeld.example", role="netzwerk")
    session.add(netz)
    session.flush()
    set_fact(session, "centre", "vhs-krefeld", "phone", "02151 123456", "https://www.vhs.krefeld.de",
             date(2029, 11, 2), netz, datetime(2029, 12, 1, 9, 0))
    again = stale_facts(session, region, today, 365)
    assert [f.name for f in again if f.kind == "centre"] == ["Agentur für Arbeit Krefeld"]
    assert [f.name for f in stale_facts(session, region, today, 365, centre="vhs-krefeld") if f.kind == "centre"] == []
    fresh = stale_facts(session, region, date(2026, 1, 1), 365 * 100)  # a century: only what has no Stand at all
    assert fresh and all(f.stand is None for f in fresh)
