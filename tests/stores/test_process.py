"""The container entry point behaves like the ``rasa`` command and freezes the heap after start-up."""

from __future__ import annotations

import gc
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


def test_after_the_action_server_app_is_created_the_heap_is_frozen(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import rasa_sdk.endpoint

    created = object()
    monkeypatch.setattr(rasa_sdk.endpoint, "create_app", lambda *args, **kwargs: created)
    monkeypatch.setattr(gc, "get_threshold", lambda: (700, 10, 10))
    thresholds: list[tuple[int, ...]] = []
    monkeypatch.setattr(gc, "set_threshold", lambda *values: thresholds.append(values))
    frozen: list[bool] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))

    process.freeze_heap_after_actions_registered()

    assert rasa_sdk.endpoint.create_app("actions") is created
    assert frozen == [True] and thresholds == [(process.GC_GEN0_THRESHOLD, 10, 10)]
