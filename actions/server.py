"""The action server answers only the Rasa server: a shared secret on every call.

Whoever can reach the action server's ``POST /webhook`` can hand it any tracker: book callbacks,
cancel them, ask for deletions, create handovers. So every request except ``GET /health`` (the
probes of Kubernetes, HAProxy and channels/faults.py, which learn nothing from it) must carry
``Authorization: Bearer <LOTSE_ACTION_TOKEN>``: none → 401, a wrong one → 403, compared in
constant time. The Rasa server sends the header from its endpoints file
(``action_endpoint.headers``); ``make run`` and ``make stack`` generate the secret per run, the
Kubernetes files take it from the Secret ``lotse-secrets``.

The check is installed through rasa_sdk's own extension point (``rasa_sdk.plugin``: every way of
starting the action server, ``rasa run actions`` or ``python -m rasa_sdk``, calls the hook
``attach_sanic_app_extensions`` with the app it created), registered when rasa_sdk imports this
package. Without a secret (or with one shorter than 32 characters) the server does not start:
a deployment that forgot it must fail, not run open.
"""

from __future__ import annotations

import hmac
import logging
import os
from collections.abc import Mapping

import pluggy
from rasa_sdk.plugin import plugin_manager
from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse, json

from bot.config import ACTION_TOKEN_ENV, shared_secret

logger = logging.getLogger(__name__)
hookimpl = pluggy.HookimplMarker("rasa_sdk")

#: Paths that answer without the secret: liveness and readiness only.
OPEN_PATHS = frozenset({"/health"})
PLUGIN_NAME = "lotse-action-token"


def require_token(app: Sanic, token: str) -> None:
    """Refuse every request to ``app`` outside OPEN_PATHS that lacks ``Bearer <token>``."""
    expected = token.encode()

    async def check(request: Request) -> HTTPResponse | None:
        if request.path in OPEN_PATHS:
            return None
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if not given:
            logger.warning("Aktionsaufruf ohne Token abgewiesen (%s)", request.remote_addr or request.ip)
            return json({"error": "token required"}, status=401, headers={"WWW-Authenticate": "Bearer"})
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected):
            logger.warning("Aktionsaufruf mit falschem Token abgewiesen (%s)", request.remote_addr or request.ip)
            return json({"error": "wrong token"}, status=403)
        return None

    app.register_middleware(check, "request")


class ActionToken:
    """The rasa_sdk plugin: installs :func:`require_token` with the secret from the environment."""

    def __init__(self, env: Mapping[str, str] | None = None) -> None:
        self.env = env

    @hookimpl
    def attach_sanic_app_extensions(self, app: Sanic) -> None:
        try:
            token = shared_secret(os.environ if self.env is None else self.env, ACTION_TOKEN_ENV)
        except ValueError as error:
            raise SystemExit(f"Aktionsserver startet nicht: {error}") from error
        require_token(app, token)


def register() -> None:
    """Make rasa_sdk install the check on the app it starts (once per process)."""
    manager = plugin_manager()
    if manager.get_plugin(PLUGIN_NAME) is None:
        manager.register(ActionToken(), name=PLUGIN_NAME)
