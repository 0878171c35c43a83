"""Right of access (Art. 15 DSGVO): ``lotse privacy export`` gives one citizen everything, and nobody else's."""

from __future__ import annotations

import json
import stat
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from bot.cli import main
from bot.db.models import CallbackRequest
from bot.db.models_advisor import RecordView
from bot.db.session import session_scope
from bot.privacy import delete_citizen
from bot.privacy.export import export_sender
from tests.bot.privacy.conversations import NOW, OLAF_TRACES, T0, add_records, populate


def test_export_holds_everything_about_the_citizen(session: Session, tracker_url: str) -> None:
    populate(session, tracker_url)
    document = export_sender(session, "erika-123", tracker_url, 90, now=NOW)
    assert document["hinweis"].startswith("Auskunft nach Art. 15 DSGVO")
    assert "„erika-123“" in document["hinweis"] and "90 Tagen" in document["hinweis"]
    messages = document["gespraechsverlauf"]["nachrichten"]
    assert [(m["von"], m["text"]) for m in messages] == [
        ("Sie", "Kann mich jemand anrufen?"), ("Assistent", "Wie heißen Sie?"), ("Sie", "Erika Mustermann")]
    assert messages[0]["zeit"] == (T0 + timedelta(seconds=5)).isoformat() and messages[0]["kanal"] == "socketio"
    assert {"zeit": (T0 + timedelta(seconds=16)).isoformat(), "feld": "callback_name", "wert": "Erika Mustermann"} in (
        document["gespraechsverlauf"]["gespeicherte_angaben"])
    [callback] = document["rueckrufwuensche"]
    assert (callback["vorgangsnummer"], callback["name"], callback["telefon"]) == (
        "WL-ERIKA2", "Erika Mustermann", "+4915123456789")
    assert callback["beratungsstelle"] == "VHS Krefeld" and callback["status"] == "neu"
    [handover] = document["uebergaben"]
    assert handover["verlauf"][0]["text"] == "Wie geht Umschulung?"
    [consent] = document["einwilligungen"]
    assert (consent["erteilt_am"], consent["textversion"]) == (T0.isoformat(), "2026-11-v1")
    assert consent["wortlaut"].startswith("Für einen Rückruf speichere ich Ihren Namen")
    assert "nach 90 Tagen" in consent["wortlaut"] and "{" not in consent["wortlaut_einfache_sprache"]
    assert document["bewertungen"] == [{"antwort_nr": 1, "bewertung": "up", "zeit": T0.isoformat()}]
    assert document["loeschauftraege"] == [
        {"beantragt_am": T0.isoformat(), "ausgefuehrt_am": (T0 + timedelta(minutes=1)).isoformat()}]
    assert [(a["art"], a.get("nachher")) for a in document["zugriffe"]] == [
        ("geöffnet", None), ("Status geändert", "in Bearbeitung")]
    assert "anna" not in json.dumps(document["zugriffe"])  # advisors' identities are not the citizen's data
    assert document["benachrichtigungen"][0]["empfaenger"] == "vhs@krefeld.example"


def test_export_contains_nothing_of_another_citizen(session: Session, tracker_url: str) -> None:
    populate(session, tracker_url)
    text = json.dumps(export_sender(session, "erika-123", tracker_url, 90, now=NOW), ensure_ascii=False)
    assert [trace for trace in OLAF_TRACES if trace in text] == []
    olaf = json.dumps(export_sender(session, "olaf-456", tracker_url, 90, now=NOW), ensure_ascii=False)
    assert "Olafs geheime Frage" in olaf and "Erika" not in olaf and "ERIKA2" not in olaf


def test_logs_of_a_deleted_record_do_not_follow_a_new_record_with_the_same_id(session: Session) -> None:
    """SQLite hands the highest id out again; the views of the old record belong to someone else."""
    add_records(session, "frueher-1", "Fritz Früher", "+4921511234567", "FRUEH2", "alt", T0 - timedelta(days=5))
    delete_citizen(session, "frueher-1")
    add_records(session, "erika-123", "Erika Mustermann", "+4915123456789", "ERIKA2", "neu", T0)
    old_views = session.query(RecordView).filter(RecordView.at < T0).all()
    assert old_views and old_views[0].record_id == session.query(CallbackRequest.id).scalar()  # the id was reused
    document = export_sender(session, "erika-123", None, 90, now=NOW)
    assert [a["zeit"] for a in document["zugriffe"]] == [
        (T0 + timedelta(hours=1)).isoformat(), (T0 + timedelta(hours=2)).isoformat()]


def test_a_conversation_id_without_data_gives_an_empty_export(session: Session, tmp_path: Path) -> None:
    missing = tmp_path / "gibt-es-nicht.sqlite3"
    document = export_sender(session, "unbekannt-1", f"sqlite:///{missing}", 90, now=NOW)
    assert document["gespraechsverlauf"] == {"nachrichten": [], "gespeicherte_angaben": [], "technische_ereignisse": {}}
    assert document["rueckrufwuensche"] == document["uebergaben"] == document["bewertungen"] == []
    assert not missing.exists()  # looking did not create a tracker database


def test_cli_writes_json_to_stdout_or_to_a_private_file(
    db_url: str, tracker_url: str, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    with session_scope(db_url) as session:
        populate(session, tracker_url)
    assert main(["--db", db_url, "privacy", "export", "erika-123", "--tracker-db", tracker_url]) == 0
    out, err = capsys.readouterr()
    on_stdout = json.loads(out)  # nothing but the document, so that it can be piped
    assert on_stdout["rueckrufwuensche"][0]["name"] == "Erika Mustermann"
    assert "Gesprächs-ID erika-123: 3 Nachrichten, 1 Rückrufwünsche, 1 Übergaben" in err
    target = tmp_path / "auskunft" / "erika.json"
    command = ["--db", db_url, "privacy", "export", "erika-123", "--tracker-db", tracker_url]
    assert main([*command, "--out", str(target)]) == 0
    assert f"Geschrieben nach {target}" in capsys.readouterr().out
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    written = json.loads(target.read_text(encoding="utf-8"))
    assert {k: v for k, v in written.items() if k != "erstellt_am"} == {
        k: v for k, v in on_stdout.items() if k != "erstellt_am"}


def test_cli_refuses_an_empty_conversation_id_in_german(db_url: str, capsys: pytest.CaptureFixture) -> None:
    assert main(["--db", db_url, "privacy", "export", " "]) == 2
    assert "Fehler: Bitte eine Gesprächs-ID angeben" in capsys.readouterr().err
