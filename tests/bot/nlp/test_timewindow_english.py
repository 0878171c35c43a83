"""English callback wishes are read like their German words (issue 21: the callback in English)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.nlp.timewindow import parse_time_window
from bot.nlp.timewindow_english import germanised

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))  # a Monday


@pytest.mark.parametrize(
    ("english", "german"),
    [
        ("tomorrow after 3 pm", "morgen ab 15 Uhr"),
        ("Friday afternoon", "Freitag nachmittags"),
        ("Wednesday at 9:30 am", "Mittwoch um 9:30 Uhr"),
        ("day after tomorrow in the morning", "übermorgen vormittags"),
    ],
)
def test_an_english_wish_gives_the_window_of_its_german_words(english: str, german: str) -> None:
    assert parse_time_window(english, NOW) == parse_time_window(german, NOW) is not None


def test_german_wishes_and_words_without_time_are_unchanged() -> None:
    assert germanised("morgen vormittag") == "morgen vormittag"
    assert parse_time_window("as soon as possible please", NOW) is None
