"""Callback time wishes in English ("tomorrow after 3 pm", "Friday afternoon") in the German words the
time-window reader knows ("morgen ab 15 Uhr", "Freitag nachmittags"). The phrases are data
(``timewindow_english.yaml``); a message without any of them is returned unchanged."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

_CLOCK = re.compile(r"\b(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)")


@lru_cache(maxsize=1)
def _phrases() -> list[tuple[re.Pattern[str], str]]:
    raw = yaml.safe_load(Path(__file__).with_name("timewindow_english.yaml").read_text(encoding="utf-8"))
    ordered = sorted(raw["phrases"].items(), key=lambda kv: -len(kv[0]))  # "day after tomorrow" first
    return [(re.compile(rf"\b{re.escape(en)}\b"), de) for en, de in ordered]


def _clock(match: re.Match[str]) -> str:
    hour, minute, half = int(match[1]), match[2], match[3]
    if half.startswith("p") and hour < 12:
        hour += 12
    if half.startswith("a") and hour == 12:
        hour = 0
    return f"{hour}:{minute} uhr" if minute else f"{hour} uhr"


def germanised(text: str) -> str:
    """``text`` with English time words in German; unchanged when it has none."""
    lowered = _CLOCK.sub(_clock, text.lower())
    for pattern, german in _phrases():
        lowered = pattern.sub(german, lowered)
    return lowered
