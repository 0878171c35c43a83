"""The actions count for the network dashboard: a scripted set of conversations, run as the action
server runs them on the demo data, gives exactly these figures (bot/stats/hooks.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from actions.callback import ActionSubmitCallback
from actions.courses import ActionSearchCourses
from actions.eligibility import ActionEligibilityResult
from actions.fallback import ActionClarify
from actions.funding import ActionFundingProgramme
from actions.handover import ActionHandover
from bot.db.models_stats import NotUnderstoodSeen, StatCounter
from bot.db.session import session_scope
from bot.stats.store import counts, frequent_not_understood
from tests.actions.conftest import CONFIRMED, make_tracker, run, texts

#: Asked by several citizens, in words the bot does not know.
PUZZLE = "Gibt es Zuschuss für den Quantenkurs?"


@pytest.fixture()
def counting(demo_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("LOTSE_STATS_KEY", "schluessel-fuer-die-auswertung-im-test-0123")
    monkeypatch.setenv("LOTSE_TRACKER_DB_URL", f"sqlite:///{tmp_path / 'tracker.sqlite3'}")
    return demo_db


def search(sender: str, **slots: object) -> str:
    return texts(run(ActionSearchCourses(), make_tracker(sender=sender, slots=dict(slots)))[1])


def not_understood(sender: str, text: str) -> None:
    run(ActionClarify(), make_tracker(sender=sender, text=text, intent="nlu_fallback"))


def figures(db_url: str, metric: str, region: str | None = None) -> dict[str, int]:
    with session_scope(db_url) as s:
        return counts(s, metric, region=region)


def conversations(db_url: str) -> None:
    """Four citizens: two find Pflege courses, one finds no welding course online in Bottrop, one asks
    about the Bildungsgutschein, checks Bildungsurlaub and wants a person; the first books a callback."""
    assert "passende Kurse gefunden" in search("c-1", topic="Pflegekurs", place="Krefeld")
    assert "passende Kurse gefunden" in search("c-2", topic="Pflege", place="Krefeld")
    assert "keinen passenden Kurs" in search("c-3", topic="Schweißen", place="Bottrop", course_format="online")
    run(ActionFundingProgramme(), make_tracker(
        sender="c-4", text="Was ist der Bildungsgutschein?", intent="ask_funding_programme",
        entities=[{"entity": "programme", "value": "bildungsgutschein"}], slots={"place": "Moers"}))
    check = {"place": "Moers", "eligibility_programme": "bildungsurlaub_nrw", "eligibility_answers": {}}
    run(ActionEligibilityResult(), make_tracker(sender="c-4", slots=check))
    run(ActionHandover(), make_tracker(sender="c-4", slots={"place": "Moers"}, intent="request_human"))
    booked = texts(run(ActionSubmitCallback(), make_tracker(sender="c-1", slots=CONFIRMED))[1])  # in Krefeld
    assert "WL-" in booked


def test_topics_a_search_without_a_course_programmes_results_and_handovers_are_counted(counting: str) -> None:
    conversations(counting)
    assert figures(counting, "topic") == {"Pflege": 2, "Schweißen": 1}
    assert figures(counting, "search_found") == {"Pflege|Krefeld|": 2}
    assert figures(counting, "search_empty") == {"Schweißen|Bottrop|online": 1}
    assert figures(counting, "search_empty", region="bottrop") == {"Schweißen|Bottrop|online": 1}
    assert figures(counting, "search_empty", region="krefeld") == {}
    assert figures(counting, "funding_asked") == {"bildungsgutschein": 1}
    assert figures(counting, "eligibility") == {"bildungsurlaub_nrw|moeglich": 1}
    with session_scope(counting) as s:
        handover = s.execute(select(StatCounter).where(StatCounter.metric == "handover")).scalar_one()
        assert (handover.key, handover.region, handover.centre, handover.count) == ("wunsch", "kreis-wesel",
                                                                                    "vhs-wesel", 1)
        callback = s.execute(select(StatCounter).where(StatCounter.metric == "callback")).scalar_one()
        assert (callback.region, callback.count) == ("krefeld", 1) and callback.centre.endswith("krefeld")


def test_no_conversation_id_or_free_text_is_counted(counting: str) -> None:
    conversations(counting)
    with session_scope(counting) as s:
        rows = str([(r.week, r.region, r.centre, r.metric, r.key) for r in s.execute(select(StatCounter)).scalars()])
    assert "c-1" not in rows and "c-4" not in rows and "Pflegekurs" not in rows and "Bildungsgutschein?" not in rows


def test_a_not_understood_message_is_shown_only_from_five_conversations(counting: str) -> None:
    for sender in ("a-1", "a-2", "a-3", "a-4"):
        not_understood(sender, PUZZLE)
    not_understood("a-4", PUZZLE.upper())  # the same conversation again: still four
    not_understood("a-5", "Mein Handy: 0151 23456789, rufen Sie an")
    with session_scope(counting) as s:
        assert frequent_not_understood(s) == {}
        assert "0151" not in str(s.execute(select(NotUnderstoodSeen.message)).scalars().all())
    not_understood("a-6", PUZZLE)
    with session_scope(counting) as s:
        assert frequent_not_understood(s) == {"gibt es zuschuss für den quantenkurs?": 5}
        assert counts(s, "not_understood") == {"": 7}
        hashes = s.execute(select(NotUnderstoodSeen.conversation_hash)).scalars().all()
    assert "a-1" not in hashes and all(len(h) == 64 for h in hashes)


def test_counting_never_breaks_the_answer(counting: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LOTSE_STATS_KEY")
    monkeypatch.setenv("LOTSE_OFFER_DB_URL", counting.replace("sqlite", "postgresql+psycopg2", 1))
    monkeypatch.setenv("LOTSE_DATA_DIR", str(Path(counting.split("///")[1]).parent / "leer"))
    _, messages = run(ActionClarify(), make_tracker(sender="x", text="blubb", intent="nlu_fallback"))
    assert messages  # answered although the key is missing and nothing was counted
