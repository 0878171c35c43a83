"""Thumbs up/down from the web widget: ``POST /webhooks/feedback/rating``.

Body: ``{"session_id": "<widget session id>", "message_index": 3, "rating": "up" | "down"}``.
Only a hash of the session id, the index, the rating and the time are stored (see
``bot.db.models_feedback``); the message text never reaches this endpoint. Polite limits per
conversation and per client address answer 429 with a German message and ``Retry-After``.
"""

from __future__ import annotations

import asyncio
import math
import re
from collections.abc import Awaitable, Callable
from datetime import datetime, timezone
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from bot.db.models_feedback import RATINGS, AnswerFeedback, sender_hash
from bot.db.session import session_scope
from bot.stats import hooks as stats
from channels.ratelimit import RateLimit

SESSION_ID = re.compile(r"^[A-Za-z0-9_-]{8,128}$")
MAX_INDEX = 10_000
MAX_BODY_BYTES = 1024
INVALID = "Die Bewertung konnte nicht gespeichert werden: ungültige Angaben."
TOO_MANY = "Sie haben sehr viele Bewertungen in kurzer Zeit abgegeben. Bitte versuchen Sie es gleich noch einmal."
THANKS = "Danke für Ihre Bewertung."


def parse_rating(body: Any) -> tuple[str, int, str] | None:
    """``(session_id, message_index, rating)`` from a request body, or None if anything is off."""
    if not isinstance(body, dict):
        return None
    session_id, index, rating = body.get("session_id"), body.get("message_index"), body.get("rating")
    if not isinstance(session_id, str) or not SESSION_ID.fullmatch(session_id):
        return None
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index <= MAX_INDEX:
        return None
    if rating not in RATINGS:
        return None
    return session_id, index, rating


def store_rating(session_id: str, message_index: int, rating: str, db_url: str | None = None) -> bool:
    """Insert or replace the rating of one answer; True when the answer had no rating before."""
    key = sender_hash(session_id)
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    for _attempt in range(2):  # a concurrent first rating of the same answer wins once; then update it
        try:
            with session_scope(db_url) as session:
                row = session.execute(
                    select(AnswerFeedback).where(
                        AnswerFeedback.sender_hash == key, AnswerFeedback.message_index == message_index
                    )
                ).scalar_one_or_none()
                if row is None:
                    session.add(
                        AnswerFeedback(sender_hash=key, message_index=message_index, rating=rating, rated_at=now)
                    )
                else:
                    row.rating, row.rated_at = rating, now
            return row is None
        except IntegrityError:
            continue
    return False


class FeedbackInput(InputChannel):
    """credentials.yml: ``channels.feedback.FeedbackInput:`` with optional ``db_url``, ``per_session`` and
    ``per_client`` (ratings per minute)."""

    @classmethod
    def name(cls) -> str:
        return "feedback"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        credentials = credentials or {}
        return cls(
            credentials.get("db_url"),
            int(credentials.get("per_session", 30)),
            int(credentials.get("per_client", 120)),
        )

    def __init__(self, db_url: str | None = None, per_session: int = 30, per_client: int = 120) -> None:
        self.db_url = db_url
        self.session_limit = RateLimit(per_session, 60)
        self.client_limit = RateLimit(per_client, 60)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        feedback = Blueprint("feedback_webhook", __name__)

        @feedback.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @feedback.route("/rating", methods=["POST"])
        async def rating(request: Request) -> HTTPResponse:
            if len(request.body or b"") > MAX_BODY_BYTES:
                return response.json({"meldung": INVALID}, status=413)
            try:
                parsed = parse_rating(request.json)
            except Exception:  # malformed JSON: Sanic raises its own InvalidUsage
                parsed = None
            if parsed is None:
                return response.json({"meldung": INVALID}, status=400)
            session_id, index, value = parsed
            wait = max(
                self.client_limit.retry_after(request.remote_addr or request.ip or "?"),
                self.session_limit.retry_after(sender_hash(session_id)),
            )
            if wait:
                return response.json(
                    {"meldung": TOO_MANY}, status=429, headers={"Retry-After": str(math.ceil(wait))}
                )
            if await asyncio.to_thread(store_rating, session_id, index, value, self.db_url):  # first rating: counted
                await asyncio.to_thread(stats.thumbs, value, db_url=self.db_url)
            return response.json({"meldung": THANKS}, status=201)

        return feedback
