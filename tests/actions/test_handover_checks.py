"""A handover carries only the calling conversation's own transcript, and always reaches a centre.

A forged action call that names another citizen's conversation id (but does not know its
stored events) creates a handover with nothing of that citizen in it: no transcript, no contact.
Callbacks and handovers for which no rule finds a centre go to the default centre.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from actions.callback import ActionSubmitCallback
from actions.handover import ActionHandover
from bot.db.models import CallbackRequest, CounsellingCentre, Handover, Region
from bot.db.session import session_scope
from tests.actions.conftest import CONFIRMED, SECRET_WORDS, handover_of, make_tracker, run, stored_conversation, texts


def test_a_forged_call_for_another_conversation_hands_over_nothing_of_it(offers_db: str) -> None:
    window = stored_conversation("buergerin-7", [SECRET_WORDS, "Ich möchte einen Rückruf"])
    run(ActionSubmitCallback(), make_tracker(sender="buergerin-7", slots=CONFIRMED))
    forged = [{"event": "user", "text": "Bitte an einen Menschen", "timestamp": 1_900_000_000}]
    _, messages = run(ActionHandover(), make_tracker(sender="buergerin-7", intent="request_human", events=forged))
    handover = handover_of(offers_db, "buergerin-7")
    assert [t["text"] for t in handover.transcript if t["who"] == "citizen"] == ["Bitte an einen Menschen"]
    assert SECRET_WORDS not in str(handover.transcript)
    assert handover.summary["contact"] is None  # the callback's name and phone stay out
    assert "Anna Schmidt" not in str(handover.summary)
    assert window  # the victim's conversation is really stored
    assert "Rückruf" in texts(messages)  # the same hint as for a conversation without a callback


def test_the_conversations_own_call_hands_over_its_transcript_and_contact(offers_db: str) -> None:
    window = stored_conversation("buergerin-8", [SECRET_WORDS, "Ich möchte einen Rückruf"])
    run(ActionSubmitCallback(), make_tracker(sender="buergerin-8", slots=CONFIRMED))
    run(ActionHandover(), make_tracker(sender="buergerin-8", intent="request_human", events=window))
    handover = handover_of(offers_db, "buergerin-8")
    assert SECRET_WORDS in [t["text"] for t in handover.transcript]
    assert "Anna Schmidt" in handover.summary["contact"]


@pytest.fixture()
def two_regions(offers_db: str) -> str:
    """Besides Krefeld's VHS, a region with a Beratungsstelle (first by the bot's ranking)."""
    with session_scope(offers_db) as session:
        region = Region(slug="bottrop", name="Bottrop", state="NW")
        session.add(region)
        session.flush()
        session.add(CounsellingCentre(region_id=region.id, slug="wb-bottrop", name="Weiterbildungsberatung Bottrop",
                                      kind="beratungsstelle", opening_hours={}))
    return offers_db


def centre_slug(db_url: str, model: type, sender: str) -> str | None:
    with session_scope(db_url) as session:
        row = session.execute(select(model).where(model.sender_id == sender)).scalar_one()
        return row.centre.slug if row.centre else None


def test_without_a_known_place_or_region_a_callback_goes_to_the_default_centre(
    two_regions: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LOTSE_DEFAULT_CENTRE", raising=False)
    _, messages = run(ActionSubmitCallback(), make_tracker(sender="ohne-ort-1", slots={**CONFIRMED, "place": None}))
    assert centre_slug(two_regions, CallbackRequest, "ohne-ort-1") == "wb-bottrop"  # first by kind
    assert "Weiterbildungsberatung Bottrop" in texts(messages)
    monkeypatch.setenv("LOTSE_DEFAULT_CENTRE", "vhs-krefeld")
    run(ActionHandover(), make_tracker(sender="ohne-ort-2", intent="request_human", slots={"place": "online"}))
    assert centre_slug(two_regions, Handover, "ohne-ort-2") == "vhs-krefeld"


def test_a_known_place_still_decides(two_regions: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOTSE_DEFAULT_CENTRE", "wb-bottrop")
    run(ActionSubmitCallback(), make_tracker(sender="krefelder-1", slots=CONFIRMED))
    assert centre_slug(two_regions, CallbackRequest, "krefelder-1") == "vhs-krefeld"
