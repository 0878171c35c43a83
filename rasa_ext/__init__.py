"""Every change this bot makes to Rasa's internals, declared in one registry and installed by one call.

Nothing here is installed by importing it: the entry point (``rasa_ext/command.py``, this bot's ``rasa`` command) calls
:func:`install` once, before Rasa starts: ``process="server"`` for ``rasa run``, ``"training"``
for ``rasa train``, ``"actions"`` for ``rasa run actions``. It refuses to patch a Rasa version the
patches were not written for, and ``LOTSE_RASA_PATCHES=0`` runs stock Rasa with the same bot.
Every patch replaces attributes only through :func:`rasa_ext.patching.replace`, which keeps the
original; tests/rasa_ext checks that each target is declared here, really replaced, and that
Rasa's source of it is still the one the patch was written against (test_tripwire.py).
"""

from __future__ import annotations

import inspect
import json
import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import import_module
from importlib.metadata import version

logger = logging.getLogger(__name__)

#: The Rasa release the patches were written and checked against (tests/rasa_ext pins their sources).
RASA_VERSION = "3.6.21"
#: The Rasa SDK release the action server's patch was written against.
RASA_SDK_VERSION = "3.6.2"
PROCESSES = ("server", "training", "actions")
SERVER, TRAINING = ("server",), ("training", "server")


@dataclass(frozen=True)
class Patch:
    name: str
    targets: tuple[str, ...]
    kind: str  # "behaviour" or "speed"
    why: str
    test: str
    removable_when: str
    install: Callable[[Mapping[str, str]], None]
    #: What it buys, with the measurement it comes from (docs/performance.md has the table).
    gain: str = ""
    #: Processes it is installed in (see the module docstring).
    processes: tuple[str, ...] = SERVER
    #: Its own switch besides LOTSE_RASA_PATCHES, if it has one.
    switch: str = ""


def _module(name: str, function: str = "install") -> Callable[[Mapping[str, str]], None]:
    """The installer of ``rasa_ext.<name>``, imported only when it is installed."""

    def install(env: Mapping[str, str]) -> None:
        installer = getattr(import_module(f"rasa_ext.{name}"), function)
        if inspect.signature(installer).parameters:
            installer(env)  # it has a switch of its own
        else:
            installer()

    return install


_RASA_CPU = "Rasa CPU per message in the in-process A/B of 2026-11-23; end to end nicht neu gemessen"

