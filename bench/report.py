"""The comparison as Markdown: a measurements table, the targets of issue 8 with pass/fail, the set-up.

The first target (stock `rasa init`) is the baseline; every other target gets a "÷ stock" column
and its own pass/fail column against the goals. ``write_docs`` replaces only the part of
docs/performance.md between the two markers, so the hand-written methodology stays as it is.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.results import EARLY_TURNS, LATE_TURNS, Run, TargetResult
from bench.stats import ratio

START_MARKER = "<!-- bench:compare:start -->"
END_MARKER = "<!-- bench:compare:end -->"
GOAL_CONCURRENCY = 20


def fmt(value: float, digits: int = 0, unit: str = "") -> str:
    """A number for the table; "–" where nothing was measured."""
    if value is None or math.isnan(value):
        return "–"
    return f"{value:,.{digits}f}{unit}".replace(",", " ")


@dataclass(frozen=True)
class Goal:
    """One target of issue 8: how to read the figure, how it must relate to ``limit``."""

    name: str
    limit: float
    at_most: bool  # True: figure ≤ limit; False: figure ≥ limit
    figure: Callable[[TargetResult, TargetResult], float]  # (candidate, baseline) -> figure
    shown: Callable[[float], str]

    def met(self, figure: float) -> bool | None:
        if math.isnan(figure):
            return None
        return figure <= self.limit if self.at_most else figure >= self.limit

    @property
    def wording(self) -> str:
        return ("≤ " if self.at_most else "≥ ") + self.shown(self.limit)


def _throughput_ratio(candidate: TargetResult, baseline: TargetResult) -> float:
    mine, theirs = candidate.level(GOAL_CONCURRENCY), baseline.level(GOAL_CONCURRENCY)
    if mine is None or theirs is None:
        return math.nan
    return ratio(mine.throughput, theirs.throughput)


def _p95(candidate: TargetResult, baseline: TargetResult) -> float:
    level = candidate.level(GOAL_CONCURRENCY)
    return level.p95_ms if level else math.nan


GOALS = (
    Goal(f"Throughput at {GOAL_CONCURRENCY} concurrent conversations, × stock", 4.0, False,
         _throughput_ratio, lambda v: fmt(v, 2, "×")),
    Goal(f"p95 latency at {GOAL_CONCURRENCY} concurrent conversations", 250.0, True,
         _p95, lambda v: fmt(v, 0, " ms")),
    Goal("Latency at turn 100 ÷ latency at turn 5", 1.2, True,
         lambda c, b: c.turn_ratio, lambda v: fmt(v, 2)),
    Goal("Start-up, command to first answer", 20.0, True,
         lambda c, b: c.startup_s, lambda v: fmt(v, 1, " s")),
)


def _at(target: TargetResult, concurrency: int, figure: str) -> float:
    level = target.level(concurrency)
    return getattr(level, figure) if level else math.nan


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def measurements_table(run: Run) -> str:
    baseline, others = run.targets[0], run.targets[1:]
    header = ["Measurement", *(f"`{t.name}`" for t in run.targets)]
    header += [f"`{t.name}` ÷ `{baseline.name}`" for t in others]
    lines = [_row(header), _row(["---"] + ["---:"] * (len(header) - 1))]

    def add(label: str, values: Callable[[TargetResult], float], digits: int, unit: str = "",
            compare: bool = True) -> None:
        figures = [values(t) for t in run.targets]
        ratios = [fmt(ratio(f, figures[0]), 2, "×") if compare else "" for f in figures[1:]]
        lines.append(_row([label, *(fmt(f, digits, unit) for f in figures), *ratios]))

    levels = sorted({lv.concurrency for t in run.targets for lv in t.levels})
    for n in levels:
        conv = "conversation" if n == 1 else "conversations"
        add(f"Throughput, {n} {conv} (answered msg/s)", lambda t, n=n: _at(t, n, "throughput"), 1)
        for pct in ("p50", "p95", "p99"):
            add(f"{pct} latency, {n} {conv}", lambda t, n=n, pct=pct: _at(t, n, f"{pct}_ms"), 0, " ms")
        add(f"Server CPU per answered message, {n} {conv}",
            lambda t, n=n: _at(t, n, "server_cpu_ms_per_message"), 0, " ms")
        add(f"Other processes' CPU in that window, {n} {conv} (% of one core)",
            lambda t, n=n: _at(t, n, "others_cpu_share") * 100, 0, " %", compare=False)
    add("Errors in all load levels (non-200, empty answer, timeout)",
        lambda t: sum(lv.error_count for lv in t.levels), 0, compare=False)
    add(f"Latency at turn 5 (median of turns {EARLY_TURNS[0]}-{EARLY_TURNS[1]}), one conversation",
        lambda t: t.turn5_ms, 0, " ms")
    add(f"Latency at turn 100 (median of turns {LATE_TURNS[0]}-{LATE_TURNS[1]})", lambda t: t.turn100_ms, 0, " ms")
    add("Turn 100 ÷ turn 5", lambda t: t.turn_ratio, 2, compare=False)
    add("Start-up, command to first answer", lambda t: t.startup_s, 1, " s")
    add("Resident memory after the load (VmRSS, process tree)", lambda t: t.rss_bytes / 2**20, 0, " MiB")
    return "\n".join(lines)


def goals_table(run: Run) -> str:
    baseline, others = run.targets[0], run.targets[1:]
    header = ["Goal (issue 8)", "Limit", *(f"`{t.name}`" for t in others), *(f"`{t.name}` met?" for t in others)]
    lines = [_row(header), _row(["---", "---:"] + ["---:"] * len(others) + ["---"] * len(others))]
    for goal in GOALS:
        figures = [goal.figure(t, baseline) for t in others]
        verdicts = [{True: "**yes**", False: "**no**", None: "not measured"}[goal.met(f)] for f in figures]
        lines.append(_row([goal.name, goal.wording, *(goal.shown(f) for f in figures), *verdicts]))
    return "\n".join(lines)


def setup_lines(run: Run) -> str:
    s = run.settings
    levels = ", ".join(str(n) for n in s.get("concurrency", []))
    lines = [
        f"- Command: `{run.command}`",
        f"- Run: {run.started}, {fmt(run.duration_s / 60, 1)} min in total",
        f"- Machine: {run.machine.get('cpus', '?')} cores, {run.machine.get('cpu', '?')}, "
        f"{run.machine.get('memory', '?')}, {run.machine.get('python', '?')}, Rasa {run.machine.get('rasa', '?')}",
        f"- Load: closed loop, {levels} concurrent conversations, each level {fmt(s.get('warmup_s', math.nan))} s "
        f"warm-up then {fmt(s.get('duration_s', math.nan))} s measured; long conversation {s.get('turns', '?')} turns",
    ]
    for t in run.targets:
        prepared = "".join(f"; {step}: {fmt(sec, 1)} s" for step, sec in t.prepared_s.items())
        note = f"; {t.note}" if t.note else ""
        errors = f"; long-conversation errors: {t.long_errors}" if t.long_errors else ""
        lines.append(f"- `{t.name}`: model `{t.model}`{prepared}{note}{errors}")
        for lv in t.levels:
            if lv.errors:
                lines.append(f"  - errors at {lv.concurrency} conversations: "
                             + ", ".join(f"{kind} × {n}" for kind, n in sorted(lv.errors.items())))
    for name, reason in run.failures.items():
        lines.append(f"- `{name}`: not measured: {reason}")
    levels = [lv for t in run.targets for lv in t.levels if lv.duration_s > 0]
    client = [c for c in (lv.client_cpu_s / lv.duration_s for lv in levels) if not math.isnan(c)]
    if client:
        lines.append(f"- Load generator CPU: at most {fmt(max(client) * 100)} % of one core in any level")
    others = [c for c in (lv.others_cpu_share for lv in levels) if not math.isnan(c)]
    if others:
        lines.append(f"- Other processes on the machine: load average {run.machine.get('load_before', '?')} "
                     f"before the run; at most {fmt(max(others) * 100)} % of one core during any measured window")
    return "\n".join(lines)


def render(run: Run) -> str:
    return "\n\n".join([
        "### Measurements", measurements_table(run),
        "### Goals", goals_table(run),
        "### Set-up of this run", setup_lines(run),
    ])


def write_docs(path: Path, run: Run) -> None:
    """Put the rendered report between the markers in ``path`` (docs/performance.md)."""
    text = path.read_text()
    try:
        head, rest = text.split(START_MARKER, 1)
        _, tail = rest.split(END_MARKER, 1)
    except ValueError:
        raise ValueError(f"{path} lacks the markers {START_MARKER} … {END_MARKER}") from None
    path.write_text(f"{head}{START_MARKER}\n{render(run)}\n{END_MARKER}{tail}")
