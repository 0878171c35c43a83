"""What the comparison measured, as plain data: rendered into the report and saved as JSON.

Kept separate from the measuring code so a saved run can be rendered again (``--from-json``)
and the report can be tested on fixed figures.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench.load import LoadResult
from bench.stats import Summary, median_of_turns, ratio

EARLY_TURNS = (1, 10)  # "turn 5": median of turns 1-10
LATE_TURNS = (96, 105)  # "turn 100": median of turns 96-105


@dataclass
class Level:
    """One concurrency level of one target."""

    concurrency: int
    duration_s: float
    answered: int
    throughput: float  # answered messages per second
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    errors: dict[str, int] = field(default_factory=dict)
    server_cpu_s: float = math.nan  # CPU seconds the target's processes used in the window
    client_cpu_s: float = math.nan  # CPU seconds the load generator used in the window
    machine_cpu_s: float = math.nan  # CPU seconds all processes on the machine used in the window
    answers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, result: LoadResult) -> Level:
        s: Summary = result.summary
        return cls(
            concurrency=result.concurrency, duration_s=result.duration_s, answered=result.answered,
            throughput=result.throughput, p50_ms=s.p50, p95_ms=s.p95, p99_ms=s.p99, max_ms=s.max,
            errors=dict(result.errors), server_cpu_s=result.metered.get("server_cpu_s", math.nan),
            client_cpu_s=result.metered.get("client_cpu_s", math.nan),
            machine_cpu_s=result.metered.get("machine_cpu_s", math.nan), answers=dict(result.answers),
        )

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    @property
    def others_cpu_share(self) -> float:
        """Share of one core that processes other than the target and the load generator used:
        how quiet the machine was while this level was measured."""
        return ratio(self.machine_cpu_s - self.server_cpu_s - self.client_cpu_s, self.duration_s)

    @property
    def server_cpu_ms_per_message(self) -> float:
        return ratio(self.server_cpu_s * 1000, self.answered)


@dataclass
class TargetResult:
    """Everything measured for one target."""

    name: str
    model: str
    prepared_s: dict[str, float]
    startup_s: float
    turn_latencies_ms: list[float]  # the long conversation, turn by turn; NaN where the turn failed
    long_errors: dict[str, int]
    levels: list[Level]
    rss_bytes: int
    note: str = ""

    def level(self, concurrency: int) -> Level | None:
        return next((lv for lv in self.levels if lv.concurrency == concurrency), None)

    def _turns(self, turns: tuple[int, int]) -> float:
        """Median of the turns; NaN if the conversation was shorter or one of them failed (a quick
        error would otherwise pass for a quick answer)."""
        if len(self.turn_latencies_ms) < turns[1]:
            return math.nan
        return median_of_turns(self.turn_latencies_ms, *turns)

    @property
    def turn5_ms(self) -> float:
        return self._turns(EARLY_TURNS)

    @property
    def turn100_ms(self) -> float:
        return self._turns(LATE_TURNS)

    @property
    def turn_ratio(self) -> float:
        return ratio(self.turn100_ms, self.turn5_ms)


@dataclass
class Run:
    """One invocation of the comparison: its settings, the machine, and each target's figures."""

    command: str
    started: str  # local date and time, ISO 8601
    machine: dict[str, str]
    settings: dict[str, object]
    targets: list[TargetResult]
    duration_s: float = math.nan
    failures: dict[str, str] = field(default_factory=dict)  # target -> why it could not be measured

    def target(self, name: str) -> TargetResult | None:
        return next((t for t in self.targets if t.name == name), None)

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Run:
        raw = json.loads(text)
        targets = [
            TargetResult(**{**t, "levels": [Level(**lv) for lv in t["levels"]]}) for t in raw.pop("targets")
        ]
        return cls(**raw, targets=targets)

    def save(self, directory: Path) -> Path:
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"compare-{self.started.replace(':', '').replace('-', '')[:15]}.json"
        path.write_text(self.to_json() + "\n")
        return path
