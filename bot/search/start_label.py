"""The start window's label in the citizen's language: "ab März 2027" -> "from March 2027" (issue 21)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

_PHRASES = Path(__file__).with_name("start_label_english.yaml")


@cache
def _english() -> tuple[re.Pattern[str], dict[str, str]]:
    phrases: dict[str, str] = yaml.safe_load(_PHRASES.read_text(encoding="utf-8"))["phrases"]
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in ordered) + r")\b"), phrases


def start_label(label: str, language: str | None) -> str:
    """``label`` as stored (German), in ``language``; German and unknown languages keep it."""
    if language != "en":
        return label
    pattern, phrases = _english()
    return pattern.sub(lambda m: phrases[m.group(0)], label)
