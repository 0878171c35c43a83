"""What language detection costs per message (components/language_detector.py), measured.

    .venv/bin/python -m bench.language_cost              # every NLU example once, 5 rounds
    .venv/bin/python -m bench.language_cost --rounds 20

Messages: every training example in data/nlu (German, with the few first-help examples) and the
held-out set tests/nlu, i.e. what the bot is written for. Reported: the time to build the
detector (lingua loads its models for eight languages), the resident memory it adds, and the
per-message cost of the component's whole reading (explicit choice, script, lingua, beginner's
German) as p50/p95/max in microseconds. Wall-clock figures: run it on an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]


def messages() -> list[str]:
    found: list[str] = []
    for path in sorted([*(REPO / "data" / "nlu").glob("*.yml"), *(REPO / "tests" / "nlu").glob("*.yml")]):
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu") or []:
            for line in str(block.get("examples") or "").splitlines():
                text = line.strip().removeprefix("- ").strip()
                if text:
                    found.append(text)
    return found


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    texts = messages()
    from components.language_detector import LanguageDetector  # Rasa's imports are not lingua's cost

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    detector = LanguageDetector({})
    build = time.perf_counter() - started
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for text in texts[:50]:  # warm-up
        detector.read(text)
    costs: list[float] = []
    for _ in range(args.rounds):
        for text in texts:
            t0 = time.perf_counter()
            detector.read(text)
            costs.append((time.perf_counter() - t0) * 1e6)
    print(f"messages: {len(texts)} x {args.rounds} rounds")
    print(f"detector built in {build:.2f} s, memory +{(rss_after - rss_before) / 1024:.0f} MB")
    print(
        f"per message: mean {statistics.fmean(costs):.0f} µs, p50 {percentile(costs, 0.5):.0f} µs, "
        f"p95 {percentile(costs, 0.95):.0f} µs, max {max(costs):.0f} µs"
    )


if __name__ == "__main__":
    main()
