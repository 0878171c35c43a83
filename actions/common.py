"""What every action needs: a database session per call, and a polite answer when things break."""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from actions.wording import render
from bot.config import load_settings

logger = logging.getLogger(__name__)

Events = list[dict[str, Any]]


def survives_database_errors(method: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    """Turn a database outage into an apology instead of a silent bot.

    Nothing the citizen typed is lost: slots change only through the events we return, and on
    failure we return none (``run``) or leave the slot as it was (``validate_<slot>``).
    """

    @functools.wraps(method)
    async def wrapper(self: Action, *args: Any, **kwargs: Any) -> Any:
        try:
            return await method(self, *args, **kwargs)
        except SQLAlchemyError as error:
            logger.error("Datenbankfehler in %s.%s: %s", self.name(), method.__name__, type(error).__name__)
            dispatcher = next(a for a in args if isinstance(a, CollectingDispatcher))
            dispatcher.utter_message(**render("technical_problem", hotline=load_settings().hotline))
            return [] if method.__name__ == "run" else {}

    return wrapper


def channel_of(tracker: Tracker) -> str:
    return (tracker.get_latest_input_channel() or "").strip() or "unbekannt"
