"""This bot against a stock `rasa init` bot on this machine: throughput, latency, start-up, memory.

    .venv/bin/python -m bench.compare                      # full run (~15 min), prints the table
    .venv/bin/python -m bench.compare --write-docs         # ... and puts it into docs/performance.md
    .venv/bin/python -m bench.compare --quick --targets stock,lotse --stock-project /tmp/stock  # smoke, ~2-3 min
    .venv/bin/python -m bench.compare --from-json results/bench/compare-….json --write-docs

One run trains the stock moodbot (`rasa init --no-prompt`, timed), serves it, measures it and
stops it, then does the same with this bot (newest models/lotse-*.tar.gz, or --model), and with
the replica stack when scripts/stack.py exists. Targets run one after another, never side by
side, so each has both cores; the load generator runs in this process and its CPU is reported.
Run it on an otherwise idle machine: every figure is wall-clock. Ctrl-C stops every server.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import platform
import shlex
import shutil
import signal
import sys
import tempfile
import time
import uuid
from datetime import datetime
from pathlib import Path

from bench import targets
from bench.measure import Plan, measure
from bench.report import render, write_docs
from bench.results import Run

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "performance.md"
RESULTS = ROOT / "results" / "bench"
QUICK = {"warmup": 2.0, "duration": 6.0, "pause": 1.0}


def machine() -> dict[str, str]:
    """What the figures depend on: cores, CPU model, memory, Python, Rasa, and how busy it was."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown")
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal:"))
    return {
        "cpus": str(os.cpu_count()),
        "cpu": cpu,
        "memory": f"{mem_kb / 2**20:.0f} GiB RAM",
        "python": f"Python {platform.python_version()}",
        "rasa": importlib.metadata.version("rasa"),
        "load_before": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--targets", help="comma-separated: stock, lotse, lotse-stack "
                        "(default: stock,lotse, plus lotse-stack when scripts/stack.py exists)")
    parser.add_argument("--model", type=Path, help="this bot's model (default: newest models/lotse-*.tar.gz)")
    parser.add_argument("--stock-project", type=Path,
                        help="serve this existing `rasa init` project instead of creating and training one")
    parser.add_argument("--concurrency", default="1,20,50", help="concurrent conversations per level")
    parser.add_argument("--warmup", type=float, default=10.0, help="seconds of load before measuring, per level")
    parser.add_argument("--duration", type=float, default=60.0, help="measured seconds per level")
    parser.add_argument("--turns", type=int, default=105, help="turns of the long conversation (at least 105)")
    parser.add_argument("--pause", type=float, default=3.0, help="idle seconds before each level")
    parser.add_argument("--quick", action="store_true",
                        help=f"smoke run: {QUICK['warmup']:.0f} s warm-up, {QUICK['duration']:.0f} s per level")
    parser.add_argument("--write-docs", action="store_true", help=f"put the table into {DOCS.relative_to(ROOT)}")
    parser.add_argument("--from-json", type=Path, help="render a saved run instead of measuring")
    parser.add_argument("--out", type=Path, default=RESULTS, help="directory for the JSON result")
    parser.add_argument("--keep", action="store_true", help="keep the work directory (logs, stock project)")
    args = parser.parse_args(argv)
    if args.quick:
        args.warmup, args.duration, args.pause = QUICK["warmup"], QUICK["duration"], QUICK["pause"]
    if args.turns < 105:
        parser.error("--turns must be at least 105: turn 100 is the median of turns 96-105")
    return args


def chosen_targets(args: argparse.Namespace) -> list[str]:
    if args.targets:
        names = [n.strip() for n in args.targets.split(",") if n.strip()]
    else:
        names = ["stock", "lotse"] + (["lotse-stack"] if targets.STACK_SCRIPT.exists() else [])
    unknown = set(names) - {"stock", "lotse", "lotse-stack"}
    if unknown:
        raise SystemExit(f"unknown targets: {', '.join(sorted(unknown))}")
    if names[0] != "stock":
        raise SystemExit("the first target must be stock: it is the baseline of every ratio")
    return names


def build(name: str, args: argparse.Namespace, workdir: Path, model: Path | None) -> targets.Target:
    if name == "stock":
        return targets.stock(workdir, args.stock_project)
    if model is None:
        raise SystemExit("no models/lotse-*.tar.gz yet; train one (make train) or pass --model")
    return targets.lotse(workdir, model) if name == "lotse" else targets.lotse_stack(workdir, model)


def _stop_requested(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # SIGTERM ends like Ctrl-C: through every `finally` that stops servers


def command_line(argv: list[str] | None) -> str:
    args = sys.argv[1:] if argv is None else argv
    return " ".join([".venv/bin/python -m bench.compare", *map(shlex.quote, args)])


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.from_json:
        run = Run.from_json(args.from_json.read_text())
    else:
        names = chosen_targets(args)
        model = (args.model or targets.newest_model())
        model = model.resolve() if model else None
        plan = Plan([int(n) for n in args.concurrency.split(",")], args.warmup, args.duration, args.turns,
                    pause_s=args.pause)
        # Both set explicitly: started from a background shell, SIGINT arrives ignored, and then
        # Ctrl-C (or a supervisor's SIGINT) would leave every server running.
        signal.signal(signal.SIGTERM, _stop_requested)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        run = Run(command_line(argv), datetime.now().isoformat(timespec="seconds"), machine(),
                  {"concurrency": list(plan.concurrency), "warmup_s": plan.warmup_s,
                   "duration_s": plan.duration_s, "turns": plan.turns}, [])
        if os.getloadavg()[0] > 1.0:
            print(f"Warning: the machine is busy (load average {run.machine['load_before']}); "
                  "the figures will understate every target.", file=sys.stderr, flush=True)
        workdir = Path(tempfile.mkdtemp(prefix="bench-compare-"))
        run_id = uuid.uuid4().hex  # 128 bits: the public channels refuse guessable conversation ids
        started = time.perf_counter()
        keep = args.keep
        try:
            for name in names:
                try:
                    target = build(name, args, workdir, model)
                    run.targets.append(measure(target, plan, workdir, f"{name}-{run_id}"))
                except RuntimeError as error:
                    if name == "stock":
                        raise  # no baseline, no comparison
                    keep = True
                    run.failures[name] = str(error).splitlines()[0]
                    print(f"[{name}] not measured: {error}", file=sys.stderr, flush=True)
        except (KeyboardInterrupt, RuntimeError) as error:
            keep = True
            print(f"\nStopped ({type(error).__name__}: {error}); servers are down, logs in {workdir}",
                  file=sys.stderr)
            return 130 if isinstance(error, KeyboardInterrupt) else 1
        finally:
            if not keep:
                shutil.rmtree(workdir, ignore_errors=True)
            elif run.failures:
                print(f"Logs kept in {workdir}", file=sys.stderr)
        run.duration_s = time.perf_counter() - started
        print(f"JSON: {run.save(args.out)}")
    print("\n" + render(run))
    if args.write_docs:
        write_docs(DOCS, run)
        print(f"\nWritten to {DOCS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
