"""Rasa's socket.io channel with two defects of Rasa 3.6.21 fixed, same protocol and settings.

1. With ``session_persistence: true`` Rasa calls ``sio.enter_room()`` without ``await``; since
   python-socketio 5.10 that is a coroutine, so the socket never joins the session's room and no
   bot message ever reaches the browser. Here the room is entered properly.
2. Custom payloads are unpacked into ``emit()`` keyword arguments and arrive empty
   (RasaHQ/rasa#8445). Here they are sent like the REST channel does: ``{"custom": {...}}``.

Session ids are also checked (string, bounded length) before they become Rasa sender ids.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage, decode_bearer_token
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

logger = logging.getLogger(__name__)

SESSION_ID = re.compile(r"^[A-Za-z0-9_-]{8,128}$")
MAX_MESSAGE_CHARS = 2000


class LotseSocketIOOutput(SocketIOOutput):
    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        await self._send_message(recipient_id, {"custom": json_message})


class LotseSocketIOInput(SocketIOInput):
    """Configured exactly like ``socketio`` in credentials.yml."""

    @classmethod
    def name(cls) -> str:
        return "socketio"

    def get_output_channel(self) -> LotseSocketIOOutput | None:
        if self.sio is None:
            return None
        return LotseSocketIOOutput(self.sio, self.bot_message_evt)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> SocketBlueprint:
        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=[])  # Sanic's --cors applies instead
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

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: str, data: Any) -> None:
            requested = data.get("session_id") if isinstance(data, dict) else None
            session_id = requested if isinstance(requested, str) and SESSION_ID.match(requested) else uuid.uuid4().hex
            if channel.session_persistence:
                await sio.enter_room(sid, session_id, namespace=channel.namespace)
            await sio.emit("session_confirm", session_id, room=sid, namespace=channel.namespace)

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: str, data: Any) -> None:
            if not isinstance(data, dict) or not isinstance(data.get("message", ""), str):
                return
            if channel.session_persistence:
                sender_id = data.get("session_id")
                if not isinstance(sender_id, str) or not SESSION_ID.match(sender_id):
                    logger.warning("socket.io message without a valid session_id ignored")
                    return
            else:
                sender_id = sid
            metadata = data.get(channel.metadata_key)
            await on_new_message(
                UserMessage(
                    data.get("message", "")[:MAX_MESSAGE_CHARS],
                    LotseSocketIOOutput(sio, channel.bot_message_evt),
                    sender_id,
                    input_channel=channel.name(),
                    metadata=metadata if isinstance(metadata, dict) else None,
                )
            )

        return blueprint
