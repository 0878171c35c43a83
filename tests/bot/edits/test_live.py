"""What the running bot reads: the seed data with the current edits over it, re-read after the TTL.

Another process's edit is simulated by writing the table directly (no cache is cleared); the clock
of the cache is moved by hand, so no test waits."""

from __future__ import annotations

from datetime import date

import pytest

from bot import config
from bot.db.models import Advisor, CounsellingCentre
from bot.db.models_edits import FactEdit
from bot.db.session import session_scope
from bot.edits import live, set_fact
from bot.funding.catalogue import load_catalogue
from tests.bot.edits.conftest import NOW, People

SOURCE = "https://www.vhs-krefeld.de/kontakt"


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture()
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeMonotonic:
    fake = FakeMonotonic()
    monkeypatch.setattr(live.time, "monotonic", fake)
    monkeypatch.delenv(config.EDITS_TTL_ENV, raising=False)
    return fake


def written_elsewhere(db_url: str, author: int, field: str, value: object, stand: date = date(2026, 12, 1)) -> None:
    """An edit stored by another process (the advisors' app): this process's cache knows nothing of it."""
    with session_scope(db_url) as s:
        s.add(FactEdit(kind="centre", key="vhs-krefeld", field=field, value=value, source_url=SOURCE, stand=stand,
                       author_id=author, author_email="anna@netzwerk.example", created_at=NOW))


def centre(db_url: str) -> live.CentreFacts:
    with session_scope(db_url) as s:
        return live.centre_facts(s.query(CounsellingCentre).filter_by(slug="vhs-krefeld").one())


def test_another_process_s_edit_is_seen_after_the_ttl_and_not_before(db_url: str, people: People,
                                                                    clock: FakeMonotonic) -> None:
    assert centre(db_url).phone == "02151 000000"
    written_elsewhere(db_url, people.anna, "phone", "02151 86 26 00")
    clock.now += config.DEFAULT_EDITS_TTL - 1
    assert centre(db_url).phone == "02151 000000"  # still the cached read
    clock.now += 1
    assert centre(db_url).phone == "02151 86 26 00"


def test_the_ttl_is_a_setting_and_never_more_than_a_minute() -> None:
    assert config.edits_ttl({}) == 30.0
    assert config.edits_ttl({config.EDITS_TTL_ENV: "5"}) == 5.0
    assert config.edits_ttl({config.EDITS_TTL_ENV: "600"}) == 60.0
    assert config.edits_ttl({config.EDITS_TTL_ENV: "bald"}) == 30.0


def test_an_edit_in_this_process_is_seen_at_once(db_url: str, people: People, clock: FakeMonotonic) -> None:
    assert centre(db_url).phone == "02151 000000"
    with session_scope(db_url) as s:
        set_fact(s, "centre", "vhs-krefeld", "phone", "02151 86 26 00", SOURCE, "2026-12-01",
                 s.get(Advisor, people.anna), NOW)
    assert centre(db_url).phone == "02151 86 26 00"


def test_edited_centre_facts_go_over_the_seed_row_with_their_stand(db_url: str, people: People,
                                                                  clock: FakeMonotonic) -> None:
    written_elsewhere(db_url, people.anna, "opening_hours", {"di": [["09:00", "12:00"]]}, date(2026, 11, 30))
    written_elsewhere(db_url, people.anna, "services", "Weiterbildungsberatung, Anerkennungsberatung",
                      date(2026, 12, 2))
    written_elsewhere(db_url, people.anna, "phone", "")
    facts = centre(db_url)
    assert facts.opening_hours == {"di": [["09:00", "12:00"]]}
    assert facts.services == "Weiterbildungsberatung, Anerkennungsberatung"
    assert facts.phone is None  # emptied on purpose: the bot says nothing rather than an old number
    assert (facts.stand, facts.source_url) == (date(2026, 12, 2), SOURCE)
    assert facts.name == "VHS Krefeld"


