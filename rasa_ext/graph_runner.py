"""Rasa's prediction graph run in plain Python instead of through dask.

Rasa 3.6 runs its graph twice per message (NLU, then the policies) with ``dask.get``: each call
builds the minimal schema for the targets, a dask task graph, dask's execution order and its
bookkeeping for a handful of nodes, about 6 % of a Rasa replica's CPU under load (py-spy,
2026-11-23). The graph is fixed once the model is loaded, so the order of the nodes each set of
targets needs is computed once; running it is a loop over that order. Each node gets the outputs
of the nodes it needs, as with dask; inputs are checked against node names as Rasa does.
Installed by ``rasa_ext.install()`` in the Rasa server only (registry entry ``graph_runner``).
"""

from __future__ import annotations

from typing import Any

from rasa.engine.exceptions import GraphRunError
from rasa.engine.runner.dask import DaskGraphRunner

from rasa_ext.patching import replace

_PLANS = "_lotse_plans"
#: Rasa's own ``run`` (through dask), kept for comparison in the tests.
dask_run = DaskGraphRunner.run


def _plan(runner: DaskGraphRunner, targets: tuple[str, ...]) -> list[tuple[str, tuple[str, ...]]]:
    """Nodes needed for ``targets`` in an order where each comes after what it needs."""
    plans = runner.__dict__.setdefault(_PLANS, {})
    plan = plans.get(targets)
    if plan is None:
        schema = runner._graph_schema.minimal_graph_schema(list(targets))
        plan, placed = [], set()

        def place(name: str) -> None:
            if name in placed or name not in schema.nodes:
                return  # done already, or an input of the run
            placed.add(name)
            needs = tuple(schema.nodes[name].needs.values())
            for need in needs:
                place(need)
            plan.append((name, needs))

        for name in schema.nodes:
            place(name)
        plans[targets] = plan
    return plan


def run(
    self: DaskGraphRunner, inputs: dict[str, Any] | None = None, targets: list[str] | None = None
) -> dict[str, Any]:
    """``DaskGraphRunner.run`` with the same result: {target: output of that node}."""
    run_targets = tuple(targets if targets else self._graph_schema.target_names)
    plan = _plan(self, run_targets)
    outputs: dict[str, Any] = {}
    for name, value in (inputs or {}).items():
        if isinstance(value, str) and value in self._graph_schema.nodes:
            raise GraphRunError(
                f"Input value '{value}' clashes with a node name. Make sure that none of the input "
                f"names passed to the `run` method are the same as node names in the graph schema."
            )
        outputs[name] = (name, value)
    try:
        for name, needs in plan:
            outputs[name] = self._instantiated_nodes[name](*(outputs[need] for need in needs))
    except KeyError as missing:
        raise GraphRunError(f"Graph input {missing} was not given.") from missing
    except RuntimeError as error:
        raise GraphRunError("Error running runner.") from error
    return dict(outputs[target] for target in run_targets)


def install() -> None:
    replace(DaskGraphRunner, "run", run)
