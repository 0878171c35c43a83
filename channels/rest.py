"""Rasa's REST channel for the public internet: same URL and answer format, hardened.

``POST /webhooks/rest/webhook`` with ``{"sender": "...", "message": "...", "metadata": {...}}``
answers 200 with the bot's messages, as Rasa's ``rest`` channel does. Differences:

* the body is read with a size limit (413) and parsed here: malformed JSON, a missing or
  guessable sender id (channels/guard.py: at least 32 random characters, never a messenger's id),
  a message that is not text → 400 with a short JSON error, never a stack trace;
* every message passes channels/guard.py (rate limits → 429, empty or overlong → a polite hint);
* a failing or slow turn gets the apology of channels/faults.py instead of an empty answer; an
  answer that comes too late is delivered with the sender's next reply;
* ``metadata`` of more than 1 KB → 400; otherwise only the fields the bot reads go on (none today:
  channels/guard.py ``METADATA_FIELDS``), so it cannot bloat the tracker;
* ``input_channel`` from the body is ignored (a client cannot pose as another channel) and there
  is no ``?stream=true`` mode.

Error bodies: ``{"code": "<machine-readable>", "meldung": "<German text>"}``.
"""

from __future__ import annotations

import asyncio
import json
import math
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.stats import hooks as stats
from channels.faults import FaultSettings, Outcome, needs_apology, watch
from channels.guard import Guard, Reply, guessable_conversation_id, kept_metadata

INVALID_JSON = "Die Anfrage ist kein gültiges JSON-Objekt."
INVALID_SENDER = (
    "Die Absender-Kennung („sender“) fehlt oder ist zu leicht zu erraten. Bitte senden Sie eine zufällige "
    "Kennung aus 32 bis 128 Zeichen (A–Z, a–z, 0–9, - und _), zum Beispiel 32 Hex-Zeichen aus einem "
    "Zufallsgenerator. Nur damit bleibt Ihr Gespräch vor anderen geschützt."
)
INVALID_MESSAGE = "Die Nachricht („message“) fehlt oder ist kein Text."
INVALID_METADATA = "„metadata“ muss ein JSON-Objekt sein."
TOO_LARGE = "Die Anfrage ist zu groß. Bitte senden Sie eine kürzere Nachricht."
MAX_LATE_SENDERS = 1000


def error(status: int, code: str, meldung: str, headers: dict[str, str] | None = None) -> HTTPResponse:
    return response.json({"code": code, "meldung": meldung}, status=status, headers=headers)


async def read_body(request: Request, limit: int) -> bytes | None:
    """The request body, or None if it is larger than ``limit`` bytes (nothing more is kept)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    chunks, size = [], 0
    assert request.stream is not None  # the webhook route streams its body (stream=True)
    async for chunk in request.stream:
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


@dataclass
class LateTurn:
    """A turn that outlived the reply timeout; its messages go out with the sender's next reply."""

    collector: CollectingOutputChannel
    delivered: int
    task: asyncio.Future


class LotseRestInput(RestInput):
    """credentials.yml: ``channels.rest.LotseRestInput:`` (no options; limits from the environment)."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> LotseRestInput:
        return cls()

    def __init__(self, guard: Guard | None = None, faults: FaultSettings | None = None) -> None:
        self.guard = guard or Guard()
        self.faults = faults or FaultSettings.from_env()
        self.late: OrderedDict[str, list[LateTurn]] = OrderedDict()

    def _keep_late(self, sender_id: str, turn: LateTurn) -> None:
        self.late.setdefault(sender_id, []).append(turn)
        self.late.move_to_end(sender_id)
        while len(self.late) > MAX_LATE_SENDERS:
            self.late.popitem(last=False)

    def _late_messages(self, sender_id: str) -> list[dict[str, Any]]:
        """Messages of earlier, finished turns of this sender not yet delivered, oldest first."""
        messages, waiting = [], []
        for turn in self.late.pop(sender_id, []):
            if turn.task.done():
                messages += turn.collector.messages[turn.delivered :]
            else:
                waiting.append(turn)
        if waiting:
            self.late[sender_id] = waiting
        return messages

    async def process(
        self,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        text: str,
        sender_id: str,
        metadata: dict[str, Any] | None,
        agent: Any,
    ) -> list[dict[str, Any]]:
        """The bot's answer to one checked message, with the apology when it cannot answer."""
        collector = CollectingOutputChannel()
        message = UserMessage(text, collector, sender_id, input_channel=self.name(), metadata=metadata)
        task, outcome = await watch(on_new_message(message), self.faults.reply_timeout)
        messages = list(collector.messages)
        await asyncio.to_thread(stats.message)  # for the network: one message, nothing of it kept
        if outcome is Outcome.SLOW:
            self._keep_late(sender_id, LateTurn(collector, len(messages), task))
        if await needs_apology(outcome, bool(messages), agent):
            messages.append({"recipient_id": sender_id, "text": self.faults.apology})
        return self._late_messages(sender_id) + messages

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("lotse_rest_webhook", __name__)
        guard = self.guard

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"], stream=True)
        async def receive(request: Request) -> HTTPResponse:
            body = await read_body(request, guard.settings.max_body_bytes)
            if body is None:
                return error(413, "too_large", TOO_LARGE)
            try:
                payload = json.loads(body)
            except (ValueError, RecursionError):  # also invalid UTF-8 and absurd nesting
                payload = None
            if not isinstance(payload, dict):
                return error(400, "invalid_json", INVALID_JSON)
            sender_id, text, metadata = payload.get("sender"), payload.get("message"), payload.get("metadata")
            if not isinstance(sender_id, str) or guessable_conversation_id(sender_id):
                return error(400, "invalid_sender", INVALID_SENDER)
            if not isinstance(text, str):
                return error(400, "invalid_message", INVALID_MESSAGE)
            if metadata is not None and not isinstance(metadata, dict):
                return error(400, "invalid_metadata", INVALID_METADATA)
            metadata = kept_metadata(metadata)
            if isinstance(metadata, Reply):
                return error(400, "metadata_too_large", metadata.text)

            refusal = guard.rate_limited(sender_id, request.remote_addr or request.ip or "?")
            if refusal:
                headers = {"Retry-After": str(math.ceil(refusal.retry_after))}
                return error(429, "too_many_requests", refusal.text, headers)
            checked = guard.check_text(text)
            if isinstance(checked, Reply):
                return response.json([{"recipient_id": sender_id, "text": checked.text}])

            agent = getattr(request.app.ctx, "agent", None)
            return response.json(await self.process(on_new_message, checked, sender_id, metadata, agent))

        return webhook
