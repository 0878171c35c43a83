"""``lotse db sync ba`` against recorded answers of the Weiterbildungssuche, never the network.

A local HTTP server plays the API: it serves tests/data/real/kursnet-sync/ by the town asked for
(``orte``) and the page, and answers 401 without the client id header, as the real one does. The
first sync of Münster reads two pages; the second, a day later, no longer lists one run.
"""

from __future__ import annotations

import json
import threading
import urllib.parse
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import select

from bot.cli import main
from bot.db.models import RUN_ACTIVE, RUN_ENDED, Course, CourseDate
from bot.db.session import session_scope
from bot.exchange import ba_sync
from tests.bot.exchange.real_data import (
    CONSULTANT,
    CONSULTANT_RUN,
    CPP,
    SYNC,
    add_home_region,
    add_topics,
    cards,
    termine,
)

DERIVED_RUN = "184336344"  # the second Münster run of the recordings (see tests/data/real/README.md)
RUN_1 = {("Münster", 0): "muenster-lauf1-seite1.json", ("Münster", 1): "muenster-lauf1-seite2.json",
         ("Helmstedt", 0): "helmstedt-seite1.json"}
RUN_2 = {("Münster", 0): "muenster-lauf2-seite1.json"}
EMPTY = '{"_embedded": {"termine": []}, "page": {"size": 50, "totalElements": 0, "totalPages": 0, "number": 0}}'


class FakeApi(ThreadingHTTPServer):
    answers: dict[tuple[str, int], str | int]
    requests: list[dict[str, str]]


class Handler(BaseHTTPRequestHandler):
    server: FakeApi

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        self.server.requests.append({**query, "path": url.path, "key": self.headers.get("X-API-Key", "")})
        if self.headers.get("X-API-Key") != "infosysbub-wbsuche":
            return self._send(401, '{"message": "Unauthorized"}')
        town = query.get("orte", "").split("_")[0]
        answer = self.server.answers.get((town, int(query.get("page", "0"))), EMPTY)
        if isinstance(answer, int):
            return self._send(answer, "{}")
        body = (SYNC / answer).read_text(encoding="utf-8") if answer.endswith(".json") else answer
        self._send(200, body)

    def _send(self, status: int, body: str) -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/hal+json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def api(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeApi]:
    server = FakeApi(("127.0.0.1", 0), Handler)
    server.answers, server.requests = dict(RUN_1), []
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    monkeypatch.setenv("LOTSE_BA_API_URL", f"http://127.0.0.1:{server.server_address[1]}")
    monkeypatch.setenv("LOTSE_BA_PAUSE", "0")
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture()
def city(db_url: str) -> str:
    """A city's database: the bot's topics and a home region with one stored town, Münster."""
    with session_scope(db_url) as session:
        add_topics(session)
        add_home_region(session)
    return db_url


def runs(url: str) -> dict[str, str]:
    with session_scope(url) as session:
        return dict(session.execute(select(CourseDate.external_id, CourseDate.status)).all())


def sync(url: str, *args: str) -> int:
    return main(["--db", url, "db", "sync", "ba", *args])


def test_a_region_is_synced_page_by_page_with_the_client_id(city: str, api: FakeApi,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert sync(city, "--region", "muensterland") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:3] == [
        "Weiterbildungssuche (Münster): 1 Kurse mit 2 Terminen gelesen (KURSNET-JSON, UTF-8).",
        "1 neu, 0 geändert, 0 unverändert importiert; 0 Termine beendet; 0 gelöscht; 0 abgelehnt.",
        "Anbieter: 1 neu, 0 geändert.",
    ]
    assert "  Hinweis: 2 Anfragen, 2 Termine in der Antwort." in out
    assert [(r["path"], r["orte"][:9], r["uk"], r["page"], r["key"]) for r in api.requests] == [
        ("/pc/v2/bildungsangebot", "Münster_7", "ort", "0", "infosysbub-wbsuche"),
        ("/pc/v2/bildungsangebot", "Münster_7", "ort", "1", "infosysbub-wbsuche"),
    ]
    assert runs(city) == {CONSULTANT_RUN: RUN_ACTIVE, DERIVED_RUN: RUN_ACTIVE}
    with session_scope(city) as session:
        [card] = cards(session, "Forschungsmethoden", date(2024, 6, 1), place="Münster")
    assert "Start: 17.07.2024 · Preis auf Anfrage" in card and "Quelle: KURSNET, Stand 13.07.2023" in card


