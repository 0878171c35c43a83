"""The state row of a conversation: what the windowed tracker store keeps besides Rasa's events.

One row per conversation (``lotse_tracker_state``, declared in bot/privacy/tracker.py) with every slot that
is not at its initial value, the active form and whether the conversation is paused, written with
every save. Loaded, it becomes the preamble of events that puts a fresh tracker into the current
state before the window's events are replayed (stores/tracker_store.py explains the window).
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from rasa.shared.core.events import ActiveLoop, ConversationPaused, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.orm import Session

from bot.privacy.tracker import STATE_TABLE


def state_json(tracker: DialogueStateTracker) -> str:
    """The row's content for the tracker as it is now."""
    initial = {name: slot.initial_value for name, slot in tracker.slots.items()}
    return json.dumps(
        {
            "slots": {n: v for n, v in tracker.current_slot_values().items() if v != initial.get(n)},
            "active_loop": tracker.active_loop_name,
            "paused": tracker.is_paused(),
        },
        ensure_ascii=False,
    )


def state_preamble(state_row: str | None) -> list[dict[str, Any]]:
    """Events that put a fresh tracker into the conversation's current state."""
    if state_row is None:
        return []
    state = json.loads(state_row)
    preamble = [SlotSet(name, value).as_dict() for name, value in state["slots"].items()]
    if state.get("active_loop"):
        preamble.append(ActiveLoop(state["active_loop"]).as_dict())
    if state.get("paused"):
        preamble.append(ConversationPaused().as_dict())
    return preamble


def save_state(session: Session, tracker: DialogueStateTracker) -> None:
    """Write the row in the session's transaction (SQLite; PostgreSQL saves a turn in one statement)."""
    state = state_json(tracker)
    updated = session.execute(
        STATE_TABLE.update().where(STATE_TABLE.c.sender_id == tracker.sender_id).values(state=state)
    )
    if updated.rowcount == 0:
        try:
            with session.begin_nested():  # a savepoint: a refused INSERT must not undo the events
                session.execute(STATE_TABLE.insert().values(sender_id=tracker.sender_id, state=state))
        except sa.exc.IntegrityError:
            # Another replica stored the first state of this conversation a moment earlier. An
            # error here would make Rasa's fail-safe wrapper drop the whole turn from the store.
            session.execute(
                STATE_TABLE.update().where(STATE_TABLE.c.sender_id == tracker.sender_id).values(state=state)
            )
