"""The ``lotse`` command line as the editorial staff use it: output, exit codes, no tracebacks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.cli import main
from bot.db.models import Course, DatasetInfo
from bot.db.session import session_scope
from tests.bot.exchange.sample_files import DATA, add_reference_rows


@pytest.fixture()
def url(db_url: str) -> str:
    with session_scope(db_url) as session:
        add_reference_rows(session)
    return db_url


def lotse(url: str, *args: str) -> int:
    return main(["--db", url, *args])


def course_titles(url: str) -> list[str]:
    with session_scope(url) as session:
        return sorted(session.execute(select(Course.title)).scalars())


def test_import_of_a_good_file_exits_0_and_says_what_happened(url: str, capsys: pytest.CaptureFixture) -> None:
    assert lotse(url, "db", "import", str(DATA / "kurse.csv")) == 0
    out = capsys.readouterr().out
    assert "3 Kurse mit 4 Terminen gelesen (CSV, UTF-8)" in out and "3 neu, 0 geändert, 0 unverändert" in out
    assert lotse(url, "db", "import", str(DATA / "kurse.csv")) == 0
    assert "0 neu, 0 geändert, 3 unverändert" in capsys.readouterr().out


def test_import_with_rejected_records_exits_1_and_lists_them(url: str, capsys: pytest.CaptureFixture) -> None:
    assert lotse(url, "db", "import", str(DATA / "fehlerhaft.csv")) == 1
    out = capsys.readouterr().out
    assert "7 abgelehnt" in out
    assert "Zeile 5 (Anbieter „VHS Krefeld“, Angebot „K-103“)" in out
    assert len(course_titles(url)) == 2


def test_unreadable_file_exits_2_without_traceback(url: str, capsys: pytest.CaptureFixture) -> None:
    assert lotse(url, "db", "import", str(DATA / "kaputt.xml")) == 2
    captured = capsys.readouterr()
    assert "Fehler: Zeile 15: XML ist nicht wohlgeformt" in captured.err
    assert "Traceback" not in captured.err + captured.out
    assert course_titles(url) == []


def test_dry_run_changes_nothing(url: str, capsys: pytest.CaptureFixture) -> None:
    assert lotse(url, "db", "import", str(DATA / "kurse.xml"), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "2 neu" in out and "würden importiert" in out and "nichts geändert" in out
    assert course_titles(url) == []


def test_format_is_recognised_by_content_and_the_option_forces_one(url: str, tmp_path: Path) -> None:
    renamed = tmp_path / "kurse.txt"
    shutil.copy(DATA / "kurse.xml", renamed)
    assert lotse(url, "db", "import", str(renamed), "--format", "csv") == 2  # forced: XML is no CSV
    assert course_titles(url) == []
    assert lotse(url, "db", "import", str(renamed)) == 0  # recognised as XML by its content
    assert len(course_titles(url)) == 2


def test_export_writes_a_file_that_imports_back_unchanged(url: str, tmp_path: Path, capsys) -> None:
    lotse(url, "db", "import", str(DATA / "kurse.csv"))
    target = tmp_path / "export" / "alle.xml"
    assert lotse(url, "db", "export", str(target), "--format", "xml") == 0
    assert "3 Kurse nach" in capsys.readouterr().out
    assert lotse(url, "db", "import", str(target)) == 0
    assert "0 neu, 0 geändert, 3 unverändert" in capsys.readouterr().out


def test_stats_counts_tables_and_tells_demo_data(url: str, capsys: pytest.CaptureFixture) -> None:
    lotse(url, "db", "import", str(DATA / "kurse.csv"))
    with session_scope(url) as session:
        session.add(DatasetInfo(key="seeded_on", value="2026-11-23"))
    capsys.readouterr()
    assert lotse(url, "db", "stats") == 0
    lines = capsys.readouterr().out.splitlines()
    counts = {line.split(":")[0]: line.split(":")[1].strip() for line in lines if line[:1] != " "}
    assert counts["Regionen"] == "2" and counts["Orte"] == "3" and counts["Kurse"] == "3"
    assert counts["Kurstermine"] == "4" and counts["Anbieter"] == "2" and counts["Förderprogramme"] == "0"
    assert "Demo-Daten: nein (0 von 3 Kursen sind Demo-Kurse)" in lines
    assert "  seeded_on: 2026-11-23" in lines


def test_upgrade_creates_a_new_database(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    fresh = f"sqlite:///{tmp_path / 'neu' / 'offers.sqlite3'}"
    assert lotse(fresh, "db", "upgrade") == 0
    assert "Datenbankschema ist aktuell" in capsys.readouterr().out
    assert lotse(fresh, "db", "stats") == 0
    assert "Kurse:" in capsys.readouterr().out


def test_database_without_schema_gives_a_hint_not_a_traceback(tmp_path: Path, capsys) -> None:
    empty = f"sqlite:///{tmp_path / 'leer.sqlite3'}"
    assert lotse(empty, "db", "stats") == 2
    err = capsys.readouterr().err
    assert "Datenbankfehler" in err and "lotse db upgrade" in err and "Traceback" not in err


def test_bad_arguments_are_explained_in_german(url: str, capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as stop:
        lotse(url, "db", "seed", "--today", "23.11.2026")
    assert stop.value.code == 2
    assert "ist kein Datum im Format JJJJ-MM-TT" in capsys.readouterr().err


def test_nlu_lookups_are_written_from_the_database(url: str, tmp_path: Path, capsys) -> None:
    out_dir = tmp_path / "lookups"
    assert lotse(url, "nlu", "lookups", "--out", str(out_dir)) == 0
    assert "Lookup-Tabellen" in capsys.readouterr().out
    assert "- Moers" in (out_dir / "place.yml").read_text(encoding="utf-8")
    assert "- IT und EDV" in (out_dir / "topic.yml").read_text(encoding="utf-8")


def test_seed_fills_demo_data_for_the_given_day(db_url: str, capsys: pytest.CaptureFixture) -> None:
    assert lotse(db_url, "db", "seed", "--today", "2026-11-23") == 0
    assert "Demo-Daten zum Stichtag 23.11.2026 eingespielt" in capsys.readouterr().out
    assert lotse(db_url, "db", "stats") == 0
    out = capsys.readouterr().out
    assert "Demo-Daten: ja" in out and "2026-11-23" in out
    assert lotse(db_url, "db", "seed") == 2
    assert "bereits" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["csv", "xml"])
def test_demo_data_survives_export_and_reimport(db_url: str, tmp_path: Path, capsys, fmt: str) -> None:
    lotse(db_url, "db", "seed", "--today", "2026-11-23")
    capsys.readouterr()
    target = tmp_path / f"demo.{fmt}"
    assert lotse(db_url, "db", "export", str(target)) == 0
    exported = int(capsys.readouterr().out.split()[0])
    assert exported > 100
    assert lotse(db_url, "db", "import", str(target)) == 0
    assert f"0 neu, 0 geändert, {exported} unverändert" in capsys.readouterr().out


def test_init_seeds_an_empty_database_once(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    fresh = f"sqlite:///{tmp_path / 'offers.sqlite3'}"
    assert lotse(fresh, "db", "init") == 0
    first = capsys.readouterr().out
    assert "Demo-Daten zum Stichtag" in first and "Förderprogramme abgeglichen" in first
    count = len(course_titles(fresh))
    assert lotse(fresh, "db", "init") == 0
    assert "keine Demo-Daten eingespielt" in capsys.readouterr().out
    assert len(course_titles(fresh)) == count > 0
