"""WhatsApp (via Twilio) with buttons as numbered options, and signed webhooks.

WhatsApp through Twilio's Messages API has no buttons. Rasa's ``twilio`` channel would send one
message per button with the raw payload ("1: Ja (/affirm)"). Here a message with buttons becomes
one message with numbered lines ("1) Ja"), and a bare "1" as the citizen's next reply is turned
into that button's payload (``channels.options``). Webhooks are checked against Twilio's
``X-Twilio-Signature`` (``validate_signature: false`` only for local experiments). When the bot
cannot answer (action server down or hanging, a failed action) the citizen gets the apology of
channels/faults.py on WhatsApp instead of silence.

credentials.yml: ``channels.twilio.WhatsAppInput:`` with ``account_sid``, ``auth_token``,
``twilio_number`` ("whatsapp:+49…"), optionally ``webhook_url`` (the public URL Twilio calls,
needed for the signature behind a proxy) and ``api_base_url`` (tests).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.twilio import TwilioInput, TwilioOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.base.exceptions import TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.http.response import Response
from twilio.request_validator import RequestValidator
from twilio.rest import Client

from channels.faults import FaultSettings, apologizing
from channels.options import OptionMemory, numbered_text

logger = logging.getLogger(__name__)
TWILIO_API = "https://api.twilio.com"


class RebasedHttpClient(TwilioHttpClient):
    """Sends Twilio API calls to another base URL (a local fake in tests, a proxy in production)."""

    def __init__(self, base_url: str) -> None:
        super().__init__()
        self.base_url = base_url.rstrip("/")

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> Response:
        if url.startswith(TWILIO_API):
            url = self.base_url + url[len(TWILIO_API):]
        return super().request(method, url, *args, **kwargs)


class WhatsAppOutput(TwilioOutput):
    @classmethod
    def name(cls) -> str:
        return "whatsapp"

    def __init__(
        self,
        account_sid: str | None,
        auth_token: str | None,
        twilio_number: str | None,
        options: OptionMemory,
        api_base_url: str | None = None,
    ) -> None:
        http_client = RebasedHttpClient(api_base_url) if api_base_url else None
        Client.__init__(self, account_sid, auth_token, http_client=http_client)
        self.twilio_number = twilio_number
        self.options = options

    async def _send_message(self, message_data: dict[str, Any]) -> Any:
        try:  # the Twilio client blocks; keep the event loop free for other conversations
            return await asyncio.to_thread(self.messages.create, **message_data)
        except TwilioRestException as error:
            logger.error("WhatsApp-Nachricht nicht gesendet: %s", error.msg)
            return None

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        self.options.offer(recipient_id, buttons)
        body = numbered_text(text, buttons)
        await self._send_message({"to": recipient_id, "from_": self.twilio_number, "body": body})


class WhatsAppInput(TwilioInput):
    @classmethod
    def name(cls) -> str:
        return "whatsapp"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> WhatsAppInput:
        if not credentials:
            cls.raise_missing_credentials_exception()
        assert credentials is not None  # the line above raises
        return cls(
            credentials.get("account_sid"),
            credentials.get("auth_token"),
            credentials.get("twilio_number"),
            webhook_url=credentials.get("webhook_url"),
            api_base_url=credentials.get("api_base_url"),
            validate_signature=bool(credentials.get("validate_signature", True)),
        )

    def __init__(
        self,
        account_sid: str | None,
        auth_token: str | None,
        twilio_number: str | None,
        webhook_url: str | None = None,
        api_base_url: str | None = None,
        validate_signature: bool = True,
        faults: FaultSettings | None = None,
    ) -> None:
        super().__init__(account_sid, auth_token, twilio_number, debug_mode=False)
        self.webhook_url = webhook_url
        self.api_base_url = api_base_url
        self.validate_signature = validate_signature
        self.options = OptionMemory()
        self.faults = faults or FaultSettings.from_env()

    def get_output_channel(self) -> WhatsAppOutput:
        return WhatsAppOutput(self.account_sid, self.auth_token, self.twilio_number, self.options, self.api_base_url)

    def _signed(self, request: Request) -> bool:
        if not self.validate_signature:
            return True
        params = {key: values[0] for key, values in request.form.items()}
        signature = request.headers.get("X-Twilio-Signature", "")
        return RequestValidator(self.auth_token or "").validate(self.webhook_url or request.url, params, signature)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        return apologizing(self._webhooks, on_new_message, self.faults)

    def _webhooks(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        whatsapp = Blueprint("whatsapp_webhook", __name__)

        @whatsapp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @whatsapp.route("/webhook", methods=["POST"])
        async def message(request: Request) -> HTTPResponse:
            if not self._signed(request):
                logger.warning("WhatsApp-Webhook mit ungültiger Twilio-Signatur abgewiesen")
                return response.text("", status=403)
            sender, text = request.form.get("From"), request.form.get("Body")
            if not sender or text is None:
                return response.text("", status=204)
            text = self.options.resolve(sender, text.replace("¡", "@"))
            await on_new_message(
                UserMessage(
                    text,
                    self.get_output_channel(),
                    sender,
                    input_channel=self.name(),
                    metadata=self.get_metadata(request),
                )
            )
            return response.text("", status=204)

        return whatsapp
