"""Failed custom actions noted for the channel that watches the turn.

Rasa 3.6 swallows a failing custom action (``processor._run_action`` logs the error and goes on),
so the citizen would get no answer and the channel would not know why. ``RemoteAction.run`` is
wrapped to note the name of each custom action that failed in the turn a channel watches
(channels/faults.py: :func:`watching` before the turn, :func:`failed` after it); the channel then
apologises with a phone number. A form rejecting a value (``ActionExecutionRejection``) is normal
conversation and not noted. Without this patch (``LOTSE_RASA_PATCHES=0``) the channels still
apologise for exceptions, time-outs and silence with the action server down, but not for a failed
action after which the bot said something.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Any

from rasa.core.actions.action import ActionExecutionRejection, RemoteAction

from rasa_ext.patching import replace

#: Names of the custom actions that failed in the turn being watched (None: no one watches).
_failed_actions: ContextVar[list[str] | None] = ContextVar("lotse_failed_actions", default=None)


def watching() -> None:
    """From now on, in this context and the tasks it starts, failed custom actions are noted."""
    _failed_actions.set([])  # a task started afterwards gets a copy of this context: the same list


def failed() -> list[str]:
    """Custom actions that failed since :func:`watching` was called in this context."""
    return list(_failed_actions.get() or [])


def noting_failures(run: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
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

    return wrapper


def install() -> None:
    replace(RemoteAction, "run", noting_failures(RemoteAction.run))
