"""Percentiles and latency summaries for the load benchmark, kept free of I/O so they can be tested.

Percentiles interpolate linearly between the two nearest ranks (numpy's default), so p50 of an even
count is the mean of the middle pair and a single sample is its own p50, p95 and p99.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass


def percentile(values: Sequence[float], pct: float) -> float:
    """The ``pct``-th percentile (0-100) of ``values``; NaN for no values, so an empty run shows as such."""
    if not 0 <= pct <= 100:
        raise ValueError(f"percentile must be within 0..100, not {pct}")
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = pct / 100 * (len(ordered) - 1)
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass(frozen=True)
class Summary:
    """Latency figures of one measurement, in milliseconds."""

    count: int
    mean: float
    p50: float
    p95: float
    p99: float
    max: float

    @classmethod
    def of(cls, latencies_ms: Sequence[float]) -> Summary:
        if not latencies_ms:
            return cls(0, math.nan, math.nan, math.nan, math.nan, math.nan)
        return cls(
            count=len(latencies_ms),
            mean=statistics.fmean(latencies_ms),
            p50=percentile(latencies_ms, 50),
            p95=percentile(latencies_ms, 95),
            p99=percentile(latencies_ms, 99),
            max=max(latencies_ms),
        )


def median_of_turns(latencies_ms: Sequence[float], first: int, last: int) -> float:
    """Median latency of turns ``first``..``last`` (1-based, inclusive) of one long conversation;
    NaN when one of them is NaN (a failed turn)."""
    if first < 1 or last < first:
        raise ValueError(f"bad turn range {first}..{last}")
    if len(latencies_ms) < last:
        raise ValueError(f"conversation has {len(latencies_ms)} turns, needs {last}")
    turns = latencies_ms[first - 1 : last]
    return math.nan if any(math.isnan(t) for t in turns) else statistics.median(turns)


def ratio(numerator: float, denominator: float) -> float:
    """``numerator / denominator``, NaN where that is undefined (a target that answered nothing)."""
    if denominator == 0 or math.isnan(denominator) or math.isnan(numerator):
        return math.nan
    return numerator / denominator
