"""The heap is frozen once start-up is done (rasa_ext/heap.py)."""

from __future__ import annotations

import gc

from rasa_ext import heap, patching


def test_after_the_action_server_app_is_created_the_heap_is_frozen(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import rasa_sdk.endpoint

    created = object()
    monkeypatch.setattr(rasa_sdk.endpoint, "create_app", lambda *args, **kwargs: created)
    monkeypatch.setattr(gc, "get_threshold", lambda: (700, 10, 10))
    thresholds: list[tuple[int, ...]] = []
    monkeypatch.setattr(gc, "set_threshold", lambda *values: thresholds.append(values))
    frozen: list[bool] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))

    heap.install_after_actions_registered()
    try:
        assert rasa_sdk.endpoint.create_app("actions") is created
    finally:
        patching.restore(("rasa_sdk.endpoint.create_app",))  # before monkeypatch puts Rasa SDK's own back
    assert frozen == [True] and thresholds == [(heap.GC_GEN0_THRESHOLD, 10, 10)]
