"""NLU benchmark: training time, model size and single-message parse latency (p50/p95).

    .venv/bin/python -m bench.nlu_bench                       # train config.yml on data/nlu, then parse
    .venv/bin/python -m bench.nlu_bench --model models/x.tar.gz   # skip training, measure a given model
    .venv/bin/python -m bench.nlu_bench --config /tmp/config_time.yml --repeat 3

Training is NLU only, into a fresh directory, so no cached graph nodes from an earlier run make it
look faster than a real retraining. Latency is what the bot server sees per user message: the model
is loaded once with Rasa's ``Agent``, one warm-up parse (graph tracing, lazy imports) is reported on
its own, then the held-out test messages are parsed one after another ``--repeat`` times.
Run it on an otherwise idle machine: the figures are wall-clock times.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Figures:
    """What one benchmark run measured; ``train_seconds`` is None when an existing model was given."""

    train_seconds: float | None
    model_mb: float
    load_seconds: float
    first_parse_ms: float
    latencies_ms: list[float]


def _quiet() -> None:
    """Rasa and TensorFlow log every epoch and graph node; the table is what this script is for."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    warnings.filterwarnings("ignore")  # "Unable to fetch responses": an NLU-only model has no domain
    logging.basicConfig(level=logging.WARNING)
    for name in ("rasa", "tensorflow", "absl"):
        logging.getLogger(name).setLevel(logging.ERROR)
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)  # otherwise every parse prints a debug line


def train(config: Path, nlu: Path) -> tuple[Path, float]:
    """Train an NLU model into a new temporary directory; the path and the wall-clock seconds.

    Through the ``rasa train nlu`` command, as a developer runs it (start-up included), and visible
    to the ``pgrep -f "rasa train"`` check others use before starting heavy jobs.
    """
    out = Path(tempfile.mkdtemp(prefix="nlu-bench-"))
    command = [sys.executable, "-m", "rasa", "train", "nlu", "--config", str(config), "--nlu", str(nlu)]
    command += ["--out", str(out), "--fixed-model-name", "nlu-bench"]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    models = sorted(out.glob("*.tar.gz"))
    if done.returncode != 0 or not models:
        raise SystemExit(f"Training failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return models[0], seconds


def held_out_messages(path: Path) -> list[str]:
    """The texts of the held-out test set, in file order."""
    from rasa.shared.nlu.training_data.loading import load_data

    return [example.get("text") for example in load_data(str(path)).training_examples if example.get("text")]


async def _parse_all(model: Path, messages: list[str], repeat: int) -> tuple[float, float, list[float]]:
    from rasa.core.agent import Agent

    started = time.perf_counter()
    agent = Agent.load(str(model))
    load_seconds = time.perf_counter() - started
    started = time.perf_counter()
    await agent.parse_message(messages[0])
    first_ms = (time.perf_counter() - started) * 1000
    latencies: list[float] = []
    for _ in range(repeat):
        for text in messages:
            started = time.perf_counter()
            await agent.parse_message(text)
            latencies.append((time.perf_counter() - started) * 1000)
    return load_seconds, first_ms, latencies


def measure(model: Path, messages: list[str], repeat: int, train_seconds: float | None) -> Figures:
    """Load ``model`` once and time every parse."""
    load_seconds, first_ms, latencies = asyncio.run(_parse_all(model, messages, repeat))
    return Figures(train_seconds, model.stat().st_size / 1e6, load_seconds, first_ms, latencies)


def table(figures: Figures, source: str, messages: int, repeat: int) -> str:
    """The figures as a Markdown table, ready to paste into a report."""
    cuts = statistics.quantiles(figures.latencies_ms, n=100, method="inclusive")
    trained = "–" if figures.train_seconds is None else f"{figures.train_seconds:.0f} s"
    rows = [
        ("Training (NLU, frisches Verzeichnis)", trained),
        ("Modellgröße", f"{figures.model_mb:.1f} MB"),
        ("Laden (Agent.load)", f"{figures.load_seconds:.1f} s"),
        ("Erste Anfrage (Aufwärmen)", f"{figures.first_parse_ms:.0f} ms"),
        (f"Parse p50 ({messages} Nachrichten × {repeat})", f"{cuts[49]:.1f} ms"),
        (f"Parse p95 ({messages} Nachrichten × {repeat})", f"{cuts[94]:.1f} ms"),
        ("Parse max", f"{max(figures.latencies_ms):.1f} ms"),
    ]
    lines = [f"NLU-Benchmark, {source}", "", "| Messung | Wert |", "|---|---|"]
    return "\n".join(lines + [f"| {name} | {value} |" for name, value in rows])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=REPO / "config.yml")
    parser.add_argument("--nlu", type=Path, default=REPO / "data" / "nlu")
    parser.add_argument("--test", type=Path, default=REPO / "tests" / "nlu" / "test_nlu.yml")
    parser.add_argument("--model", type=Path, help="measure this trained model instead of training one")
    parser.add_argument("--repeat", type=int, default=2, help="passes over the test messages (default 2)")
    args = parser.parse_args()
    _quiet()
    config, nlu, test = args.config.resolve(), args.nlu.resolve(), args.test.resolve()
    model_arg = args.model.resolve() if args.model else None
    os.chdir(REPO)  # the pipeline names models/spacy-de relative to the repository
    sys.path.insert(0, str(REPO))  # custom components (components.german_time) load by module path
    messages = held_out_messages(test)
    if model_arg:
        model, seconds = model_arg, None
    else:
        model, seconds = train(config, nlu)
        print(f"Modell: {model}")
    source = f"Modell `{model_arg}`" if model_arg else f"Konfiguration `{args.config}`"
    print(table(measure(model, messages, args.repeat, seconds), source, len(messages), args.repeat))


if __name__ == "__main__":
    main()
