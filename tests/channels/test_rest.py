"""The public REST channel: what a client gets for good, odd and hostile requests (scripted bot)."""

from __future__ import annotations

import json
import secrets
import uuid

import pytest

from channels.faults import FaultSettings
from channels.guard import Guard, GuardSettings
from channels.rest import TOO_LARGE, LotseRestInput
from tests.channels.conftest import HOTLINE, ScriptedBot, TroubledBot, rest_channel, serve_channel, technical_problem
from tests.channels.post import get, post, post_json

#: Conversation ids as the widget makes them: 32 random hex digits (128 bits).
CITIZEN = "5c1e0d6f2a9b4e7c8d3f1a2b3c4d5e6f"
CITIZEN_2 = "9b8a7c6d5e4f30211203f4e5d6c7b8a9"


def send(url: str, sender: str, message: object) -> tuple[int, object]:
    status, body = post_json(url, {"sender": sender, "message": message})
    return status, json.loads(body)


def test_a_message_is_answered_like_rasas_rest_channel(webhook: str, bot: ScriptedBot) -> None:
    status, answer = send(webhook, CITIZEN, "Hallo")
    assert status == 200
    assert answer[0]["recipient_id"] == CITIZEN
    assert answer[0]["buttons"][0]["title"] == "Kurs suchen"
    assert bot.received[0].input_channel == "rest"


def test_the_health_route_stays_for_the_widgets_rest_fallback(webhook: str) -> None:
    assert get(webhook.rsplit("/", 1)[0] + "/") == (200, '{"status":"ok"}')


def test_markup_and_invisible_characters_never_reach_the_bot(webhook: str, bot: ScriptedBot) -> None:
    send(webhook, CITIZEN, "<script>alert('x')</script> Pfle\u200bge in <b>Krefeld</b>\u202e\x00")
    assert bot.texts == ["alert('x') Pflege in Krefeld"]


def test_rtl_text_and_emoji_pass_unchanged(webhook: str, bot: ScriptedBot) -> None:
    status, _ = send(webhook, CITIZEN, "أبحث عن دورة لغة ألمانية 🙂")
    assert status == 200
    assert bot.texts == ["أبحث عن دورة لغة ألمانية 🙂"]


@pytest.mark.parametrize("message", ["", "   \n ", "\u200b\u200d"])
def test_an_empty_message_gets_a_hint_and_is_not_processed(webhook: str, bot: ScriptedBot, message: str) -> None:
    status, answer = send(webhook, CITIZEN, message)
    assert status == 200
    assert "Ihre Nachricht ist leer" in answer[0]["text"]
    assert bot.received == []


@pytest.mark.parametrize("message", ["<br>", "<p><img src=x onerror=alert(1)></p>", " <b></b>\u200b "])
def test_a_message_of_markup_only_is_told_that_markup_is_not_shown(
    webhook: str, bot: ScriptedBot, message: str
) -> None:
    status, answer = send(webhook, CITIZEN, message)
    assert status == 200 and len(answer) == 1
    assert answer[0]["text"].startswith("Der Chat zeigt keine Formatierungen wie HTML an.")
    assert "leer" not in answer[0]["text"]
    assert bot.received == []


def test_the_words_of_a_message_with_markup_are_kept(webhook: str, bot: ScriptedBot) -> None:
    send(webhook, CITIZEN, "<p>Ich suche</p><ul><li>Pflege</li><li>in Krefeld</li></ul>")
    assert bot.texts == ["Ich suche Pflege in Krefeld"]


@pytest.mark.parametrize("length", [2001, 100_000])
def test_a_long_message_is_not_processed_and_the_citizen_is_asked_to_shorten_it(
    webhook: str, bot: ScriptedBot, length: int
) -> None:
    status, answer = send(webhook, CITIZEN, "a" * length)
    assert status == 200
    assert "höchstens 2.000 Zeichen" in answer[0]["text"]
    assert f"{length:,}".replace(",", ".") in answer[0]["text"]
    assert bot.received == []
    assert send(webhook, CITIZEN, "Hallo")[0] == 200  # and the conversation goes on


def test_a_body_over_the_size_limit_is_refused_with_413(webhook: str, bot: ScriptedBot) -> None:
    status, body = post_json(webhook, {"sender": CITIZEN, "message": "a" * 1_000_000})
    assert status == 413
    assert json.loads(body) == {"code": "too_large", "meldung": TOO_LARGE}
    assert bot.received == []


@pytest.mark.parametrize(
    "raw",
    [b"{", b"not json", b"", b"[1, 2]", b'"text"', b"\xff\xfe\x00", b"[" * 50_000 + b"]" * 50_000],
    ids=["truncated", "text", "empty", "array", "string", "bad-utf8", "deep-nesting"],
)
def test_malformed_json_gets_400_with_a_short_json_error(webhook: str, bot: ScriptedBot, raw: bytes) -> None:
    status, body = post(webhook, raw, {"Content-Type": "application/json"})
    assert status == 400
    assert json.loads(body)["code"] == "invalid_json"
    assert "Traceback" not in body
    assert bot.received == []


