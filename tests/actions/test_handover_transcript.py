"""The handover transcript is the conversation as the citizen saw it: clicks as the buttons' titles,
every message once, in order, each with its time, up to and including the bot's handover reply."""

from __future__ import annotations

import asyncio
import os
from datetime import datetime
from typing import Any

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered

from actions.handover import ActionHandover
from stores.tracker_store import WindowedSQLTrackerStore
from tests.actions.conftest import handover_of, make_tracker, run, texts


def buttons(*pairs: tuple[str, str]) -> dict[str, Any]:
    return {"buttons": [{"title": title, "payload": payload} for title, payload in pairs]}


#: (who, what was sent, buttons offered): a search, two clicks, the callback form's consent click.
CONVERSATION: list[tuple[str, str, dict[str, Any]]] = [
    ("user", "Ich suche einen Pflegekurs in Krefeld", {}),
    ("bot", "Ich habe 18 passende Kurse gefunden.", {}),
    ("bot", "1. Praxisanleitung in der Pflege (300 Stunden)", {}),
    ("bot", "Möchten Sie mehr sehen?", buttons(("Mehr anzeigen", "/show_more"),
                                                ("Details zu Kurs 1", '/course_details{"ordinal":"1"}'))),
    ("user", "/show_more", {}),
    ("bot", "4. Pflegehilfe kompakt", buttons(("Details zu Kurs 4", '/course_details{"ordinal":"4"}'))),
    ("user", '/course_details{"ordinal":"4"}', {}),
    ("bot", "Pflegehilfe kompakt: 12 Wochen, Beginn 01.03.2027", {}),
    ("user", "Ich möchte einen Rückruf", {}),
    ("bot", "Darf ich Ihre Angaben speichern?", buttons(("Ja, einverstanden", "/affirm"), ("Nein", "/deny"))),
    ("user", "/affirm", {}),
    ("bot", "Wie heißen Sie?", {}),
]


def store(sender: str) -> list[dict[str, Any]]:
    """Store the conversation as Rasa does; returns the events Rasa sends the action server."""
    tracker_store = WindowedSQLTrackerStore(
        Domain.load("domain.yml"), window=6, dialect="sqlite",
        db=os.environ["LOTSE_TRACKER_DB_URL"].removeprefix("sqlite:///"),
    )

    async def converse() -> list[dict[str, Any]]:
        tracker = await tracker_store.create_tracker(sender)
        for at, (who, text, data) in enumerate(CONVERSATION):
            if who == "user":
                tracker.update(UserUttered(text, intent={"name": "inform", "confidence": 1.0},
                                           timestamp=1_795_000_000 + 60 * at))
            else:
                tracker.update(BotUttered(text, data=data, timestamp=1_795_000_000 + 60 * at + 1))
                tracker.update(ActionExecuted("action_listen"))
        await tracker_store.save(tracker)
        return [e.as_dict() for e in (await tracker_store.retrieve(sender)).events]

    return asyncio.run(converse())


def test_the_advisor_reads_every_click_as_its_title_and_the_handover_reply(offers_db: str) -> None:
    window = store("klicks-1")
    assert not any(e.get("text") == "/show_more" for e in window)  # older than what Rasa sends
    asking = {"event": "user", "text": "Bitte an einen Menschen", "timestamp": 1_795_001_000,
              "message_id": "m-last", "parse_data": {"intent": {"name": "request_human"}}}
    _, messages = run(ActionHandover(), make_tracker(sender="klicks-1", intent="request_human",
                                                     events=[*window, asking]))
    handover = handover_of(offers_db, "klicks-1")
    said = [(t["who"], t["text"]) for t in handover.transcript]
    assert said[:-2] == [("citizen" if who == "user" else "bot", shown) for who, shown in [
        ("user", "Ich suche einen Pflegekurs in Krefeld"),
        ("bot", "Ich habe 18 passende Kurse gefunden."),
        ("bot", "1. Praxisanleitung in der Pflege (300 Stunden)"),
        ("bot", "Möchten Sie mehr sehen?"),
        ("user", "Mehr anzeigen"),
        ("bot", "4. Pflegehilfe kompakt"),
        ("user", "Details zu Kurs 4"),
        ("bot", "Pflegehilfe kompakt: 12 Wochen, Beginn 01.03.2027"),
        ("user", "Ich möchte einen Rückruf"),
        ("bot", "Darf ich Ihre Angaben speichern?"),
        ("user", "Ja, einverstanden"),
        ("bot", "Wie heißen Sie?"),
        ("user", "Bitte an einen Menschen"),
    ]]
    # The handover reply and the callback hint, as the citizen read them, with the reference.
    assert [t["who"] for t in handover.transcript[-2:]] == ["bot", "bot"]
    assert handover.reference in handover.transcript[-2]["text"]
    assert "\n".join(t["text"] for t in handover.transcript[-2:]) == texts(messages)
    clicked = [t["text"] for t in handover.transcript if t["clicked"]]
    assert clicked == ["Mehr anzeigen", "Details zu Kurs 4", "Ja, einverstanden"]
    assert handover.transcript[3]["choices"] == ["Mehr anzeigen", "Details zu Kurs 1"]
    times = [datetime.fromisoformat(t["at"]) for t in handover.transcript]
    assert times == sorted(times) and times[0].timestamp() == 1_795_000_000


def test_the_same_answer_button_means_what_its_own_message_offered(offers_db: str) -> None:
    """"/affirm" is "Ja, einverstanden" under the consent question and "Ja, eintragen" under the summary."""
    consent, summary = buttons(("Ja, einverstanden", "/affirm")), buttons(("Ja, eintragen", "/affirm"))
    events = [
        {"event": "bot", "text": "Darf ich speichern?", "timestamp": 1.0, "data": consent},
        {"event": "user", "text": "/affirm", "timestamp": 2.0, "message_id": "a"},
        {"event": "bot", "text": "Soll ich eintragen?", "timestamp": 3.0, "data": summary},
        {"event": "user", "text": "/affirm", "timestamp": 4.0, "message_id": "b"},
        {"event": "user", "text": "/affirm", "timestamp": 4.0, "message_id": "b"},  # sent and stored
        {"event": "user", "text": "/request_human", "timestamp": 5.0, "message_id": "c"},
    ]
    run(ActionHandover(), make_tracker(sender="klicks-2", intent="request_human", events=events))
    citizen = [t["text"] for t in handover_of(offers_db, "klicks-2").transcript if t["who"] == "citizen"]
    assert citizen == ["Ja, einverstanden", "Ja, eintragen", "/request_human"]  # typed, so shown as typed
