"""A forged tracker cannot book or cancel callbacks: the booking checks what it stores again.

The action server is only reachable with the shared secret (test_action_server_auth.py); these
tests are the second line: a tracker that skipped the form's checks (forged, or slots set by a
button payload) books nothing, and a reference of another conversation cancels nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from actions.callback import ActionCancelCallback, ActionSubmitCallback
from bot.db.models import CallbackRequest
from bot.db.session import session_scope
from tests.actions.conftest import CONFIRMED, make_tracker, run, texts


def stored(db_url: str) -> list[CallbackRequest]:
    with session_scope(db_url) as session:
        return list(session.execute(select(CallbackRequest)).scalars())


@pytest.mark.parametrize(
    ("forged", "told"),
    [
        ({"callback_consent_at": None}, "fehlt mir Ihr Einverständnis"),
        ({"callback_consent": "ja", "callback_consent_at": None}, "speichere nichts"),
        ({"callback_consent_at": (datetime.now() - timedelta(days=3)).isoformat()}, "Einverständnis"),
        ({"callback_consent_at": (datetime.now() + timedelta(days=1)).isoformat()}, "Einverständnis"),
        ({"callback_confirm": "ja"}, "speichere nichts"),
        ({"callback_name": "Anna\r\nBcc: alle@example.org"}, "Den Namen konnte ich so nicht speichern"),
        ({"callback_name": "<img src=x onerror=alert(1)>"}, "Den Namen konnte ich so nicht speichern"),
        ({"callback_name": "Anna\u202eSchmidt"}, "Den Namen konnte ich so nicht speichern"),
        ({"callback_contact": "0151 23456789\nBcc: x@example.org"}, "Telefonnummer oder E-Mail-Adresse"),
        ({"callback_contact": "kein Kontakt"}, "Telefonnummer oder E-Mail-Adresse"),
        ({"callback_time": "jederzeit <b>!</b>"}, "Wunschtermin"),
        ({"callback_time": "Montag, 23.11.2026, vormittags (8–12 Uhr)\r\nX"}, "Wunschtermin"),
    ],
)
def test_a_forged_or_unchecked_tracker_books_nothing(offers_db: str, forged: dict, told: str) -> None:
    events, messages = run(ActionSubmitCallback(), make_tracker(sender="angreifer-1", slots={**CONFIRMED, **forged}))
    assert stored(offers_db) == []
    assert told in texts(messages)
    assert "WL-" not in texts(messages)
    assert {"event": "slot", "name": "callback_name", "value": None} in [
        {k: e.get(k) for k in ("event", "name", "value")} for e in events
    ]  # the form starts over


def test_the_topic_is_cleaned_again_when_booked(offers_db: str) -> None:
    run(ActionSubmitCallback(), make_tracker(slots={**CONFIRMED, "callback_topic": "<script>x</script>Pflege"}))
    (callback,) = stored(offers_db)
    assert "<" not in callback.topic and "Pflege" in callback.topic


def test_a_callback_carries_its_requested_window(offers_db: str) -> None:
    tomorrow = datetime.now().date() + timedelta(days=1)
    weekday = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")[tomorrow.weekday()]
    label = f"{weekday}, {tomorrow:%d.%m.%Y}, vormittags (8–12 Uhr)"
    run(ActionSubmitCallback(), make_tracker(slots={**CONFIRMED, "callback_time": label}))
    (callback,) = stored(offers_db)
    assert callback.preferred_time == label
    assert (callback.window_start, callback.window_end) == (
        datetime.combine(tomorrow, datetime.min.time()) + timedelta(hours=8),
        datetime.combine(tomorrow, datetime.min.time()) + timedelta(hours=12),
    )


def test_another_conversations_reference_cancels_nothing_and_is_not_told_apart(offers_db: str) -> None:
    run(ActionSubmitCallback(), make_tracker(sender="buergerin-1", slots=CONFIRMED))
    (callback,) = stored(offers_db)
    _, foreign = run(ActionCancelCallback(), make_tracker(sender="angreifer-1", text=callback.reference))
    _, unknown = run(ActionCancelCallback(), make_tracker(sender="angreifer-1", text="WL-ZZZ999"))
    assert stored(offers_db)[0].status == "neu"
    assert texts(foreign).replace(callback.reference, "WL-ZZZ999") == texts(unknown)
    _, own = run(ActionCancelCallback(), make_tracker(sender="buergerin-1", text=callback.reference))
    assert "abgesagt" in texts(own)
    assert stored(offers_db)[0].status == "storniert"
