"""Corrections to Rasa 3.6 that the bot needs for speed; applied when the tracker store loads.

The action server's answers are validated as Rasa does, but without trying every event schema on
every event (stores/action_response.py).

``Event.resolve_by_type`` walks all subclasses of ``Event`` (and asks ``inspect.isabstract`` of
each) for every event it deserialises: two thirds of the time to load a tracker. The class for a
type name never changes once found, so it is looked up once and then remembered.

``EndpointConfig.request`` opens a new HTTP session, and with it a new TCP connection, for every
call to the action server, and closes it afterwards: connection set-up and the address lookup in a
thread were about 1 ms of the Rasa server's CPU per custom action (py-spy, 2026-11-23), encoding
the request body (the tracker window and the domain) with ``json`` another 1.3 ms. The action
endpoint keeps one session per event loop instead, encodes with ujson, whose idle connections close after
``ACTION_KEEPALIVE_SECONDS``, before the action server's own keep-alive limit (Sanic: 5 s) would
close them under a request; the session lives as long as the server process. Other endpoints
(the health check, model or NLG servers) are unchanged.

``Domain.is_empty`` turns the whole domain into a dict and compares it with an empty domain's,
and the processor asks it for every message before checking the message's intent and entities
against the domain (1.5 % of a replica's CPU, cProfile 2026-11-23). The server's domain does not
change while it is loaded (a new model brings a new Domain object), so the answer is kept on the
domain object.

The prediction graph runs without dask (stores/graph_runner.py); the policies share one computation
of the tracker's states per prediction (stores/past_states.py); the rules are matched without
decoding them again for every check (stores/rule_matching.py); copies for debug lines that are
not written are skipped, slots and applied events are copied cheaper (stores/tracker_copies.py);
short, frequent messages outside forms are understood once every ten minutes (stores/nlu_cache.py);
the turns take the processor in the order their messages arrived (stores/turn_order.py).

The tracker store is the one custom class every Rasa server process of this bot imports at start
(endpoints.yml names it), so it applies this fix; ``apply()`` is idempotent.
"""

from __future__ import annotations

import asyncio
import json
from types import TracebackType
from typing import Any

import aiohttp
import ujson
from rasa.core.actions.action import RemoteAction
from rasa.core.constants import DEFAULT_REQUEST_TIMEOUT
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event
from rasa.utils.endpoints import EndpointConfig

from stores import (
    action_response,
    graph_runner,
    nlu_cache,
    past_states,
    rule_matching,
    tracker_copies,
    turn_order,
)

_resolve_by_type_uncached = Event.resolve_by_type
_event_classes: dict[str, type[Event]] = {}


def _resolve_by_type(type_name: str, default: type[Event] | None = None) -> type[Event] | None:
    found = _event_classes.get(type_name)
    if found is None:
        found = _resolve_by_type_uncached(type_name, default)
        if found is not None and found is not default:
            _event_classes[type_name] = found
    return found


#: Seconds an idle connection to the action server stays open (below Sanic's 5 s keep-alive).
ACTION_KEEPALIVE_SECONDS = 3.0
_KEEP = "_lotse_keep_alive"
_new_session = EndpointConfig.session
_rasa_remote_action_init = RemoteAction.__init__


class _KeptSession:
    """``async with`` yields the kept session and leaves it open for the next call."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self.session = session

    async def __aenter__(self) -> aiohttp.ClientSession:
        return self.session

    async def __aexit__(self, kind: type[BaseException] | None, error: BaseException | None,
                        trace: TracebackType | None) -> None:
        return None


def _dumps(body: Any) -> str:
    """The request body for the action server; ujson takes a third of the time ``json`` needs."""
    try:
        return ujson.dumps(body)
    except (TypeError, ValueError, OverflowError):  # what ujson refuses (e.g. NaN), json writes
        return json.dumps(body)


def _session(self: EndpointConfig) -> Any:
    kept = getattr(self, _KEEP, None)
    if kept is None:
        return _new_session(self)
    loop = asyncio.get_running_loop()
    session = kept.get(loop)
    if session is None or session.closed:
        for other in [other for other in kept if other.is_closed()]:
            del kept[other]  # sessions of loops that ended (tests run one loop each)
        auth = aiohttp.BasicAuth(self.basic_auth["username"], self.basic_auth["password"]) if self.basic_auth else None
        session = aiohttp.ClientSession(
            headers=self.headers,
            auth=auth,
            timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
            connector=aiohttp.TCPConnector(keepalive_timeout=ACTION_KEEPALIVE_SECONDS),
            json_serialize=_dumps,
        )
        kept[loop] = session
    return _KeptSession(session)


def _remote_action_init(self: RemoteAction, name: str, action_endpoint: EndpointConfig | None) -> None:
    _rasa_remote_action_init(self, name, action_endpoint)
    if action_endpoint is not None and getattr(action_endpoint, _KEEP, None) is None:
        setattr(action_endpoint, _KEEP, {})


_IS_EMPTY = "_lotse_is_empty"
_domain_is_empty = Domain.is_empty


def _is_empty(self: Domain) -> bool:
    found = self.__dict__.get(_IS_EMPTY)
    if found is None:
        found = self.__dict__[_IS_EMPTY] = _domain_is_empty(self)
    return found


def apply() -> None:
    action_response.apply()
    Domain.is_empty = _is_empty  # type: ignore[method-assign]
    Event.resolve_by_type = staticmethod(_resolve_by_type)  # type: ignore[method-assign]
    RemoteAction.__init__ = _remote_action_init  # type: ignore[method-assign]
    EndpointConfig.session = _session  # type: ignore[method-assign]
    graph_runner.apply()
    past_states.apply()
    rule_matching.apply()
    tracker_copies.apply()
    nlu_cache.apply()
    turn_order.apply()
