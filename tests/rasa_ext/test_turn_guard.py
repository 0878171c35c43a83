"""The turn guard: a policy that never predicts a listen cannot hold the server.

The processor below is Rasa's own ``MessageProcessor`` with only the parts that need a trained
model replaced: its policy keeps predicting the same action, and Rasa's action limit answers
"not reached" as it does after an action that reverted the user's message (issue 16).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.policies.policy import PolicyPrediction
from rasa.core.processor import MessageProcessor
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_ext import turn_guard

DOMAIN = Domain.from_yaml(
    """
version: "3.1"
responses:
  utter_again:
    - text: "noch einmal"
"""
)
#: Where the unguarded loop is stopped by the test itself, so that a regression fails instead of hanging.
RUNAWAY = 500


class LoopingProcessor(MessageProcessor):
    """Rasa's processor whose policy predicts ``utter_again`` for ever."""

    def __init__(self) -> None:  # no model: only what the prediction loop touches
        self.domain = DOMAIN
        self.action_endpoint = None
        self.on_circuit_break = None
        self.nlg = None
        self.max_number_of_predictions = 10
        self.actions_run = 0

    def is_action_limit_reached(self, tracker: DialogueStateTracker, should_predict_another_action: bool) -> bool:
        return False  # what Rasa answers when the latest applied action is a listen again

    def _predict_next_with_tracker(self, tracker: DialogueStateTracker) -> PolicyPrediction:
        probabilities = [0.0] * DOMAIN.num_actions
        probabilities[DOMAIN.index_for_action("utter_again")] = 1.0
        return PolicyPrediction(probabilities, "RulePolicy")

    async def _run_action(self, action, tracker, output_channel, nlg, prediction) -> bool:  # type: ignore[override]
        self.actions_run += 1
        if self.actions_run >= RUNAWAY:
            raise RuntimeError("runaway prediction loop")
        tracker.update(ActionExecuted(action.name()))
        return True


def conversation_in_a_form() -> DialogueStateTracker:
    tracker = DialogueStateTracker.from_events(
        "citizen", [ActionExecuted(ACTION_LISTEN_NAME), ActiveLoop("callback_form"), UserUttered("xyzzy")]
    )
    return tracker


@pytest.fixture()
def guard() -> Iterator[None]:
    turn_guard.install({"LOTSE_MAX_ACTIONS_PER_TURN": "20"})
    try:
        yield
    finally:
        turn_guard.uninstall()


def run_turn(processor: LoopingProcessor, tracker: DialogueStateTracker) -> CollectingOutputChannel:
    output = CollectingOutputChannel()
    asyncio.run(processor._run_prediction_loop(output, tracker))
    return output


def test_without_the_guard_rasa_never_stops_this_loop() -> None:
    with pytest.raises(RuntimeError, match="runaway"):
        run_turn(LoopingProcessor(), conversation_in_a_form())


def test_the_guard_ends_the_turn_politely_and_closes_the_form(guard: None) -> None:
    processor, tracker = LoopingProcessor(), conversation_in_a_form()
    output = run_turn(processor, tracker)
    assert processor.actions_run == 20
    said = [m["text"] for m in output.messages]
    assert said == [
        "Entschuldigung, da bin ich durcheinandergekommen. Ihre bisherigen Angaben sind nicht verloren. "
        "Was möchten Sie als Nächstes tun?"
    ]
    assert [b["title"] for b in output.messages[0]["buttons"]] == [
        "Kurs suchen",
        "Rückruf vereinbaren",
        "Mit einem Menschen sprechen",
    ]
    assert tracker.active_loop_name is None
    assert tracker.latest_action_name == ACTION_LISTEN_NAME


def test_each_turn_has_its_own_budget(guard: None) -> None:
    processor = LoopingProcessor()
    for _ in range(3):
        run_turn(processor, conversation_in_a_form())
    assert processor.actions_run == 60


def test_the_limit_is_a_setting() -> None:
    assert turn_guard.max_actions({}) == turn_guard.DEFAULT_MAX_ACTIONS
    assert turn_guard.max_actions({"LOTSE_MAX_ACTIONS_PER_TURN": "8"}) == 8
    assert turn_guard.max_actions({"LOTSE_MAX_ACTIONS_PER_TURN": "viele"}) == turn_guard.DEFAULT_MAX_ACTIONS


def test_uninstall_restores_rasa() -> None:
    original = MessageProcessor._run_prediction_loop
    turn_guard.install({})
    assert MessageProcessor._run_prediction_loop is not original
    turn_guard.uninstall()
    assert MessageProcessor._run_prediction_loop is original
