"""Handing over without Rasa (bot/handover.py): the reply the citizen reads, what the advisor gets."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from sqlalchemy.orm import Session

from bot.db.models import CallbackRequest, CounsellingCentre, Place, Region
from bot.handover import HandoverRequest, hand_over
from bot.replies import Reply
from bot.search.text import fold
from bot.wording import render

ASKED = {"event": "user", "text": "Ich möchte mit einem Menschen sprechen", "timestamp": 1_800_000_000.0}


@pytest.fixture()
def krefeld(session: Session, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Session:
    monkeypatch.setenv("LOTSE_OFFER_DB_URL", db_url)  # the centre's edited facts are read from there
    region = Region(slug="krefeld", name="Krefeld", state="NW")
    session.add(region)
    session.flush()
    session.add(Place(region_id=region.id, name="Krefeld", name_folded=fold("Krefeld"), postcode="47798"))
    session.add(CounsellingCentre(region_id=region.id, slug="vhs-krefeld", name="VHS Krefeld", kind="vhs",
                                  phone="02151 000000", opening_hours={}))
    session.commit()
    return session


def open_callback(session: Session) -> None:
    booked = datetime(2026, 12, 1)
    session.add(CallbackRequest(reference="R-1234", sender_id="citizen-1", name="Eva Muster", phone="+4921510000",
                                consent_at=booked, consent_version="1", created_at=booked))
    session.flush()


def said(language: str | None = None) -> tuple[list[dict[str, Any]], Any]:
    """A ``send`` as the action's: words the replies, returns every message so far."""
    messages: list[dict[str, Any]] = []

    def send(replies: list[Reply]) -> list[dict[str, Any]]:
        messages.extend(render(r.key, buttons=r.buttons, language=language, **r.values) for r in replies)
        return messages

    return messages, send


def request(slots: dict[str, Any], stored: list[dict[str, Any]] | None = None) -> HandoverRequest:
    return HandoverRequest(sender_id="citizen-1", channel="rest", intent="request_human", slots=slots,
                           stored=stored or [], sent=[*(stored or []), ASKED])


def test_the_citizen_reads_the_reference_the_centre_and_its_number_and_gets_a_callback_offered(
    krefeld: Session,
) -> None:
    messages, send = said()
    handover = hand_over(krefeld, request({"place": "Krefeld"}), send)
    assert messages[0]["text"].startswith("Ich gebe Ihr Anliegen an eine Beraterin oder einen Berater weiter: "
                                          f"VHS Krefeld. Ihre Vorgangsnummer ist {handover.reference}.")
    assert messages[0]["text"].endswith("Sie erreichen die Beratung auch direkt: Telefon 02151 000000.")
    assert messages[1]["text"] == render("handover_callback_hint")["text"]
    assert handover.reason == "wunsch" and handover.centre.slug == "vhs-krefeld"
    # the advisor reads what the citizen was told, after what the citizen said
    assert [t["text"] for t in handover.transcript][-3:] == [ASKED["text"], messages[0]["text"],
                                                            messages[1]["text"]]


def test_in_english_the_number_is_said_in_english(krefeld: Session) -> None:
    messages, send = said("en")
    hand_over(krefeld, request({"place": "Krefeld", "language": "en"}), send)
    assert messages[0]["text"].endswith("You can also reach the advice centre directly: phone 02151 000000.")


def test_an_open_callback_of_this_conversation_is_the_advisors_contact_and_no_second_offer(
    krefeld: Session,
) -> None:
    earlier = {"event": "user", "text": "Rückruf bitte", "timestamp": 1_799_999_000.0}
    open_callback(krefeld)
    messages, send = said()
    handover = hand_over(krefeld, request({"place": "Krefeld"}, stored=[earlier]), send)
    assert len(messages) == 1
    assert handover.summary["contact"] == "Eva Muster, +4921510000 (Rückruf R-1234)"


def test_a_call_that_does_not_prove_it_belongs_to_the_conversation_gets_no_contact(krefeld: Session) -> None:
    stored = [{"event": "user", "text": "Rückruf bitte", "timestamp": 1_799_999_000.0}]
    open_callback(krefeld)
    messages, send = said()
    forged = HandoverRequest(sender_id="citizen-1", channel="rest", intent="complain", slots={}, stored=stored,
                             sent=[ASKED])
    handover = hand_over(krefeld, forged, send)
    assert handover.summary["contact"] is None and handover.reason == "frust"
    assert handover.transcript[0]["text"] == ASKED["text"]
    assert messages[-1]["text"] == render("handover_callback_hint")["text"]
