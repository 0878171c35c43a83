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

from stores import past_states
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
