"""Telegram with buttons one per row, a configurable Bot API address and no blocking start-up call.

Differences to Rasa's ``telegram`` channel (same credentials plus ``api_base_url``):
- buttons are laid out one per row (Rasa's default puts all in one unreadable row, RasaHQ/rasa#3993);
- ``api_base_url`` points the bot at a self-hosted Bot API server (or a local fake in tests);
- the webhook is registered when the server starts, inside its event loop, and a failure is logged
  instead of aborting the whole Rasa server; ``getMe`` (used to check ``verify``) is asked once;
- when the bot cannot answer (action server down or hanging, a failed action) the chat gets the
  apology of channels/faults.py instead of silence.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram.bot.api import TELEGRAM_PRODUCTION, TelegramAPIServer
from aiogram.utils.exceptions import TelegramAPIError
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.telegram import TelegramInput as RasaTelegramInput
from rasa.core.channels.telegram import TelegramOutput as RasaTelegramOutput
from sanic import Blueprint

from channels.faults import FaultSettings, apologizing

logger = logging.getLogger(__name__)


class TelegramOutput(RasaTelegramOutput):
    def __init__(self, access_token: str | None, api_base_url: str | None = None) -> None:
        server = TelegramAPIServer.from_base(api_base_url) if api_base_url else TELEGRAM_PRODUCTION
        super(RasaTelegramOutput, self).__init__(access_token, server=server)
        self._me: Any = None

    async def get_me(self) -> Any:
        if self._me is None:
            self._me = await super().get_me()
        return self._me

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        button_type = kwargs.pop("button_type", "vertical")
        await super().send_text_with_buttons(recipient_id, text, buttons, button_type=button_type, **kwargs)


class TelegramInput(RasaTelegramInput):
    @classmethod
    def name(cls) -> str:
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> TelegramInput:
        if not credentials:
            cls.raise_missing_credentials_exception()
        assert credentials is not None  # the line above raises
        return cls(
            credentials.get("access_token"),
            credentials.get("verify"),
            credentials.get("webhook_url"),
            api_base_url=credentials.get("api_base_url"),
        )

    def __init__(
        self,
        access_token: str | None,
        verify: str | None,
        webhook_url: str | None,
        debug_mode: bool = False,
        api_base_url: str | None = None,
        faults: FaultSettings | None = None,
    ) -> None:
        super().__init__(access_token, verify, webhook_url, debug_mode)
        self.api_base_url = api_base_url
        self.faults = faults or FaultSettings.from_env()
        self._output: TelegramOutput | None = None

    def get_output_channel(self) -> TelegramOutput:
        if self._output is None:
            self._output = TelegramOutput(self.access_token, self.api_base_url)
        return self._output

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        blueprint = apologizing(super().blueprint, on_new_message, self.faults)
        output = self.get_output_channel()

        @blueprint.listener("before_server_start")
        async def register_webhook(*_: Any) -> None:
            if not self.webhook_url:
                return
            try:
                await output.set_webhook(url=self.webhook_url)
            except (TelegramAPIError, OSError) as error:
                logger.error("Telegram-Webhook konnte nicht gesetzt werden: %s", error)

        return blueprint
