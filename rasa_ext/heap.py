"""The garbage collector kept away from what start-up built: modules, model, domain.

After loading, a Rasa server holds about 540 000 objects tracked by the garbage collector
(TensorFlow, Rasa, the model). Objects of requests in flight outlive the young generations and
count towards a full collection, which then walks all of them: under load each replica ran one
every 4 s and stood still for about 300 ms each time, 10 % of its CPU and a pause for every
message it was working on (docs/performance.md). ``gc.freeze()`` moves everything alive after
start-up out of the collector's reach; it is never freed, which it would not be anyway. A larger
first threshold collects less often. The action server gets the same once Rasa SDK has imported
and registered the actions (full collections there walked ~200 000 objects, about 85 ms each).

Two patches of the registry: ``heap_after_model_load`` wraps ``rasa.core.run.load_agent_on_start``
(Rasa server), ``heap_after_actions_registered`` wraps ``rasa_sdk.endpoint.create_app`` (action
server).
"""

from __future__ import annotations

import gc

from rasa_ext.patching import replace

#: Allocations between two youngest-generation collections (CPython's default: 700).
GC_GEN0_THRESHOLD = 20_000


def freeze_heap() -> None:
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_GEN0_THRESHOLD, *gc.get_threshold()[1:])


def install_after_model_load() -> None:
    import rasa.core.run

    load = rasa.core.run.load_agent_on_start

    async def load_and_freeze(*args: object, **kwargs: object) -> object:
        agent = await load(*args, **kwargs)
        freeze_heap()
        return agent

    replace(rasa.core.run, "load_agent_on_start", load_and_freeze)


def install_after_actions_registered() -> None:
    import rasa_sdk.endpoint

    create_app = rasa_sdk.endpoint.create_app

    def create_and_freeze(*args: object, **kwargs: object) -> object:
        app = create_app(*args, **kwargs)
        freeze_heap()
        return app

    replace(rasa_sdk.endpoint, "create_app", create_and_freeze)
