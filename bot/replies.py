"""What a presenter in ``bot/`` hands an action: the messages to send and the slots to change.

A message is a wording key with its values (``wording/``), not a finished sentence: the action
words it with what only the conversation knows (the citizen's language, plain language, the
one-time notices; ``actions/wording.py``). So the decisions — which sentence, with which price,
date or place — are made here, testable without Rasa, and the action only sends them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Reply:
    """One message: the wording key, its values, and buttons found at run time (places, topics)."""

    key: str
    values: dict[str, Any] = field(default_factory=dict)
    buttons: list[dict[str, str]] | None = None


def reply(key: str, buttons: list[dict[str, str]] | None = None, **values: Any) -> Reply:
    return Reply(key, values, buttons)


@dataclass
class Answer:
    """The messages of one turn in the order they are sent, and the slot changes in the order made.

    A slot may change twice in a turn (a town the NLU did not tag, then found unknown): both
    changes are kept, as Rasa applies them in order.
    """

    replies: list[Reply] = field(default_factory=list)
    slots: list[tuple[str, Any]] = field(default_factory=list)

    def say(self, key: str, buttons: list[dict[str, str]] | None = None, **values: Any) -> None:
        self.replies.append(Reply(key, values, buttons))

    def set(self, slot: str, value: Any) -> None:
        self.slots.append((slot, value))

    def extend(self, other: Answer) -> Answer:
        self.replies.extend(other.replies)
        self.slots.extend(other.slots)
        return self
