"""socket.io enforces the same Origin allow-list as REST (Rasa's --cors): a foreign page is refused
at the handshake, an allowed page gets engine.io's CORS headers (rasa-webchat polls from there)."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from channels.guard import Guard
from channels.socketio import LotseSocketIOInput
from tests.channels.conftest import ScriptedBot, serve_channel
from tests.channels.test_socketio_guard import OPEN

ALLOWED = "https://www.krefeld.de"


@pytest.fixture()
def server(bot: ScriptedBot) -> Iterator[str]:
    channel = LotseSocketIOInput("user_uttered", "bot_uttered", session_persistence=True, guard=Guard(OPEN))
    with serve_channel(channel, bot, cors=[ALLOWED, "http://localhost:8080"]) as base:
        yield base.split("/webhooks")[0]


def handshake(server: str, origin: str | None) -> tuple[int, list[str], str]:
    """The first request of every socket.io client (polling), as a browser page of ``origin`` sends it."""
    request = urllib.request.Request(f"{server}/socket.io/?EIO=4&transport=polling")
    if origin:
        request.add_header("Origin", origin)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            status, headers, body = response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        status, headers, body = error.code, error.headers, error.read().decode()
    return status, headers.get_all("Access-Control-Allow-Origin") or [], body


def test_a_page_of_a_foreign_origin_is_refused_at_the_handshake(server: str) -> None:
    status, allow, body = handshake(server, "http://evil.example")
    assert status == 400 and allow == [] and '"sid"' not in body


def test_an_allowed_page_is_answered_with_exactly_one_cors_header(server: str) -> None:
    status, allow, body = handshake(server, ALLOWED)
    assert status == 200 and allow == [ALLOWED] and '"sid"' in body


def test_clients_without_a_page_and_the_servers_own_origin_still_connect(server: str) -> None:
    assert handshake(server, None)[0] == 200
    assert handshake(server, server)[0] == 200
