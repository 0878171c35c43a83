"""A tracker's dialogue states, carried forward as events are added instead of replayed each time.

To predict one action, Rasa's RulePolicy asks for the tracker's states twice (once reading the
last message's text, once its intent) and the MemoizationPolicy once more; each call replays the
tracker's events from the start on a fresh copy and builds the state at every action
(``Domain.states_for_tracker_history``). A message takes two to six predictions, so this was
the largest single cost of a Rasa replica under load: 11 % of its samples even with the repeated
calls of one prediction shared (py-spy, 2026-11-23).

This module keeps, per tracker and set of arguments (the rule-only slots and loops by value: the
RulePolicy passes a new dict of them each time), the replay where it stopped: the copy with
the events applied so far, the states built so far and the loop variables of Rasa's function.
The next call applies only the new events. Rasa's ``applied_events`` can also *drop* earlier
events (reverts, restarts, a form's repeated runs), so the replay goes on only if the events to
apply now begin with exactly the events it has applied (the same objects); otherwise it starts
over. The step for one action is Rasa's own code, in the same order. Results are handed out as
copies: the policies edit the last state in place.

Installed by ``rasa_ext.install()`` in the Rasa server only (registry entry ``past_states``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rasa.shared.core.constants import PREVIOUS_ACTION
from rasa.shared.core.domain import Domain, State, SubState
from rasa.shared.core.events import ActionExecuted, Event
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_ext.patching import replace

#: Rasa's own ``past_states``, kept for the comparison in the tests.
uncached = DialogueStateTracker.past_states
_CACHE = "_lotse_past_states"


@dataclass
class _Replay:
    """Where ``states_for_tracker_history`` stopped for one tracker and one set of arguments."""

    domain: Domain
    rule_only_data: dict[str, Any] | None
    tracker: DialogueStateTracker
    applied: list[Event] = field(default_factory=list)
    states: list[State] = field(default_factory=list)
    last_ml_action_sub_state: SubState | None = None
    turn_was_hidden: bool = False


def _copy(states: list[State]) -> list[State]:
    """States are two levels of dicts over strings and tuples: this is a deep copy."""
    return [{name: dict(sub_state) for name, sub_state in state.items()} for state in states]


def _step(
    replay: _Replay, hide_rule_turn: bool, omit_unset_slots: bool, ignore_rule_only_turns: bool
) -> tuple[State | None, SubState | None, bool]:
    """One pass of the loop in ``Domain.states_for_tracker_history`` for ``replay.tracker`` now."""
    domain, tr = replay.domain, replay.tracker
    last_ml_action_sub_state, turn_was_hidden = replay.last_ml_action_sub_state, replay.turn_was_hidden
    if ignore_rule_only_turns:
        if not turn_was_hidden:
            last_ml_action_sub_state = domain._get_prev_action_sub_state(tr)
        if not tr.followup_action and tr.latest_action_name != tr.active_loop_name:
            turn_was_hidden = hide_rule_turn
        if turn_was_hidden:
            return None, last_ml_action_sub_state, turn_was_hidden
    state = domain.get_active_state(tr, omit_unset_slots=omit_unset_slots)
    if ignore_rule_only_turns:
        domain._remove_rule_only_features(state, replay.rule_only_data)
        if replay.states:
            domain._substitute_rule_only_user_input(state, replay.states[-1])
        if last_ml_action_sub_state:
            state[PREVIOUS_ACTION] = last_ml_action_sub_state
    return domain._clean_state(state), last_ml_action_sub_state, turn_was_hidden


def _by_value(rule_only_data: dict[str, Any] | None) -> tuple | None:
    """RulePolicy builds a new dict of the same lists for every call: compare what it holds."""
    if rule_only_data is None:
        return None
    return tuple(sorted((name, tuple(values)) for name, values in rule_only_data.items()))


def _continues(applied: list[Event], replay: _Replay) -> bool:
    done = replay.applied
    return len(applied) >= len(done) and all(a is b for a, b in zip(applied, done, strict=False))


def past_states(
    self: DialogueStateTracker,
    domain: Domain,
    omit_unset_slots: bool = False,
    ignore_rule_only_turns: bool = False,
    rule_only_data: dict[str, Any] | None = None,
) -> list[State]:
    """``DialogueStateTracker.past_states``, continued from the previous call where possible."""
    applied = self.applied_events()
    replays: dict[tuple, _Replay] = self.__dict__.setdefault(_CACHE, {})
    key = (id(domain), omit_unset_slots, ignore_rule_only_turns, _by_value(rule_only_data))
    replay = replays.get(key)
    # The domain is kept in the replay, so its id cannot be reused while the replay exists.
    if replay is None or replay.domain is not domain or not _continues(applied, replay):
        replay = _Replay(domain, rule_only_data, self.init_copy())
        replays[key] = replay
    for event in applied[len(replay.applied):]:
        if isinstance(event, ActionExecuted):
            state, replay.last_ml_action_sub_state, replay.turn_was_hidden = _step(
                replay, event.hide_rule_turn, omit_unset_slots, ignore_rule_only_turns
            )
            if state is not None:
                replay.states.append(state)
        replay.tracker.update(event)
        replay.applied.append(event)
    final, _, _ = _step(replay, False, omit_unset_slots, ignore_rule_only_turns)  # after all events
    return _copy(replay.states if final is None else [*replay.states, final])


def install() -> None:
    replace(DialogueStateTracker, "past_states", past_states)
