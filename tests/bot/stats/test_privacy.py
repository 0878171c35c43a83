"""The privacy rules of the dashboard aggregates: week grain, keyed hashes, k-anonymity."""

from datetime import date

from bot.stats import conversation_hash, k_anonymous, not_understood_key, week_key


def test_days_of_one_iso_week_share_a_key():
    assert week_key(date(2026, 12, 7)) == week_key(date(2026, 12, 13)) == "2026-W50"
    assert week_key(date(2027, 1, 1)) == "2026-W53"


def test_conversation_hash_hides_the_id_and_depends_on_the_key():
    first = conversation_hash("k" * 32, "conv-123")
    assert "conv-123" not in first
    assert first == conversation_hash("k" * 32, "conv-123")
    assert first != conversation_hash("x" * 32, "conv-123")


def test_not_understood_message_is_masked_before_counting():
    key = not_understood_key("Rufen  Sie mich an: 0151 23456789")
    assert "23456789" not in key
    assert key.startswith("rufen sie mich an:")


def test_message_is_shown_only_from_k_distinct_conversations():
    hashes = [conversation_hash("k" * 32, f"c{i}") for i in range(5)]
    seen = {
        "wo ist der bus": hashes[:4] + hashes[:4],  # 4 distinct, repeated
        "gibt es yoga": hashes,  # 5 distinct
    }
    assert k_anonymous(seen, k=5) == {"gibt es yoga": 5}
    assert k_anonymous(seen, k=4) == {"wo ist der bus": 4, "gibt es yoga": 5}
