"""When the bot cannot answer: a German apology with a phone number instead of silence.

Rasa 3.6 swallows a failing custom action: with the action server down it logs the error and the
citizen gets no answer at all. A hanging action server is worse: the request waits until Sanic's
response timeout (60 s) cancels it, and the cancelled turn is never saved, so the message is lost.
The public channels (REST, socket.io) and the messengers (Telegram, Facebook, WhatsApp) therefore
run each message as a task of its own and watch it:

* still running after ``reply_timeout`` → the apology now; the task goes on and is saved, and its
  answer follows (socket.io, messengers) or comes with the next reply (REST);
* it raises → the apology;
* a custom action of this turn failed (the action server was unreachable, timed out or answered
  with an error) → the apology, also when the bot said something before: with several action
  servers behind a load balancer the health check still passes while one of them is gone (noted
  by the registered Rasa patch ``action_failures``, rasa_ext/action_failures.py);
* it ends without a single bot message and the action server does not answer its health check
  → the apology. Silence alone is not enough: "Neustart" is answered with silence by design.

REST and socket.io call :func:`watch` and :func:`needs_apology` in their own handlers. The
messengers' webhooks are Rasa's (or shaped like them) and only acknowledge a message; answers go
out through the output channel the message carries. :func:`apologizing` wraps their message
handler once, so the apology goes out through that same output channel (Bot API, Graph API,
Twilio) and the webhook's status codes stay as they were.

A turn that said something, in time, without an exception and without a failed custom action
gets no apology; the offer database being down is answered by the actions themselves
(actions/common.py).
"""

from __future__ import annotations

import asyncio
import copy
import logging
from collections.abc import Awaitable, Callable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from enum import Enum
from typing import Any

import aiohttp
from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.utils.endpoints import EndpointConfig
from sanic import Blueprint
from sanic.request import Request

from bot import config
from rasa_ext import action_failures
from rasa_ext.turn_order import waiting_elsewhere

logger = logging.getLogger(__name__)


HEALTH_TIMEOUT = aiohttp.ClientTimeout(total=2)


@dataclass(frozen=True)
class FaultSettings:
    #: Seconds a citizen waits at most before the apology (processing goes on in the background).
    reply_timeout: float = config.DEFAULT_REPLY_TIMEOUT
    hotline: str = config.DEFAULT_HOTLINE

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> FaultSettings:
        return cls(reply_timeout=config.reply_timeout(env), hotline=config.hotline(env))

    @property
    def apology(self) -> str:
        """The one apology of every channel and of the actions (``technical_problem`` in wording/citizen.yml)."""
        from bot.wording import render  # the one wording place (wording/)

        return render("technical_problem", hotline=self.hotline)["text"]


class Outcome(Enum):
    DONE = "done"
    FAILED = "failed"
    SLOW = "slow"


def failed_actions() -> list[str]:
    """Custom actions that failed in the turn the current request watched (noted by rasa_ext.action_failures)."""
    return action_failures.failed()


async def watch(processing: Awaitable[Any], timeout: float) -> tuple[asyncio.Future, Outcome]:
    """Runs ``processing`` as its own task: a cancelled request or a timeout never cancels it."""
    action_failures.watching()  # the task gets a copy of this context: the same list
    task = asyncio.ensure_future(processing)
    try:
        await asyncio.wait_for(asyncio.shield(task), timeout)
    except asyncio.TimeoutError:
        logger.warning("Keine Antwort nach %.0f s: Entschuldigung gesendet, Verarbeitung läuft weiter", timeout)
        task.add_done_callback(_log_late_failure)
        return task, Outcome.SLOW
    except asyncio.CancelledError:
        if not task.cancelled():
            raise  # the request itself was cancelled; the shielded task goes on
        return task, Outcome.FAILED
    except Exception:
        logger.exception("Nachricht konnte nicht verarbeitet werden")
        return task, Outcome.FAILED
    return task, Outcome.DONE


def _log_late_failure(task: asyncio.Future) -> None:
    if not task.cancelled() and task.exception() is not None:
        logger.error("Verspätete Verarbeitung fehlgeschlagen", exc_info=task.exception())


def health_url(action_url: str) -> str:
    """rasa-sdk serves ``/health`` next to ``/webhook``."""
    base = action_url.rstrip("/")
    if base.endswith("/webhook"):
        base = base[: -len("/webhook")]
    return base + "/health"


