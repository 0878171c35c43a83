"""Measure one target: start it, time the first answer, a long conversation, load levels, memory.

The order is fixed so every target is measured alike: start-up on an idle machine, one pass of the
script to warm up (lazy imports, graph tracing), the long conversation while the tracker store is
still small, then the concurrency levels from low to high, and memory after all the load.
"""

from __future__ import annotations

import asyncio
import math
import resource
import time
import urllib.request
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench import load
from bench.procs import Servers, machine_busy_seconds
from bench.results import Level, TargetResult
from bench.targets import Target


@dataclass(frozen=True)
class Plan:
    """How long and how hard to measure."""

    concurrency: Sequence[int]
    warmup_s: float
    duration_s: float
    turns: int
    startup_timeout_s: float = 300
    request_timeout_s: float = 30
    pause_s: float = 3  # between levels, so one level's stragglers do not slow the next


def client_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _wait_ready(urls: Sequence[str], servers: Servers, deadline: float) -> None:
    for url in urls:
        while True:
            servers.check_alive()
            try:
                with urllib.request.urlopen(url, timeout=2):
                    break
            except OSError:
                if time.perf_counter() > deadline:
                    raise RuntimeError(f"{url} did not answer in time") from None
                time.sleep(0.2)


def startup(target: Target, servers: Servers, started: float, plan: Plan, run_id: str) -> float:
    """Seconds from starting the commands to the first real answer to the script's first message."""
    deadline = started + plan.startup_timeout_s
    _wait_ready(target.ready_urls, servers, deadline)
    while True:
        servers.check_alive()
        step = min(deadline, time.perf_counter() + 5)
        sample = asyncio.run(
            load.first_answer(target.url, target.probe, f"{run_id}-startup", step, markers=target.error_markers)
        )
        if sample.error is None:
            return sample.finished - started
        if time.perf_counter() >= deadline:
            raise RuntimeError(f"{target.name} gave no answer within {plan.startup_timeout_s:.0f} s "
                               f"(last: {sample.error}); see the log")


def _log(message: str) -> None:
    print(message, flush=True)


def measure(target: Target, plan: Plan, workdir: Path, run_id: str) -> TargetResult:
    """Start ``target``, measure it per ``plan``, stop it (also when interrupted)."""
    log_path = workdir / f"{target.name}.log"
    _log(f"[{target.name}] starting: {' && '.join(c.name for c in target.commands)} (log: {log_path})")
    started = time.perf_counter()
    try:
        return _measure(target, plan, log_path, run_id, started)
    finally:
        if target.cleanup:
            target.cleanup()


def _measure(target: Target, plan: Plan, log_path: Path, run_id: str, started: float) -> TargetResult:
    with Servers(target.commands, log_path) as servers:
        startup_s = startup(target, servers, started, plan, run_id)
        _log(f"[{target.name}] first answer after {startup_s:.1f} s")
        asyncio.run(load.run_conversation(
            target.url, target.script, len(target.script), f"{run_id}-warmup", plan.request_timeout_s
        ))
        samples = asyncio.run(load.run_conversation(
            target.url, target.script, plan.turns, f"{run_id}-long", plan.request_timeout_s, target.error_markers
        ))
        long_errors = Counter(s.error for s in samples if s.error)
        _log(f"[{target.name}] long conversation: {len(samples)} turns, errors: {dict(long_errors) or 'none'}")
        levels = []
        for concurrency in plan.concurrency:
            time.sleep(plan.pause_s)
            servers.check_alive()
            result = asyncio.run(load.run_load(
                target.url, target.script, concurrency, plan.warmup_s, plan.duration_s,
                f"{run_id}-c{concurrency}", plan.request_timeout_s,
                meters={"server_cpu_s": servers.cpu_seconds, "client_cpu_s": client_cpu_seconds,
                        "machine_cpu_s": machine_busy_seconds},
                markers=target.error_markers,
            ))
            level = Level.of(result)
            levels.append(level)
            _log(f"[{target.name}] {concurrency:>3} conversations: {level.throughput:6.1f} msg/s, "
                 f"p50 {level.p50_ms:.0f} ms, p95 {level.p95_ms:.0f} ms, errors {level.error_count}")
        servers.check_alive()
        rss = servers.rss_bytes()
    _log(f"[{target.name}] stopped; resident memory after load {rss / 2**20:.0f} MiB")
    return TargetResult(
        name=target.name, model=target.model, prepared_s=target.prepared_s, startup_s=startup_s,
        turn_latencies_ms=[math.nan if s.error else s.latency_ms for s in samples], long_errors=dict(long_errors),
        levels=levels, rss_bytes=rss, note=target.note,
    )
