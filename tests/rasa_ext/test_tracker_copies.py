"""Cheaper copies give the same trackers, and skipped copies are only ever log arguments."""

from __future__ import annotations

import ast
import copy
import inspect
import logging

from hypothesis import given, settings
from hypothesis import strategies as st
from rasa.shared.core.events import SlotSet
from rasa.shared.core.slots import Slot
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_ext import tracker_copies
from tests.rasa_ext.test_past_states import PIECES
from tests.stores.test_tracker_store import DOMAIN


def _debug_log_calls(tree: ast.AST) -> set[int]:
    """ids of the nodes inside ``structlogger.debug(...)`` calls."""
    inside: set[int] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "debug"
            and isinstance(node.func.value, ast.Name) and node.func.value.id == "structlogger"
        ):
            inside |= {id(child) for child in ast.walk(node)}
    return inside


def test_every_deepcopy_in_the_patched_rasa_modules_is_a_debug_log_argument() -> None:
    for module in tracker_copies.DEBUG_COPYING_MODULES:
        tree = ast.parse(inspect.getsource(module))
        logged = _debug_log_calls(tree)
        deepcopies = [
            node for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "deepcopy"
        ]
        assert deepcopies, module.__name__  # the patch still has something to do
        outside = [node.lineno for node in deepcopies if id(node) not in logged]
        assert outside == [], f"{module.__name__}: copy.deepcopy outside a debug log line at {outside}"


def test_the_copy_is_made_only_when_debug_lines_are_written(caplog) -> None:  # type: ignore[no-untyped-def]
    stand_in = tracker_copies.CopyForDebugLog("lotse.test.debug_copies")
    states = [{"user": {"intent": "greet"}}]
    logging.getLogger("lotse.test.debug_copies").setLevel(logging.INFO)
    assert stand_in.deepcopy(states) is states
    logging.getLogger("lotse.test.debug_copies").setLevel(logging.DEBUG)
    copied = stand_in.deepcopy(states)
    assert copied == states and copied is not states and copied[0] is not states[0]
    assert stand_in.copy is copy.copy  # everything else is the copy module's


def test_a_copied_slot_is_like_one_copied_through_the_pickle_protocol() -> None:
    assert DOMAIN.slots
    for slot in DOMAIN.slots:
        cheap = tracker_copies._copy_slot(slot)
        reference = copy._reconstruct(slot, None, *slot.__reduce_ex__(4))  # what copy.copy did before
        assert type(cheap) is type(reference) is type(slot)
        assert cheap.__dict__ == reference.__dict__ == slot.__dict__
        cheap.value = "geändert"
        assert slot.value != "geändert" and isinstance(slot, Slot)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(sorted(PIECES)), min_size=1, max_size=25), st.sampled_from([None, 6]))
def test_applied_events_are_rasas_after_every_event(pieces: list[str], max_history: int | None) -> None:
    tracker = DialogueStateTracker("s", DOMAIN.slots, max_event_history=max_history)
    for piece in pieces:
        for event in PIECES[piece]:
            tracker.update(event)
            expected = tracker_copies.uncached_applied_events(tracker)
            first = tracker_copies.applied_events(tracker)
            assert first == expected
            first.clear()  # a caller editing its list does not change the next answer
            assert tracker_copies.applied_events(tracker) == expected


def _state(tracker: DialogueStateTracker) -> dict:
    """Everything a tracker holds, slots by their attributes, our caches left out."""
    found = {name: value for name, value in vars(tracker).items() if not name.startswith("_lotse")}
    found["events"] = [id(event) for event in tracker.events]
    found["slots"] = {name: vars(slot) for name, slot in tracker.slots.items()}
    return found


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(sorted(PIECES)), min_size=1, max_size=25))
def test_a_copy_is_rasas_copy_without_the_replay(pieces: list[str]) -> None:
    tracker = DialogueStateTracker("s", DOMAIN.slots)
    tracker.model_id, tracker.assistant_id = "model-1", "lotse"  # Rasa's copy leaves both out
    for piece in pieces:
        for event in PIECES[piece]:
            tracker.update(event)
            tracker_copies.applied_events(tracker)  # a cache on the tracker is not copied
            cheap, rasas = tracker_copies.copy_tracker(tracker), tracker_copies.replaying_copy(tracker)
            assert _state(cheap) == _state(rasas)
            assert cheap.active_loop is None or cheap.active_loop is not tracker.active_loop
            assert all(cheap.slots[name] is not slot for name, slot in tracker.slots.items())
    before, length = tracker.get_slot("topic"), len(tracker.events)
    cheap.update(SlotSet("topic", "Sprachen"))  # the copy goes its own way
    assert cheap.get_slot("topic") == "Sprachen" and len(cheap.events) == length + 1
    assert tracker.get_slot("topic") == before and len(tracker.events) == length
