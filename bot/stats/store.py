"""Writing and reading the dashboard counters: the one place the action server records an event."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from bot.db.models_stats import NotUnderstoodSeen, StatCounter
from bot.stats import DEFAULT_K, conversation_hash, not_understood_key, week_key

#: What is counted (issue 22). A key is a label, never free text: e.g. ``topic|place|format``.
METRICS = frozenset({
    "conversation", "message", "answered", "not_understood", "topic", "search_empty",
    "search_found", "funding_asked", "eligibility", "callback", "handover", "thumbs",
})


def record(session: Session, metric: str, key: str = "", *, day: date, region: str = "",
           centre: str = "") -> None:
    """Count one ``metric``/``key`` event on ``day``; the caller commits with its own unit of work."""
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}")
    where = dict(week=week_key(day), region=region, centre=centre, metric=metric, key=key[:200])
    # One UPDATE ... SET count = count + 1: two processes counting at once both count. Two first
    # events at once: one INSERT fails on the unique key, and the caller tries again (bot/stats/hooks.py).
    changed = session.execute(update(StatCounter).filter_by(**where).values(count=StatCounter.count + 1))
    if not changed.rowcount:
        session.add(StatCounter(count=1, **where))
    session.flush()


def record_not_understood(session: Session, text: str, conversation_id: str, *, secret: str,
                          day: date, region: str = "") -> None:
    """Remember a masked not-understood message once per conversation (as keyed hash) and week."""
    record(session, "not_understood", day=day, region=region)
    where = dict(week=week_key(day), region=region, message=not_understood_key(text)[:200],
                 conversation_hash=conversation_hash(secret, conversation_id))
    if session.scalars(select(NotUnderstoodSeen).filter_by(**where)).first() is None:
        session.add(NotUnderstoodSeen(**where))
        session.flush()


def counts(session: Session, metric: str, *, region: str | None = None) -> dict[str, int]:
    """Totals per key of one metric over all weeks (optionally one region)."""
    query = select(StatCounter.key, func.sum(StatCounter.count)).where(StatCounter.metric == metric)
    if region is not None:
        query = query.where(StatCounter.region == region)
    return {key: int(n) for key, n in session.execute(query.group_by(StatCounter.key))}


def frequent_not_understood(session: Session, *, k: int = DEFAULT_K,
                            region: str | None = None) -> dict[str, int]:
    """Masked not-understood messages sent by at least ``k`` distinct conversations."""
    distinct = func.count(func.distinct(NotUnderstoodSeen.conversation_hash))
    query = select(NotUnderstoodSeen.message, distinct)
    if region is not None:
        query = query.where(NotUnderstoodSeen.region == region)
    rows = session.execute(query.group_by(NotUnderstoodSeen.message).having(distinct >= k))
    return {message: int(n) for message, n in rows}
