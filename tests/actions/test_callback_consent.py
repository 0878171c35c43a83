"""Consent is provable: each callback the action stores says when and to which archived wording the citizen
agreed (bot/privacy/consent.py), run as the action server runs it."""

from __future__ import annotations

import asyncio
import re
from datetime import datetime

import pytest
import yaml
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from bot.config import REPO_ROOT, load_settings
from bot.db.models import CallbackRequest
from bot.db.session import session_scope
from bot.privacy.consent import consent_text, consent_texts
from tests.actions.conftest import CONFIRMED, make_tracker, run


@pytest.fixture(autouse=True)
def default_version(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LOTSE_CONSENT_VERSION", raising=False)


def test_the_wording_the_bot_shows_is_archived_under_the_configured_version() -> None:
    """Fails when someone edits the consent question without archiving a new version."""
    with (REPO_ROOT / "wording" / "citizen.yml").open(encoding="utf-8") as handle:
        shown = yaml.safe_load(handle)["ask_callback_consent"]
    archived = consent_text(load_settings().consent_version)
    assert archived is not None, "LOTSE_CONSENT_VERSION fehlt in bot/privacy/consent_texts.yml"
    assert (shown["text"], shown["plain"]) == (archived.text, archived.plain)


def test_every_archived_text_only_uses_the_retention_placeholder() -> None:
    for archived in consent_texts().values():
        for text in (archived.text, archived.plain):
            assert set(re.findall(r"{(\w*)}", text)) <= {"retention_days"}
            assert text.format(retention_days=90)


def answer_consent(value: bool) -> dict:
    """The slots the form sets when the citizen answers the consent question."""
    from actions.callback import ValidateCallbackForm

    form = ValidateCallbackForm()
    return asyncio.run(form.validate_callback_consent(value, CollectingDispatcher(), make_tracker(), {}))


def test_a_booked_callback_stores_when_and_to_which_text_the_citizen_consented(offers_db: str) -> None:
    from actions.callback import ActionSubmitCallback

    before = datetime.now().replace(microsecond=0)
    slots = answer_consent(True)
    run(ActionSubmitCallback(), make_tracker(sender="einwilligung-1", slots={**CONFIRMED, **slots}))
    with session_scope(offers_db) as session:
        stored = session.execute(
            select(CallbackRequest).where(CallbackRequest.sender_id == "einwilligung-1")).scalar_one()
        consent_at, version = stored.consent_at, stored.consent_version
    assert before <= consent_at <= datetime.now()
    assert consent_at == datetime.fromisoformat(slots["callback_consent_at"])  # the moment of "ja", not of booking
    assert version == load_settings().consent_version and consent_text(version) is not None


def test_declined_consent_stores_no_row(offers_db: str) -> None:
    from actions.callback import ActionSubmitCallback

    slots = answer_consent(False)
    assert slots == {"callback_consent": False}
    run(ActionSubmitCallback(), make_tracker(sender="einwilligung-2", slots={**CONFIRMED, **slots}))
    with session_scope(offers_db) as session:
        assert session.execute(select(CallbackRequest)).first() is None