REGISTRY: tuple[Patch, ...] = (
    Patch(
        name="turn_guard",
        targets=(
            "rasa.core.processor.MessageProcessor._run_prediction_loop",
            "rasa.core.processor.MessageProcessor.predict_next_with_tracker_if_should",
        ),
        kind="behaviour",
        why="A turn runs at most LOTSE_MAX_ACTIONS_PER_TURN actions and then ends politely; Rasa's own "
        "limit does not trip after an action that reverts the user's message, and the server froze.",
        test="tests/rasa_ext/test_turn_guard.py",
        removable_when="Rasa counts predictions per turn itself (not fixed as of 3.6.21).",
        install=_module("turn_guard"),
        gain="no frozen server on a prediction loop (issue 16)",
        switch="LOTSE_MAX_ACTIONS_PER_TURN",
    ),
    Patch(
        name="action_failures",
        targets=("rasa.core.actions.action.RemoteAction.run",),
        kind="behaviour",
        why="Rasa swallows a failed custom action; the channels learn of it here and apologise with a "
        "phone number (channels/faults.py).",
        test="tests/channels/test_faults.py",
        removable_when="Rasa reports failed custom actions to the channel (not as of 3.6.21).",
        install=_module("action_failures"),
        gain="an apology instead of silence when a custom action fails",
    ),
    Patch(
        name="turn_order",
        targets=(
            "rasa.core.processor.MessageProcessor.handle_message",
            "rasa.utils.endpoints.EndpointConfig.request",
        ),
        kind="speed",
        why="Turns take the processor in the order their messages arrived, instead of waiting behind "
        "newer messages after every action-server call.",
        test="tests/rasa_ext/test_turn_order.py",
        removable_when="The alternating benchmark shows no p95 gain any more, or Rasa schedules turns itself.",
        install=_module("turn_order"),
        gain="p95 −25 % and −26 %, throughput unchanged (bench.alternate, single bot, 20 conversations, "
        "2026-12-06); stack: p95 214 → 201 ms",
        switch="LOTSE_OLDEST_FIRST",
    ),
    Patch(
        name="nlu_cache",
        targets=("rasa.core.processor.MessageProcessor._parse_message_with_graph",),
        kind="speed",
        why="Short, frequent messages outside forms are understood once per ten minutes (what it keeps: "
        "docs/privacy.md).",
        test="tests/rasa_ext/test_nlu_cache.py",
        removable_when="An end-to-end run shows less than 5 % (the stack run of 2026-11-23 08:31 did not show "
        "a gain between runs).",
        install=_module("nlu_cache"),
        gain=f"−34 % on the benchmark script ({_RASA_CPU})",
        switch="LOTSE_NLU_CACHE",
    ),
    Patch(
        name="graph_runner",
        targets=("rasa.engine.runner.dask.DaskGraphRunner.run",),
        kind="speed",
        why="The prediction graph runs as a loop over a precomputed order instead of through dask.",
        test="tests/rasa_ext/test_graph_runner.py",
        removable_when="Rasa runs its graph without dask (Rasa Pro does), or the gain measures below 5 %.",
        install=_module("graph_runner"),
        gain="about 6 % of a replica's CPU under load (py-spy, 2026-11-23); end to end nicht neu gemessen",
    ),
    Patch(
        name="past_states",
        targets=("rasa.shared.core.trackers.DialogueStateTracker.past_states",),
        kind="speed",
        why="The policies' dialogue states are carried forward as events are added instead of replayed "
        "from the start for every call.",
        test="tests/rasa_ext/test_past_states.py",
        removable_when="Rasa caches states per tracker itself, or the gain measures below 5 %.",
        install=_module("past_states"),
        gain=f"−10 % ({_RASA_CPU})",
    ),
    Patch(
        name="rule_matching",
        targets=("rasa.core.policies.rule_policy.RulePolicy._get_possible_keys",),
        kind="speed",
        why="The rules are prepared once instead of decoded and reversed at every check.",
        test="tests/rasa_ext/test_rule_matching.py",
        removable_when="The gain measures below 5 % end to end.",
        install=_module("rule_matching"),
        gain=f"−4 % and −4 % ({_RASA_CPU})",
    ),
    Patch(
        name="tracker_copies",
        targets=(
            "rasa.core.processor.copy",
            "rasa.core.policies.rule_policy.copy",
            "rasa.core.policies.memoization.copy",
            "rasa.shared.core.slots.Slot.__copy__",
            "rasa.shared.core.trackers.DialogueStateTracker.applied_events",
            "rasa.shared.core.trackers.DialogueStateTracker.copy",
        ),
        kind="speed",
        why="No deep copies for debug lines that are not written; slots, applied events and the tracker "
        "copied without replaying.",
        test="tests/rasa_ext/test_tracker_copies.py",
        removable_when="The gain measures below 5 % end to end.",
        install=_module("tracker_copies"),
        gain=f"−5 to −10 % and −2 % ({_RASA_CPU})",
    ),
    Patch(
        name="action_response",
        targets=("rasa.core.actions.action.RemoteAction._validate_action_result",),
        kind="speed",
        why="The action server's answer is validated per event against its own event schema, with "
        "validators built once (Rasa rebuilt one per answer: 42 ms per custom action).",
        test="tests/rasa_ext/test_action_response.py",
        removable_when="Rasa builds its validator once (not as of 3.6.21).",
        install=_module("action_response"),
        gain=f"−3 % after the validator was built once ({_RASA_CPU})",
    ),
    Patch(
        name="action_client",
        targets=(
            "rasa.core.actions.action.RemoteAction.__init__",
            "rasa.utils.endpoints.EndpointConfig.session",
        ),
        kind="speed",
        why="The action endpoint keeps one HTTP session and connection per event loop and encodes with "
        "ujson; Rasa opened a connection per custom action.",
        test="tests/rasa_ext/test_action_client.py",
        removable_when="Rasa keeps its action-server session (not as of 3.6.21), or the gain measures below 5 %.",
        install=_module("action_client"),
        gain="about 2.3 ms of Rasa CPU per custom action (py-spy, 2026-11-23); end to end nicht neu gemessen",
    ),
    Patch(
        name="event_types",
        targets=("rasa.shared.core.events.Event.resolve_by_type",),
        kind="speed",
        why="The event class of a type name is looked up once instead of walking all Event subclasses per "
        "event deserialised.",
        test="tests/rasa_ext/test_registry.py",
        removable_when="Rasa caches the lookup, or the gain measures below 5 %.",
        install=_module("event_types"),
        gain="two thirds of the time to load a tracker (profile, 2026-11-22); end to end nicht neu gemessen",
    ),
    Patch(
        name="heap_after_model_load",
        targets=("rasa.core.run.load_agent_on_start",),
        kind="speed",
        why="gc.freeze() after the model is loaded, so full collections do not walk ~540 000 start-up objects.",
        test="tests/rasa_ext/test_heap.py",
        removable_when="The gain measures below 5 % end to end.",
        install=_module("heap", "install_after_model_load"),
        gain="about 10 % of a replica's CPU and 300 ms pauses every 4 s under load (gc.callbacks, 2026-11-23); "
        "end to end nicht neu gemessen",
    ),
    Patch(
        name="heap_after_actions_registered",
        targets=("rasa_sdk.endpoint.create_app",),
        kind="speed",
        why="gc.freeze() in the action server once the actions are registered.",
        test="tests/rasa_ext/test_heap.py",
        removable_when="The gain measures below 5 % end to end.",
        install=_module("heap", "install_after_actions_registered"),
        gain="full collections of ~85 ms avoided (gc.callbacks, 2026-11-23); end to end nicht neu gemessen",
        processes=("actions",),
    ),
    Patch(
        name="sparse_features",
        targets=("rasa.shared.nlu.training_data.message.Message._combine_features",),
        kind="speed",
        why="A message's sparse features are combined in one concatenation instead of one hstack per featurizer.",
        test="tests/rasa_ext/test_sparse_features.py",
        removable_when="The gain measures below 5 % end to end.",
        install=_module("sparse_features"),
        gain="8 % of the Rasa server's CPU under load (py-spy, 2026-11-23); end to end nicht neu gemessen",
        processes=TRAINING,
    ),
    Patch(
        name="spacy_model",
        targets=("rasa.nlu.utils.spacy_utils.SpacyNLP.load_model",),
        kind="speed",
        why="One spaCy pipeline for both SpacyNLP nodes of the graph.",
        test="tests/rasa_ext/test_registry.py",
        removable_when="Rasa shares the pipeline between nodes.",
        install=_module("spacy_model"),
        gain="1.3 s of every start-up (cProfile of Agent.load, 2026-11-23); start-up end to end nicht neu gemessen",
        processes=TRAINING,
    ),
    Patch(
        name="entity_extractor",
        targets=(
            "rasa.nlu.extractors.crf_entity_extractor.CRFEntityExtractor.persist",
            "rasa.nlu.extractors.crf_entity_extractor.CRFEntityExtractor.load",
        ),
        kind="speed",
        why="Training stores the trained CRF files and a load opens them instead of training the CRF again.",
        test="tests/rasa_ext/test_entity_extractor.py",
        removable_when="Rasa stores the trained CRF (not as of 3.6.21).",
        install=_module("entity_extractor"),
        gain="1.8 s of every start-up (cProfile of Agent.load, 2026-11-23); start-up end to end nicht neu gemessen",
        processes=TRAINING,
    ),
)

