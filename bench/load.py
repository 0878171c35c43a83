"""Closed-loop load generator for Rasa's REST channel: N conversations, each waits for its answer.

One asyncio event loop and one aiohttp session drive every conversation, so the client costs little
of the two cores it shares with the bot under test. Each conversation has its own sender id and
sends its script in a loop, the next message only after the previous answer, which is how people
chat and why throughput here is answered messages per second, not offered load.

A request counts as an error when the status is not 200, the body is not a non-empty JSON list of
bot messages, the answer contains one of the target's error markers (this bot apologises for a
technical fault instead of staying silent), or it fails or times out; errors are counted by kind
and never enter the latencies.
Only requests that finish inside the measurement window (after the warm-up) are counted.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import aiohttp

from bench.stats import Summary

WEBHOOK = "/webhooks/rest/webhook"


@dataclass(frozen=True)
class Sample:
    """One message sent and what came back; times from ``time.perf_counter()``."""

    started: float
    finished: float
    error: str | None  # None when the bot answered
    message: str = ""
    answer: str = ""

    @property
    def latency_ms(self) -> float:
        return (self.finished - self.started) * 1000


@dataclass
class LoadResult:
    """What one concurrency level measured."""

    concurrency: int
    duration_s: float
    latencies_ms: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    answers: dict[str, str] = field(default_factory=dict)  # first answer seen per message, to check the script
    by_message: dict[str, list[float]] = field(default_factory=dict)  # latencies per script line
    metered: dict[str, float] = field(default_factory=dict)  # meter readings, end of window minus start

    @property
    def answered(self) -> int:
        return len(self.latencies_ms)

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    @property
    def throughput(self) -> float:
        """Answered messages per second over the measurement window."""
        return self.answered / self.duration_s if self.duration_s > 0 else 0.0

    @property
    def summary(self) -> Summary:
        return Summary.of(self.latencies_ms)


def answer_text(body: object) -> str:
    """The bot's texts joined, or "" when ``body`` is not what Rasa's REST channel answers with."""
    if not isinstance(body, list):
        return ""
    parts = []
    for message in body:
        if isinstance(message, dict):
            text = message.get("text") or ("[" + ", ".join(sorted(message)) + "]")
            parts.append(str(text))
    return " | ".join(parts)


ErrorMarkers = Mapping[str, str]  # text in an answer -> the kind of error it stands for


async def send(
    session: aiohttp.ClientSession, url: str, sender: str, message: str, timeout_s: float,
    markers: ErrorMarkers | None = None,
) -> Sample:
    """POST one message to the REST webhook at ``url`` and classify the outcome."""
    started = time.perf_counter()
    error: str | None = None
    answer = ""
    try:
        async with session.post(
            url + WEBHOOK, json={"sender": sender, "message": message}, timeout=aiohttp.ClientTimeout(total=timeout_s)
        ) as response:
            if response.status != 200:
                error = f"HTTP {response.status}"
                await response.read()
            else:
                answer = answer_text(await response.json(content_type=None))
                if not answer:
                    error = "empty answer"
                error = error or next((kind for text, kind in (markers or {}).items() if text in answer), None)
    except asyncio.TimeoutError:
        error = "timeout"
    except (aiohttp.ClientError, ValueError) as exc:  # ValueError: body is not JSON
        error = type(exc).__name__
    return Sample(started, time.perf_counter(), error, message, answer)


async def _converse(
    session: aiohttp.ClientSession,
    url: str,
    sender: str,
    script: Sequence[str],
    stop_at: float,
    timeout_s: float,
    markers: ErrorMarkers | None,
    samples: list[Sample],
    delay_s: float = 0.0,
) -> None:
    await asyncio.sleep(delay_s)
    turn = 0
    while time.perf_counter() < stop_at:
        samples.append(await send(session, url, sender, script[turn % len(script)], timeout_s, markers))
        turn += 1


def window(samples: Sequence[Sample], concurrency: int, start: float, end: float) -> LoadResult:
    """Count the samples that finished within ``[start, end]``; the rest are warm-up or overrun."""
    result = LoadResult(concurrency, end - start)
    for sample in samples:
        if not start <= sample.finished <= end:
            continue
        if sample.error is None:
            result.latencies_ms.append(sample.latency_ms)
            result.answers.setdefault(sample.message, sample.answer)
            result.by_message.setdefault(sample.message, []).append(sample.latency_ms)
        else:
            result.errors[sample.error] += 1
    return result


Meter = Callable[[], float]


async def _read_meters(meters: Mapping[str, Meter], start: float, end: float) -> dict[str, float]:
    """Each meter's increase between ``start`` and ``end`` (e.g. CPU seconds of the server)."""
    await asyncio.sleep(max(0.0, start - time.perf_counter()))
    first = {name: meter() for name, meter in meters.items()}
    await asyncio.sleep(max(0.0, end - time.perf_counter()))
    return {name: meter() - first[name] for name, meter in meters.items()}


async def run_load(
    url: str,
    script: Sequence[str],
    concurrency: int,
    warmup_s: float,
    duration_s: float,
    sender_prefix: str,
    timeout_s: float = 30.0,
    meters: Mapping[str, Meter] | None = None,
    markers: ErrorMarkers | None = None,
) -> LoadResult:
    """Run ``concurrency`` closed-loop conversations for ``warmup_s + duration_s`` seconds.

    The conversations start one after another, spread over the warm-up: started together, all
    of them would send the same script line at the same moment and stay in lockstep for a while,
    which no real audience does. They stop sending at the end of the window; requests still in
    flight are awaited (at most ``timeout_s``) so no connection is cut mid-request, but they are
    not counted. ``meters`` are read at the start and the end of the window.
    """
    samples: list[Sample] = []
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:
        begin = time.perf_counter()
        start, end = begin + warmup_s, begin + warmup_s + duration_s
        metering = asyncio.create_task(_read_meters(meters or {}, start, end))
        await asyncio.gather(*(
            _converse(session, url, f"{sender_prefix}-{n}", script, end, timeout_s, markers, samples,
                      delay_s=warmup_s * n / concurrency)
            for n in range(concurrency)
        ))
        metered = await metering
    result = window(samples, concurrency, start, end)
    result.metered = metered
    return result


async def run_conversation(
    url: str, script: Sequence[str], turns: int, sender: str, timeout_s: float = 30.0,
    markers: ErrorMarkers | None = None,
) -> list[Sample]:
    """One conversation of ``turns`` messages (the script repeated), one after another."""
    async with aiohttp.ClientSession() as session:
        return [await send(session, url, sender, script[t % len(script)], timeout_s, markers) for t in range(turns)]


async def first_answer(
    url: str, message: str, sender: str, deadline: float, poll_s: float = 0.2, markers: ErrorMarkers | None = None
) -> Sample:
    """Send ``message`` until the bot answers it or ``time.perf_counter()`` passes ``deadline``.

    Connection refused while the server loads its model is expected and retried; the last failure
    is returned when the deadline passes.
    """
    async with aiohttp.ClientSession() as session:
        while True:
            timeout_s = max(1.0, deadline - time.perf_counter())
            sample = await send(session, url, sender, message, timeout_s, markers)
            if sample.error is None or time.perf_counter() >= deadline:
                return sample
            await asyncio.sleep(poll_s)
