"""The carried-forward states are exactly Rasa's, after every event of any conversation.

Conversations are drawn at random from events that change how Rasa replays a tracker: forms that
run again (Rasa then drops their earlier runs), turns hidden from memoisation, reverted
messages and actions, restarts and new sessions. After every single event the states are
compared with Rasa's own full replay, for every combination of arguments the policies use.
"""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st
from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    ActiveLoop,
    Event,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_ext import past_states
from tests.stores.test_tracker_store import DOMAIN

RULE_ONLY = {"slots": ["requested_slot"], "loops": ["callback_form"]}
ARGUMENTS = list(itertools.product((False, True), (False, True), (None, RULE_ONLY)))

PIECES: dict[str, list[Event]] = {
    "user": [UserUttered("Hallo", intent={"name": "greet", "confidence": 1.0})],
    "user_entity": [UserUttered("in Krefeld", intent={"name": "inform", "confidence": 1.0},
                                entities=[{"entity": "place", "value": "Krefeld", "start": 3, "end": 10}])],
    "utter": [ActionExecuted("utter_greet")],
    "hidden_utter": [ActionExecuted("utter_greet", hide_rule_turn=True)],
    "listen": [ActionExecuted("action_listen")],
    "form_start": [ActionExecuted("callback_form"), ActiveLoop("callback_form"),
                   SlotSet("requested_slot", "callback_name")],
    "form_again": [ActionExecuted("callback_form"), SlotSet("requested_slot", "callback_contact")],
    "form_end": [ActionExecuted("callback_form"), ActiveLoop(None), SlotSet("requested_slot", None)],
    "slot": [SlotSet("topic", "Pflege")],
    "revert_user": [UserUtteranceReverted()],
    "revert_action": [ActionReverted()],
    "restart": [Restarted()],
    "session": [ActionExecuted("action_session_start"), SessionStarted()],
}


def _fresh() -> DialogueStateTracker:
    return DialogueStateTracker.from_events("s", [ActionExecuted("action_listen")], DOMAIN.slots)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(sorted(PIECES)), min_size=1, max_size=25))
def test_after_every_event_the_states_are_rasas(pieces: list[str]) -> None:
    tracker = _fresh()
    for piece in pieces:
        for event in PIECES[piece]:
            tracker.update(event)
            for omit, ignore, rule_only in ARGUMENTS:
                expected = past_states.uncached(tracker, DOMAIN, omit, ignore, rule_only)
                assert past_states.past_states(tracker, DOMAIN, omit, ignore, rule_only) == expected, (
                    pieces, omit, ignore, rule_only)


def test_editing_the_returned_states_does_not_change_the_next_answer() -> None:
    tracker = _fresh()
    for piece in ("user", "form_start", "user_entity", "form_again"):
        for event in PIECES[piece]:
            tracker.update(event)
    first = past_states.past_states(tracker, DOMAIN, False, True, RULE_ONLY)
    expected = past_states.uncached(tracker, DOMAIN, False, True, RULE_ONLY)
    for state in first:
        for sub_state in state.values():
            sub_state.clear()
        state.clear()

    assert past_states.past_states(tracker, DOMAIN, False, True, RULE_ONLY) == expected


def test_the_replay_goes_on_when_the_rule_only_data_is_a_new_dict_with_the_same_lists(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """RulePolicy builds its rule-only data anew for every call; the replay must still go on."""
    copies: list[DialogueStateTracker] = []
    init_copy = DialogueStateTracker.init_copy

    def carried_forward(tracker: DialogueStateTracker, rule_only: dict) -> list:
        """The states, counting the fresh copies a replay from the start makes."""
        monkeypatch.setattr(DialogueStateTracker, "init_copy", lambda self: copies.append(self) or init_copy(self))
        try:
            return past_states.past_states(tracker, DOMAIN, False, False, rule_only)
        finally:
            monkeypatch.setattr(DialogueStateTracker, "init_copy", init_copy)

    tracker = _fresh()
    for piece in ("user", "utter", "listen", "user_entity", "form_start"):
        for event in PIECES[piece]:
            tracker.update(event)
            rule_only = {name: list(values) for name, values in RULE_ONLY.items()}
            assert carried_forward(tracker, rule_only) == past_states.uncached(tracker, DOMAIN, False, False, rule_only)
    assert len(copies) == 1
    other = {"slots": ["requested_slot", "topic"], "loops": ["callback_form"]}  # other lists: a replay of its own
    assert carried_forward(tracker, other) == past_states.uncached(tracker, DOMAIN, False, False, other)
    assert len(copies) == 2
