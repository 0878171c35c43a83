"""Facebook Messenger with SHA-256 webhook signatures and buttons that survive Meta's limits.

Differences to Rasa's ``facebook`` channel (same credentials plus ``graph_api_url``):
- requests are checked against ``X-Hub-Signature-256`` (HMAC-SHA256, constant-time compare);
  Rasa checks only the legacy SHA-1 header with a plain ``==``;
- Rasa drops *all* buttons when there are more than three; here up to three short ones
  (≤ 20 characters) become a button template, otherwise up to 13 become quick replies
  (titles shortened to 20 characters), and anything beyond that a numbered list;
- ``graph_api_url`` points the client at another Graph API address (a local fake in tests);
- when the bot cannot answer (action server down or hanging, a failed action) the citizen gets the
  apology of channels/faults.py instead of silence.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from fbmessenger import MessengerClient
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.facebook import FacebookInput as RasaFacebookInput
from rasa.core.channels.facebook import Messenger, MessengerBot
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.faults import FaultSettings, apologizing
from channels.options import numbered_text

logger = logging.getLogger(__name__)
TEMPLATE_BUTTONS, QUICK_REPLIES, TITLE_CHARS = 3, 13, 20


def short_title(title: str) -> str:
    return title if len(title) <= TITLE_CHARS else title[: TITLE_CHARS - 1].rstrip() + "…"


def signature_valid(secret: str, body: bytes, header: str) -> bool:
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return bool(secret) and hmac.compare_digest(expected, header or "")


class FacebookOutput(MessengerBot):
    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        if len(buttons) <= TEMPLATE_BUTTONS and all(len(b.get("title", "")) <= TITLE_CHARS for b in buttons):
            await super().send_text_with_buttons(recipient_id, text, buttons, **kwargs)
        elif len(buttons) <= QUICK_REPLIES:
            quick = [
                {"content_type": "text", "title": short_title(b["title"]), "payload": b["payload"]} for b in buttons
            ]
            await self.send_quick_replies(recipient_id, text, quick)
        else:
            await self.send_text_message(recipient_id, numbered_text(text, buttons))


class LotseMessenger(Messenger):
    """Rasa's webhook parser, answering through :class:`FacebookOutput`."""

    def __init__(self, client: MessengerClient, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        self.on_new_message = on_new_message
        self.client = client
        self.last_message: dict[str, Any] = {}

    async def _handle_user_message(self, text: str, sender_id: str, metadata: dict[str, Any] | None) -> None:
        output = FacebookOutput(self.client)
        await output.send_action(sender_id, sender_action="typing_on")
        try:
            await self.on_new_message(UserMessage(text, output, sender_id, input_channel="facebook", metadata=metadata))
        except Exception:
            logger.exception("Fehler beim Bearbeiten einer Facebook-Nachricht")
        finally:
            await output.send_action(sender_id, sender_action="typing_off")


class FacebookInput(RasaFacebookInput):
    @classmethod
    def name(cls) -> str:
        return "facebook"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> FacebookInput:
        if not credentials:
            cls.raise_missing_credentials_exception()
        assert credentials is not None  # the line above raises
        return cls(
            credentials["verify"],  # required, as the page's settings need all three
            credentials["secret"],
            credentials["page-access-token"],
            graph_api_url=credentials.get("graph_api_url"),
        )

    def __init__(
        self,
        fb_verify: str,
        fb_secret: str,
        fb_access_token: str,
        graph_api_url: str | None = None,
        faults: FaultSettings | None = None,
    ) -> None:
        super().__init__(fb_verify, fb_secret, fb_access_token)
        self.graph_api_url = graph_api_url
        self.faults = faults or FaultSettings.from_env()

    def _client(self) -> MessengerClient:
        client = MessengerClient(self.fb_access_token)
        if self.graph_api_url:
            client.graph_url = f"{self.graph_api_url.rstrip('/')}/v{client.api_version}"
        return client

    def get_output_channel(self) -> FacebookOutput:
        return FacebookOutput(self._client())

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        return apologizing(self._webhooks, on_new_message, self.faults)

    def _webhooks(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        facebook = Blueprint("fb_webhook", __name__)

        @facebook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @facebook.route("/webhook", methods=["GET"])
        async def verification(request: Request) -> HTTPResponse:
            token = request.args.get("hub.verify_token")
            if self.fb_verify and token and hmac.compare_digest(token, self.fb_verify):
                return response.text(request.args.get("hub.challenge", ""))
            return response.text("failure, invalid token", status=403)

        @facebook.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            header = request.headers.get("X-Hub-Signature-256", "")
            if not signature_valid(self.fb_secret or "", request.body, header):
                logger.warning("Facebook-Webhook mit ungültiger Signatur abgewiesen")
                return response.text("not validated", status=403)
            messenger = LotseMessenger(self._client(), on_new_message)
            await messenger.handle(request.json, self.get_metadata(request))
            return response.text("success")

        return facebook
