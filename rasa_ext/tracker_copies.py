"""Copies of tracker parts that Rasa makes many times per message, made cheaper or skipped.

Three things showed up in a profile of one Rasa replica (cProfile, in-process, 2026-11-23):

* Rasa deep-copies states, events and parse results for its *debug* log lines in the processor,
  the RulePolicy and the MemoizationPolicy, also when debug logging is off: the copy is made
  before the logger can drop the line. Those modules get a ``copy`` whose ``deepcopy`` copies
  only when their logger would write a debug line. Every ``copy.deepcopy`` in them is such a log
  argument; a test checks that this stays so.
* Every new tracker copies each slot of the domain with ``copy.copy``, which goes through the
  pickle protocol (``__reduce_ex__``). Slots get a ``__copy__`` that does what that protocol
  ends up doing for them: a new object of the same class with the same attribute dict.
* ``applied_events`` walks all events with a dozen ``isinstance`` checks against abstract base
  classes, and the policies ask for it several times per prediction while no event was added.
  The answer is kept on the tracker with the events it was computed from and handed out as a
  new list while the tracker's events are still the same objects in the same order (comparing
  their ids is a C loop, the walk a Python loop).
* Before each action, Rasa copies the tracker with ``tracker.copy()``, which builds a new tracker
  and replays every event on it. The copy here builds the same new tracker and takes over the
  state those events produced: the same events, slot values and attributes (dicts and the active
  loop as new objects, as a replay makes them). What ``init_copy`` leaves out (model and assistant id, the
  sender's channel) stays left out, exactly as in Rasa's copy.
"""

from __future__ import annotations

import copy
import logging
from typing import Any

import rasa.core.policies.memoization
import rasa.core.policies.rule_policy
import rasa.core.processor
from rasa.shared.core.events import Event
from rasa.shared.core.slots import Slot
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_ext.patching import replace

#: Rasa modules whose ``copy.deepcopy`` calls are all arguments of debug log lines.
DEBUG_COPYING_MODULES = (rasa.core.processor, rasa.core.policies.rule_policy, rasa.core.policies.memoization)

#: Rasa's own ``copy``, kept for the comparison in the tests.
replaying_copy = DialogueStateTracker.copy
#: Attributes ``init_copy`` sets itself or leaves at their defaults, as Rasa's copy does.
_NOT_TAKEN_OVER = frozenset({"events", "slots", "sender_id", "sender_source", "is_rule_tracker",
                             "_max_event_history", "model_id", "assistant_id"})
#: Values a replay shares with the tracker too (events as latest message or bot utterance) or that
#: cannot change; anything else (dicts, the active loop) is copied, as a replay makes new ones.
_SHARED = (Event, str, int, float, bool, type(None))
#: Rasa's own ``applied_events``, kept for the comparison in the tests.
uncached_applied_events = DialogueStateTracker.applied_events
_APPLIED = "_lotse_applied_events"


class CopyForDebugLog:
    """The ``copy`` module as seen by one Rasa module: ``deepcopy`` only when debug lines are written."""

    def __init__(self, logger_name: str) -> None:
        self._logger = logging.getLogger(logger_name)

    def deepcopy(self, value: Any, memo: dict[int, Any] | None = None) -> Any:
        if self._logger.isEnabledFor(logging.DEBUG):
            return copy.deepcopy(value, memo)
        return value  # only passed to a debug line that is dropped

    def __getattr__(self, name: str) -> Any:
        return getattr(copy, name)


def _copy_slot(self: Slot) -> Slot:
    """What ``copy.copy`` does for a slot via ``__reduce_ex__``, without the detour."""
    new = self.__class__.__new__(self.__class__)
    new.__dict__.update(self.__dict__)
    return new


def applied_events(self: DialogueStateTracker) -> list[Event]:
    """``DialogueStateTracker.applied_events``, computed once per state of the event list."""
    events = self.events
    ids = tuple(map(id, events))
    kept = self.__dict__.get(_APPLIED)
    if kept is None or kept[0] != ids:
        # the events are kept with their ids, so that no id can be reused meanwhile
        kept = (ids, list(events), uncached_applied_events(self))
        self.__dict__[_APPLIED] = kept
    return list(kept[2])


def copy_tracker(self: DialogueStateTracker) -> DialogueStateTracker:
    """``DialogueStateTracker.copy`` without replaying the events."""
    new = self.init_copy()
    new.events.extend(self.events)
    for name, slot in self.slots.items():
        if name in new.slots:
            new.slots[name].__dict__.update(slot.__dict__)
    for name, value in self.__dict__.items():
        if name in _NOT_TAKEN_OVER or name.startswith("_lotse"):  # our caches belong to their tracker
            continue
        new.__dict__[name] = value if isinstance(value, _SHARED) else copy.copy(value)
    return new


def install() -> None:
    for module in DEBUG_COPYING_MODULES:
        replace(module, "copy", CopyForDebugLog(module.__name__))
    replace(Slot, "__copy__", _copy_slot)  # Rasa has none: copy.copy went through __reduce_ex__
    replace(DialogueStateTracker, "applied_events", applied_events)
    replace(DialogueStateTracker, "copy", copy_tracker)
