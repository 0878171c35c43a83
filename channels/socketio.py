"""Rasa's socket.io channel with two defects of Rasa 3.6.21 fixed, same protocol and settings.

1. With ``session_persistence: true`` Rasa calls ``sio.enter_room()`` without ``await``; since
   python-socketio 5.10 that is a coroutine, so the socket never joins the session's room and no
   bot message ever reaches the browser. Here the room is entered properly.
2. Custom payloads are unpacked into ``emit()`` keyword arguments and arrive empty
   (RasaHQ/rasa#8445). Here they are sent like the REST channel does: ``{"custom": {...}}``.

Browser pages may connect only from the origins Rasa's ``--cors`` allows for REST (``origin_allowed``):
Rasa's channel accepted any origin. The CORS headers of allowed origins come from Sanic-CORS, as for
REST; engine.io's own would repeat them, which browsers refuse.

Sessions are issued by the server and need proof to be joined again. Rasa's channel let any
client join any ``session_id`` and read every answer sent to it; the id is no secret (the widget
shows it in the downloaded transcript, advisors see it). Here ``session_request`` without a valid
proof gets a fresh random session (128 bits) and ``session_confirm`` carries ``{"session_id",
"proof"}``; the proof is an HMAC of the id with a server secret (channels/session_proof.py), which
the widget keeps in the tab's sessionStorage to continue after a reload or reconnect. A message
counts for the session its socket joined, whatever ``session_id`` it names.

Every message passes the same guard as the REST channel (channels/guard.py: rate limits, length,
clean-up; refusals and hints arrive as bot messages) and the same fault handling
(channels/faults.py: an apology instead of silence when the bot cannot answer).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage, decode_bearer_token
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from bot.stats import hooks as stats
from channels.faults import FaultSettings, needs_apology, watch
from channels.guard import Guard, Reply, kept_metadata
from channels.session_proof import SessionProofs

logger = logging.getLogger(__name__)


def cors_origins(app: Any) -> list[str]:
    """The origins Rasa's ``--cors`` allows (Sanic-CORS on the app): the one allow-list for REST and socket.io.

    Set per installation: ``LOTSE_CORS_ORIGINS`` (scripts/serve.py) or the Helm value ``cors``.
    """
    context = getattr(getattr(app, "ctx", None), "sanic_cors", None)
    origins: list[str] = []
    for _, options in getattr(context, "resources", None) or []:
        found = options.get("origins") or []
        origins += [o for o in ([found] if isinstance(found, str) else found) if isinstance(o, str) and o]
    return origins


def origin_allowed(origin: str | None, environ: dict[str, Any]) -> bool:
    """Whether a browser page of ``origin`` may talk to the socket.io channel (engine.io asks at every request).

    The same rule as for REST: the server's own origin and the listed ones. A refused origin gets
    "400 Not an accepted origin" on the handshake itself, before any socket.io event.
    """
    if not origin:
        return True  # not a browser request from a page (engine.io asks only when there is an Origin)
    request = environ.get("sanic.request")
    if request is None:
        return False
    if origin == f"{request.scheme}://{request.host}":
        return True
    allowed = cors_origins(request.app)
    return "*" in allowed or origin in allowed


def hard_breaks(text: str) -> str:
    """Each line break as a Markdown hard break ("  " before it), so that socket.io clients that
    render Markdown (rasa-webchat 1.0.1) keep a card's lines apart instead of running them into one;
    the project's widget drops the two spaces again (widget/lotse-transport.js)."""
    lines = text.split("\n")
    return "\n".join(
        line.rstrip() + ("  " if i + 1 < len(lines) and line.strip() and lines[i + 1].strip() else "")
        for i, line in enumerate(lines)
    )


class LotseSocketIOOutput(SocketIOOutput):
    """Counts what it sends, so that a turn without any answer can be noticed; lines as hard breaks."""

    def __init__(self, sio: AsyncServer, bot_message_evt: str) -> None:
        super().__init__(sio, bot_message_evt)
        self.sent = 0

    async def _send_message(self, socket_id: str, response: Any) -> None:
        self.sent += 1
        if isinstance(response, dict) and isinstance(response.get("text"), str):
            response = {**response, "text": hard_breaks(response["text"])}
        await super()._send_message(socket_id, response)

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        await self._send_message(recipient_id, {"custom": json_message})