_installed: list[str] = []


def installed() -> tuple[str, ...]:
    return tuple(_installed)


def enabled(env: Mapping[str, str] = os.environ) -> bool:
    return env.get("LOTSE_RASA_PATCHES", "1").strip() != "0"


def switched_off(env: Mapping[str, str] = os.environ) -> frozenset[str]:
    """Patches left out by name (``LOTSE_RASA_PATCHES_OFF=rule_matching,past_states``), to measure what one
    buys end to end (bench.alternate); a name the registry does not know is an error, not a silent no-op."""
    names = frozenset(n.strip() for n in env.get("LOTSE_RASA_PATCHES_OFF", "").split(",") if n.strip())
    unknown = names - {p.name for p in REGISTRY}
    if unknown:
        raise ValueError(f"LOTSE_RASA_PATCHES_OFF names no patch of the registry: {', '.join(sorted(unknown))}")
    return names


def check_versions(process: str = "server") -> None:
    """Raises unless the installed Rasa (and Rasa SDK, for the action server) is what the patches know."""
    found = {"rasa": (version("rasa"), RASA_VERSION)}
    if process == "actions":
        found["rasa-sdk"] = (version("rasa-sdk"), RASA_SDK_VERSION)
    for package, (installed_version, expected) in found.items():
        if installed_version != expected:
            raise RuntimeError(
                f"rasa_ext: written for {package} {expected}, installed is {installed_version}. Review the patches "
                "(tests/rasa_ext/test_tripwire.py names what to read) or start with LOTSE_RASA_PATCHES=0."
            )


