"""Connectors under test run in a real Sanic server; the messengers' APIs are a local HTTP server.

The "bot" behind a connector is scripted (no model needed): it answers a greeting with the real
greeting's three buttons and otherwise repeats what it understood, so each test sees exactly what
the connector would send to the messenger. :class:`TroubledBot` and :class:`Agent` play a bot
whose action server is in trouble, for the fault handling of channels/faults.py.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import threading
import urllib.parse
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from rasa.core.actions.action import RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig
from sanic import Sanic

from channels.faults import FaultSettings
from channels.feedback import FeedbackInput
from channels.guard import Guard, GuardSettings
from channels.rest import LotseRestInput

GREETING = {
    "text": "Guten Tag! Ich bin der Weiterbildungslotse, ein automatischer Assistent. Was suchen Sie?",
    "buttons": [
        {"title": "Kurs suchen", "payload": "/search_course"},
        {"title": "Wer bezahlt meine Weiterbildung?", "payload": "/ask_funding_overview"},
        {"title": "Mit einem Menschen sprechen", "payload": "/request_human"},
    ],
}


def technical_problem(hotline: str) -> str:
    """What every channel says when the bot cannot answer: the one text in wording/citizen.yml."""
    from bot.wording import render

    return render("technical_problem", hotline=hotline)["text"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: Any


@dataclass
class FakeApi:
    """Records every request; answers with ``reply(path, body)`` as JSON."""

    reply: Callable[[str, Any], tuple[int, Any]]
    calls: list[Recorded] = field(default_factory=list)
    url: str = ""

    def to(self, suffix: str) -> list[Recorded]:
        return [c for c in self.calls if c.path.split("?")[0].endswith(suffix)]


@contextmanager
def fake_api(reply: Callable[[str, Any], tuple[int, Any]]) -> Iterator[FakeApi]:
    api = FakeApi(reply)

    class Handler(BaseHTTPRequestHandler):
        def _handle(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            kind = self.headers.get("Content-Type", "")
            if "json" in kind:
                body: Any = json.loads(raw or b"{}")
            elif "form" in kind:
                body = {k: v[0] for k, v in urllib.parse.parse_qs(raw.decode()).items()}
            else:
                body = raw.decode(errors="replace")
            api.calls.append(Recorded(self.command, self.path, dict(self.headers), body))
            status, answer = api.reply(self.path, body)
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = _handle

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    api.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield api
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class ScriptedBot:
    received: list[UserMessage] = field(default_factory=list)

    async def __call__(self, message: UserMessage) -> None:
        self.received.append(message)
        if message.text.strip().lower() in {"hallo", "/greet"}:
            answer = json.loads(json.dumps(GREETING))  # a fresh copy: channels may change it in place
        else:
            answer = {"text": f"Verstanden: {message.text}"}
        await message.output_channel.send_response(message.sender_id, answer)

    @property
    def texts(self) -> list[str]:
        return [m.text for m in self.received]


async def run_unreachable_action(sender_id: str) -> None:
    """A custom action whose action server is gone; Rasa's processor logs the error and goes on."""
    gone = RemoteAction("action_search_courses", EndpointConfig(url=f"http://127.0.0.1:{free_port()}/webhook"))
    tracker = DialogueStateTracker(sender_id, [])
    with contextlib.suppress(Exception):
        await gone.run(CollectingOutputChannel(), TemplatedNaturalLanguageGenerator({}), tracker, Domain.empty())



@pytest.fixture(autouse=True, scope="module")
def _rasa_patches_as_in_the_server(rasa_patches: tuple[str, ...]) -> tuple[str, ...]:
    """The fault handling learns of failed custom actions through a registered Rasa patch
    (rasa_ext/action_failures.py); the server installs it at start, these tests per module."""
    return rasa_patches


@dataclass
class TroubledBot:
    """Fails, stays silent, hangs until released or answers and then has a custom action fail,
    like a bot whose action server is in trouble."""

    mode: str
    release: threading.Event = field(default_factory=threading.Event)
    answered: threading.Event = field(default_factory=threading.Event)
    received: list[str] = field(default_factory=list)

    async def __call__(self, message: UserMessage) -> None:
        self.received.append(message.text)
        if self.mode == "raises":
            raise RuntimeError("action server exploded")
        while self.mode == "hangs" and not self.release.is_set():
            await asyncio.sleep(0.02)
        if self.mode != "silent":
            await message.output_channel.send_response(message.sender_id, {"text": f"Antwort auf {message.text}"})
            self.answered.set()
        if self.mode == "action_fails":
            await run_unreachable_action(message.sender_id)


