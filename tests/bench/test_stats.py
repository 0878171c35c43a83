"""Percentiles and turn medians behind the benchmark table."""

from __future__ import annotations

import math

import pytest

from bench.stats import Summary, median_of_turns, percentile, ratio


def test_percentile_interpolates_between_neighbouring_ranks() -> None:
    values = [40.0, 10.0, 30.0, 20.0]  # unsorted on purpose
    assert percentile(values, 0) == 10.0
    assert percentile(values, 50) == 25.0
    assert percentile(values, 100) == 40.0
    assert percentile(list(range(1, 101)), 95) == pytest.approx(95.05)


def test_percentile_of_one_value_is_that_value_and_of_none_is_nan() -> None:
    assert percentile([7.5], 99) == 7.5
    assert math.isnan(percentile([], 50))
    with pytest.raises(ValueError):
        percentile([1.0], 101)


def test_summary_of_latencies() -> None:
    s = Summary.of([100.0] * 94 + [200.0] * 5 + [1000.0])
    assert (s.count, s.p50, s.max) == (100, 100.0, 1000.0)
    assert s.mean == pytest.approx(114.0)
    assert s.p95 == pytest.approx(200.0)
    assert s.p99 == pytest.approx(208.0)  # between the last 200 and the single 1000
    assert Summary.of([]).count == 0 and math.isnan(Summary.of([]).p95)


def test_turn_medians_use_one_based_inclusive_ranges() -> None:
    turns = [float(t) for t in range(1, 106)]  # turn t took t ms
    assert median_of_turns(turns, 1, 10) == 5.5
    assert median_of_turns(turns, 96, 105) == 100.5
    with pytest.raises(ValueError, match="needs 105"):
        median_of_turns(turns[:100], 96, 105)


def test_ratio_is_nan_where_undefined() -> None:
    assert ratio(45.0, 10.0) == 4.5
    assert math.isnan(ratio(1.0, 0.0))
    assert math.isnan(ratio(math.nan, 2.0))
