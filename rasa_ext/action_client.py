"""The action endpoint keeps its HTTP session and connection, and encodes requests with ujson.

``EndpointConfig.request`` opens a new HTTP session, and with it a new TCP connection, for every
call to the action server, and closes it afterwards: connection set-up and the address lookup in a
thread were about 1 ms of the Rasa server's CPU per custom action, encoding the request body (the
tracker window and the domain) with ``json`` another 1.3 ms (docs/performance.md). The action
endpoint keeps one session per event loop instead, encodes with ujson, and its idle connections
close after ``ACTION_KEEPALIVE_SECONDS``, before the action server's own keep-alive limit (Sanic:
5 s) would close them under a request; the session lives as long as the server process. Other
endpoints (the health check, model or NLG servers) are unchanged: only an endpoint a
``RemoteAction`` was built with is marked to keep its session.
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
from rasa.utils.endpoints import EndpointConfig

from rasa_ext.patching import replace

#: Seconds an idle connection to the action server stays open (below Sanic's 5 s keep-alive).
ACTION_KEEPALIVE_SECONDS = 3.0
_KEEP = "_lotse_keep_alive"
#: Rasa's own ``EndpointConfig.session`` and ``RemoteAction.__init__``, which the replacements call.
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


def install() -> None:
    replace(RemoteAction, "__init__", _remote_action_init)
    replace(EndpointConfig, "session", _session)
