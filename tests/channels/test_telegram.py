"""Telegram: real update JSON in, Bot API calls out (to a local fake of api.telegram.org)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from rasa.core.channels.channel import UserMessage

from channels.faults import FaultSettings
from channels.telegram import TelegramInput
from tests.channels.conftest import (
    Agent,
    FakeApi,
    ScriptedBot,
    TroubledBot,
    fake_api,
    free_port,
    healthy,
    serve_channel,
    technical_problem,
)
from tests.channels.post import post_json

TOKEN, BOT_NAME, CHAT = "123456:TEST-token", "weiterbildungslotse_bot", 4711
HOTLINE = "02151 86-0"
FAULTS = FaultSettings(reply_timeout=5, hotline=HOTLINE)


def telegram_reply(path: str, body: object) -> tuple[int, dict]:
    method = path.rsplit("/", 1)[-1].lower()
    if method == "getme":
        return 200, {"ok": True, "result": {"id": 123456, "is_bot": True, "first_name": "Lotse", "username": BOT_NAME}}
    if method == "sendmessage":
        chat = {"id": CHAT, "type": "private"}
        return 200, {"ok": True, "result": {"message_id": 9, "date": 0, "chat": chat, "text": "ok"}}
    return 200, {"ok": True, "result": True}


@pytest.fixture()
def telegram(bot: ScriptedBot) -> Iterator[tuple[str, FakeApi]]:
    with fake_api(telegram_reply) as api:
        channel = TelegramInput.from_credentials(
            {
                "access_token": TOKEN,
                "verify": BOT_NAME,
                "webhook_url": "https://lotse.example.de/webhooks/telegram/webhook",
                "api_base_url": api.url,
            }
        )
        with serve_channel(channel, bot) as base:
            yield base + "/webhook", api


def text_update(text: str) -> dict:
    user = {"id": CHAT, "is_bot": False, "first_name": "Erika", "language_code": "de"}
    chat = {"id": CHAT, "type": "private", "first_name": "Erika"}
    return {
        "update_id": 1001,
        "message": {"message_id": 5, "from": user, "chat": chat, "date": 1767225600, "text": text},
    }


def button_update(payload: str) -> dict:
    user = {"id": CHAT, "is_bot": False, "first_name": "Erika"}
    message = text_update("")["message"] | {"from": {"id": 123456, "is_bot": True, "first_name": "Lotse"}}
    return {
        "update_id": 1002,
        "callback_query": {"id": "77", "from": user, "message": message, "chat_instance": "1", "data": payload},
    }


def test_webhook_is_registered_when_the_server_starts(telegram: tuple[str, FakeApi]) -> None:
    _, api = telegram
    [call] = api.to("/setWebhook")
    assert call.path.startswith(f"/bot{TOKEN}/")
    assert call.body["url"] == "https://lotse.example.de/webhooks/telegram/webhook"


def test_greeting_buttons_are_an_inline_keyboard_one_per_row(telegram: tuple[str, FakeApi]) -> None:
    url, api = telegram
    assert post_json(url, text_update("Hallo")) == (200, "success")
    [call] = api.to("/sendMessage")
    assert call.body["chat_id"] == str(CHAT)
    assert call.body["text"].startswith("Guten Tag! Ich bin der Weiterbildungslotse")
    keyboard = json.loads(call.body["reply_markup"])["inline_keyboard"]
    assert keyboard == [
        [{"text": "Kurs suchen", "callback_data": "/search_course"}],
        [{"text": "Wer bezahlt meine Weiterbildung?", "callback_data": "/ask_funding_overview"}],
        [{"text": "Mit einem Menschen sprechen", "callback_data": "/request_human"}],
    ]


def test_a_pressed_button_sends_its_payload(telegram: tuple[str, FakeApi], bot: ScriptedBot) -> None:
    url, api = telegram
    post_json(url, text_update("Hallo"))
    post_json(url, button_update("/search_course"))
    assert bot.texts == ["Hallo", "/search_course"]
    assert [m.sender_id for m in bot.received] == [str(CHAT), str(CHAT)]
    assert api.to("/sendMessage")[-1].body["text"] == "Verstanden: /search_course"
    assert len(api.to("/getMe")) == 1  # the bot's name is checked once, not per message


def test_updates_for_another_bot_are_ignored() -> None:
    bot = ScriptedBot()
    with fake_api(telegram_reply) as api:
        credentials = {"access_token": TOKEN, "verify": "anderer_bot", "api_base_url": api.url}
        channel = TelegramInput.from_credentials(credentials)
        with serve_channel(channel, bot) as base:
            assert post_json(base + "/webhook", text_update("Hallo")) == (200, "failed")
        assert bot.texts == [] and api.to("/sendMessage") == []


@contextmanager
def telegram_with(
    bot: Callable[[UserMessage], Any], faults: FaultSettings = FAULTS, agent: Any = None
) -> Iterator[tuple[str, FakeApi]]:
    with fake_api(telegram_reply) as api:
        channel = TelegramInput(TOKEN, BOT_NAME, None, api_base_url=api.url, faults=faults)
        with serve_channel(channel, bot, agent) as base:
            yield base + "/webhook", api


def sent_texts(api: FakeApi) -> list[str]:
    return [call.body["text"] for call in api.to("/sendMessage")]


def test_a_normal_answer_gets_no_apology(bot: ScriptedBot) -> None:
    with telegram_with(bot) as (url, api):
        assert post_json(url, text_update("Ich suche einen Pflegekurs")) == (200, "success")
    assert sent_texts(api) == ["Verstanden: Ich suche einen Pflegekurs"]


@pytest.mark.parametrize("mode", ["raises", "action_fails"])
def test_a_failing_turn_gets_the_apology_with_the_hotline_in_the_chat(mode: str) -> None:
    troubled = TroubledBot(mode)
    with telegram_with(troubled) as (url, api):
        assert post_json(url, text_update("Ich suche einen Pflegekurs")) == (200, "success")
    answer = ["Antwort auf Ich suche einen Pflegekurs"] if mode == "action_fails" else []
    assert sent_texts(api) == [*answer, technical_problem(HOTLINE)]  # the web channels' apology
    assert HOTLINE in technical_problem(HOTLINE)
    assert api.to("/sendMessage")[-1].body["chat_id"] == str(CHAT)
    assert troubled.received == ["Ich suche einen Pflegekurs"]


def test_silence_gets_the_apology_only_when_the_action_server_is_down() -> None:
    """The agent on the Rasa app is found from inside Rasa's Telegram webhook."""
    with fake_api(healthy) as actions:
        with telegram_with(TroubledBot("silent"), agent=Agent(actions.url + "/webhook")) as (url, api):
            assert post_json(url, text_update("Neustart")) == (200, "success")
        assert sent_texts(api) == []  # silent by design
    down = Agent(f"http://127.0.0.1:{free_port()}/webhook")
    with telegram_with(TroubledBot("silent"), agent=down) as (url, api):
        assert post_json(url, text_update("Ich suche einen Pflegekurs")) == (200, "success")
    assert sent_texts(api) == [technical_problem(HOTLINE)]


def test_a_slow_turn_gets_the_apology_and_its_answer_follows() -> None:
    troubled, faults = TroubledBot("hangs"), FaultSettings(reply_timeout=0.3, hotline=HOTLINE)
    with telegram_with(troubled, faults) as (url, api):
        assert post_json(url, text_update("erste Frage")) == (200, "success")
        assert sent_texts(api) == [faults.apology]
        troubled.release.set()
        assert troubled.answered.wait(10)  # the turn was not cancelled
        assert sent_texts(api) == [faults.apology, "Antwort auf erste Frage"]
