"""The funding catalogue, checked against the domain reference (foerderung-und-kursdaten.md)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select

from bot.db.models import FundingProgramme
from bot.funding import (
    CatalogueError,
    find_programme,
    get_programme,
    load_catalogue,
    programme_data,
    programmes_for_state,
    sync_programmes,
)
from bot.funding.catalogue import DEFAULT_PATH
from bot.funding.model import parse_iso, period_end

EXPECTED = {
    "bildungsgutschein", "foerderung_beschaeftigte", "qualifizierungsgeld", "weiterbildungsgeld_praemie",
    "aufstiegs_bafoeg", "bildungsscheck_nrw", "bildungsscheck_nrw_alt", "bildungspraemie",
    "bildungsurlaub_nrw", "bildungsurlaub_hessen", "proabschluss", "weiterbildungsstipendium",
    "aufstiegsstipendium", "anerkennungszuschuss", "integrationskurs", "berufssprachkurs",
}  # fmt: skip


@pytest.fixture(scope="module")
def catalogue():
    return {p.slug: p for p in load_catalogue()}


def test_catalogue_has_every_programme_of_the_reference(catalogue) -> None:
    assert set(catalogue) == EXPECTED


def test_every_fact_names_a_web_source_and_an_iso_date_or_none(catalogue) -> None:
    for p in catalogue.values():
        assert p.facts, p.slug
        for fact in p.facts:
            assert fact.source.startswith(("http://", "https://")), (p.slug, fact.text)
            if fact.as_of is not None:
                parse_iso(fact.as_of)


def test_stand_is_the_newest_dated_source(catalogue) -> None:
    for p in catalogue.values():
        dated = [f.as_of for f in p.facts if f.as_of]
        assert p.as_of in dated, p.slug
        assert all(parse_iso(d) <= period_end(p.as_of) for d in dated), p.slug


@pytest.mark.parametrize(
    ("slug", "date"),
    [("integrationskurs", "2026-02-09"), ("berufssprachkurs", "2025-05-06"), ("bildungsgutschein", "2026-03-05")],
)
def test_reference_warnings_are_marked_uncertain_with_their_date(catalogue, slug: str, date: str) -> None:
    assert date in [f.as_of for f in catalogue[slug].facts if f.uncertain]


def test_ended_programmes_say_when_and_what_instead(catalogue) -> None:
    ended = {s for s, p in catalogue.items() if p.status == "beendet"}
    assert ended == {"bildungsscheck_nrw_alt", "bildungspraemie"}
    assert catalogue["bildungsscheck_nrw_alt"].replaced_by == "bildungsscheck_nrw"
    assert catalogue["bildungsscheck_nrw_alt"].ended == "2024-06-30"
    assert catalogue["bildungspraemie"].ended == "2021-12-31"
    # No direct successor (reference section 7): NRW citizens are pointed to the Bildungsscheck 2.0.
    assert catalogue["bildungspraemie"].replaced_by is None
    assert catalogue["bildungspraemie"].alternatives_for("NW") == ("bildungsscheck_nrw",)


def test_state_programmes_belong_to_their_state(catalogue) -> None:
    assert catalogue["proabschluss"].states == ("HE",)
    assert catalogue["proabschluss"].status == "unklar"
    assert catalogue["bildungsscheck_nrw"].states == ("NW",)
    assert catalogue["bildungsurlaub_hessen"].states == ("HE",)
    assert catalogue["bildungsgutschein"].states == ()


def test_aufstiegs_bafoeg_office_depends_on_the_state(catalogue) -> None:
    afbg = catalogue["aufstiegs_bafoeg"]
    assert "Bezirksregierung Köln" in afbg.office_for("NW").name
    assert "Studierendenwerk" in afbg.office_for("HE").name


def _write(tmp_path: Path, mutate) -> Path:
    raw = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
    mutate({p["slug"]: p for p in raw["programmes"]})
    path = tmp_path / "programmes.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def test_invalid_entries_are_reported_with_slug_and_field(tmp_path: Path) -> None:
    def break_it(by_slug: dict) -> None:
        by_slug["bildungsgutschein"]["as_of"] = "März 2026"
        by_slug["bildungsscheck_nrw_alt"]["replaced_by"] = "bildungsscheck_3"
        by_slug["integrationskurs"]["facts"][0]["source"] = "BAMF-Seite"
        by_slug["proabschluss"]["status"] = "vielleicht"

    with pytest.raises(CatalogueError) as err:
        load_catalogue(_write(tmp_path, break_it))
    message = str(err.value)
    assert "bildungsgutschein: as_of" in message
    assert "bildungsscheck_nrw_alt: replaced_by" in message
    assert "integrationskurs: facts[0].source" in message
    assert "proabschluss: status" in message


def test_a_stand_older_than_a_source_is_rejected(tmp_path: Path) -> None:
    def stale(by_slug: dict) -> None:
        by_slug["integrationskurs"]["as_of"] = "2020"

    with pytest.raises(CatalogueError, match="integrationskurs: as_of"):
        load_catalogue(_write(tmp_path, stale))


def test_sync_is_idempotent_and_updates_by_slug(session) -> None:
    assert sync_programmes(session) == len(EXPECTED)
    assert sync_programmes(session) == len(EXPECTED)
    assert session.scalar(select(func.count()).select_from(FundingProgramme)) == len(EXPECTED)

    changed = [replace(p, summary="Neuer Text.") if p.slug == "bildungsgutschein" else p for p in load_catalogue()]
    sync_programmes(session, changed)
    assert session.scalar(select(func.count()).select_from(FundingProgramme)) == len(EXPECTED)
    assert get_programme(session, "bildungsgutschein").summary == "Neuer Text."


def test_synced_row_carries_dated_facts(session) -> None:
    sync_programmes(session)
    row = get_programme(session, "integrationskurs")
    assert row.as_of.isoformat() == "2026-02-09"
    assert any(f["uncertain"] and f["as_of"] == "2026-02-09" for f in row.facts)
    assert get_programme(session, "gibt_es_nicht") is None


def test_programmes_for_state_lists_federal_and_own_state_usable_first(session) -> None:
    sync_programmes(session)
    nrw = [p.slug for p in programmes_for_state(session, "NW")]
    hessen = [p.slug for p in programmes_for_state(session, "HE")]
    assert "bildungsscheck_nrw" in nrw and "proabschluss" not in nrw
    assert "proabschluss" in hessen and "bildungsscheck_nrw" not in hessen
    assert "bildungsgutschein" in nrw and "bildungsgutschein" in hessen
    assert nrw[-2:] == ["bildungspraemie", "bildungsscheck_nrw_alt"]  # ended ones last
    assert hessen.index("proabschluss") > hessen.index("bildungsurlaub_hessen")  # unclear after active


def test_row_keeps_region_aware_offices_from_the_catalogue(session) -> None:
    sync_programmes(session)
    data = programme_data(get_programme(session, "aufstiegs_bafoeg"))
    assert "Bezirksregierung Köln" in data.office_for("NW").name
    assert "Meister-BAföG" in data.aliases


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("meister bafög", "aufstiegs_bafoeg"),
        ("Kann ich Meisterbafoeg bekommen?", "aufstiegs_bafoeg"),
        ("aufstiegsbafög", "aufstiegs_bafoeg"),
        ("AFBG", "aufstiegs_bafoeg"),
        ("Bildungsgutshein", "bildungsgutschein"),
        ("wie krieg ich einen gutschein vom amt", "bildungsgutschein"),
        ("BGS", "bildungsgutschein"),
        ("Bildungsscheck", "bildungsscheck_nrw"),
        ("gibt es den alten Bildungsscheck noch", "bildungsscheck_nrw_alt"),
        ("bildungspraemie", "bildungspraemie"),
        ("Weiterbildungsprämie", "weiterbildungsgeld_praemie"),
        ("Pro Abschluss", "proabschluss"),
        ("Deutschkurs für den Beruf", "berufssprachkurs"),
        ("Bildungsurlaub in Hessen", "bildungsurlaub_hessen"),
        ("Wie wird das Wetter morgen?", None),
        ("BGX", None),
    ],
)
def test_find_programme_tolerates_spelling(catalogue, text: str, slug: str | None) -> None:
    assert find_programme(list(catalogue.values()), text) == slug


def test_find_programme_prefers_the_citizens_state(catalogue) -> None:
    programmes = list(catalogue.values())
    assert find_programme(programmes, "Bildungsurlaub", state="HE") == "bildungsurlaub_hessen"
    assert find_programme(programmes, "Bildungsurlaub", state="NW") == "bildungsurlaub_nrw"


def test_find_programme_in_the_database(session) -> None:
    sync_programmes(session)
    assert find_programme(session, "meister bafög") == "aufstiegs_bafoeg"


def test_every_programme_says_in_the_docs_when_it_was_last_checked(catalogue) -> None:
    doc = (Path(__file__).parents[3] / "docs" / "funding-facts.md").read_text(encoding="utf-8")
    for slug in catalogue:
        assert f"(`{slug}`)" in doc, slug
