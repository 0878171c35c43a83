"""The action endpoint keeps its connection between custom actions; other endpoints are unchanged (action_client)."""

from __future__ import annotations

import asyncio

import pytest
from aiohttp import web
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

pytestmark = pytest.mark.usefixtures("rasa_patches")  # action_client, as the server has it


async def client_ports(endpoint_for: str, calls: int) -> list[int]:
    """The client ports of ``calls`` POSTs through an endpoint of the given kind."""
    seen: list[int] = []

    async def webhook(request: web.Request) -> web.Response:
        seen.append(request.transport.get_extra_info("peername")[1])
        return web.json_response({"events": [], "responses": []})

    app = web.Application()
    app.router.add_post("/webhook", webhook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        endpoint = EndpointConfig(f"http://127.0.0.1:{port}/webhook")
        if endpoint_for == "actions":
            RemoteAction("action_search_courses", endpoint)
        for _ in range(calls):
            await endpoint.request(json={"next_action": "action_search_courses"}, method="post")
    finally:
        await runner.cleanup()
    return seen


def test_custom_actions_reuse_one_connection_to_the_action_server() -> None:
    ports = asyncio.run(client_ports("actions", 3))
    assert len(ports) == 3 and len(set(ports)) == 1


def test_other_endpoints_still_open_a_connection_per_request() -> None:
    ports = asyncio.run(client_ports("other", 3))
    assert len(set(ports)) == 3
