"""Loss accounting of bench/faults.py: which message counts as lost, which booking as lost or doubled."""

from __future__ import annotations

from pathlib import Path

from bench.fault_accounting import (
    DOCS_HEADING,
    Booking,
    Fault,
    Sent,
    account_bookings,
    account_messages,
    fault_windows,
    markdown_table,
    message_category,
    outcome_of,
    tally,
    window_of,
    write_docs,
)


def sent(sender: str, message: str, outcome: str = "answered", at: float = 1.0) -> Sent:
    return Sent(sender, message, at, at + 0.5, outcome)


def test_an_error_is_lost_only_when_the_message_is_not_in_the_tracker() -> None:
    messages = [
        sent("a", "lieber online", "HTTP 502"),
        sent("a", "mehr anzeigen", "timeout"),
        sent("b", "Hallo", "apology"),
        sent("b", "Danke"),
    ]
    account_messages(messages, {"a": ["mehr anzeigen"], "b": ["Hallo", "Danke"]})
    assert [message_category(m) for m in messages] == ["lost", "stored, unanswered", "apology", "answered"]


def test_a_retry_needs_its_own_stored_event() -> None:
    first, retry = sent("a", "ja", "timeout"), sent("a", "ja", "timeout")
    account_messages([first, retry], {"a": ["ja"]})
    assert (first.stored, retry.stored) == (True, False)
    assert message_category(retry) == "lost"


def test_the_answered_retry_claims_the_stored_event_before_the_apology_it_retried() -> None:
    """First attempt refused (lock store down: apology, never processed), the retry answered."""
    first, retry = sent("a", "ja", "apology", at=1.0), sent("a", "ja", "answered", at=3.0)
    account_messages([first, retry], {"a": ["ja"]})
    assert (first.stored, retry.stored) == (False, True)
    assert [message_category(m) for m in (first, retry)] == ["apology", "answered"]


def test_the_same_text_in_another_conversation_does_not_count_as_stored() -> None:
    message = sent("a", "ja", "HTTP 503")
    account_messages([message], {"b": ["ja"]})
    assert message_category(message) == "lost"


def test_outcomes_treat_the_apology_as_an_answer_and_silence_as_none() -> None:
    assert [outcome_of(e) for e in (None, "apology", "empty answer", "HTTP 502")] == [
        "answered", "apology", "no answer (empty)", "HTTP 502"
    ]
    assert not sent("a", "x", "no answer (empty)").answered


def test_a_shown_reference_missing_in_the_database_is_a_lost_booking() -> None:
    bookings = [Booking("a", 10.0, ["WL-ABC234"]), Booking("b", 11.0, ["WL-XYZ789"])]
    issues = account_bookings(bookings, [("b", "WL-XYZ789")])
    assert [(i.sender, i.kind) for i in issues] == [("a", "reference not in DB")]


def test_a_booking_stored_twice_and_a_reference_of_another_conversation_are_losses() -> None:
    bookings = [Booking("a", 10.0, ["WL-AAAAAA"]), Booking("b", 12.0, ["WL-AAAAAA"])]
    rows = [("a", "WL-AAAAAA"), ("a", "WL-BBBBBB")]
    kinds = sorted((i.sender, i.kind) for i in account_bookings(bookings, rows))
    assert kinds == [("a", "stored twice"), ("b", "reference of another conversation")]


def test_confirmations_without_reference_are_reported_as_findings_not_losses() -> None:
    bookings = [Booking("a", 10.0), Booking("b", 10.0), Booking("c")]  # c never confirmed
    issues = account_bookings(bookings, [("b", "WL-CCCCCC")])
    assert [(i.sender, i.kind) for i in issues] == [
        ("a", "confirmed, no reference, no row"), ("b", "booked, reference not shown")
    ]


def test_windows_split_during_and_after_each_fault() -> None:
    faults = [Fault("kill", 10.0, 25.0), Fault("pg", 40.0, 40.2)]
    windows = fault_windows(faults, end=90.0, grace_s=3.0, after_s=15.0)
    assert [(w.start, w.end) for w in windows] == [
        (0.0, 10.0), (10.0, 28.0), (28.0, 40.0), (40.0, 43.2), (43.2, 58.2)
    ]
    assert window_of(windows, 27.9) == "kill: während / during"
    assert window_of(windows, 60.0) == "übrige Zeit / rest"


def test_tally_counts_per_window_and_in_total() -> None:
    faults = [Fault("kill", 10.0, 20.0)]
    messages = [sent("a", "Hallo", at=1.0), sent("a", "ja", "HTTP 502", at=12.0), sent("b", "ja", "apology", at=12.0)]
    account_messages(messages, {"a": ["Hallo"], "b": ["ja"]})
    bookings = [Booking("a", 12.0, ["WL-MISSIN"]), Booking("b", 12.0, ["WL-THERE2"])]
    issues = account_bookings(bookings, [("b", "WL-THERE2")])
    table = tally(messages, bookings, issues, fault_windows(faults, end=90.0))
    during = table["kill: während / during"]
    assert (during["sent"], during["apology"], during["error"], during["lost"]) == (2, 1, 1, 1)
    assert (during["confirmed"], during["bookings lost"]) == (2, 1)
    total = table["gesamt / total"]
    assert (total["sent"], total["answered"], total["lost"], total["bookings lost"]) == (3, 1, 1, 1)
    assert "**gesamt / total**" in markdown_table(table)


def test_write_docs_appends_once_and_replaces_its_own_section(tmp_path: Path) -> None:
    docs = tmp_path / "security.md"
    docs.write_text("# Sicherheit\n\n## Tests\n\nText.\n")
    write_docs(docs, "erster Lauf")
    write_docs(docs, "zweiter Lauf")
    content = docs.read_text()
    assert content.count(DOCS_HEADING) == 1
    assert "erster Lauf" not in content and content.rstrip().endswith("zweiter Lauf")
    assert content.startswith("# Sicherheit\n\n## Tests\n\nText.\n")