async def action_server_answers(agent: Any) -> bool:
    """Whether the agent's action server answers its health check (same auth as action calls)."""
    endpoint = getattr(agent, "action_endpoint", None)
    if endpoint is None or not endpoint.url:
        return False
    probe = EndpointConfig(
        url=health_url(endpoint.url),
        headers=endpoint.headers,
        basic_auth=endpoint.basic_auth,
        token=endpoint.token,
        token_name=endpoint.token_name,
        cafile=endpoint.cafile,
    )
    try:
        await probe.request(method="get", content_type=None, timeout=HEALTH_TIMEOUT)
    except Exception as error:  # refused, timed out, 5xx: all mean "cannot answer now"
        logger.warning("Aktionsserver antwortet nicht (%s)", type(error).__name__)
        return False
    return True


async def needs_apology(outcome: Outcome, said_anything: bool, agent: Any) -> bool:
    """Whether the citizen gets the apology after this turn (see the module docstring)."""
    if outcome is not Outcome.DONE:
        return True
    if failed_actions():
        logger.warning("Aktion(en) fehlgeschlagen: %s", ", ".join(failed_actions()))
        return True
    if said_anything:
        return False
    if agent is None or not agent.is_ready():  # no model loaded: Rasa ignores the message
        return True
    return not await action_server_answers(agent)


OnNewMessage = Callable[[UserMessage], Awaitable[Any]]

#: Rasa's agent on the app serving the current webhook request. The messengers' message handler is
#: called deep inside the webhook code without the request, and Sanic 21.12 has no current request.
_serving_agent: ContextVar[Any] = ContextVar("lotse_serving_agent", default=None)


class CountingOutput(OutputChannel):
    """A channel's own output channel for one message, counting what the bot sends through it.

    The count has to be per message: Telegram's output channel is one object for all chats.
    """

    def __init__(self, output: OutputChannel) -> None:
        self.output = output
        self.sent = 0

    def name(self) -> str:  # Rasa picks channel-specific responses by it
        return self.output.name()

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        async with waiting_elsewhere():  # the messenger's API: other turns work meanwhile
            await self.output.send_response(recipient_id, message)
        self.sent += 1

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self.output.send_text_message(recipient_id, text, **kwargs)
        self.sent += 1

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        await self.output.send_image_url(recipient_id, image, **kwargs)
        self.sent += 1

    async def send_attachment(self, recipient_id: str, attachment: str, **kwargs: Any) -> None:
        await self.output.send_attachment(recipient_id, attachment, **kwargs)
        self.sent += 1

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        await self.output.send_text_with_buttons(recipient_id, text, buttons, **kwargs)
        self.sent += 1

    async def send_quick_replies(
        self, recipient_id: str, text: str, quick_replies: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        await self.output.send_quick_replies(recipient_id, text, quick_replies, **kwargs)
        self.sent += 1

    async def send_elements(self, recipient_id: str, elements: Any, **kwargs: Any) -> None:
        await self.output.send_elements(recipient_id, elements, **kwargs)
        self.sent += 1

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        await self.output.send_custom_json(recipient_id, json_message, **kwargs)
        self.sent += 1


def apologizing(
    blueprint_for: Callable[[OnNewMessage], Blueprint], on_new_message: OnNewMessage, faults: FaultSettings
) -> Blueprint:
    """A messenger channel's blueprint whose messages are watched like REST and socket.io ones.

    ``blueprint_for`` builds the channel's webhooks around a message handler (the channel's own
    ``blueprint`` method). The handler it gets runs each message with a counting view of the
    output channel the message carries and, when :func:`needs_apology` says so, sends the apology
    through that output channel; a slow turn's answer follows on the messenger by itself.
    """

    async def answer_or_apologize(message: UserMessage) -> None:
        output = CountingOutput(message.output_channel)
        counted = copy.copy(message)
        counted.output_channel = output
        _, outcome = await watch(on_new_message(counted), faults.reply_timeout)
        if await needs_apology(outcome, output.sent > 0, _serving_agent.get()):
            try:
                await output.output.send_text_message(message.sender_id, faults.apology)
            except Exception:  # the messenger's API is down too: the webhook still acknowledges
                logger.exception("Entschuldigung über %s nicht gesendet", message.input_channel)

    async def answer(message: UserMessage) -> None:
        # A messenger may hang up before reply_timeout (Twilio waits 15 s) and Sanic then cancels
        # the request; the apology goes out through the messenger's API and needs no open request.
        await asyncio.shield(answer_or_apologize(message))

    async def remember_agent(request: Request) -> None:
        _serving_agent.set(getattr(request.app.ctx, "agent", None))

    blueprint = blueprint_for(answer)
    blueprint.middleware(remember_agent, "request")
    return blueprint
