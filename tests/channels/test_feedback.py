"""Thumbs up/down are stored without the message text, validated, and politely rate-limited."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from bot.db.models_feedback import AnswerFeedback
from bot.db.session import session_scope
from channels.feedback import sender_hash
from tests.channels.post import post, post_json

SESSION = "0f3c9a7e2b1d4c5e8a6f7b9c0d1e2f3a"


def stored(db_url: str) -> list[tuple]:
    with session_scope(db_url) as session:
        rows = session.execute(select(AnswerFeedback).order_by(AnswerFeedback.message_index)).scalars()
        return [(r.sender_hash, r.message_index, r.rating) for r in rows]


def test_a_rating_is_stored_with_a_hashed_session_and_no_text(rating_url: str, db_url: str) -> None:
    status, body = post_json(rating_url, {"session_id": SESSION, "message_index": 3, "rating": "up"})
    assert status == 201 and "Danke" in body
    assert stored(db_url) == [(sender_hash(SESSION), 3, "up")]
    assert SESSION not in str(stored(db_url))


def test_rating_the_same_answer_again_replaces_the_first_rating(rating_url: str, db_url: str) -> None:
    post_json(rating_url, {"session_id": SESSION, "message_index": 1, "rating": "up"})
    post_json(rating_url, {"session_id": SESSION, "message_index": 1, "rating": "down"})
    assert stored(db_url) == [(sender_hash(SESSION), 1, "down")]


@pytest.mark.parametrize(
    "body",
    [
        {"session_id": SESSION, "message_index": 1, "rating": "super"},
        {"session_id": "<script>", "message_index": 1, "rating": "up"},
        {"session_id": SESSION, "message_index": -1, "rating": "up"},
        {"session_id": SESSION, "message_index": True, "rating": "up"},
        {"session_id": SESSION, "message_index": "1", "rating": "up"},
        ["not", "an", "object"],
    ],
)
def test_invalid_ratings_are_refused_in_german(rating_url: str, db_url: str, body: object) -> None:
    status, text = post_json(rating_url, body)
    assert status == 400 and "ungültige Angaben" in json.loads(text)["meldung"]
    assert stored(db_url) == []


def test_malformed_or_huge_bodies_are_refused(rating_url: str, db_url: str) -> None:
    assert post(rating_url, b"{kein json", {"Content-Type": "application/json"})[0] == 400
    huge = {"session_id": SESSION, "message_index": 1, "rating": "up", "text": "x" * 5000}
    assert post_json(rating_url, huge)[0] == 413
    assert stored(db_url) == []


def test_too_many_ratings_from_one_conversation_are_slowed_down(rating_url: str, db_url: str) -> None:
    for index in range(3):
        assert post_json(rating_url, {"session_id": SESSION, "message_index": index, "rating": "up"})[0] == 201
    status, text = post_json(rating_url, {"session_id": SESSION, "message_index": 9, "rating": "up"})
    assert status == 429 and "Bitte versuchen Sie es gleich noch einmal" in json.loads(text)["meldung"]
    assert [row[1] for row in stored(db_url)] == [0, 1, 2]