def install(env: Mapping[str, str] = os.environ, process: str = "server") -> tuple[str, ...]:
    """Installs every registered patch of ``process`` once; returns the names installed (empty when off)."""
    if process not in PROCESSES:
        raise ValueError(f"process must be one of {PROCESSES}, not {process!r}")
    if _installed:
        return tuple(_installed)
    if not enabled(env):
        logger.warning("LOTSE_RASA_PATCHES=0: Rasa runs without this bot's changes to its internals.")
        return ()
    check_versions(process)
    left_out = switched_off(env)
    for patch in REGISTRY:
        if process in patch.processes and patch.name not in left_out:
            patch.install(env)
            _installed.append(patch.name)
    if left_out:
        logger.warning("rasa_ext: left out by LOTSE_RASA_PATCHES_OFF: %s", ", ".join(sorted(left_out)))
    logger.info("rasa_ext: %d changes to Rasa installed (%s)", len(_installed), ", ".join(_installed))
    return tuple(_installed)


def live() -> dict[str, list[str]]:
    """The installed patches and, of each, the targets that do not hold Rasa's original now.

    What is really in effect in this process: a patch whose installer returned without replacing
    (its own switch off) or whose target something put back shows fewer targets than it declares.
    """
    from rasa_ext import patching

    return {
        patch.name: [t for t in patch.targets if patching.current(t) is not patching.original(t)]
        for patch in REGISTRY
        if patch.name in _installed
    }


#: Start of the line the entry point writes to stderr after installing (tests/e2e/test_rasa_ext_live.py).
LIVE_LINE = "rasa_ext live: "


def live_line(process: str) -> str:
    """One line for the log: the process, the Rasa version and :func:`live`, as JSON."""
    return LIVE_LINE + json.dumps({"process": process, "rasa": version("rasa"), "live": live()}, sort_keys=True)


def uninstall() -> None:
    """Stock Rasa again (for tests): every replaced attribute gets its original back."""
    from rasa_ext import patching

    patching.restore()
    _installed.clear()
