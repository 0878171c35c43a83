"""Lookup tables for the NLU model, generated from a small real SQLite offer database."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import yaml
from sqlalchemy.orm import Session

from bot.config import REPO_ROOT
from bot.db.models import Course, Place, Provider, Region, Topic
from bot.demo.seed import seed
from bot.nlp.lookups import render_lookup, write_lookups


def _seed(session: Session) -> None:
    wesel = Region(slug="kreis-wesel", name="Kreis Wesel", state="NW")
    schwalm = Region(slug="schwalm-eder", name="Schwalm-Eder-Kreis", state="HE")
    session.add_all([wesel, schwalm])
    session.flush()
    session.add_all(
        [
            Place(region_id=wesel.id, name="Moers", name_folded="moers", postcode="47441"),
            Place(region_id=wesel.id, name="Kamp-Lintfort", name_folded="kamp lintfort", postcode="47475"),
            Place(region_id=schwalm.id, name="Homberg (Efze)", name_folded="homberg efze", postcode="34576"),
            Place(region_id=schwalm.id, name="Gudensberg", name_folded="gudensberg", postcode="34281"),
        ]
    )
    pflege = Topic(slug="pflege", name="Pflege", synonyms=["Altenpflege", "Pflegehelfer"])
    it = Topic(slug="it", name="IT", synonyms=["EDV", "Computer", "Büro-EDV"])
    session.add_all([pflege, it])
    provider = Provider(name="Bildungswerk Niederrhein")
    session.add(provider)
    session.flush()
    for i, keywords in enumerate([["Excel", "Word"], ["excel", "SAP"], ["Führerschein"], ["Führerschein"]]):
        session.add(
            Course(
                provider_id=provider.id,
                external_id=f"k{i}",
                title=f"Kurs {i}",
                topic_id=it.id,
                keywords=keywords,
            )
        )
    session.flush()


def _entries(path: Path) -> tuple[str, list[str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["version"] == "3.1"
    (table,) = data["nlu"]
    return table["lookup"], [line[2:] for line in table["examples"].splitlines()]


def test_places_include_regions_and_the_spellings_citizens_type(session: Session, tmp_path: Path) -> None:
    _seed(session)
    counts = write_lookups(session, tmp_path)
    name, places = _entries(tmp_path / "place.yml")
    assert name == "place"
    assert counts["place"] == len(places)
    expected = ["Moers", "Kamp-Lintfort", "kamp lintfort", "Homberg", "Kreis Wesel", "Schwalm-Eder-Kreis"]
    assert set(expected) <= set(places)
    # "moers" only differs from "Moers" in case; the featurizer ignores case, so it is listed once.
    assert [p for p in places if p.casefold() == "moers"] == ["Moers"]


def test_topics_include_names_synonyms_and_folded_forms_but_no_course_keywords(
    session: Session, tmp_path: Path
) -> None:
    _seed(session)
    counts = write_lookups(session, tmp_path)
    name, topics = _entries(tmp_path / "topic.yml")
    assert name == "topic"
    assert counts["topic"] == len(topics)
    for expected in ["Pflege", "Altenpflege", "EDV", "Büro-EDV", "buero edv"]:
        assert expected in topics
    # Course keywords pull messages towards wrong intents (measured): they stay out.
    assert not {"word", "sap", "excel"} & {t.casefold() for t in topics}


def test_output_is_deterministic_and_sorted(session: Session, tmp_path: Path) -> None:
    _seed(session)
    write_lookups(session, tmp_path / "a")
    write_lookups(session, tmp_path / "b")
    for table in ("place.yml", "topic.yml"):
        first = (tmp_path / "a" / table).read_bytes()
        assert first == (tmp_path / "b" / table).read_bytes()
        _, entries = _entries(tmp_path / "a" / table)
        assert entries == sorted(entries, key=lambda e: (e.casefold(), e))


def test_empty_database_gives_valid_empty_tables(session: Session, tmp_path: Path) -> None:
    assert write_lookups(session, tmp_path) == {"place": 0, "topic": 0}
    assert render_lookup("place", []).endswith("examples: |\n")


def test_module_does_not_need_rasa() -> None:
    code = "import sys, bot.nlp.lookups; print(any(m.split('.')[0] == 'rasa' for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_committed_lookup_tables_match_the_demo_data(session: Session, tmp_path: Path) -> None:
    """data/nlu/lookups is generated (`lotse nlu lookups`); a stale copy would train on old places/topics."""
    seed(session, date(2026, 1, 1))
    session.flush()
    write_lookups(session, tmp_path)
    committed = REPO_ROOT / "data" / "nlu" / "lookups"
    for generated in sorted(tmp_path.glob("*.yml")):
        assert generated.read_text() == (committed / generated.name).read_text(), (
            f"{generated.name} ist veraltet: bitte `lotse nlu lookups` ausführen"
        )
