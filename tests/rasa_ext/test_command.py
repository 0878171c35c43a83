"""The container entry point behaves like the ``rasa`` command and gives each process its Rasa patches."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import rasa

from rasa_ext import command

ROOT = Path(__file__).resolve().parents[2]


def test_entry_point_is_the_rasa_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "rasa_ext.command", "--version"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert rasa.__version__ in done.stdout


def test_each_rasa_command_gets_the_patches_of_its_process() -> None:
    assert command.process_of(["run", "--model", "models"]) == "server"
    assert command.process_of(["run", "actions", "--actions", "actions"]) == "actions"
    assert command.process_of(["train", "--config", "config.yml"]) == "training"
    assert command.process_of(["test", "core"]) is None  # stock Rasa
    assert command.process_of(["--version"]) is None
