"""A hard cap on the actions of one turn, whatever the policies predict.

Why: Rasa's own limit (``max_number_of_predictions``) counts actions since the last
``action_listen`` in the tracker *and* only trips when the latest action is not a listen. An
action that reverts the user's message (``UserUtteranceReverted``, as the ultimate fallback does)
makes the latest action a listen again, so a policy that keeps predicting the same loop never
trips it; the prediction loop then runs on the event loop without ever awaiting anything that
yields, and the whole server stops answering everyone (issue 16: two nonsense answers at the
callback summary). This guard counts the predictions of each turn itself. Past the cap it stops
the turn, ends any active form or loop (the answers given so far stay in their slots), and says
so politely, with the choices the citizen has.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from rasa.core.processor import MessageProcessor
from rasa.exceptions import ActionLimitReached
from rasa.shared.core.constants import ACTION_LISTEN_NAME, REQUESTED_SLOT
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, SlotSet

from rasa_ext.patching import replace

logger = logging.getLogger(__name__)

#: Actions one turn may run. The longest turn of this bot's flows runs six (a digression inside a
#: form: the answer, the form, its question, the listen); Rasa's own limit is ten.
DEFAULT_MAX_ACTIONS = 20


@dataclass
class _Turn:
    limit: int
    predicted: int = 0
    tripped: bool = False


_current: ContextVar[_Turn | None] = ContextVar("lotse_turn_guard", default=None)


def max_actions(env: Mapping[str, str] = os.environ) -> int:
    raw = env.get("LOTSE_MAX_ACTIONS_PER_TURN", "").strip()
    return max(2, int(raw)) if raw.isdigit() else DEFAULT_MAX_ACTIONS


def guarded_prediction_loop(original: Callable[..., Any], limit: int) -> Callable[..., Any]:
    async def _run_prediction_loop(self: MessageProcessor, output_channel: Any, tracker: Any) -> None:
        turn = _Turn(limit=limit)
        token = _current.set(turn)
        try:
            await original(self, output_channel, tracker)
        finally:
            _current.reset(token)
        if turn.tripped:
            await _end_turn_politely(output_channel, tracker)

    _run_prediction_loop.__wrapped__ = original  # type: ignore[attr-defined]
    return _run_prediction_loop


def counted_prediction(original: Callable[..., Any]) -> Callable[..., Any]:
    def predict_next_with_tracker_if_should(self: MessageProcessor, tracker: Any) -> Any:
        turn = _current.get()
        if turn is not None:
            turn.predicted += 1
            if turn.predicted > turn.limit:
                turn.tripped = True
                logger.error(
                    "Turn guard: %s actions predicted in one turn of conversation %s (active loop %s); "
                    "the turn ends here.",
                    turn.limit,
                    tracker.sender_id,
                    tracker.active_loop_name,
                )
                raise ActionLimitReached("lotse turn guard")
        return original(self, tracker)

    predict_next_with_tracker_if_should.__wrapped__ = original  # type: ignore[attr-defined]
    return predict_next_with_tracker_if_should


async def _end_turn_politely(output_channel: Any, tracker: Any) -> None:
    from bot.wording import render  # the one wording place (wording/)

    message = render("turn_guard")
    tracker.update(ActiveLoop(None))
    tracker.update(SlotSet(REQUESTED_SLOT, None))
    tracker.update(BotUttered(message["text"], {"buttons": message.get("buttons")}))
    await output_channel.send_response(tracker.sender_id, message)
    tracker.update(ActionExecuted(ACTION_LISTEN_NAME))


def install(env: Mapping[str, str] = os.environ) -> None:
    limit = max_actions(env)
    loop = guarded_prediction_loop(MessageProcessor._run_prediction_loop, limit)
    replace(MessageProcessor, "_run_prediction_loop", loop)
    replace(
        MessageProcessor,
        "predict_next_with_tracker_if_should",
        counted_prediction(MessageProcessor.predict_next_with_tracker_if_should),
    )


def uninstall() -> None:
    for name in ("_run_prediction_loop", "predict_next_with_tracker_if_should"):
        current = getattr(MessageProcessor, name)
        original = getattr(current, "__wrapped__", None)
        if original is not None:
            setattr(MessageProcessor, name, original)
