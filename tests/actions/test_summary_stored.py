"""Handovers and callbacks store the structured summary, read from the conversation as Rasa stores it."""

from __future__ import annotations

import asyncio
import os
from typing import Any

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, SlotSet, UserUttered
from sqlalchemy import select

from actions.callback import ActionSubmitCallback
from actions.handover import ActionHandover
from bot.db.models import CallbackRequest, Course, Handover, Provider
from bot.db.session import session_scope
from stores.tracker_store import WindowedSQLTrackerStore
from tests.actions.conftest import CONFIRMED, make_tracker, run


def add_courses(db_url: str) -> list[int]:
    with session_scope(db_url) as session:
        provider = Provider(name="Pflegeschule Krefeld", azav_certified=True)
        titles = ["Pflegehelfer/in", "Betreuungskraft", "Pflegeassistenz"]
        rows = [Course(provider=provider, external_id=f"p{i}", title=title, url=f"https://pflege.example/{i}",
                       keywords=[]) for i, title in enumerate(titles)]
        session.add_all(rows)
        session.flush()
        return [r.id for r in rows]


def said(text: str, intent: str, **entities: str) -> UserUttered:
    return UserUttered(text, intent={"name": intent, "confidence": 1.0},
                       entities=[{"entity": k, "value": v} for k, v in entities.items()])


def stored(sender: str, ids: list[int]) -> list[dict[str, Any]]:
    """A search, a form answer, the details of card 2 and a funding question, stored as Rasa stores them."""
    store = WindowedSQLTrackerStore(Domain.load("domain.yml"), window=40, dialect="sqlite",
                                    db=os.environ["LOTSE_TRACKER_DB_URL"].removeprefix("sqlite:///"))
    turns = [
        ([said("Ich bin arbeitslos und suche einen Pflegekurs", "search_course", topic="Pflege")],
         [ActiveLoop("course_search_form"), SlotSet("employment_status", "arbeitslos"), BotUttered("Wo?")]),
        ([said("Krefeld", "inform", place="Krefeld")],
         [ActiveLoop(None), SlotSet("shown_courses", ids), BotUttered("3 Kurse gefunden")]),
        ([said('/course_details{"ordinal":"2"}', "course_details", ordinal="2")],
         [ActionExecuted("action_course_details"), BotUttered("Betreuungskraft …")]),
        ([said("Bezahlt das der Bildungsgutschein auch mit Kind?", "ask_funding_programme",
               programme="bildungsgutschein")], [BotUttered("Der Bildungsgutschein …")]),
    ]

    async def converse() -> list[dict[str, Any]]:
        tracker = await store.create_tracker(sender)
        for users, answers in turns:
            for event in [*users, *answers, ActionExecuted("action_listen")]:
                tracker.update(event)
        await store.save(tracker)
        return [e.as_dict() for e in (await store.retrieve(sender)).events]

    return asyncio.run(converse())


SLOTS = {"topic": "Pflege", "place": "Krefeld", "employment_status": "arbeitslos", "age": 47}


def test_a_handover_stores_what_the_citizen_looked_at_and_asked(offers_db: str) -> None:
    ids = add_courses(offers_db)
    events = stored("zusammen-1", ids)
    run(ActionHandover(), make_tracker(sender="zusammen-1", slots=SLOTS, intent="request_human", events=events))
    with session_scope(offers_db) as session:
        summary = session.execute(select(Handover)).scalar_one().summary
    assert summary["situation"] == {"employment_status": "arbeitslos", "age_band": [45, 54]}
    assert summary["courses"][0] == {"title": "Betreuungskraft", "url": "https://pflege.example/1", "opened": True}
    assert [c["title"] for c in summary["courses"]] == ["Betreuungskraft", "Pflegehelfer/in", "Pflegeassistenz"]
    assert summary["programmes"] == ["bildungsgutschein"]
    assert summary["open_question"] == "Bezahlt das der Bildungsgutschein auch mit Kind?"


def test_a_callback_stores_the_same_summary(offers_db: str) -> None:
    ids = add_courses(offers_db)
    events = stored("zusammen-2", ids)
    run(ActionSubmitCallback(), make_tracker(sender="zusammen-2", slots={**SLOTS, **CONFIRMED}, events=events))
    with session_scope(offers_db) as session:
        summary = session.execute(select(CallbackRequest)).scalar_one().summary
    assert summary["topic"] == "Pflege" and summary["courses"][0]["title"] == "Betreuungskraft"
    assert summary["open_question"] == "Bezahlt das der Bildungsgutschein auch mit Kind?"
    assert summary["contact"] is None  # the callback's own contact is on the record, not repeated