@pytest.mark.parametrize(
    "payload, code",
    [
        ({"message": "Hallo"}, "invalid_sender"),
        ({"sender": "", "message": "Hallo"}, "invalid_sender"),
        ({"sender": "a" * 129, "message": "Hallo"}, "invalid_sender"),
        ({"sender": "a b", "message": "Hallo"}, "invalid_sender"),
        ({"sender": CITIZEN + "\n", "message": "Hallo"}, "invalid_sender"),
        ({"sender": "<img src=x>", "message": "Hallo"}, "invalid_sender"),
        ({"sender": "../../etc/passwd", "message": "Hallo"}, "invalid_sender"),
        ({"sender": 42, "message": "Hallo"}, "invalid_sender"),
        ({"sender": CITIZEN}, "invalid_message"),
        ({"sender": CITIZEN, "message": {"text": "Hallo"}}, "invalid_message"),
        ({"sender": CITIZEN, "message": "Hallo", "metadata": "x"}, "invalid_metadata"),
    ],
)
def test_missing_or_odd_fields_get_400(webhook: str, bot: ScriptedBot, payload: dict, code: str) -> None:
    status, body = post_json(webhook, payload)
    assert status == 400
    assert json.loads(body)["code"] == code
    assert bot.received == []


def test_a_client_cannot_pose_as_another_channel(webhook: str, bot: ScriptedBot) -> None:
    post_json(webhook, {"sender": CITIZEN, "message": "Hallo", "input_channel": "whatsapp"})
    assert bot.received[0].input_channel == "rest"


def test_too_many_messages_from_one_conversation_get_429_in_german(bot: ScriptedBot) -> None:
    with serve_channel(rest_channel(per_sender_per_minute=3), bot) as base:
        answers = [post_json(base + "/webhook", {"sender": CITIZEN, "message": f"Nachricht {n}"}) for n in range(4)]
        other = send(base + "/webhook", CITIZEN_2, "Hallo")
    assert [status for status, _ in answers] == [200, 200, 200, 429]
    assert json.loads(answers[3][1])["meldung"].startswith("Sie schreiben gerade sehr schnell.")
    assert bot.texts == ["Nachricht 0", "Nachricht 1", "Nachricht 2", "Hallo"]
    assert other[0] == 200


def test_too_many_messages_from_one_address_get_429(bot: ScriptedBot) -> None:
    with serve_channel(rest_channel(per_client_per_minute=3), bot) as base:
        statuses = [send(base + "/webhook", f"{CITIZEN[:-1]}{n}", "Hallo")[0] for n in range(4)]
    assert statuses == [200, 200, 200, 429]


@pytest.mark.parametrize("mode", ["raises", "silent"])
def test_a_failing_turn_gets_an_apology_with_the_hotline(mode: str) -> None:
    troubled = TroubledBot(mode)
    with serve_channel(rest_channel(), troubled) as base:
        status, answer = send(base + "/webhook", CITIZEN, "Ich suche einen Pflegekurs")
    assert status == 200
    assert answer[-1]["text"] == technical_problem(HOTLINE)
    assert troubled.received == ["Ich suche einen Pflegekurs"]


def test_a_slow_turn_gets_an_apology_now_and_its_answer_with_the_next_reply() -> None:
    troubled = TroubledBot("hangs")
    rest = LotseRestInput(
        Guard(GuardSettings(per_sender_per_minute=0, per_client_per_minute=0)), FaultSettings(0.3, HOTLINE)
    )
    with serve_channel(rest, troubled) as base:
        _, first = send(base + "/webhook", CITIZEN, "erste Frage")
        troubled.release.set()
        assert troubled.answered.wait(10)
        _, second = send(base + "/webhook", CITIZEN, "zweite Frage")
    assert [m["text"] for m in first] == [rest.faults.apology]
    assert [m["text"] for m in second] == ["Antwort auf erste Frage", "Antwort auf zweite Frage"]


@pytest.mark.parametrize(
    "sender",
    [
        "a",  # the README's old example
        "citizen-1",
        "x" * 40,
        "citizen-1" * 4,
        "ab" * 20,
        "0123456789" * 4,  # digits only: the messengers' namespace
        "4711",  # a Telegram chat id
        "-1001234567890",  # a Telegram group
        "whatsapp:+4915112345678",  # WhatsApp via Twilio
        "1234567890123456",  # a Facebook page-scoped id
    ],
)
def test_a_guessable_conversation_id_is_refused_and_reaches_no_conversation(
    webhook: str, bot: ScriptedBot, sender: str
) -> None:
    status, body = post_json(webhook, {"sender": sender, "message": "Was hatte ich angegeben?"})
    assert status == 400
    answer = json.loads(body)
    assert answer["code"] == "invalid_sender"
    assert "zu leicht zu erraten" in answer["meldung"] and "32 Hex-Zeichen" in answer["meldung"]
    assert bot.received == []


@pytest.mark.parametrize(
    "sender", [uuid.uuid4().hex, f"e2e-{uuid.uuid4().hex}", secrets.token_urlsafe(24), str(uuid.uuid4())]
)
def test_random_conversation_ids_are_accepted(webhook: str, bot: ScriptedBot, sender: str) -> None:
    assert send(webhook, sender, "Hallo")[0] == 200
    assert [m.sender_id for m in bot.received] == [sender]


def test_large_metadata_is_refused_in_german_and_never_stored(webhook: str, bot: ScriptedBot) -> None:
    status, body = post_json(webhook, {"sender": CITIZEN, "message": "Hallo", "metadata": {"x": "a" * 250_000}})
    assert status == 400
    answer = json.loads(body)
    assert answer["code"] == "metadata_too_large"
    assert answer["meldung"].startswith("„metadata“ ist zu groß (höchstens 1 KB).")
    assert bot.received == []


def test_metadata_fields_the_bot_does_not_read_are_not_passed_on(webhook: str, bot: ScriptedBot) -> None:
    status, _ = send_with_metadata(webhook, {"utm_source": "newsletter", "user": {"name": "Erika"}})
    assert status == 200
    assert bot.received[0].metadata is None  # so nothing of it reaches the tracker store


def send_with_metadata(url: str, metadata: dict) -> tuple[int, str]:
    return post_json(url, {"sender": CITIZEN, "message": "Hallo", "metadata": metadata})
