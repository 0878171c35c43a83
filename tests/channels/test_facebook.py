"""Facebook Messenger: signed page webhooks in, Send API calls out (to a local fake Graph API)."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator

import pytest

from channels.facebook import FacebookInput
from tests.channels.conftest import FakeApi, ScriptedBot, fake_api, serve_channel
from tests.channels.post import get, post

SECRET, VERIFY, PAGE, USER = "test-app-secret", "lotse-verify", "1000001", "2000002"


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
