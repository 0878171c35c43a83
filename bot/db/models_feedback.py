"""Thumbs up/down on the bot's answers, from the web widget.

Deliberately minimal (DSGVO Art. 5 data minimisation): no message text, no IP address, only a
SHA-256 hash of the random chat session id (so a citizen's erasure request quoting their
Gesprächs-ID can still be matched), which answer was rated, how, and when.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import Column, DateTime, Index, Integer, String, UniqueConstraint

from bot.db.models import Base

RATINGS = ("up", "down")


def sender_hash(session_id: str) -> str:
    """How ratings are keyed: the same hash finds them again for an erasure request."""
    return hashlib.sha256(session_id.encode()).hexdigest()


class AnswerFeedback(Base):
    """One rating per answer and conversation; rating again replaces the earlier one."""

    __tablename__ = "answer_feedback"
    id = Column(Integer, primary_key=True)
    sender_hash = Column(String(64), nullable=False)
    #: Position of the rated bot message in the conversation as shown in the widget (0-based).
    message_index = Column(Integer, nullable=False)
    rating = Column(String(4), nullable=False)  # one of RATINGS
    rated_at = Column(DateTime, nullable=False)

    __table_args__ = (
        UniqueConstraint("sender_hash", "message_index", name="uq_feedback_answer"),
        Index("ix_feedback_rated_at", "rated_at"),
    )
