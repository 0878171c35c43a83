"""Servers under test as process groups, and their memory and CPU read from /proc.

Every command starts in its own session (process group), so stopping it also ends whatever it
started itself, and a Ctrl-C in the terminal reaches only the benchmark, which then stops them.
Memory is the resident set (VmRSS) summed over each process tree; pages shared between a parent
and a forked child are counted twice, which overstates a forking server but never understates it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Command:
    """One server process of a target: what to run, where, with which extra environment."""

    name: str
    argv: Sequence[str]
    cwd: Path
    env: dict[str, str] = field(default_factory=dict)


def _stat_fields(pid: int) -> list[str] | None:
    """Fields of /proc/<pid>/stat after the command name (which may contain spaces and parentheses)."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return raw[raw.rindex(")") + 2 :].split()


def parent_map() -> dict[int, int]:
    """pid -> parent pid for every process visible now."""
    parents = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            fields = _stat_fields(int(entry.name))
            if fields:
                parents[int(entry.name)] = int(fields[1])
    return parents


def descendants(roots: Iterable[int], parents: dict[int, int]) -> set[int]:
    """``roots`` and every process below them."""
    children: dict[int, list[int]] = {}
    for pid, ppid in parents.items():
        children.setdefault(ppid, []).append(pid)
    found: set[int] = set()
    todo = [pid for pid in roots if pid in parents]
    while todo:
        pid = todo.pop()
        if pid not in found:
            found.add(pid)
            todo.extend(children.get(pid, ()))
    return found


def rss_bytes(pids: Iterable[int]) -> int:
    """Summed VmRSS of ``pids``; processes that ended meanwhile count zero."""
    total = 0
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1]) * 1024
    return total


def cpu_seconds(pids: Iterable[int]) -> float:
    """User plus system CPU time the running ``pids`` have used so far."""
    ticks = 0
    for pid in pids:
        fields = _stat_fields(pid)
        if fields:
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / CLOCK_TICKS


def machine_busy_seconds() -> float:
    """CPU time all cores together spent on anything but idling since boot (first line of /proc/stat)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields
    return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS


class Servers:
    """The running processes of one target; a context manager that always stops them."""

    def __init__(self, commands: Sequence[Command], log_path: Path) -> None:
        self.commands = commands
        self.log_path = log_path
        self.processes: dict[str, subprocess.Popen] = {}
        self._log = None

    def __enter__(self) -> Servers:
        self._log = self.log_path.open("a")
        for command in self.commands:
            self.processes[command.name] = subprocess.Popen(
                list(command.argv), cwd=command.cwd, env={**os.environ, **command.env},
                stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True,
            )
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def check_alive(self) -> None:
        for name, process in self.processes.items():
            if process.poll() is not None:
                raise RuntimeError(f"{name} exited with code {process.returncode}; see {self.log_path}")

    def pids(self) -> set[int]:
        return descendants((p.pid for p in self.processes.values()), parent_map())

    def rss_bytes(self) -> int:
        return rss_bytes(self.pids())

    def cpu_seconds(self) -> float:
        return cpu_seconds(self.pids())

    def stop(self, grace_s: float = 15) -> None:
        """SIGTERM to each process group, SIGKILL to what is left after ``grace_s``.

        A server that starts children in sessions of their own (scripts/stack.py does) stops them
        itself; whatever of its tree is still there afterwards is killed as well.
        """
        tree = self.pids()
        for process in self.processes.values():
            if process.poll() is None:
                _signal_group(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + grace_s
        for process in self.processes.values():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                _signal_group(process.pid, signal.SIGKILL)
                process.wait()
        # The rest of the tree got the signal too (same group) or from its own parent; wait until it
        # is gone, so that nothing of this target still runs when the next one is measured.
        while any(_running(pid) for pid in tree) and time.monotonic() < deadline:
            time.sleep(0.05)
        for pid in tree:
            if _running(pid):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        self.processes.clear()
        if self._log:
            self._log.close()
            self._log = None


def _running(pid: int) -> bool:
    fields = _stat_fields(pid)
    return fields is not None and fields[0] != "Z"


def _signal_group(pgid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, signum)


def run_to_end(command: Command, log_path: Path) -> float:
    """Run a preparation step (training, database set-up) in its own process group; wall-clock seconds.

    Interrupted (Ctrl-C), it stops the step's whole group before passing the interrupt on.
    """
    started = time.perf_counter()
    with Servers([command], log_path) as step:
        process = step.processes[command.name]
        code = process.wait()
    if code != 0:
        tail = log_path.read_text(errors="replace")[-3000:]
        raise RuntimeError(f"{command.name} failed with code {code}:\n{tail}")
    return time.perf_counter() - started