class LotseSocketIOInput(SocketIOInput):
    """Configured exactly like ``socketio`` in credentials.yml; limits come from the environment."""

    @classmethod
    def name(cls) -> str:
        return "socketio"

    def __init__(
        self, *args: Any, guard: Guard | None = None, faults: FaultSettings | None = None,
        proofs: SessionProofs | None = None, **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.guard = guard or Guard()
        self.faults = faults or FaultSettings.from_env()
        self.proofs = proofs or SessionProofs.from_env()
        #: socket id -> the session it joined with proof (or was given); the only sender it may speak for
        self.joined: dict[str, str] = {}

    def get_output_channel(self) -> LotseSocketIOOutput | None:
        if self.sio is None:
            return None
        return LotseSocketIOOutput(self.sio, self.bot_message_evt)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> SocketBlueprint:
        sio = AsyncServer(
            async_mode="sanic", cors_allowed_origins=origin_allowed,
            max_http_buffer_size=self.guard.settings.max_body_bytes,
        )
        # engine.io checks the origin; the headers come from Sanic-CORS, as for REST (twice is refused).
        sio.eio._cors_headers = lambda environ: []
        blueprint = SocketBlueprint(sio, self.socketio_path, "socketio_webhook", __name__)
        self.sio = sio
        channel = self

        @blueprint.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @sio.on("connect", namespace=self.namespace)
        async def connect(sid: str, environ: dict, auth: dict | None) -> bool:
            if not channel.jwt_key:
                return True
            token = (auth or {}).get("token")
            return bool(token and decode_bearer_token(token, channel.jwt_key, channel.jwt_algorithm))

        @sio.on("disconnect", namespace=self.namespace)
        async def disconnect(sid: str) -> None:
            channel.joined.pop(sid, None)

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: str, data: Any) -> None:
            asked = data if isinstance(data, dict) else {}
            session_id, proof = asked.get("session_id"), asked.get("proof")
            if not channel.proofs.valid(session_id, proof):
                session_id, proof = channel.proofs.issue()  # a new conversation, never someone else's
                await asyncio.to_thread(stats.conversation)  # counted for the network, nothing kept of it
            if channel.session_persistence:
                await sio.enter_room(sid, session_id, namespace=channel.namespace)
            channel.joined[sid] = str(session_id)  # a valid or a new one
            await sio.emit("session_confirm", {"session_id": session_id, "proof": proof}, room=sid,
                           namespace=channel.namespace)

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: str, data: Any) -> None:
            if not isinstance(data, dict) or not isinstance(data.get("message", ""), str):
                logger.warning("malformed socket.io message ignored")
                return
            if channel.session_persistence:
                sender_id = channel.joined.get(sid)
                if sender_id is None:
                    logger.warning("socket.io message before session_request ignored")
                    return
            else:
                sender_id = sid
            output = LotseSocketIOOutput(sio, channel.bot_message_evt)
            request = (sio.get_environ(sid, namespace=channel.namespace) or {}).get("sanic.request")
            refusal = channel.guard.rate_limited(sender_id, (request.remote_addr or request.ip) if request else sid)
            if refusal:
                await output.send_text_message(sender_id, refusal.text)
                return
            checked = channel.guard.check_text(data.get("message", ""))
            if isinstance(checked, Reply):
                await output.send_text_message(sender_id, checked.text)
                return
            metadata = kept_metadata(data.get(channel.metadata_key))
            if isinstance(metadata, Reply):
                await output.send_text_message(sender_id, metadata.text)
                return
            message = UserMessage(checked, output, sender_id, input_channel=channel.name(), metadata=metadata)
            _, outcome = await watch(on_new_message(message), channel.faults.reply_timeout)
            await asyncio.to_thread(stats.message)  # after the answer: counting never delays it
            agent = getattr(request.app.ctx, "agent", None) if request else None
            if await needs_apology(outcome, output.sent > 0, agent):
                await output.send_text_message(sender_id, channel.faults.apology)

        return blueprint
