"""The Rasa server says a FAQ answer as the education network edited it, and every other response
exactly as Rasa's own generator would (stores/nlg.py, loaded from the endpoints file)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
import yaml
from rasa.core.nlg import NaturalLanguageGenerator, TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot.db.models import Advisor, CounsellingCentre, Region
from bot.db.session import session_scope
from bot.edits import live, revert, set_fact
from stores.nlg import EditedResponses

REPO = Path(__file__).resolve().parents[2]
DOMAIN = Domain.load(str(REPO / "domain.yml"))
NOW = datetime(2026, 12, 7, 10, 0)


@pytest.fixture()
def network(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    monkeypatch.setenv("LOTSE_OFFER_DB_URL", db_url)
    live.forget()
    with session_scope() as s:
        centre = CounsellingCentre(region=Region(slug="krefeld", name="Krefeld", state="NW"), slug="vhs-krefeld",
                                   name="VHS Krefeld", kind="vhs")
        s.add(centre)
        s.flush()
        account = Advisor(centre_id=centre.id, name="Netzwerk", email="netzwerk@demo.invalid", role="netzwerk")
        s.add(account)
        s.flush()
        account_id = account.id
    yield account_id
    live.forget()


def said(nlg: NaturalLanguageGenerator, action: str, language: str | None = None) -> str:
    tracker = DialogueStateTracker.from_events("citizen-1", [], slots=DOMAIN.slots)
    if language:
        tracker.update(SlotSet("language", language))
    return asyncio.run(nlg.generate(action, tracker, "rest"))["text"]


def test_the_endpoints_files_load_this_generator() -> None:
    for name in ("endpoints.yml", "endpoints.production.yml"):
        config = yaml.safe_load((REPO / name).read_text(encoding="utf-8"))["nlg"]
        nlg = NaturalLanguageGenerator.create(EndpointConfig(type=config["type"]), DOMAIN)
        assert isinstance(nlg, EditedResponses) and isinstance(nlg, TemplatedNaturalLanguageGenerator)


def test_an_edited_faq_answer_is_said_with_its_stand_and_a_revert_brings_the_seed_back(network: int) -> None:
    ours, rasas = EditedResponses(domain=DOMAIN), TemplatedNaturalLanguageGenerator(DOMAIN.responses)
    seed = said(rasas, "utter_faq/umschulung")
    assert said(ours, "utter_faq/umschulung") == seed
    with session_scope() as s:
        edit = set_fact(s, "faq", "umschulung", "text",
                        "Eine Umschulung ist eine zweite Berufsausbildung für Erwachsene. Sie dauert meist zwei Jahre.",
                        "https://www.arbeitsagentur.de/bildung/umschulung", "2026-12-03", s.get(Advisor, network),
                        NOW).id
    assert said(ours, "utter_faq/umschulung") == (
        "Eine Umschulung ist eine zweite Berufsausbildung für Erwachsene. Sie dauert meist zwei Jahre. "
        "(Stand: 03.12.2026; Quelle: https://www.arbeitsagentur.de/bildung/umschulung)"
    )
    # The English variant was not edited; other answers are Rasa's own.
    assert said(ours, "utter_faq/umschulung", "en") == said(rasas, "utter_faq/umschulung", "en")
    assert said(ours, "utter_faq/azav") == said(rasas, "utter_faq/azav")
    assert said(ours, "utter_greet") == said(rasas, "utter_greet")
    with session_scope() as s:
        revert(s, edit, s.get(Advisor, network), NOW)
    assert said(ours, "utter_faq/umschulung") == seed
