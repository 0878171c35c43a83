"""Notifications: queued with the record, delivered over real SMTP (aiosmtpd) and HTTP, retried with backoff."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.config import NotifySettings
from bot.db.models import CallbackRequest, CounsellingCentre, Handover, Region
from bot.db.models_advisor import OutboxMessage
from bot.db.session import session_scope
from bot.notify.delivery import deliver_due
from bot.notify.outbox import enqueue_for
from tests.advisor.harness import free_port

NOW = datetime(2026, 11, 23, 9, 0)
SETTINGS = NotifySettings(
    smtp_host="127.0.0.1", smtp_port=0, smtp_from="lotse@krefeld.example", smtp_user="", smtp_password="",
    smtp_starttls=False, webhook_url="", webhook_secret="", fallback_to="", advisor_url="https://beratung.example",
)


def _callback(session: Session, email: str | None = "beratung@vhs-krefeld.example") -> CallbackRequest:
    region = Region(slug="krefeld", name="Krefeld", state="NW")
    centre = CounsellingCentre(region=region, slug="vhs-krefeld", name="VHS Krefeld", kind="vhs", email=email)
    record = CallbackRequest(
        reference="WL-ABC234", sender_id="s1", centre=centre, name="Erika Mustermann", phone="+4921511234567",
        preferred_time="morgens", topic="Pflege", consent_at=NOW, consent_version="v1", status="neu", created_at=NOW,
    )
    session.add(record)
    session.flush()
    return record


def test_new_callback_queues_an_email_to_its_centre_without_personal_data(session: Session) -> None:
    [message] = enqueue_for(session, _callback(session), NOW, SETTINGS)
    assert (message.channel, message.recipient) == ("email", "beratung@vhs-krefeld.example")
    assert message.subject == "Neuer Rückrufwunsch WL-ABC234"
    assert "https://beratung.example/rueckrufe/" in message.body
    assert "Erika" not in message.body and "+49" not in message.body and "Pflege" not in message.body


def test_nothing_is_queued_when_nothing_is_configured(session: Session) -> None:
    off = replace(SETTINGS, smtp_host="")
    assert enqueue_for(session, _callback(session), NOW, off) == []


def test_centre_without_email_uses_the_fallback_address(session: Session) -> None:
    settings = replace(SETTINGS, fallback_to="weiterbildung@krefeld.example")
    [message] = enqueue_for(session, _callback(session, email=None), NOW, settings)
    assert message.recipient == "weiterbildung@krefeld.example"


def test_handover_queues_email_and_webhook(session: Session) -> None:
    record = _callback(session)
    handover = Handover(reference="WL-HND234", sender_id="s1", centre_id=record.centre_id, reason="wunsch",
                        summary={}, transcript=[], status="neu", created_at=NOW)
    session.add(handover)
    messages = enqueue_for(session, handover, NOW, replace(SETTINGS, webhook_url="https://hooks.example/lotse"))
    assert [m.channel for m in messages] == ["email", "webhook"]
    assert messages[1].payload["event"] == "handover.created" and messages[1].payload["centre"] == "vhs-krefeld"


@pytest.fixture()
def smtp_server() -> Iterator[tuple[int, list]]:
    controller_module = pytest.importorskip("aiosmtpd.controller", reason="aiosmtpd ist nicht installiert")
    received: list = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
            received.append(envelope)
            return "250 OK"

    port = free_port()
    controller = controller_module.Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    yield port, received
    controller.stop()


def test_queued_email_is_delivered_over_smtp(db_url: str, smtp_server: tuple[int, list]) -> None:
    port, received = smtp_server
    settings = replace(SETTINGS, smtp_port=port)
    with session_scope(db_url) as s:
        enqueue_for(s, _callback(s), NOW, settings)
    report = deliver_due(db_url, NOW, settings)
    assert (report.sent, report.failed, report.waiting) == (1, 0, 0)
    [envelope] = received
    assert envelope.rcpt_tos == ["beratung@vhs-krefeld.example"]
    mail = message_from_bytes(envelope.content, policy=policy.default)
    assert mail["Subject"] == "Neuer Rückrufwunsch WL-ABC234" and mail["From"] == "lotse@krefeld.example"
    assert "https://beratung.example/rueckrufe/" in mail.get_content()
    assert deliver_due(db_url, NOW + timedelta(hours=1), settings).sent == 0  # never sent twice


def test_smtp_down_keeps_the_message_and_retries_with_growing_delays(
    db_url: str, smtp_server: tuple[int, list]
) -> None:
    port, received = smtp_server
    down = replace(SETTINGS, smtp_port=free_port())  # nothing listens there
    with session_scope(db_url) as s:
        enqueue_for(s, _callback(s), NOW, down)
    assert deliver_due(db_url, NOW, down).failed == 1
    first_retry = _message(db_url).next_attempt_at
    assert first_retry == NOW + timedelta(minutes=1) and "SMTP" in _message(db_url).last_error
    assert deliver_due(db_url, NOW + timedelta(seconds=30), down).failed == 0  # not due yet
    assert deliver_due(db_url, first_retry, down).failed == 1
    assert _message(db_url).next_attempt_at == first_retry + timedelta(minutes=2)
    up = replace(down, smtp_port=port)
    report = deliver_due(db_url, first_retry + timedelta(minutes=2), up)
    assert report.sent == 1 and len(received) == 1 and _message(db_url).attempts == 3


def _message(db_url: str) -> OutboxMessage:
    with session_scope(db_url) as s:
        return s.execute(select(OutboxMessage)).scalar_one()


def test_webhook_is_posted_as_signed_json(db_url: str) -> None:
    calls: list[tuple[dict, str]] = []

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            calls.append((json.loads(body), self.headers.get("X-Lotse-Signature", "")))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Hook)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        settings = replace(SETTINGS, smtp_host="", webhook_url=f"http://127.0.0.1:{server.server_port}/hook",
                           webhook_secret="geheim")
        with session_scope(db_url) as s:
            enqueue_for(s, _callback(s), NOW, settings)
        assert deliver_due(db_url, NOW, settings).sent == 1
    finally:
        server.shutdown()
    [(payload, signature)] = calls
    assert payload["event"] == "callback.created" and payload["reference"] == "WL-ABC234"
    assert "name" not in payload and "phone" not in payload
    assert signature.startswith("sha256=") and len(signature) == 71
