"""An edit in the advisors' app is what the bot answers (issue 22, item 3), and a revert brings back
the seed data: the actions run as the action server runs them, against the demo database."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import datetime

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.callback import ValidateCallbackForm
from actions.centres import ActionCounsellingCentres
from actions.funding import ActionFundingProgramme
from bot.db.models import Advisor, CounsellingCentre
from bot.db.models_edits import FactEdit
from bot.db.session import session_scope
from bot.edits import live, revert, set_fact
from tests.actions.conftest import make_tracker, run, texts

NOW = datetime(2026, 12, 7, 10, 0)
SOURCE = "https://www.bottrop.de/vhs/kontakt"


@pytest.fixture()
def network(demo_db: str) -> Iterator[int]:
    """The account of Bottrop's education network."""
    live.forget()
    with session_scope() as s:
        centre = s.query(CounsellingCentre).filter_by(slug="vhs-bottrop").one()
        account = Advisor(centre_id=centre.id, name="Netzwerk Bottrop", email="bottrop.netzwerk@demo.invalid",
                          role="netzwerk")
        s.add(account)
        s.flush()
        account_id = account.id
    yield account_id
    live.forget()


def edit(account: int, kind: str, key: str, field: str, value: str, source: str = SOURCE) -> int:
    with session_scope() as s:
        return set_fact(s, kind, key, field, value, source, "2026-12-04", s.get(Advisor, account), NOW).id


def take_back(account: int, edit_id: int) -> None:
    with session_scope() as s:
        revert(s, edit_id, s.get(Advisor, account), NOW)


def opening_hours_answer() -> str:
    tracker = make_tracker(text="Wann hat die Beratungsstelle in Bottrop geöffnet?", intent="ask_counselling",
                           slots={"place": "Bottrop"})
    return texts(run(ActionCounsellingCentres(), tracker)[1])


def test_edited_opening_hours_are_answered_and_a_revert_brings_the_old_ones_back(network: int) -> None:
    before = opening_hours_answer()
    assert "Volkshochschule Bottrop\nBöckenhoffstraße 30, 46236 Bottrop\nÖffnungszeiten: ⚠️ nicht geprüft" in before
    hours = edit(network, "centre", "vhs-bottrop", "opening_hours", "Mo–Do 08:30–16:00, Fr 08:30–12:00")
    phone = edit(network, "centre", "vhs-bottrop", "phone", "02041 70 37 77")
    after = opening_hours_answer()
    assert ("Volkshochschule Bottrop\nBöckenhoffstraße 30, 46236 Bottrop\nTelefon: 02041 70 37 77\n"
            "Öffnungszeiten: Mo–Do 08:30–16:00, Fr 08:30–12:00\n(Stand: 04.12.2026; Quelle: "
            "https://www.bottrop.de/vhs/kontakt)") in after
    take_back(network, hours)
    take_back(network, phone)
    assert opening_hours_answer() == before


def test_services_of_a_centre_are_said_on_its_card(network: int) -> None:
    edit(network, "centre", "vhs-bottrop", "services", "Weiterbildungsberatung, Deutschkurse, Schulabschlüsse")
    assert "\nAngebote: Weiterbildungsberatung, Deutschkurse, Schulabschlüsse\n(Stand: 04.12.2026" in (
        opening_hours_answer()
    )


def test_an_edited_programme_summary_is_what_the_bot_explains_with_its_stand(network: int) -> None:
    entities = [{"entity": "programme", "value": "bildungsgutschein"}]

    def explained() -> str:
        return texts(run(ActionFundingProgramme(), make_tracker(slots={"place": "Bottrop"}, entities=entities))[1])

    before = explained()
    assert "Mit dem Bildungsgutschein bezahlt die Agentur für Arbeit eine berufliche Weiterbildung." in before
    assert "Stand: März 2026." in before
    summary = edit(network, "programme", "bildungsgutschein", "summary",
                   "Mit dem Bildungsgutschein übernimmt die Agentur für Arbeit die Kosten einer Weiterbildung.",
                   "https://www.arbeitsagentur.de/karriere-und-weiterbildung/bildungsgutschein")
    after = explained()
    assert "Mit dem Bildungsgutschein übernimmt die Agentur für Arbeit die Kosten einer Weiterbildung." in after
    assert "Mit dem Bildungsgutschein bezahlt die Agentur" not in after
    assert "Stand: Dezember 2026." in after and "Stand: März 2026." not in after  # the edit's Stand
    take_back(network, summary)
    assert explained() == before


def test_the_history_keeps_both_versions(network: int) -> None:
    first = edit(network, "centre", "vhs-bottrop", "phone", "02041 70 37 77")
    take_back(network, first)
    with session_scope() as s:
        assert [(r.value, r.reverted_by_email) for r in s.query(FactEdit)] == [
            ("02041 70 37 77", "bottrop.netzwerk@demo.invalid")
        ]


def validate(slot: str, value: str, slots: dict) -> tuple[dict, str]:
    dispatcher = CollectingDispatcher()
    method = getattr(ValidateCallbackForm(), f"validate_{slot}")
    result = asyncio.run(method(value, dispatcher, make_tracker(slots=slots), {}))
    return result, texts(dispatcher.messages)


def test_a_callback_wish_is_fitted_to_the_edited_opening_hours(network: int) -> None:
    # No hours in the seed data: a Saturday wish is taken as it is.
    result, _ = validate("callback_time", "Samstag vormittags", {"place": "Bottrop"})
    assert result["callback_time"] is not None
    edit(network, "centre", "vhs-bottrop", "opening_hours", "Mo–Fr 08:00–12:00")
    result, said = validate("callback_time", "Samstag vormittags", {"place": "Bottrop"})
    assert result["callback_time"] is None
    assert "ist die Beratungsstelle leider nicht besetzt" in said and "Samstag" in said


def test_after_repeated_contact_failures_the_edited_number_is_named(network: int) -> None:
    edit(network, "centre", "vhs-bottrop", "phone", "02041 70 37 77")
    _, said = validate("callback_contact", "weiß ich nicht", {"failed_attempts": 2, "place": "Bottrop"})
    assert "Volkshochschule Bottrop, Telefon 02041 70 37 77" in said
