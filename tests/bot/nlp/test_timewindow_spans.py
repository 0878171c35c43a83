"""Where in a message a time wish is named: the NLU entity must point at what the citizen typed."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.nlp.timewindow import find_time_window, parse_time_window

TUESDAY_MORNING = datetime(2026, 11, 24, 9, 40)


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Kann mich jemand morgen vormittag anrufen?", "morgen vormittag"),
        ("Dienstag ab 14 Uhr", "Dienstag ab 14 Uhr"),
        ("Geht es am Dienstagvormittag?", "am Dienstagvormittag"),
        ("Übermorgen gegen halb drei wäre gut", "Übermorgen gegen halb drei"),
        ("Rufen Sie  mich naechste   Woche an", "naechste   Woche"),
        ("Guten Morgen! Bitte morgen früh anrufen", "morgen früh"),
        ("Straße egal, Donerstag zwischen 9 und 11", "Donerstag zwischen 9 und 11"),
        ("Am 3.12. um 10 Uhr bitte", "3.12. um 10 Uhr"),
    ],
)
def test_span_covers_the_time_expression_as_typed(text: str, named: str) -> None:
    mention = find_time_window(text, TUESDAY_MORNING)
    assert mention is not None
    assert text[mention.start : mention.end] == named


@pytest.mark.parametrize("text", ["Pflegekurs in Krefeld", "heute", "am 03.12.2025"])
def test_no_mention_without_a_usable_window(text: str) -> None:
    """ "heute" after the working day and a past date name no window, so there is nothing to point at."""
    assert find_time_window(text, datetime(2026, 11, 24, 19, 0)) is None


@given(st.text(alphabet="aäeoöuüßAÄUÜ DMmgnrtsi0123456789.:-", max_size=40))
def test_span_lies_inside_the_text_and_matches_parse(text: str) -> None:
    mention = find_time_window(text, TUESDAY_MORNING)
    assert (mention.window if mention else None) == parse_time_window(text, TUESDAY_MORNING)
    if mention:
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end].strip() == text[mention.start : mention.end]
