"""Stop, freeze and restart the servers of a tests/botstack.py ``running_bot``, for fault tests.

``running_bot`` keeps its processes to itself, so they are found here as children of the test
process by their command line (``/proc``); a restart runs the same command with the same
environment (or a changed one) and logs into the same bot.log. Whatever is started here is
stopped by ``Servers.close``; the originals are reaped by ``running_bot`` as usual.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from tests.botstack import BotProcesses, wait_until_up


@dataclass(frozen=True)
class Server:
    pid: int
    argv: tuple[str, ...]
    env: Mapping[str, str]
    cwd: str

    def option(self, name: str) -> str:
        return self.argv[self.argv.index(name) + 1]


def _stat(pid: int) -> list[str] | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return raw[raw.rindex(")") + 2 :].split()


def child_server(*words: str, data_dir: Path | None = None) -> Server:
    """The one running child of this test process whose command line contains all ``words``.

    With ``data_dir``: only a server of the bot that runs on it (LOTSE_DATA_DIR): the e2e session's
    shared bot may run beside the module's own.
    """
    found = []
    for entry in os.scandir("/proc"):
        stat = _stat(int(entry.name)) if entry.name.isdigit() else None
        if stat is None or int(stat[1]) != os.getpid() or stat[0] == "Z":
            continue
        pid = int(entry.name)
        try:
            argv = tuple(Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")[:-1])
            raw_env = Path(f"/proc/{pid}/environ").read_bytes().decode(errors="replace").split("\0")
            cwd = os.readlink(f"/proc/{pid}/cwd")
        except OSError:
            continue
        env = dict(item.split("=", 1) for item in raw_env if "=" in item)
        if data_dir is not None and env.get("LOTSE_DATA_DIR") != str(data_dir):
            continue
        if all(word in argv for word in words):
            found.append(Server(pid, argv, dict(item.split("=", 1) for item in raw_env if "=" in item), cwd))
    if len(found) != 1:
        raise RuntimeError(f"expected one child process with {words}, found {len(found)}")
    return found[0]


def _exited(pid: int) -> bool:
    stat = _stat(pid)
    return stat is None or stat[0] == "Z"  # a zombie is reaped later by its Popen owner


def stop(pid: int, timeout: float = 30) -> None:
    """SIGTERM to the process group (each server runs in its own session), SIGKILL if it lingers."""
    os.killpg(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while not _exited(pid):
        if time.monotonic() > deadline:
            os.killpg(pid, signal.SIGKILL)
            deadline += timeout
        time.sleep(0.1)


class Servers:
    """The action server and the Rasa server of one ``running_bot``, to stop, freeze and restart."""

    def __init__(self, bot: BotProcesses) -> None:
        self.bot = bot
        self.actions = child_server("run", "actions", data_dir=bot.data_dir)
        self.rasa = child_server("--model", data_dir=bot.data_dir)
        self.started: list[subprocess.Popen] = []

    @property
    def actions_health(self) -> str:
        return f"http://127.0.0.1:{self.actions.option('--port')}/health"

    def stop_actions(self) -> None:
        stop(self.actions.pid)

    def start_actions(self, env: Mapping[str, str] | None = None) -> None:
        self.actions = self._start(self.actions, self.actions_health, self.actions.argv, env)

    def restart_rasa(self, argv: Sequence[str] | None = None, env: Mapping[str, str] | None = None) -> None:
        stop(self.rasa.pid)
        self.rasa = self._start(self.rasa, f"{self.bot.rasa_url}/", argv or self.rasa.argv, env)

    @contextmanager
    def actions_frozen(self) -> Iterator[None]:
        """The action server hangs (SIGSTOP): the kernel accepts connections, nobody answers."""
        os.killpg(self.actions.pid, signal.SIGSTOP)
        try:
            yield
        finally:
            os.killpg(self.actions.pid, signal.SIGCONT)

    def _start(self, old: Server, health_url: str, argv: Sequence[str], env: Mapping[str, str] | None) -> Server:
        environment = dict(env if env is not None else old.env)
        with (self.bot.data_dir / "bot.log").open("a") as log:
            process = subprocess.Popen(
                list(argv), cwd=old.cwd, env=environment, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.started.append(process)
        wait_until_up(health_url, [process])
        return replace(old, pid=process.pid, argv=tuple(argv), env=environment)

    def close(self) -> None:
        for process in self.started:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.started:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
