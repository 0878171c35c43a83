"""Hostile and odd input over the REST channel of the real bot: answered politely or refused clearly.

Never a crash, a stack trace or an echoed tag; afterwards the bot still answers and the offer
database is intact.
"""

from __future__ import annotations

import json
import uuid

import pytest
from sqlalchemy import func, inspect, select

from bot.db.models import Course, FundingProgramme
from bot.db.session import get_engine, session_scope
from tests.e2e.conftest import RunningBot


def new_sender() -> str:
    return f"e2e-{uuid.uuid4().hex}"


def offer_counts(bot: RunningBot) -> tuple[int, int, set[str]]:
    with session_scope(bot.db_url) as session:
        courses = session.execute(select(func.count()).select_from(Course)).scalar_one()
        programmes = session.execute(select(func.count()).select_from(FundingProgramme)).scalar_one()
    return courses, programmes, set(inspect(get_engine(bot.db_url)).get_table_names())


@pytest.fixture(scope="module")
def offers_before(bot: RunningBot) -> tuple[int, int, set[str]]:
    return offer_counts(bot)


HOSTILE = [
    "<script>alert('x')</script> Pflege in <b>Krefeld</b>",
    "<img src=x onerror=alert(1)> Ich suche einen Kurs in <i>Moers</i>",
    "Ich suche einen Kurs in <svg onload=alert(1)>",
    "'; DROP TABLE courses; --",
    "Ich suche einen Kurs in Krefeld' OR '1'='1",
    "Robert'); DELETE FROM funding_programmes; --",
    "Pflegekurs 🙂🙂 in Krefeld 👩‍⚕️",
    "أبحث عن دورة لغة ألمانية في كريفيلد",
    "Ich suche einen Pfle\u200bge\u200bkurs in Kre\u200dfeld\ufeff",
    "\u202eDlefeRK ni sruK",
    "Pflege\x00kurs\x1b[2J in Krefeld",
    "%s %n {0} {{7*7}} ${jndi:ldap://example.org/a} ../../etc/passwd",
    "\ud83d",  # a lone surrogate (escaped as \\ud83d in the JSON)
]


@pytest.mark.parametrize("message", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_is_answered_politely_without_markup(bot: RunningBot, offers_before: tuple, message: str) -> None:
    status, body = bot.post(json.dumps({"sender": new_sender(), "message": message}).encode())
    assert status == 200, body
    texts = [m.get("text", "") for m in json.loads(body)]
    assert texts and all(texts), body
    answer = "\n".join(texts)
    assert "<" not in answer and ">" not in answer
    assert "Traceback" not in answer and "Exception" not in answer


def test_a_100_kb_message_gets_a_clear_answer(bot: RunningBot, offers_before: tuple) -> None:
    status, body = bot.post(json.dumps({"sender": new_sender(), "message": "Pflege " * 15_000}).encode())
    assert status == 200
    assert "höchstens 2.000 Zeichen" in json.loads(body)[0]["text"]


def test_a_megabyte_body_is_refused_with_413(bot: RunningBot, offers_before: tuple) -> None:
    status, body = bot.post(json.dumps({"sender": new_sender(), "message": "x" * 1_000_000}).encode())
    assert status == 413
    assert json.loads(body)["code"] == "too_large"


@pytest.mark.parametrize(
    "raw", [b"{", b"null", b"[]", b"\xc3\x28", b'{"sender": "a", "message": "Hallo"', b"sender=a&message=Hallo"]
)
def test_malformed_json_gets_400(bot: RunningBot, offers_before: tuple, raw: bytes) -> None:
    status, body = bot.post(raw)
    assert status == 400
    assert json.loads(body)["code"] == "invalid_json"


@pytest.mark.parametrize(
    "sender", ["", " ", "a" * 200, "<script>", "'; DROP TABLE events; --", "ä", None, 7, ["a"]], ids=str
)
def test_odd_sender_ids_get_400(bot: RunningBot, offers_before: tuple, sender: object) -> None:
    status, body = bot.post(json.dumps({"sender": sender, "message": "Hallo"}).encode())
    assert status == 400
    assert json.loads(body)["code"] == "invalid_sender"


def test_an_unknown_sender_simply_starts_a_new_conversation(bot: RunningBot, offers_before: tuple) -> None:
    texts = bot.texts(f"never-seen-{uuid.uuid4().hex}", "Hallo")
    assert any("automatischer Assistent" in t for t in texts)


def test_one_conversation_sending_too_fast_gets_429_in_german(bot: RunningBot, offers_before: tuple) -> None:
    sender = new_sender()
    statuses = [bot.post(json.dumps({"sender": sender, "message": ""}).encode()) for _ in range(21)]
    assert [s for s, _ in statuses[:20]] == [200] * 20
    status, body = statuses[20]
    assert status == 429
    assert json.loads(body)["meldung"].startswith("Sie schreiben gerade sehr schnell.")


def test_afterwards_the_bot_answers_normally_and_the_offers_are_intact(
    bot: RunningBot, offers_before: tuple[int, int, set[str]]
) -> None:
    texts = bot.texts(new_sender(), "Ich suche einen Pflegekurs in Krefeld")
    assert any("Krefeld" in t for t in texts)
    assert offer_counts(bot) == offers_before
    assert offers_before[0] > 0 and {"courses", "funding_programmes", "callback_requests"} <= offers_before[2]
