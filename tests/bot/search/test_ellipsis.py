"""Hyphenated parts of a coordinated compound are completed with the shared head of the last word."""

from __future__ import annotations

import pytest

from bot.search.ellipsis import elided_compounds

WORDS = {"abrechnung", "pflege", "kraefte", "technik", "logistik"}


@pytest.mark.parametrize(
    ("written", "wholes"),
    [
        ("Lohn- und Gehaltsabrechnung mit DATEV", ["lohnabrechnung"]),
        ("Kranken- und Altenpflege", ["krankenpflege"]),
        ("Fach- und Führungskräfte", ["fachkraefte"]),
        ("Heizungs-, Klima- und Lüftungstechnik", ["heizungstechnik", "klimatechnik"]),
        ("Sicherheits- bzw. Brandschutztechnik", ["sicherheitstechnik"]),
        ("Lager- und Logistik", []),  # the last word has no shorter head of its own
        ("E-Hand-Schweißen (111)", []),  # hyphens inside one word complete nothing
        ("Pflege-Basiskurs", []),
    ],
)
def test_left_parts_get_the_shared_head(written: str, wholes: list[str]) -> None:
    assert list(elided_compounds(written, WORDS.__contains__)) == wholes
