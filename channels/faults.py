"""When the bot cannot answer: a German apology with a phone number instead of silence.

Rasa 3.6 swallows a failing custom action: with the action server down it logs the error and the
citizen gets no answer at all. A hanging action server is worse: the request waits until Sanic's
response timeout (60 s) cancels it, and the cancelled turn is never saved, so the message is lost.
The public channels therefore run each message as a task of its own and watch it:

* still running after ``reply_timeout`` → the apology now; the task goes on and is saved, and its
  answer follows (socket.io) or comes with the next reply (REST);
* it raises → the apology;
* a custom action of this turn failed (the action server was unreachable, timed out or answered
  with an error) → the apology, also when the bot said something before: with several action
  servers behind a load balancer the health check still passes while one of them is gone;
* it ends without a single bot message and the action server does not answer its health check
  → the apology. Silence alone is not enough: "Neustart" is answered with silence by design.

A turn that said something before an action failed gets no apology (the citizen saw an answer);
the offer database being down is answered by the actions themselves (actions/common.py).
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
from collections.abc import Awaitable, Callable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from enum import Enum
from typing import Any

import aiohttp
from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.utils.endpoints import EndpointConfig

from bot.config import DEFAULT_HOTLINE

logger = logging.getLogger(__name__)


APOLOGY = (
    "Entschuldigung, gerade gibt es eine technische Störung und ich kann Ihnen nicht richtig antworten. "
    "Ihre bisherigen Angaben bleiben erhalten. Bitte versuchen Sie es in ein paar Minuten noch einmal. "
    "Persönliche Beratung bekommen Sie auch am Telefon der Agentur für Arbeit: {hotline} (kostenfrei)."
)

HEALTH_TIMEOUT = aiohttp.ClientTimeout(total=2)


@dataclass(frozen=True)
class FaultSettings:
    #: Seconds a citizen waits at most before the apology (processing goes on in the background).
    reply_timeout: float = 20.0
    hotline: str = DEFAULT_HOTLINE

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> FaultSettings:
        env = os.environ if env is None else env
        timeout = float(env.get("LOTSE_REPLY_TIMEOUT", "").strip() or cls.reply_timeout)
        if timeout <= 0:
            raise ValueError("LOTSE_REPLY_TIMEOUT muss größer als 0 sein")
        return cls(reply_timeout=timeout, hotline=env.get("LOTSE_HOTLINE", "").strip() or cls.hotline)

    @property
    def apology(self) -> str:
        return APOLOGY.format(hotline=self.hotline)


class Outcome(Enum):
    DONE = "done"
    FAILED = "failed"
    SLOW = "slow"


#: Names of the custom actions that failed in the turn being watched. Rasa swallows the error
#: (processor._run_action logs it and goes on), so the channel learns of it only this way.
_failed_actions: ContextVar[list[str] | None] = ContextVar("lotse_failed_actions", default=None)


def _noting_failures(run: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    @functools.wraps(run)
    async def wrapper(self: RemoteAction, *args: Any, **kwargs: Any) -> Any:
        try:
            return await run(self, *args, **kwargs)
        except ActionExecutionRejection:
            raise  # a form rejecting a value: normal conversation, not a fault
        except Exception:
            failures = _failed_actions.get()
            if failures is not None:
                failures.append(self.name())
            raise

    wrapper.lotse_notes_failures = True  # type: ignore[attr-defined]
    return wrapper


if not getattr(RemoteAction.run, "lotse_notes_failures", False):  # importing twice wraps once
    RemoteAction.run = _noting_failures(RemoteAction.run)  # type: ignore[method-assign]


def failed_actions() -> list[str]:
    """Custom actions that failed in the turn the current request watched."""
    return list(_failed_actions.get() or [])


async def watch(processing: Awaitable[Any], timeout: float) -> tuple[asyncio.Future, Outcome]:
    """Runs ``processing`` as its own task: a cancelled request or a timeout never cancels it."""
    _failed_actions.set([])  # the task gets a copy of this context: the same list
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
