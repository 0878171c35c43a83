"""The comparison report on fixed figures: ratios, pass/fail against issue 8, docs update, JSON."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.report import END_MARKER, START_MARKER, goals_table, measurements_table, render, write_docs
from bench.results import Level, Run, TargetResult


def level(concurrency: int, throughput: float, p95: float, errors: dict[str, int] | None = None) -> Level:
    return Level(concurrency=concurrency, duration_s=60.0, answered=int(throughput * 60), throughput=throughput,
                 p50_ms=p95 / 2, p95_ms=p95, p99_ms=p95 * 1.5, max_ms=p95 * 3, errors=errors or {},
                 server_cpu_s=60.0, client_cpu_s=1.2, machine_cpu_s=64.2, answers={"Hallo": "Guten Tag!"})


def target(name: str, throughput20: float, p95_20: float, early: float, late: float, startup: float) -> TargetResult:
    turns = [early] * 10 + [50.0] * 85 + [late] * 10
    return TargetResult(
        name=name, model=f"models/{name}.tar.gz", prepared_s={"training": 75.0} if name == "stock" else {},
        startup_s=startup, turn_latencies_ms=turns, long_errors={},
        levels=[level(1, throughput20 / 3, 40.0), level(20, throughput20, p95_20, {"timeout": 2})],
        rss_bytes=512 * 2**20,
    )


@pytest.fixture()
def run() -> Run:
    return Run(
        command=".venv/bin/python -m bench.compare --write-docs",
        started="2026-11-23T10:00:00",
        machine={"cpus": "2", "cpu": "Test CPU", "memory": "24 GiB RAM", "python": "Python 3.10.13",
                 "rasa": "3.6.21", "load_before": "0.10 0.20 0.30"},
        settings={"concurrency": [1, 20], "warmup_s": 10.0, "duration_s": 60.0, "turns": 105},
        targets=[target("stock", 10.0, 900.0, 20.0, 60.0, 31.0), target("lotse", 45.0, 300.0, 80.0, 88.0, 12.5)],
        duration_s=900.0,
    )


def rows(table: str) -> dict[str, list[str]]:
    """Table rows by their first cell."""
    cells = [[c.strip() for c in line.strip("|").split("|")] for line in table.splitlines()[2:]]
    return {row[0]: row[1:] for row in cells}


def test_measurements_show_both_targets_and_the_ratio_to_stock(run: Run) -> None:
    table = rows(measurements_table(run))
    assert table["Throughput, 20 conversations (answered msg/s)"] == ["10.0", "45.0", "4.50×"]
    assert table["p95 latency, 20 conversations"] == ["900 ms", "300 ms", "0.33×"]
    assert table["Turn 100 ÷ turn 5"] == ["3.00", "1.10", ""]
    assert table["Start-up, command to first answer"] == ["31.0 s", "12.5 s", "0.40×"]
    assert table["Other processes' CPU in that window, 20 conversations (% of one core)"] == ["5 %", "5 %", ""]
    assert table["Errors in all load levels (non-200, empty answer, timeout)"] == ["2", "2", ""]
    assert table["Resident memory after the load (VmRSS, process tree)"] == ["512 MiB", "512 MiB", "1.00×"]


def test_goals_say_which_targets_of_issue_8_are_met(run: Run) -> None:
    goals = rows(goals_table(run))
    assert goals["Throughput at 20 concurrent conversations, × stock"] == ["≥ 4.00×", "4.50×", "**yes**"]
    assert goals["p95 latency at 20 concurrent conversations"] == ["≤ 250 ms", "300 ms", "**no**"]
    assert goals["Latency at turn 100 ÷ latency at turn 5"] == ["≤ 1.20", "1.10", "**yes**"]
    assert goals["Start-up, command to first answer"] == ["≤ 20.0 s", "12.5 s", "**yes**"]


def test_a_goal_whose_level_was_not_run_is_not_measured_rather_than_failed(run: Run) -> None:
    for t in run.targets:
        t.levels = [lv for lv in t.levels if lv.concurrency != 20]
    goals = rows(goals_table(run))
    assert goals["Throughput at 20 concurrent conversations, × stock"][-1] == "not measured"
    assert goals["p95 latency at 20 concurrent conversations"][-2:] == ["–", "not measured"]


def test_report_names_command_machine_model_and_errors(run: Run) -> None:
    text = render(run)
    assert "`.venv/bin/python -m bench.compare --write-docs`" in text
    assert "2 cores, Test CPU" in text
    assert "`lotse`: model `models/lotse.tar.gz`" in text
    assert "errors at 20 conversations: timeout × 2" in text
    assert "; training: 75.0 s" in text
    assert "Load generator CPU: at most 2 % of one core" in text
    assert "load average 0.10 0.20 0.30 before the run; at most 5 % of one core" in text  # (64.2-60-1.2)/60


def test_write_docs_replaces_only_the_marked_part(run: Run, tmp_path: Path) -> None:
    docs = tmp_path / "performance.md"
    docs.write_text(f"# Performance\n\nMethodik.\n\n{START_MARKER}\nalte Zahlen\n{END_MARKER}\n\nNachwort.\n")
    write_docs(docs, run)
    text = docs.read_text()
    assert text.startswith("# Performance\n\nMethodik.\n\n")
    assert text.endswith(f"{END_MARKER}\n\nNachwort.\n")
    assert "alte Zahlen" not in text and "4.50×" in text
    write_docs(docs, run)  # twice gives the same file
    assert docs.read_text() == text


def test_write_docs_refuses_a_file_without_markers(run: Run, tmp_path: Path) -> None:
    docs = tmp_path / "performance.md"
    docs.write_text("# Performance\n")
    with pytest.raises(ValueError, match="markers"):
        write_docs(docs, run)
    assert docs.read_text() == "# Performance\n"


def test_a_saved_run_renders_the_same_after_loading(run: Run, tmp_path: Path) -> None:
    path = run.save(tmp_path)
    assert path.name == "compare-20261123T100000.json"
    again = Run.from_json(path.read_text())
    assert again == run
    assert render(again) == render(run)
