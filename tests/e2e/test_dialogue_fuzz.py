"""A conversation fuzzer: from every state a form, a check or a result page can reach, anything a
citizen might send next gets an answer, and the server stays responsive.

Each example walks a scripted path into one state (a slot of the callback form, the callback
summary, a question of an eligibility check, a page of search results, the "Meinten Sie …?"
question, after a handover), then sends a random sequence of nonsense, near-empty text, intents
out of context, button payloads of other flows, "Neustart" and "abbrechen". Every turn must be
answered with a non-empty message within ``TURN_SECONDS``, and the server's root must answer
after every turn (a frozen event loop answers nothing). Issue 16.

Bounded: ``LOTSE_FUZZ_EXAMPLES_PER_STATE`` examples per state (default 5) of up to ``STEPS`` messages; CI runs them
derandomised (the "ci" profile in tests/conftest.py). The explored states and turns are written
to results/dialogue_fuzz.json, which `make test` prints.
"""

from __future__ import annotations

import json
import os
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.e2e.conftest import RunningBot

ROOT = Path(__file__).resolve().parents[2]
TURN_SECONDS = 15.0
STEPS = 6

CALLBACK = (
    "Ich möchte einen Rückruf",
    "ja",
    "Förderung und Kosten",
    "Anna Schmidt",
    "0151 23456789",
    "morgen vormittag",
)
#: Scripted ways into the states worth fuzzing: name -> the messages that lead there.
PATHS: dict[str, tuple[str, ...]] = {
    "start": (),
    "callback: consent": CALLBACK[:1],
    "callback: topic": CALLBACK[:2],
    "callback: name": CALLBACK[:3],
    "callback: contact": CALLBACK[:4],
    "callback: time": CALLBACK[:5],
    "callback: summary": CALLBACK,
    "callback: booked": (*CALLBACK, "ja"),
    "search: topic asked": ("Ich suche einen Kurs",),
    "search: place asked": ("Ich suche einen Pflegekurs",),
    "search: results": ("Ich suche einen Pflegekurs in Krefeld",),
    "search: page 2": ("Ich suche einen Pflegekurs in Krefeld", "mehr anzeigen"),
    "search: details": ("Ich suche einen Pflegekurs in Krefeld", "Details zum zweiten"),
    "search: nothing found": ("Ich suche einen Kurs für Unterwasserbasketball in Korbach",),
    "eligibility: first question": ("Habe ich Anspruch auf einen Bildungsgutschein?",),
    "eligibility: second question": ("Habe ich Anspruch auf einen Bildungsgutschein?", "ich bin arbeitslos"),
    "eligibility: bildungsurlaub": ("Kann ich Bildungsurlaub bekommen?", "ich bin angestellt"),
    "eligibility: result": (
        "Kann ich Bildungsurlaub bekommen?",
        "ich bin angestellt",
        "Nordrhein-Westfalen",
        "seit 3 Jahren",
        "wir sind 5 Leute",
        "berufliche Weiterbildung",
    ),
    "fallback: did you mean": ("blablub",),
    "handover": ("Ich möchte mit einem Menschen sprechen",),
    "privacy": ("Was passiert mit meinen Daten?",),
    "privacy: deletion confirmation": ("Bitte löschen Sie meine Daten",),
    "privacy: deletion during a callback": (*CALLBACK[:3], "Bitte löschen Sie meine Daten"),
    "search: bare course word": ("Staplerschein",),
}
NONSENSE = ["blablub", "xyzzy", "asdf jklö", "???", "...", "😀", "1", "0", "ääää", "a" * 300, "<b></b>x", "null"]
OUT_OF_CONTEXT = [
    "/affirm",
    "/deny",
    "/greet",
    "/stop",
    "/restart",
    "/show_more",
    "/search_course",
    "/request_callback",
    "/request_human",
    "/ask_funding_overview",
    "/ask_counselling",
    "/out_of_scope",
    '/course_details{"ordinal":"3"}',
    '/ask_funding_programme{"programme":"bildungsurlaub"}',
    "ja",
    "nein",
    "weiß nicht",
    "Neustart",
    "abbrechen",
    "Danke",
    "Tschüss",
    "Bist du ein Bot?",
    "Was kostet ein Bildungsgutschein?",
    "Ich suche einen Excel-Kurs in Moers",
    "Habe ich Anspruch auf Aufstiegs-BAföG?",
    "WL-ABC123 absagen",
    "Zeig mir meine Angaben",
    "mehr",
    "der erste",
    "lieber online",
    "Hanna Schmidt",
    "0151 1234567",
    "morgen um 10",
    "Wo ist die nächste Beratungsstelle?",
    "English please",
    "Deutsch bitte",
]
messages = st.one_of(
    st.sampled_from(NONSENSE),
    st.sampled_from(OUT_OF_CONTEXT),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40),
)


REPORT: dict = {"states": {}, "turns": 0, "slowest_turn_s": 0.0, "slowest_root_s": 0.0}


@pytest.fixture(scope="module", autouse=True)
def write_report() -> Iterator[None]:
    yield
    out = ROOT / "results" / "dialogue_fuzz.json"
    out.parent.mkdir(exist_ok=True)
    REPORT["explored_states"] = len(REPORT["states"])
    out.write_text(json.dumps(REPORT, indent=2, ensure_ascii=False), encoding="utf-8")


def turn(bot: RunningBot, sender: str, message: str, state: str) -> None:
    root = bot.rest_url.split("/webhooks/")[0] + "/"
    started = time.monotonic()
    try:
        answer = bot.say(sender, message)
    except OSError as error:  # a frozen server: report the path, do not shrink against it
        raise AssertionError(f"no reply in state {state!r} to {message!r}: {error}") from None
    took = time.monotonic() - started
    REPORT["turns"] += 1
    REPORT["slowest_turn_s"] = max(REPORT["slowest_turn_s"], round(took, 3))
    texts = [m.get("text") for m in answer if (m.get("text") or "").strip()]
    assert texts, f"no answer in state {state!r} to {message!r}"
    assert took < TURN_SECONDS, f"{took:.1f} s in state {state!r} for {message!r}"
    started = time.monotonic()
    with urllib.request.urlopen(root, timeout=5) as response:
        assert response.status == 200
    REPORT["slowest_root_s"] = max(REPORT["slowest_root_s"], round(time.monotonic() - started, 3))


@pytest.mark.parametrize("state", sorted(PATHS))
def test_every_state_survives_anything_a_citizen_sends_next(bot: RunningBot, state: str) -> None:
    examples = int(os.environ.get("LOTSE_FUZZ_EXAMPLES_PER_STATE", "5"))

    # No shrinking: after a freeze every further example fails too, and shrinking would wait on
    # timeouts for many minutes. The failing path is in the assertion message.
    @settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        phases=(Phase.explicit, Phase.reuse, Phase.generate),
    )
    @given(sequence=st.lists(messages, min_size=1, max_size=STEPS))
    def any_next_message_is_answered(sequence: list[str]) -> None:
        sender = f"fuzz-{uuid.uuid4().hex}"
        said: list[str] = []
        for message in [*PATHS[state], *sequence]:
            said.append(message)
            turn(bot, sender, message, f"{state} after {said[:-1]}")
        REPORT["states"][state] = REPORT["states"].get(state, 0) + 1

    any_next_message_is_answered()
