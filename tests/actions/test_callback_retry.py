"""A confirmation that reaches the action server twice at the same time must still store one callback.

When the action server hangs longer than Rasa's lock lifetime (60 s), Rasa handles the citizen's
repeated "ja" while the first submission is still running: two ``action_submit_callback`` calls
for one conversation then overlap. Sequential repeats are covered in test_callback.py.
"""

from __future__ import annotations

import contextlib
import threading

import pytest
from sqlalchemy import select

import bot.callbacks
from actions.callback import ActionSubmitCallback
from bot.db.models import CallbackRequest
from bot.db.session import session_scope
from tests.actions.conftest import CONFIRMED as FORM_CONFIRMED
from tests.actions.conftest import make_tracker, run, texts

CONFIRMED = {**FORM_CONFIRMED, "callback_topic": "Pflege"}


def test_overlapping_confirmations_store_one_callback(offers_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    both_checked = threading.Barrier(2, timeout=5)
    real_reference = bot.callbacks.unused_reference

    def reference_after_both_checked(*args: object) -> str:
        with contextlib.suppress(threading.BrokenBarrierError):  # if the code serialises them: fine
            both_checked.wait()  # both requests have looked for an earlier booking
        return real_reference(*args)

    monkeypatch.setattr(bot.callbacks, "unused_reference", reference_after_both_checked)
    tracker = make_tracker(sender="citizen-9", slots=CONFIRMED)
    answers: list[str] = []
    threads = [threading.Thread(target=lambda: answers.append(texts(run(ActionSubmitCallback(), tracker)[1])))
               for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    with session_scope(offers_db) as session:
        stored = session.execute(select(CallbackRequest.reference).where(CallbackRequest.sender_id == "citizen-9"))
        references = list(stored.scalars())
    assert len(answers) == 2
    assert len(references) == 1
    assert all(references[0] in answer for answer in answers)
