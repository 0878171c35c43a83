"""Messages that narrow the list shown (bot/search/narrowing.py)."""

from __future__ import annotations

import pytest

from bot.search.narrowing import narrowed_topic, narrows


@pytest.mark.parametrize("text", [
    "gibt es da einen mit IHK Zertifikat?", "gibts davon auch welche mit Bildungsgutschein", "nur mit Prüfung",
    "und ohne Vorkenntnisse?", "welcher davon hat einen Abschluss?", "any of them with a certificate?",
])
def test_back_references_with_a_property_narrow(text: str) -> None:
    assert narrows(text)


@pytest.mark.parametrize("text", [
    "gibts was in der nähe von bad arolsen, da arbeite ich", "ich suche einen Kurs mit Zertifikat in Wesel",
    "Pflegekurs in Moers", "mehr anzeigen", "da bin ich mir nicht sicher",
])
def test_new_requests_and_other_messages_do_not(text: str) -> None:
    assert not narrows(text)


def test_the_new_words_are_added_to_the_topic_without_the_back_reference() -> None:
    assert narrowed_topic("Buchhaltung", "da einen mit IHK Zertifikat") == "Buchhaltung IHK Zertifikat"
    assert narrowed_topic("Excel", "Excel mit Zertifikat") == "Excel Zertifikat"