class Agent:
    """What the fault handling reads from Rasa's agent: readiness and the action endpoint."""

    def __init__(self, url: str | None, ready: bool = True) -> None:
        self.action_endpoint = EndpointConfig(url=url) if url else None
        self.ready = ready

    def is_ready(self) -> bool:
        return self.ready


def healthy(path: str, body: object) -> tuple[int, object]:
    """A fake action server that answers its health check."""
    return (200, {"status": "ok"}) if path == "/health" else (404, {})


@contextmanager
def serve_channel(
    channel: InputChannel, bot: Callable[[UserMessage], Any], agent: Any = None, cors: list[str] | None = None
) -> Iterator[str]:
    """Runs ``channel`` in a Sanic server on a free port; yields its webhook base URL.

    ``agent`` stands in for Rasa's agent on the app (``app.ctx.agent``), as the fault handling reads it;
    ``cors`` are the origins allowed as with ``rasa run --cors``.
    """
    Sanic.test_mode = True  # lets several apps start in one process (Sanic's start-up rewrites methods once)
    app = Sanic(f"channel_test_{uuid.uuid4().hex[:8]}")
    if agent is not None:
        app.ctx.agent = agent
    if cors is not None:
        from rasa.server import configure_cors

        configure_cors(app, cors)
    app.blueprint(channel.blueprint(bot), url_prefix=f"/webhooks/{channel.name()}")
    port = free_port()
    loop = asyncio.new_event_loop()
    ready = threading.Event()
    holder: dict[str, Any] = {}

    async def start() -> None:
        server = await app.create_server(host="127.0.0.1", port=port, return_asyncio_server=True)
        await server.startup()
        await server.before_start()
        await server.after_start()
        holder["server"] = server
        ready.set()

    def run() -> None:
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(start())
        except BaseException as error:  # reported by the caller instead of a 30 s wait
            holder["error"] = error
            ready.set()
            return
        loop.run_forever()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    if not ready.wait(30) or "error" in holder:
        raise RuntimeError(f"Sanic server did not start: {holder.get('error')!r}")
    try:
        yield f"http://127.0.0.1:{port}/webhooks/{channel.name()}"
    finally:
        async def stop() -> None:
            holder["server"].close()
            await holder["server"].wait_closed()

        asyncio.run_coroutine_threadsafe(stop(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)


@pytest.fixture(autouse=True)
def _no_counting_into_the_demo_database(tmp_path_factory: pytest.TempPathFactory,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The channels count messages for the dashboard (bot/stats/hooks.py) into the offer database:
    never into the developer's var/offers.sqlite3. An empty file has no counter table, so counting
    fails quietly, as it does when the database is away; tests/channels/test_counting.py counts for real."""
    empty = tmp_path_factory.mktemp("stats") / "ohne-tabellen.sqlite3"
    monkeypatch.setenv("LOTSE_OFFER_DB_URL", f"sqlite:///{empty}")


@pytest.fixture()
def bot() -> ScriptedBot:
    return ScriptedBot()


#: The hotline the channels' fault handling names in these tests.
HOTLINE = "0800 4 5555 00"


def rest_channel(**limits: int) -> LotseRestInput:
    """The public REST channel (channels/rest.py) with the rate limits off unless given."""
    settings = GuardSettings(**{"per_sender_per_minute": 0, "per_client_per_minute": 0, **limits})
    return LotseRestInput(Guard(settings), FaultSettings(reply_timeout=5, hotline=HOTLINE))


@pytest.fixture()
def webhook(bot: ScriptedBot) -> Iterator[str]:
    """The REST channel's webhook URL, served for one test."""
    with serve_channel(rest_channel(max_body_bytes=300_000), bot) as base:
        yield base + "/webhook"


@pytest.fixture()
def rating_url(db_url: str, bot: ScriptedBot) -> Iterator[str]:
    """The thumbs channel's URL (channels/feedback.py), storing into the test's database."""
    channel = FeedbackInput.from_credentials({"db_url": db_url, "per_session": 3, "per_client": 100})
    with serve_channel(channel, bot) as base:
        yield base + "/rating"
