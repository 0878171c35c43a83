"""The load generator against a small in-process fake of Rasa's REST channel: what counts as an
answer, what as an error, and that every simulated user waits for its answer (closed loop)."""

from __future__ import annotations

import asyncio
import socket
from collections import defaultdict
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import pytest
from aiohttp import web

from bench import load
from bench.load import Sample, answer_text, window

Reply = Callable[[str, str], Awaitable[web.Response]]


async def rasa_like(sender: str, message: str) -> web.Response:
    """Answers like Rasa's REST channel; "kaputt" fails, "stumm" gets no bot message."""
    if message == "kaputt":
        return web.Response(status=500, text="Internal Server Error")
    if message == "stumm":
        return web.json_response([])
    return web.json_response([{"recipient_id": sender, "text": f"Antwort auf {message}"}])


@dataclass
class Fake:
    url: str = ""
    received: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    overlaps: list[str] = field(default_factory=list)  # senders that sent again before their answer


@asynccontextmanager
async def serve(reply: Reply) -> AsyncIterator[Fake]:
    """Start the fake on a free port; it records every sender's messages in arrival order."""
    fake = Fake()
    in_flight: set[str] = set()

    async def webhook(request: web.Request) -> web.Response:
        body = await request.json()
        if body["sender"] in in_flight:
            fake.overlaps.append(body["sender"])
        in_flight.add(body["sender"])
        fake.received[body["sender"]].append(body["message"])
        try:
            await asyncio.sleep(0.002)  # let other conversations interleave
            return await reply(body["sender"], body["message"])
        finally:
            in_flight.discard(body["sender"])

    app = web.Application()
    app.router.add_post(load.WEBHOOK, webhook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", free_port())
    await site.start()
    fake.url = site.name.rstrip("/")
    try:
        yield fake
    finally:
        await runner.cleanup()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(coro_factory: Callable[[str], Awaitable], reply: Reply = rasa_like) -> tuple[object, Fake]:
    async def main() -> tuple[object, Fake]:
        async with serve(reply) as fake:
            return await coro_factory(fake.url), fake

    return asyncio.run(main())


def test_errors_are_counted_by_kind_and_kept_out_of_the_latencies() -> None:
    script = ("hallo", "kaputt", "stumm")
    # a window of seconds, not half a second: a full garbage collection of the test process (which
    # has Rasa and TensorFlow loaded by now) once took longer than the whole window in CI
    result, _ = run(lambda url: load.run_load(url, script, 3, 0.0, 2.0, "t"))
    assert set(result.errors) == {"HTTP 500", "empty answer"}
    assert result.answered > 0
    assert result.answers == {"hallo": "Antwort auf hallo"}
    # each answered "hallo" is followed by one "kaputt" and one "stumm": errors about twice the answers
    assert abs(result.error_count - 2 * result.answered) <= 2 * 3
    assert result.throughput == pytest.approx(result.answered / 2.0)


def test_an_answer_with_an_error_marker_is_an_error() -> None:
    async def apologising(sender: str, message: str) -> web.Response:
        return web.json_response([{"text": "Entschuldigung, gerade gibt es eine technische Störung."}])

    markers = {"technische Störung": "apology"}
    samples, _ = run(lambda url: load.run_conversation(url, ("hallo",), 2, "s", markers=markers), apologising)
    assert [s.error for s in samples] == ["apology", "apology"]
    plain, _ = run(lambda url: load.run_conversation(url, ("hallo",), 1, "s"), apologising)
    assert plain[0].error is None  # without markers it is just an answer


def test_each_conversation_has_its_own_sender_and_sends_its_script_in_order() -> None:
    script = ("eins", "zwei", "drei")
    _, fake = run(lambda url: load.run_load(url, script, 4, 0.2, 1.0, "conv"))  # starts spread over 0.2 s
    assert fake.overlaps == []
    assert sorted(fake.received) == ["conv-0", "conv-1", "conv-2", "conv-3"]
    for messages in fake.received.values():
        assert len(messages) >= 1
        assert messages == [script[i % 3] for i in range(len(messages))]


def test_a_refused_connection_counts_as_an_error_not_a_crash() -> None:
    async def unreachable() -> list[Sample]:
        return await load.run_conversation(f"http://127.0.0.1:{free_port()}", ("hallo",), 2, "x", timeout_s=5)

    samples = asyncio.run(unreachable())
    assert [s.error for s in samples] == ["ClientConnectorError"] * 2


def test_long_conversation_repeats_the_script_for_the_asked_number_of_turns() -> None:
    samples, fake = run(lambda url: load.run_conversation(url, ("a", "b", "c"), 7, "lang"))
    assert [s.message for s in samples] == ["a", "b", "c", "a", "b", "c", "a"]
    assert all(s.error is None for s in samples)
    assert fake.received["lang"] == ["a", "b", "c", "a", "b", "c", "a"]


def test_first_answer_retries_until_the_bot_answers() -> None:
    calls = {"n": 0}

    async def loading_model(sender: str, message: str) -> web.Response:
        calls["n"] += 1
        if calls["n"] < 3:
            return web.Response(status=503)
        return await rasa_like(sender, message)

    async def probe(url: str) -> Sample:
        loop = asyncio.get_running_loop()
        return await load.first_answer(url, "Hallo", "probe", loop.time() + 60, poll_s=0.01)

    sample, _ = run(probe, loading_model)
    assert sample.error is None and sample.answer == "Antwort auf Hallo"
    assert calls["n"] == 3


def test_window_counts_only_what_finished_inside_it() -> None:
    samples = [
        Sample(0.0, 0.9, None, "warm-up"),  # finished during warm-up
        Sample(0.9, 1.2, None, "a", "A"),
        Sample(1.5, 1.6, "HTTP 500", "b"),
        Sample(2.0, 2.5, None, "a", "A2"),
        Sample(2.9, 3.4, None, "overrun"),  # finished after the window
    ]
    result = window(samples, concurrency=2, start=1.0, end=3.0)
    assert result.latencies_ms == pytest.approx([300.0, 500.0])
    assert dict(result.errors) == {"HTTP 500": 1}
    assert result.answers == {"a": "A"}
    assert result.by_message == {"a": pytest.approx([300.0, 500.0])}
    assert result.throughput == pytest.approx(1.0)


def test_answer_text_joins_bot_messages_and_rejects_other_bodies() -> None:
    body = [{"text": "Guten Tag!"}, {"image": "https://example.org/a.png"}, {"text": "Was suchen Sie?"}]
    assert answer_text(body) == "Guten Tag! | [image] | Was suchen Sie?"
    assert answer_text([]) == ""
    assert answer_text({"error": "x"}) == ""
