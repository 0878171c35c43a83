"""Aggregates for the network dashboard (issue 22): the privacy rules, before any storage.

Counters are kept per ISO week, never per conversation. A conversation is only ever remembered as a
keyed hash (HMAC-SHA256 with a server secret), so counting *distinct* conversations for the
k-anonymity rule works without keeping the id, and the counters survive deleting the conversation.
A not-understood message is masked (phone numbers, e-mail addresses) and normalised before it is
counted; it is shown only once at least ``k`` different conversations sent it.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Mapping
from datetime import date

from bot.contact import mask

#: Fewest distinct conversations before a not-understood message may be shown (issue 22).
DEFAULT_K = 5


def week_key(day: date) -> str:
    """The ISO week of ``day`` as ``2026-W49``: the finest time grain the counters keep."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def conversation_hash(secret: str, conversation_id: str) -> str:
    """A keyed hash of the conversation id: distinct per conversation, not reversible without the key."""
    return hmac.new(secret.encode(), conversation_id.encode(), hashlib.sha256).hexdigest()


def not_understood_key(text: str) -> str:
    """The form a not-understood message is counted in: contacts masked, case and spaces folded."""
    return " ".join(mask(text).casefold().split())


def k_anonymous(seen: Mapping[str, Iterable[str]], k: int = DEFAULT_K) -> dict[str, int]:
    """Messages (key → conversation hashes) sent by at least ``k`` distinct conversations, with that count."""
    counts = {message: len(set(hashes)) for message, hashes in seen.items()}
    return {message: n for message, n in counts.items() if n >= k}
