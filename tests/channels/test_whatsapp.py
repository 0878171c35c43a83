"""WhatsApp via Twilio: buttons arrive as numbered options, and "1" selects the first option."""

from __future__ import annotations

import http.client
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from rasa.core.channels.channel import UserMessage
from twilio.request_validator import RequestValidator

from channels.faults import FaultSettings
from channels.twilio import WhatsAppInput
from tests.channels.conftest import (
    Agent,
    FakeApi,
    ScriptedBot,
    TroubledBot,
    fake_api,
    free_port,
    serve_channel,
    technical_problem,
)
from tests.channels.post import post_form

SID, TOKEN, NUMBER = "AC" + "0" * 32, "test-auth-token", "whatsapp:+4921510000000"
CITIZEN = "whatsapp:+4915112345678"
HOTLINE = "02151 86-0"
FAULTS = FaultSettings(reply_timeout=5, hotline=HOTLINE)


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


def signed_form(url: str, text: str, token: str = TOKEN) -> tuple[dict[str, str], dict[str, str]]:
    """Twilio's form fields for a WhatsApp message and the signature header over them."""
    fields = {"From": CITIZEN, "To": NUMBER, "Body": text, "MessageSid": "SM" + "2" * 32, "AccountSid": SID}
    return fields, {"X-Twilio-Signature": RequestValidator(token).compute_signature(url, fields)}


def send(url: str, text: str, token: str = TOKEN) -> int:
    status, _ = post_form(url, *signed_form(url, text, token))
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


@contextmanager
def whatsapp_with(
    bot: Callable[[UserMessage], Any], faults: FaultSettings = FAULTS, agent: Any = None
) -> Iterator[tuple[str, FakeApi]]:
    with fake_api(twilio_reply) as api:
        channel = WhatsAppInput(SID, TOKEN, NUMBER, api_base_url=api.url, faults=faults)
        with serve_channel(channel, bot, agent) as base:
            yield base + "/webhook", api


def test_a_normal_answer_gets_no_apology(bot: ScriptedBot) -> None:
    with whatsapp_with(bot) as (url, api):
        assert send(url, "Ich suche einen Pflegekurs") == 204
    assert sent_bodies(api) == ["Verstanden: Ich suche einen Pflegekurs"]


@pytest.mark.parametrize("mode", ["raises", "action_fails", "silent"])
def test_a_failing_turn_gets_the_apology_with_the_hotline_on_whatsapp(mode: str) -> None:
    down = Agent(f"http://127.0.0.1:{free_port()}/webhook")
    troubled = TroubledBot(mode)
    with whatsapp_with(troubled, agent=down) as (url, api):
        assert send(url, "Ich suche einen Pflegekurs") == 204
    answer = ["Antwort auf Ich suche einen Pflegekurs"] if mode == "action_fails" else []
    assert sent_bodies(api) == [*answer, technical_problem(HOTLINE)]  # the web channels' apology
    assert HOTLINE in technical_problem(HOTLINE)
    assert all(c.body["To"] == CITIZEN and c.body["From"] == NUMBER for c in api.to("Messages.json"))


def test_a_slow_turn_gets_the_apology_and_its_answer_follows() -> None:
    troubled, faults = TroubledBot("hangs"), FaultSettings(reply_timeout=0.3, hotline=HOTLINE)
    with whatsapp_with(troubled, faults) as (url, api):
        assert send(url, "erste Frage") == 204
        assert sent_bodies(api) == [faults.apology]
        troubled.release.set()
        assert troubled.answered.wait(10)  # the turn was not cancelled
        assert sent_bodies(api) == [faults.apology, "Antwort auf erste Frage"]


def wait_until(condition: Callable[[], bool]) -> bool:
    for _ in range(1000):  # at most about 10 s
        if condition():
            return True
        time.sleep(0.01)
    return False


def test_the_apology_is_sent_even_when_twilio_hangs_up_first() -> None:
    """Twilio gives up on a webhook after 15 s, before the default reply timeout, and Sanic then
    cancels the request. The apology needs no open request: it goes out through Twilio's API."""
    troubled, faults = TroubledBot("hangs"), FaultSettings(reply_timeout=1, hotline=HOTLINE)
    with whatsapp_with(troubled, faults) as (url, api):
        fields, headers = signed_form(url, "erste Frage")
        address = urllib.parse.urlsplit(url)
        twilio = http.client.HTTPConnection(address.hostname or "", address.port, timeout=30)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        twilio.request("POST", address.path, urllib.parse.urlencode(fields), headers)
        assert wait_until(lambda: troubled.received == ["erste Frage"])  # the turn has started ...
        twilio.close()  # ... and Twilio hangs up without waiting for the answer
        assert wait_until(lambda: bool(sent_bodies(api)))
        assert sent_bodies(api) == [faults.apology]
        troubled.release.set()
        assert troubled.answered.wait(10)
        assert sent_bodies(api) == [faults.apology, "Antwort auf erste Frage"]
