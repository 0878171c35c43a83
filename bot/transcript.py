"""The conversation as the citizen saw it, rendered from Rasa's stored events for advisors.

A button click reaches Rasa as its payload (``/show_more``, ``/course_details{"course_index": 4}``);
the citizen saw, and pressed, the button's title. Each click is shown as the title of the button
with that payload among the bot's answer just before it (the widget offers only those; a command
payload is also looked up in earlier answers). A command that no button of the conversation carried
was typed by the citizen and is shown as typed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

Event = dict[str, Any]

MAX_TURN_CHARS = 2000


@dataclass(frozen=True)
class Turn:
    who: str  # "citizen" or "bot"
    text: str
    at: str  # ISO timestamp (UTC)
    clicked: bool = False  # the citizen pressed the button with this title
    choices: tuple[str, ...] = ()  # the titles of the buttons the bot offered with this message


def transcript(events: Iterable[Event]) -> list[Turn]:
    """Who said what, when: every message once, in order, clicks as the titles pressed."""
    turns: list[Turn] = []
    seen: set[Any] = set()
    answer: dict[str, str] = {}  # payload -> title, of the bot's messages since the citizen's last one
    earlier: dict[str, str] = {}  # the same for all of the bot's earlier messages
    answering = False
    for event in events:
        kind = event.get("event")
        if kind not in ("user", "bot"):
            continue
        key = _identity(event)
        if key in seen:
            continue
        seen.add(key)
        text = (event.get("text") or "").strip()
        at = _iso(event.get("timestamp"))
        if kind == "bot":
            if not answering:
                earlier.update(answer)
                answer, answering = {}, True
            offered = _buttons(event)
            answer.update(offered)
            if text or offered:
                turns.append(Turn("bot", text[:MAX_TURN_CHARS], at, choices=tuple(offered.values())))
            continue
        answering = False
        if not text:
            continue
        title = answer.get(text) or (earlier.get(text) if text.startswith("/") else None)
        if title:
            turns.append(Turn("citizen", title[:MAX_TURN_CHARS], at, clicked=True))
        else:
            turns.append(Turn("citizen", text[:MAX_TURN_CHARS], at))
    return turns


def reply_turns(messages: Iterable[dict[str, Any]], now: datetime | None = None) -> list[Turn]:
    """The bot's messages of the running action (not stored yet), as turns at ``now``."""
    at = _iso((now or datetime.now(timezone.utc)).timestamp())
    turns = []
    for message in messages:
        text = (message.get("text") or "").strip()
        offered = _buttons({"data": {"buttons": message.get("buttons")}})
        if text or offered:
            turns.append(Turn("bot", text[:MAX_TURN_CHARS], at, choices=tuple(offered.values())))
    return turns


def _identity(event: Event) -> Any:
    """One message, whether it came from the tracker store or from what Rasa sent this time."""
    if event.get("event") == "user" and event.get("message_id"):
        return "user", event["message_id"]
    return event.get("event"), round(float(event.get("timestamp") or 0), 3), event.get("text")


def _buttons(event: Event) -> dict[str, str]:
    data = event.get("data") or {}
    found: dict[str, str] = {}
    for button in (data.get("buttons") or []) + (data.get("quick_replies") or []):
        if isinstance(button, dict) and isinstance(button.get("title"), str):
            payload = button.get("payload")
            found[payload if isinstance(payload, str) else button["title"]] = button["title"]
    return found


def _iso(timestamp: Any) -> str:
    return datetime.fromtimestamp(float(timestamp or 0), tz=timezone.utc).isoformat(timespec="seconds")
