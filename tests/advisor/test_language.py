"""The advisor sees the citizen's language on a handover and on a callback, before calling back."""

from __future__ import annotations

import csv
import io

from bot.db.models import CallbackRequest, Handover
from bot.db.session import session_scope
from tests.advisor.conftest import World

ANNA = "anna@vhs-krefeld.example"


def note_languages(world: World) -> None:
    """Anna's handover was in Arabic, her callback in Ukrainian (as the bot stores them)."""
    with session_scope(world.db_url) as session:
        handover = session.get(Handover, world.ids["ho_own"])
        handover.summary = {**handover.summary, "language": "Arabisch — Dolmetscher einplanen"}
        session.get(CallbackRequest, world.ids["cb_own"]).language = "Ukrainisch — Dolmetscher einplanen"


def test_handover_and_callback_show_the_language_and_the_interpreter_note(world: World) -> None:
    note_languages(world)
    client = world.signed_in(ANNA)
    page = client.get(f"/uebergaben/{world.ids['ho_own']}").text
    assert "<dt>Sprache</dt><dd><strong>Arabisch — Dolmetscher einplanen</strong></dd>" in page
    page = client.get(f"/rueckrufe/{world.ids['cb_own']}").text
    assert "<dt>Sprache</dt><dd><strong>Ukrainisch — Dolmetscher einplanen</strong></dd>" in page


def test_a_german_conversation_says_deutsch(world: World) -> None:
    page = world.signed_in(ANNA).get(f"/rueckrufe/{world.ids['cb_own_old']}").text
    assert "<dt>Sprache</dt><dd>Deutsch</dd>" in page


def test_lists_and_exports_name_the_language_so_interpreters_can_be_planned(world: World) -> None:
    note_languages(world)
    client = world.signed_in(ANNA)
    assert "<td>Ukrainisch — Dolmetscher einplanen</td>" in client.get("/rueckrufe").text
    assert "<td>Arabisch — Dolmetscher einplanen</td>" in client.get("/uebergaben").text
    rows = list(csv.reader(io.StringIO(client.get("/rueckrufe/export.csv").text.lstrip("\ufeff")), delimiter=";"))
    language = rows[0].index("Sprache")
    assert {row[0]: row[language] for row in rows[1:]}["WL-KRE111"] == "Ukrainisch — Dolmetscher einplanen"
    rows = list(csv.reader(io.StringIO(client.get("/uebergaben/export.csv").text.lstrip("\ufeff")), delimiter=";"))
    assert rows[1][rows[0].index("Sprache")] == "Arabisch — Dolmetscher einplanen"
