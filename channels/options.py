"""Numbered reply options for messengers without buttons (WhatsApp via Twilio, SMS).

The bot offers buttons; such channels get them as a numbered list ("1) Kurs suchen"), and a bare
number as the citizen's next message is mapped back to that button's payload. Options live in
memory, bounded, and are valid for exactly the next message of that sender: any reply that is not
one of the numbers makes them stale, so an old "2" can never trigger an outdated button.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

BARE_NUMBER = re.compile(r"^\s*(\d{1,2})\s*[.)]?\s*$")
ANSWER_HINT = "Bitte antworten Sie mit der Nummer, zum Beispiel „1“."


def numbered_text(text: str, buttons: Sequence[dict[str, Any]]) -> str:
    """The message text followed by one numbered line per button (without the payload)."""
    lines = [f"{index}) {button.get('title', '')}" for index, button in enumerate(buttons, start=1)]
    return "\n".join([text.strip(), "", *lines, "", ANSWER_HINT]).strip()


class OptionMemory:
    """The last offered options per sender, at most ``max_senders`` (least recently used dropped)."""

    def __init__(self, max_senders: int = 10_000) -> None:
        self.max_senders = max_senders
        self._options: OrderedDict[str, list[str]] = OrderedDict()

    def offer(self, sender_id: str, buttons: Sequence[dict[str, Any]]) -> None:
        payloads = [str(button.get("payload") or button.get("title") or "") for button in buttons]
        self._options[sender_id] = payloads
        self._options.move_to_end(sender_id)
        while len(self._options) > self.max_senders:
            self._options.popitem(last=False)

    def resolve(self, sender_id: str, text: str) -> str:
        """The payload for a bare option number, else ``text`` unchanged; either way options are used up."""
        payloads = self._options.pop(sender_id, None)
        match = BARE_NUMBER.match(text or "")
        if not payloads or not match:
            return text
        number = int(match.group(1))
        if 1 <= number <= len(payloads):
            return payloads[number - 1]
        return text

    def __len__(self) -> int:
        return len(self._options)
