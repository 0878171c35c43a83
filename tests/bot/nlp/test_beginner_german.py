"""Beginner's German is recognised; quick or informal German from fluent writers is not."""

from __future__ import annotations

import pytest

from bot.nlp.beginner_german import looks_like_beginner_german


@pytest.mark.parametrize(
    "text",
    [
        "ich suchen deutsch kurs",
        "Hallo ich brauchen hilfe für arbeit",
        "ich haben kein arbeit, ich suchen kurs",
        "ich kommen aus syrien und wohnen in bottrop",
        "Ich nicht verstehen",
        "nix verstehen bitte einfach",
        "ich möchten lernen pflege",
    ],
)
def test_beginners_german_is_recognised(text: str) -> None:
    assert looks_like_beginner_german(text)


@pytest.mark.parametrize(
    "text",
    [
        "ich suche kurs in krefeld",  # lowercase and short, but correct
        "Ich suche einen Deutschkurs in Bottrop",
        "Kann ich suchen, ob es einen Kurs am Abend gibt?",  # modal before: inversion
        "Ich weiß nicht, ob ich lernen kann, was verlangt wird",  # modal after: subordinate clause
        "Weil ich arbeiten gehe, brauche ich einen Abendkurs",
        "Wir suchen einen Kurs für unsere Mitarbeiter",
        "Ich verstehe das nicht",
        "",
    ],
)
def test_fluent_german_is_not_taken_for_beginners_german(text: str) -> None:
    assert not looks_like_beginner_german(text)
