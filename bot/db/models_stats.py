"""Counters for the network dashboard (issue 22): numbers per week, region and centre, no people.

A row counts how often ``metric`` with ``key`` happened in one ISO week (``bot.stats.week_key``),
e.g. metric ``search_empty`` with key ``Schweißen|Wesel|online``. No conversation id, name, contact
or free text is stored here; deleting a conversation leaves these rows as they are.
``NotUnderstoodSeen`` keeps a masked not-understood message with the keyed hash of each
conversation that sent it, so that it is shown only from k distinct conversations.
"""

from __future__ import annotations

from sqlalchemy import Column, Integer, String, UniqueConstraint

from bot.db.models import Base


class StatCounter(Base):
    """How often one metric/key happened in one week, region and centre ('' when none)."""

    __tablename__ = "stat_counters"
    id = Column(Integer, primary_key=True)
    week = Column(String(8), nullable=False)
    region = Column(String(64), nullable=False, default="")
    centre = Column(String(64), nullable=False, default="")
    metric = Column(String(40), nullable=False)
    key = Column(String(200), nullable=False, default="")
    count = Column(Integer, nullable=False, default=0)

    __table_args__ = (
        UniqueConstraint("week", "region", "centre", "metric", "key", name="uq_stat_counter"),
    )


class NotUnderstoodSeen(Base):
    """One masked not-understood message from one conversation (keyed hash) in one week and region."""

    __tablename__ = "stat_not_understood"
    id = Column(Integer, primary_key=True)
    week = Column(String(8), nullable=False)
    region = Column(String(64), nullable=False, default="")
    message = Column(String(200), nullable=False)
    conversation_hash = Column(String(64), nullable=False)

    __table_args__ = (
        UniqueConstraint(
            "week", "region", "message", "conversation_hash", name="uq_stat_not_understood"
        ),
    )
