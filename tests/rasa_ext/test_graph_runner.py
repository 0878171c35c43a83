"""The plain-Python graph runner gives what Rasa's dask runner gives, for every target set."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rasa.engine.exceptions import GraphRunError
from rasa.engine.graph import ExecutionContext, GraphComponent, GraphSchema, SchemaNode
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage

from rasa_ext import graph_runner

CALLS: list[str] = []


class Step(GraphComponent):
    """Appends its name to what it receives, so the result shows the path through the graph."""

    def __init__(self, name: str) -> None:
        self.name = name

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> Step:
        return cls(config["name"])

    def join(self, **parts: Any) -> str:
        CALLS.append(self.name)
        return self.name + "(" + ",".join(f"{k}={parts[k]}" for k in sorted(parts)) + ")"


def node(name: str, needs: dict[str, str], target: bool = False) -> SchemaNode:
    return SchemaNode(needs=needs, uses=Step, constructor_name="create", fn="join", config={"name": name},
                      is_target=target)


SCHEMA = GraphSchema({
    "tokens": node("tokens", {"text": "__message__"}),
    "features": node("features", {"tokens": "tokens"}),
    "intent": node("intent", {"features": "features", "tokens": "tokens"}, target=True),
    "policy": node("policy", {"intent": "intent", "tracker": "__tracker__"}, target=True),
    "unused": node("unused", {"features": "features"}),
})


def runner(tmp_path: Path) -> DaskGraphRunner:
    return DaskGraphRunner(SCHEMA, LocalModelStorage(tmp_path), ExecutionContext(SCHEMA, "test"))


@pytest.mark.parametrize("targets", [["intent"], ["policy"], ["intent", "policy"], None])
def test_same_outputs_as_dask_and_each_needed_node_runs_once(tmp_path: Path, targets: list[str] | None) -> None:
    graph = runner(tmp_path)
    inputs = {"__message__": "Hallo", "__tracker__": "t1"}
    CALLS.clear()
    expected = graph_runner.dask_run(graph, inputs, targets)
    dask_calls = sorted(CALLS)
    CALLS.clear()

    assert graph_runner.run(graph, inputs, targets) == expected
    assert sorted(CALLS) == dask_calls and len(CALLS) == len(set(CALLS))
    assert "unused" not in CALLS


def test_dask_run_is_rasas_own_even_after_the_fix_is_installed(rasa_patches: tuple[str, ...]) -> None:
    assert "graph_runner" in rasa_patches
    assert DaskGraphRunner.run is graph_runner.run
    assert graph_runner.dask_run.__module__ == "rasa.engine.runner.dask"


def test_an_input_named_like_a_node_is_refused_as_rasa_refuses_it(tmp_path: Path) -> None:
    with pytest.raises(GraphRunError):
        graph_runner.run(runner(tmp_path), {"__message__": "tokens"}, ["intent"])
