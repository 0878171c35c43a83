"""Servers under test are stopped with everything they started, and their memory is read per tree."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from bench.procs import Command, Servers, descendants, parent_map, rss_bytes, run_to_end

# A "server" that starts a child of its own, reports both pids, then waits forever.
FORKING = (
    "import subprocess, sys, time\n"
    "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)'])\n"
    "print(child.pid, flush=True)\n"
    "time.sleep(600)\n"
)


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; only its parent has not collected it yet


def test_descendants_walk_the_whole_tree_and_nothing_else() -> None:
    parents = {1: 0, 10: 1, 11: 10, 12: 11, 13: 10, 20: 1, 21: 20}
    assert descendants([10], parents) == {10, 11, 12, 13}
    assert descendants([10, 99], parents) == {10, 11, 12, 13}  # 99 ended already


def test_stop_ends_the_servers_children_too(tmp_path: Path) -> None:
    log = tmp_path / "server.log"
    with Servers([Command("forking", [sys.executable, "-u", "-c", FORKING], tmp_path)], log) as servers:
        while not log.read_text().strip():
            servers.check_alive()
            time.sleep(0.01)
        child = int(log.read_text().split()[0])
        server = servers.processes["forking"].pid
        assert servers.pids() >= {server, child}
        assert servers.rss_bytes() > rss_bytes([server])  # the child's memory is counted as well
    assert not alive(server)
    assert not alive(child)


def test_a_server_that_exits_is_reported_with_its_log(tmp_path: Path) -> None:
    with Servers([Command("broken", [sys.executable, "-c", "raise SystemExit(3)"], tmp_path)],
                 tmp_path / "broken.log") as servers:
        servers.processes["broken"].wait()
        with pytest.raises(RuntimeError, match=r"broken exited with code 3; see .*broken\.log"):
            servers.check_alive()


def test_a_failed_preparation_step_raises_with_the_end_of_its_output(tmp_path: Path) -> None:
    step = Command("training", [sys.executable, "-c", "print('kaputt'); raise SystemExit(2)"], tmp_path)
    with pytest.raises(RuntimeError, match=r"(?s)training failed with code 2.*kaputt"):
        run_to_end(step, tmp_path / "train.log")
    ok = Command("db", [sys.executable, "-c", "import os; print(os.environ['BENCH_X'])"], tmp_path, {"BENCH_X": "1"})
    assert run_to_end(ok, tmp_path / "db.log") >= 0
    assert (tmp_path / "db.log").read_text() == "1\n"


def test_parent_map_sees_this_process() -> None:
    assert parent_map()[os.getpid()] == os.getppid()
