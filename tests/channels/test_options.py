"""The memory of offered options stays bounded and never maps a number it did not offer."""

from __future__ import annotations

from channels.options import OptionMemory, numbered_text

BUTTONS = [{"title": "Ja", "payload": "/affirm"}, {"title": "Nein", "payload": "/deny"}]


def test_numbers_outside_the_offered_range_stay_text() -> None:
    memory = OptionMemory()
    memory.offer("a", BUTTONS)
    assert memory.resolve("a", "3") == "3"


def test_options_belong_to_their_sender() -> None:
    memory = OptionMemory()
    memory.offer("a", BUTTONS)
    assert memory.resolve("b", "1") == "1"
    assert memory.resolve("a", " 2) ") == "/deny"


def test_the_least_recently_served_sender_is_forgotten_first() -> None:
    memory = OptionMemory(max_senders=2)
    for sender in ("a", "b", "c"):
        memory.offer(sender, BUTTONS)
    assert len(memory) == 2
    assert memory.resolve("a", "1") == "1"
    assert memory.resolve("c", "1") == "/affirm"


def test_numbered_text_lists_titles_and_asks_for_the_number() -> None:
    assert numbered_text("Möchten Sie einen Rückruf?", BUTTONS) == (
        "Möchten Sie einen Rückruf?\n\n1) Ja\n2) Nein\n\nBitte antworten Sie mit der Nummer, zum Beispiel „1“."
    )
