"""Dashboard figures from a scripted set of conversations, written through bot.stats.store."""

from datetime import date

from sqlalchemy.orm import Session

from bot.privacy.deletion import delete_citizen
from bot.stats.store import counts, frequent_not_understood, record, record_not_understood

SECRET = "s" * 32
DAY = date(2026, 12, 7)


def _script(session: Session) -> None:
    """Seven conversations in Wesel: searches, one without a course, two not-understood messages."""
    for i in range(7):
        record(session, "conversation", day=DAY, region="wesel")
        record(session, "topic", "Pflege" if i < 4 else "Schweißen", day=DAY, region="wesel")
    record(session, "search_empty", "Schweißen|Wesel|online", day=DAY, region="wesel")
    for i in range(5):  # five different conversations send the same message (k = 5)
        record_not_understood(session, "Gibt es  Yoga?", f"conv-{i}", secret=SECRET, day=DAY,
                              region="wesel")
    for i in range(4):  # only four, one of them twice
        record_not_understood(session, "Wo ist der Bus", f"conv-{i}", secret=SECRET, day=DAY,
                              region="wesel")
    record_not_understood(session, "Wo ist der Bus", "conv-0", secret=SECRET, day=DAY,
                          region="wesel")
    session.commit()


def test_counts_per_topic_and_the_search_without_a_course(session: Session) -> None:
    _script(session)
    assert counts(session, "topic", region="wesel") == {"Pflege": 4, "Schweißen": 3}
    assert counts(session, "search_empty") == {"Schweißen|Wesel|online": 1}
    assert counts(session, "conversation", region="bottrop") == {}


def test_not_understood_message_only_from_k_distinct_conversations(session: Session) -> None:
    _script(session)
    assert frequent_not_understood(session, k=5) == {"gibt es yoga?": 5}
    assert frequent_not_understood(session, k=4) == {"gibt es yoga?": 5, "wo ist der bus": 4}
    assert counts(session, "not_understood") == {"": 10}


def test_a_phone_number_in_a_not_understood_message_is_not_stored(session: Session) -> None:
    for i in range(5):
        record_not_understood(session, "Rückruf 0151 23456789", f"c{i}", secret=SECRET, day=DAY)
    (message,) = frequent_not_understood(session, k=5)
    assert "23456789" not in message


def test_figures_survive_deleting_the_conversations(session: Session) -> None:
    _script(session)
    for i in range(7):
        delete_citizen(session, f"conv-{i}")
    session.commit()
    assert counts(session, "topic") == {"Pflege": 4, "Schweißen": 3}
    assert frequent_not_understood(session, k=5) == {"gibt es yoga?": 5}
