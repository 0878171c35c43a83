"""Two settings of this bot under the same load, measured in alternating windows.

    .venv/bin/python -m bench.alternate --a LOTSE_OLDEST_FIRST=0 --b LOTSE_OLDEST_FIRST=1 --rounds 4
    .venv/bin/python -m bench.alternate --a LOTSE_NLU_CACHE=0 --b LOTSE_NLU_CACHE=1 --rounds 8 --concurrency 20

The speed of this VM drifts by a quarter within minutes (docs/performance.md), more than most
changes are worth, so two bench.compare runs one after the other do not tell a setting's effect.
Here both settings run as their own single bot (`lotse` target: action server, Rasa server, demo
database) side by side, idle while the other is measured, and the load alternates between them:
A, B, B, A, A, B, ... so that a drift during a round favours neither. Each window has its own
warm-up. The report gives both settings' figures per round, the median over the rounds, and the
median latency of each line of the script over all rounds (which messages wait longer than others).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
import uuid
from dataclasses import replace
from pathlib import Path

from bench import load, targets
from bench.measure import Plan, startup
from bench.procs import Servers
from bench.results import Level
from bench.stats import percentile


def _setting(text: str) -> dict[str, str]:
    pairs = [part for part in text.split(",") if part.strip()]
    if not pairs or any("=" not in part for part in pairs):
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE[,NAME=VALUE], not {text!r}")
    return dict(part.strip().split("=", 1) for part in pairs)


def _with_env(target: targets.Target, name: str, env: dict[str, str]) -> targets.Target:
    commands = [replace(command, env={**command.env, **env}) for command in target.commands]
    return replace(target, name=name, commands=commands)


def _order(rounds: int) -> list[str]:
    """A B, B A, A B, ...: each setting goes first in half of the rounds."""
    return [label for n in range(rounds) for label in (("a", "b") if n % 2 == 0 else ("b", "a"))]


def _row(label: str, level: Level) -> str:
    cpu = level.server_cpu_s / level.answered * 1000 if level.answered else float("nan")
    return (f"{label}: {level.throughput:6.1f} msg/s  p50 {level.p50_ms:4.0f} ms  p95 {level.p95_ms:4.0f} ms  "
            f"p99 {level.p99_ms:4.0f} ms  CPU/msg {cpu:4.1f} ms  errors {level.error_count}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--a", type=_setting, required=True, help="environment of setting A, NAME=VALUE[,...]")
    parser.add_argument("--b", type=_setting, required=True, help="environment of setting B")
    parser.add_argument("--model", type=Path, default=None, help="default: newest models/lotse-*.tar.gz")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--warmup", type=float, default=5.0)
    parser.add_argument("--duration", type=float, default=20.0)
    args = parser.parse_args(argv)
    model = args.model or targets.newest_model()
    if model is None:
        parser.error("no model: run `make train` first")
    plan = Plan(concurrency=[args.concurrency], warmup_s=args.warmup, duration_s=args.duration, turns=0)
    run_id = uuid.uuid4().hex  # 128 bits: the public channels refuse guessable conversation ids
    with tempfile.TemporaryDirectory(prefix="bench-alternate-") as work:
        settings = {}
        for label in ("a", "b"):
            workdir = Path(work) / label
            workdir.mkdir()
            settings[label] = _with_env(targets.lotse(workdir, model), label, getattr(args, label))
        levels: dict[str, list[Level]] = {"a": [], "b": []}
        by_message: dict[str, dict[str, list[float]]] = {"a": {}, "b": {}}
        with Servers(settings["a"].commands, Path(work) / "a.log") as a, \
                Servers(settings["b"].commands, Path(work) / "b.log") as b:
            servers = {"a": a, "b": b}
            for label, target in settings.items():
                startup(target, servers[label], time.perf_counter(), plan, f"{run_id}-{label}")
            print(f"A = {args.a}\nB = {args.b}\n{args.rounds} rounds, {args.concurrency} conversations, "
                  f"{args.warmup:.0f} s warm-up + {args.duration:.0f} s per window", flush=True)
            for n, label in enumerate(_order(args.rounds)):
                target = settings[label]
                time.sleep(1)
                result = asyncio.run(load.run_load(
                    target.url, target.script, args.concurrency, args.warmup, args.duration,
                    f"{run_id}-{label}{n}", plan.request_timeout_s,
                    meters={"server_cpu_s": servers[label].cpu_seconds}, markers=target.error_markers,
                ))
                levels[label].append(Level.of(result))
                for message, latencies in result.by_message.items():
                    by_message[label].setdefault(message, []).extend(latencies)
                print(f"round {n // 2 + 1} " + _row(label.upper(), levels[label][-1]), flush=True)
    print("\nmedian over the rounds")
    for label in ("a", "b"):
        runs = levels[label]
        median = replace(
            runs[0], throughput=statistics.median(r.throughput for r in runs),
            p50_ms=statistics.median(r.p50_ms for r in runs), p95_ms=statistics.median(r.p95_ms for r in runs),
            p99_ms=statistics.median(r.p99_ms for r in runs), answered=1,
            server_cpu_s=statistics.median(r.server_cpu_s / r.answered for r in runs if r.answered),
            errors={"all rounds": sum(r.error_count for r in runs)},
        )
        print(_row(label.upper(), median))
    print("\nper line of the script, all rounds: p50 / p95 of A, p50 / p95 of B")
    for message in settings["a"].script:
        cells = []
        for label in ("a", "b"):
            latencies = by_message[label].get(message, [])
            cells.append(f"{percentile(latencies, 50):5.0f} / {percentile(latencies, 95):5.0f} ms")
        print(f"  {message[:40]:40s}  A {cells[0]}   B {cells[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
