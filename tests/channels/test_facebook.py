"""Facebook Messenger: signed page webhooks in, Send API calls out (to a local fake Graph API)."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from rasa.core.channels.channel import UserMessage

from channels.facebook import FacebookInput
from channels.faults import FaultSettings
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
from tests.channels.post import get, post

SECRET, VERIFY, PAGE, USER = "test-app-secret", "lotse-verify", "1000001", "2000002"
HOTLINE = "02151 86-0"
FAULTS = FaultSettings(reply_timeout=5, hotline=HOTLINE)


def graph_reply(path: str, body: object) -> tuple[int, dict]:
    return 200, {"recipient_id": USER, "message_id": "m_1"}


@pytest.fixture()
def facebook(bot: ScriptedBot) -> Iterator[tuple[str, FakeApi]]:
    with fake_api(graph_reply) as api:
        channel = FacebookInput.from_credentials(
            {"verify": VERIFY, "secret": SECRET, "page-access-token": "page-token", "graph_api_url": api.url}
        )
        with serve_channel(channel, bot) as base:
            yield base + "/webhook", api


def page_event(message: dict) -> bytes:
    event = {"sender": {"id": USER}, "recipient": {"id": PAGE}, "timestamp": 1767225600000, "message": message}
    return json.dumps({"object": "page", "entry": [{"id": PAGE, "time": 1767225600000, "messaging": [event]}]}).encode()


def send(url: str, message: dict, secret: str = SECRET) -> tuple[int, str]:
    body = page_event(message)
    signature = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return post(url, body, {"Content-Type": "application/json", "X-Hub-Signature-256": signature})


def sent_messages(api: FakeApi) -> list[dict]:
    return [c.body["message"] for c in api.to("/me/messages") if "message" in c.body]


def test_long_button_titles_become_quick_replies_instead_of_vanishing(facebook: tuple[str, FakeApi]) -> None:
    url, api = facebook
    assert send(url, {"mid": "m.1", "text": "Hallo"}) == (200, "success")
    [message] = sent_messages(api)
    assert message["text"].startswith("Guten Tag! Ich bin der Weiterbildungslotse")
    assert [(q["title"], q["payload"]) for q in message["quick_replies"]] == [
        ("Kurs suchen", "/search_course"),
        ("Wer bezahlt meine W…", "/ask_funding_overview"),
        ("Mit einem Menschen…", "/request_human"),
    ]
    assert all(c.body["recipient"] == {"id": USER} for c in api.to("/me/messages"))


def test_a_tapped_quick_reply_sends_its_payload(facebook: tuple[str, FakeApi], bot: ScriptedBot) -> None:
    url, api = facebook
    send(url, {"mid": "m.2", "text": "Kurs suchen", "quick_reply": {"payload": "/search_course"}})
    assert bot.texts == ["/search_course"] and bot.received[0].sender_id == USER
    assert sent_messages(api) == [{"text": "Verstanden: /search_course"}]


def test_requests_without_a_valid_sha256_signature_are_rejected(
    facebook: tuple[str, FakeApi], bot: ScriptedBot
) -> None:
    url, api = facebook
    assert send(url, {"mid": "m.3", "text": "Hallo"}, secret="wrong-secret")[0] == 403
    assert post(url, page_event({"mid": "m.4", "text": "Hallo"}), {"Content-Type": "application/json"})[0] == 403
    assert bot.texts == [] and api.calls == []


def test_webhook_verification_answers_the_challenge_only_with_the_right_token(facebook: tuple[str, FakeApi]) -> None:
    url, _ = facebook
    assert get(f"{url}?hub.mode=subscribe&hub.verify_token={VERIFY}&hub.challenge=4242") == (200, "4242")
    assert get(f"{url}?hub.mode=subscribe&hub.verify_token=falsch&hub.challenge=4242")[0] == 403


@contextmanager
def facebook_with(
    bot: Callable[[UserMessage], Any], faults: FaultSettings = FAULTS, agent: Any = None
) -> Iterator[tuple[str, FakeApi]]:
    with fake_api(graph_reply) as api:
        channel = FacebookInput(VERIFY, SECRET, "page-token", graph_api_url=api.url, faults=faults)
        with serve_channel(channel, bot, agent) as base:
            yield base + "/webhook", api


def test_a_normal_answer_gets_no_apology(bot: ScriptedBot) -> None:
    with facebook_with(bot) as (url, api):
        assert send(url, {"mid": "m.5", "text": "Ich suche einen Pflegekurs"}) == (200, "success")
    assert sent_messages(api) == [{"text": "Verstanden: Ich suche einen Pflegekurs"}]


@pytest.mark.parametrize("mode", ["raises", "action_fails", "silent"])
def test_a_failing_turn_gets_the_apology_with_the_hotline_on_messenger(mode: str) -> None:
    down = Agent(f"http://127.0.0.1:{free_port()}/webhook")
    troubled = TroubledBot(mode)
    with facebook_with(troubled, agent=down) as (url, api):
        assert send(url, {"mid": "m.6", "text": "Ich suche einen Pflegekurs"}) == (200, "success")
    answer = [{"text": "Antwort auf Ich suche einen Pflegekurs"}] if mode == "action_fails" else []
    assert sent_messages(api) == [*answer, {"text": technical_problem(HOTLINE)}]  # the web channels' apology
    assert HOTLINE in technical_problem(HOTLINE)
    assert all(c.body["recipient"] == {"id": USER} for c in api.to("/me/messages"))
    assert api.to("/me/messages")[-1].body["sender_action"] == "typing_off"


def test_a_slow_turn_gets_the_apology_and_its_answer_follows() -> None:
    troubled, faults = TroubledBot("hangs"), FaultSettings(reply_timeout=0.3, hotline=HOTLINE)
    with facebook_with(troubled, faults) as (url, api):
        assert send(url, {"mid": "m.7", "text": "erste Frage"}) == (200, "success")
        assert sent_messages(api) == [{"text": faults.apology}]
        troubled.release.set()
        assert troubled.answered.wait(10)  # the turn was not cancelled
        assert sent_messages(api) == [{"text": faults.apology}, {"text": "Antwort auf erste Frage"}]