def test_a_database_that_cannot_be_read_leaves_the_last_values(db_url: str, people: People, clock: FakeMonotonic,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    written_elsewhere(db_url, people.anna, "phone", "02151 86 26 00")
    assert live.overrides(db_url).get("centre", "vhs-krefeld", "phone").value == "02151 86 26 00"

    def broken(_session):  # type: ignore[no-untyped-def]
        from sqlalchemy.exc import OperationalError

        raise OperationalError("SELECT", {}, Exception("database is locked"))

    monkeypatch.setattr(live, "current_values", broken)
    clock.now += 60
    assert live.overrides(db_url).get("centre", "vhs-krefeld", "phone").value == "02151 86 26 00"


def test_without_a_database_file_the_seed_data_counts_and_no_file_is_made(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "nothing.sqlite3"
    assert live.overrides(f"sqlite:///{path}").values == {}
    assert not path.exists()


def test_programme_texts_and_a_fact_are_edited_with_a_newer_stand() -> None:
    seed = next(p for p in load_catalogue() if p.slug == "bildungsgutschein")
    edits = live.Overrides({
        ("programme", "bildungsgutschein", "summary"): live.Current(
            1, "Neuer Text zum Bildungsgutschein.", "https://www.arbeitsagentur.de/bildungsgutschein",
            date(2026, 12, 4), "anna@netzwerk.example", NOW),
        ("programme", "bildungsgutschein", "facts.1"): live.Current(
            2, "Neue Tatsache.", "https://www.arbeitsagentur.de/faq", date(2026, 12, 3), "anna@netzwerk.example", NOW),
    })
    edited = live.programme_with_edits(seed, edits)
    assert edited.summary == "Neuer Text zum Bildungsgutschein."
    assert edited.facts[1].text == "Neue Tatsache."
    assert (edited.facts[1].source, edited.facts[1].as_of) == ("https://www.arbeitsagentur.de/faq", "2026-12-03")
    assert edited.facts[0] == seed.facts[0] and edited.how_to_apply == seed.how_to_apply
    assert edited.as_of == "2026-12-04"
    assert live.programme_with_edits(seed, live.EMPTY) is seed


def test_a_faq_answer_is_said_as_edited_with_stand_and_source_in_its_language() -> None:
    edits = live.Overrides({("faq", "umschulung", "text"): live.Current(
        1, "Eine Umschulung dauert meist zwei Jahre.", "https://www.arbeitsagentur.de/umschulung", date(2026, 12, 1),
        "anna@netzwerk.example", NOW)})
    assert live.faq_text("umschulung", "Alt.", None, edits) == (
        "Eine Umschulung dauert meist zwei Jahre. (Stand: 01.12.2026; Quelle: https://www.arbeitsagentur.de/umschulung)"
    )
    assert live.faq_text("umschulung", "Old.", "en", edits) == "Old."  # the English text was not edited
    assert live.faq_text("azav", "AZAV ist …", None, edits) == "AZAV ist …"
    responses = {"utter_faq/umschulung": [
        {"text": "Alt."}, {"condition": [{"type": "slot", "name": "language", "value": "en"}], "text": "Old."},
    ]}
    edited = live.responses_with_edits(responses, edits)["utter_faq/umschulung"]
    assert edited[0]["text"].startswith("Eine Umschulung dauert meist zwei Jahre. (Stand: 01.12.2026")
    assert edited[1] == responses["utter_faq/umschulung"][1]


def test_the_knowledge_base_answers_from_the_edited_texts(db_url: str, people: People, clock: FakeMonotonic,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.kb.router import knowledge_base

    monkeypatch.setenv("LOTSE_OFFER_DB_URL", db_url)
    before = knowledge_base()
    assert not any("Zwölf Wochen Praxis" in p.text for p in before.passages)
    with session_scope(db_url) as s:
        set_fact(s, "programme", "bildungsgutschein", "how_to_apply", "Zwölf Wochen Praxis vorab, dann Antrag.",
                 "https://www.arbeitsagentur.de/antrag", "2026-12-02", s.get(Advisor, people.anna), NOW)
    passage = next(p for p in knowledge_base().passages if p.key == "bildungsgutschein#how_to_apply")
    assert passage.text == "Zwölf Wochen Praxis vorab, dann Antrag."
    assert (passage.source, passage.as_of) == ("https://www.arbeitsagentur.de/antrag", "2026-12-02")