def test_the_next_sync_ends_the_run_the_api_no_longer_lists(city: str, api: FakeApi,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    sync(city, "--region", "muensterland")
    api.answers = dict(RUN_2)
    capsys.readouterr()
    assert sync(city, "--region", "muensterland") == 0
    assert capsys.readouterr().out.splitlines()[1] == (
        "0 neu, 0 geändert, 1 unverändert importiert; 1 Termine beendet; 0 gelöscht; 0 abgelehnt.")
    assert runs(city) == {CONSULTANT_RUN: RUN_ACTIVE, DERIVED_RUN: RUN_ENDED}
    with session_scope(city) as session:
        assert cards(session, "Forschungsmethoden", date(2024, 6, 1), place="Münster") == []
    assert sync(city, "--region", "muensterland") == 0  # a third time: nothing left to end
    assert "0 Termine beendet" in capsys.readouterr().out


def test_a_failing_page_imports_nothing(city: str, api: FakeApi, capsys: pytest.CaptureFixture[str]) -> None:
    api.answers[("Münster", 1)] = 503
    assert sync(city, "--region", "muensterland") == 2
    assert capsys.readouterr().err == ("Fehler: Die Weiterbildungssuche antwortet für Münster (Seite 2) mit HTTP 503. "
                                       "Es wurde nichts importiert.\n")
    assert len(api.requests) == 1 + ba_sync.RETRIES  # page 1, then page 2 tried three times
    assert runs(city) == {}


def test_an_empty_answer_ends_nothing(city: str, api: FakeApi, capsys: pytest.CaptureFixture[str]) -> None:
    sync(city, "--region", "muensterland")
    api.answers = {}
    capsys.readouterr()
    assert sync(city, "--region", "muensterland") == 0
    assert ("  Hinweis: Die Weiterbildungssuche lieferte keinen Termin: keine gespeicherten Termine beendet."
            in capsys.readouterr().out.splitlines())
    assert set(runs(city).values()) == {RUN_ACTIVE}


def test_a_town_with_a_radius_asks_the_next_radius_the_api_knows(city: str, api: FakeApi) -> None:
    assert sync(city, "--ort", "Münster, Westfalen", "--umkreis", "20") == 0
    assert {r["uk"] for r in api.requests} == {"25"}
    api.answers = dict(RUN_2)
    assert sync(city, "--ort", "Münster", "--umkreis", "20") == 0
    assert runs(city)[DERIVED_RUN] == RUN_ENDED


def test_any_town_in_germany_can_be_synced(city: str, api: FakeApi) -> None:
    assert sync(city, "--ort", "Helmstedt") == 0
    with session_scope(city) as session:
        course = session.execute(select(Course).where(Course.external_id == CPP)).scalar_one()
        assert (course.dates[0].place.name, course.dates[0].place.state) == ("Helmstedt", "NI")
        assert session.execute(select(Course).where(Course.external_id == CONSULTANT)).scalar_one_or_none() is None


def test_a_dry_run_writes_nothing(city: str, api: FakeApi, capsys: pytest.CaptureFixture[str]) -> None:
    assert sync(city, "--region", "muensterland", "--dry-run") == 0
    assert "Probelauf (--dry-run): In der Datenbank wurde nichts geändert." in capsys.readouterr().out
    assert runs(city) == {}


@pytest.mark.parametrize(("args", "message"), [
    (["--region", "atlantis"], "Fehler: Region „atlantis“ ist nicht gespeichert (bekannt: muensterland).\n"),
    (["--region", "muensterland", "--umkreis", "25"], "Fehler: --umkreis gilt nur mit --ort.\n"),
    (["--ort", "Atlantis"], "Fehler: Ort „Atlantis“ steht nicht im Gemeindeverzeichnis.\n"),
    (["--ort", "Kassel", "--umkreis", "500"],
     "Fehler: Umkreis 500 km: die Weiterbildungssuche kennt höchstens 200 km.\n"),
])
def test_wrong_requests_are_explained(city: str, api: FakeApi, capsys: pytest.CaptureFixture[str],
                                      args: list[str], message: str) -> None:
    assert sync(city, *args) == 2
    assert capsys.readouterr().err == message
    assert api.requests == []


def test_without_the_client_id_the_api_refuses_and_nothing_is_imported(city: str, api: FakeApi,
                                                                       monkeypatch: pytest.MonkeyPatch,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("LOTSE_BA_API_KEY", "falsch")
    assert sync(city, "--region", "muensterland") == 2
    assert "mit HTTP 401" in capsys.readouterr().err and len(api.requests) == 1


def test_recordings_hold_the_real_records_and_one_derived_run() -> None:
    real = {str(t["id"]): t for t in termine()}
    seen = set()
    for path in sorted(SYNC.glob("*.json")):
        for termin in json.loads(path.read_text(encoding="utf-8"))["_embedded"]["termine"]:
            seen.add(str(termin["id"]))
            if str(termin["id"]) != DERIVED_RUN:
                assert termin == real[str(termin["id"])], path.name
    assert seen == {*real, DERIVED_RUN}
