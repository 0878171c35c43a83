"""The Rasa server and the action server as processes: import order and garbage collection.

``python -m stores.process <rasa arguments>`` is the ``rasa`` command with both; the container
image (deploy/Dockerfile) has it as its entry point and scripts/serve.py runs Rasa through it.

Import order: on import, skops (which stores and loads the intent classifier) looks up ~760 type
names in every module of ``sys.modules``. With TensorFlow loaded that took 6.7 s of each
replica's start-up and of each training, imported before Rasa 1 s (cProfile, 2026-11-23).
"""

from __future__ import annotations

import sys

#: Allocations between two youngest-generation collections (CPython's default: 700).
GC_GEN0_THRESHOLD = 20_000


def freeze_heap_after_model_load() -> None:
    """Keep the garbage collector away from what start-up built: modules, model, domain.

    After loading, a Rasa server holds about 540 000 objects tracked by the garbage collector
    (TensorFlow, Rasa, the model). Objects of requests in flight outlive the young generations
    and count towards a full collection, which then walks all of them: under load each replica
    ran one every 4 s and stood still for about 300 ms each time, 10 % of its CPU and a pause for
    every message it was working on (gc.callbacks under 20 conversations, 2026-11-23).
    ``gc.freeze()`` moves everything alive after start-up out of the collector's reach; it is
    never freed, which it would not be anyway. A larger first threshold collects less often.
    """
    import rasa.core.run

    load = rasa.core.run.load_agent_on_start

    async def load_and_freeze(*args: object, **kwargs: object) -> object:
        agent = await load(*args, **kwargs)
        _freeze_heap()
        return agent

    rasa.core.run.load_agent_on_start = load_and_freeze


def freeze_heap_after_actions_registered() -> None:
    """The same for the action server, once Rasa SDK has imported and registered the actions.

    Full collections there walked ~200 000 objects, about 85 ms each (gc.callbacks, 2026-11-23).
    """
    import rasa_sdk.endpoint

    create_app = rasa_sdk.endpoint.create_app

    def create_and_freeze(*args: object, **kwargs: object) -> object:
        app = create_app(*args, **kwargs)
        _freeze_heap()
        return app

    rasa_sdk.endpoint.create_app = create_and_freeze


def _freeze_heap() -> None:
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_GEN0_THRESHOLD, *gc.get_threshold()[1:])


def rasa(arguments: list[str]) -> None:
    """``rasa <arguments>`` in this process, with skops imported first and the heap frozen after start."""
    import skops.io  # noqa: F401 - before Rasa imports TensorFlow (see the module's docstring)
    from rasa.__main__ import main as rasa_main

    if arguments[:2] == ["run", "actions"]:
        freeze_heap_after_actions_registered()
    elif arguments[:1] == ["run"]:
        import rasa_ext

        rasa_ext.install()
        freeze_heap_after_model_load()
    sys.argv = ["rasa", *arguments]
    rasa_main()


if __name__ == "__main__":
    rasa(sys.argv[1:])
