"""The container entry point behaves like the ``rasa`` command and gives each process its Rasa patches."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import rasa

from stores import process

ROOT = Path(__file__).resolve().parents[2]


def test_entry_point_is_the_rasa_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "stores.process", "--version"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert rasa.__version__ in done.stdout


def test_each_rasa_command_gets_the_patches_of_its_process() -> None:
    assert process.process_of(["run", "--model", "models"]) == "server"
    assert process.process_of(["run", "actions", "--actions", "actions"]) == "actions"
    assert process.process_of(["train", "--config", "config.yml"]) == "training"
    assert process.process_of(["test", "core"]) is None  # stock Rasa
    assert process.process_of(["--version"]) is None
