"""WhatsApp via Twilio: buttons arrive as numbered options, and "1" selects the first option."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from twilio.request_validator import RequestValidator

from channels.twilio import WhatsAppInput
from tests.channels.conftest import FakeApi, ScriptedBot, fake_api, serve_channel
from tests.channels.post import post_form

SID, TOKEN, NUMBER = "AC" + "0" * 32, "test-auth-token", "whatsapp:+4921510000000"
CITIZEN = "whatsapp:+4915112345678"


def twilio_reply(path: str, body: object) -> tuple[int, dict]:
    return 201, {"sid": "SM" + "1" * 32, "account_sid": SID, "status": "queued", "body": str(body)}


@pytest.fixture()
def whatsapp(bot: ScriptedBot) -> Iterator[tuple[str, FakeApi]]:
    with fake_api(twilio_reply) as api:
        channel = WhatsAppInput.from_credentials(
            {"account_sid": SID, "auth_token": TOKEN, "twilio_number": NUMBER, "api_base_url": api.url}
        )
        with serve_channel(channel, bot) as base:
            yield base + "/webhook", api


def send(url: str, text: str, token: str = TOKEN) -> int:
    fields = {"From": CITIZEN, "To": NUMBER, "Body": text, "MessageSid": "SM" + "2" * 32, "AccountSid": SID}
    signature = RequestValidator(token).compute_signature(url, fields)
    status, _ = post_form(url, fields, {"X-Twilio-Signature": signature})
    return status


def sent_bodies(api: FakeApi) -> list[str]:
    return [call.body["Body"] for call in api.to(f"/Accounts/{SID}/Messages.json")]


def test_buttons_become_one_message_with_numbered_options(whatsapp: tuple[str, FakeApi]) -> None:
    url, api = whatsapp
    assert send(url, "Hallo") == 204
    [body] = sent_bodies(api)
    assert body.startswith("Guten Tag! Ich bin der Weiterbildungslotse")
    assert "1) Kurs suchen\n2) Wer bezahlt meine Weiterbildung?\n3) Mit einem Menschen sprechen" in body
    assert "/search_course" not in body  # payloads are never shown to the citizen
    [call] = api.to("Messages.json")
    assert call.body["To"] == CITIZEN and call.body["From"] == NUMBER


def test_a_bare_number_selects_that_option_once(whatsapp: tuple[str, FakeApi], bot: ScriptedBot) -> None:
    url, api = whatsapp
    send(url, "Hallo")
    send(url, "2")
    send(url, "2")  # the options were used up: a second "2" is just text again
    assert bot.texts == ["Hallo", "/ask_funding_overview", "2"]
    assert sent_bodies(api)[1:] == ["Verstanden: /ask_funding_overview", "Verstanden: 2"]


def test_free_text_makes_offered_options_stale(whatsapp: tuple[str, FakeApi], bot: ScriptedBot) -> None:
    url, _ = whatsapp
    send(url, "Hallo")
    send(url, "Ich suche einen Pflegekurs")
    send(url, "1")
    assert bot.texts == ["Hallo", "Ich suche einen Pflegekurs", "1"]


def test_unsigned_webhooks_are_rejected(whatsapp: tuple[str, FakeApi], bot: ScriptedBot) -> None:
    url, api = whatsapp
    assert send(url, "Hallo", token="somebody-elses-token") == 403
    assert bot.texts == [] and api.calls == []
