"""Every change to Rasa is declared in the registry, installed only by ``rasa_ext.install()``, and live after it.

The tests run in this process on purpose: an import that patched Rasa (as the tracker store, the
components package and the fault handling once did) would show up here as a replaced attribute
before ``install`` or as a replacement the registry does not declare.
"""

from __future__ import annotations

import importlib
import inspect
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import rasa_ext
from rasa_ext import patching

ROOT = Path(__file__).resolve().parents[2]
STOCK_ENV = {"LOTSE_RASA_PATCHES": "1"}  # no switch of a single patch set: each one installs


def targets_of(process: str) -> set[str]:
    return {target for patch in rasa_ext.REGISTRY if process in patch.processes for target in patch.targets}


@pytest.fixture()
def stock_rasa() -> Iterator[dict[str, object]]:
    """Stock Rasa before and after the test; the attributes each target names as Rasa has them."""
    assert rasa_ext.installed() == () and patching.replaced() == (), "something left Rasa patched"
    for name in ("stores.tracker_store", "components", "channels.faults", "rasa_ext.command", "channels.rest"):
        importlib.import_module(name)  # importing what the server imports patches nothing
    before = {target: patching.current(target) for patch in rasa_ext.REGISTRY for target in patch.targets}
    assert patching.replaced() == ()
    try:
        yield before
    finally:
        rasa_ext.uninstall()


def test_every_entry_is_complete() -> None:
    names = [patch.name for patch in rasa_ext.REGISTRY]
    assert len(names) == len(set(names))
    targets = [target for patch in rasa_ext.REGISTRY for target in patch.targets]
    assert len(targets) == len(set(targets)), "two patches replace the same attribute"
    for patch in rasa_ext.REGISTRY:
        assert patch.kind in ("speed", "behaviour"), patch.name
        assert patch.why and patch.removable_when and patch.gain, patch.name
        assert (ROOT / patch.test).is_file(), f"{patch.name}: no test file {patch.test}"
        assert set(patch.processes) <= set(rasa_ext.PROCESSES) and patch.processes, patch.name


@pytest.mark.parametrize("process", rasa_ext.PROCESSES)
def test_after_install_every_target_of_the_process_is_replaced_and_nothing_else(
    process: str, stock_rasa: dict[str, object]
) -> None:
    names = rasa_ext.install(STOCK_ENV, process=process)
    assert set(names) == {patch.name for patch in rasa_ext.REGISTRY if process in patch.processes}
    assert set(patching.replaced()) == targets_of(process), "a patch replaced something the registry does not declare"
    still_rasas = [target for target in targets_of(process) if patching.current(target) is stock_rasa[target]]
    assert still_rasas == []
    assert all(patching.original(target) is stock_rasa[target] for target in targets_of(process))
    assert rasa_ext.install(STOCK_ENV, process=process) == names  # once: installing again changes nothing
    assert set(patching.replaced()) == targets_of(process)

    rasa_ext.uninstall()
    assert all(patching.current(target) is found for target, found in stock_rasa.items())


def test_switched_off_nothing_is_installed(stock_rasa: dict[str, object]) -> None:
    for process in rasa_ext.PROCESSES:
        assert rasa_ext.install({"LOTSE_RASA_PATCHES": "0"}, process=process) == ()
    assert patching.replaced() == ()
    assert all(patching.current(target) is found for target, found in stock_rasa.items())


def test_another_rasa_version_is_refused(stock_rasa: dict[str, object], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rasa_ext, "version", lambda package: "3.7.0")
    with pytest.raises(RuntimeError, match=r"written for rasa 3\.6\.21, installed is 3\.7\.0"):
        rasa_ext.install(STOCK_ENV)
    assert patching.replaced() == () and rasa_ext.installed() == ()
    assert rasa_ext.install({"LOTSE_RASA_PATCHES": "0"}) == ()  # the way to start anyway


def test_the_switch_of_one_patch_leaves_it_out(stock_rasa: dict[str, object]) -> None:
    rasa_ext.install({"LOTSE_OLDEST_FIRST": "0"})
    assert "rasa.core.processor.MessageProcessor.handle_message" not in patching.replaced()


def test_live_names_each_installed_patch_with_the_targets_it_really_holds(stock_rasa: dict[str, object]) -> None:
    rasa_ext.install({"LOTSE_OLDEST_FIRST": "0"})
    live = rasa_ext.live()
    expected = {patch.name: list(patch.targets) for patch in rasa_ext.REGISTRY if "server" in patch.processes}
    assert live.pop("turn_order") == []  # installed, but its switch left Rasa's scheduler in place
    assert live == {name: targets for name, targets in expected.items() if name != "turn_order"}
    patching.restore(("rasa.core.processor.MessageProcessor._run_prediction_loop",))  # something put Rasa's back
    assert rasa_ext.live()["turn_guard"] == ["rasa.core.processor.MessageProcessor.predict_next_with_tracker_if_should"]
    line = rasa_ext.live_line("server")
    assert line.startswith(rasa_ext.LIVE_LINE)
    assert json.loads(line.removeprefix(rasa_ext.LIVE_LINE))["live"]["graph_runner"] == expected["graph_runner"]

def test_patches_left_out_by_name_keep_rasas_original_and_the_others_install(stock_rasa: dict[str, object]) -> None:
    """LOTSE_RASA_PATCHES_OFF measures what one patch buys end to end (bench.alternate)."""
    names = rasa_ext.install({"LOTSE_RASA_PATCHES_OFF": "past_states, rule_matching"})
    assert "past_states" not in names and "rule_matching" not in names and "turn_guard" in names
    left_out = [t for p in rasa_ext.REGISTRY if p.name in ("past_states", "rule_matching") for t in p.targets]
    assert left_out and all(patching.current(t) is stock_rasa[t] for t in left_out)


def test_a_name_the_registry_does_not_know_is_refused(stock_rasa: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="names no patch of the registry: domaincache"):
        rasa_ext.install({"LOTSE_RASA_PATCHES_OFF": "domaincache"})
    assert patching.replaced() == ()


def test_the_event_class_of_every_type_name_is_rasas(rasa_patches: tuple[str, ...]) -> None:
    """event_types: the remembered lookup answers as Rasa's walk over the subclasses does."""
    from rasa.shared.core.events import Event, UserUttered

    from rasa_ext import event_types

    assert "event_types" in rasa_patches
    names = {cls.type_name for cls in _subclasses(Event) if not inspect.isabstract(cls) and cls.type_name != "event"}
    assert len(names) > 20
    for name in sorted(names):
        assert Event.resolve_by_type(name) is event_types._resolve_by_type_uncached(name), name
        assert Event.resolve_by_type(name) is event_types._resolve_by_type_uncached(name), name  # remembered
    assert Event.resolve_by_type("no such event", default=UserUttered) is UserUttered
    assert "no such event" not in event_types._event_classes


def _subclasses(cls: type) -> set[type]:
    found = set(cls.__subclasses__())
    return found.union(*(_subclasses(sub) for sub in found)) if found else found
