"""English is complete: every sentence a German-speaking citizen can get has its English text, in the
wording catalogue (``en:``, with English button titles) and among the domain responses (a variant
with ``condition: language = en``), each marked as drafted and not reviewed by a native speaker."""

from __future__ import annotations

import re
import string

import pytest
import yaml

from bot.wording import catalogue, render

# Language-neutral keys: only placeholders and punctuation around German course or programme data,
# or the reply to "Deutsch bitte", which is German on purpose.
NEUTRAL = {
    "course_card", "kb_programme", "kb_fact_line", "kb_fact_line_personal", "kb_office_of_state", "eligibility_verdict",
    "language_german",
}
# Words that give away a German sentence (formal address, the commonest function words).
GERMAN = re.compile(r"\b(Sie|Ihr|Ihre|Ihnen|ich|und|oder|nicht|bitte|Bitte|Kurs|Kurse|haben|können)\b")


def citizen_keys() -> list[str]:
    """Keys a citizen can read: every catalogue entry except the advisors' own (no ``en`` needed)."""
    return sorted(k for k, v in catalogue().items() if k not in NEUTRAL and v.get("audience") != "advisor")


def fill(entry: dict) -> dict[str, str]:
    """A value for every placeholder of the entry (texts, button titles and payloads)."""
    templates = [entry["text"], entry["en"]] + [v for b in entry.get("buttons") or [] for v in b.values()]
    return {name: "X" for t in templates for _, name, _, _ in string.Formatter().parse(t) if name}


def words_outside_placeholders(template: str) -> list[str]:
    literal = " ".join(text for text, _, _, _ in string.Formatter().parse(template))
    return re.sub(r"[^A-Za-zÄÖÜäöüß]+", " ", literal).split()


@pytest.mark.parametrize("key", citizen_keys())
def test_every_citizen_answer_has_its_english_text(key: str) -> None:
    entry = catalogue()[key]
    assert entry.get("en"), f"wording key {key} has no en: text"
    assert "Nicht muttersprachlich geprüft" in (entry.get("written") or {}).get("en", "") or "geprüft" in str(
        entry.get("written")
    ), f"wording key {key}: en: text without its written: record"
    if isinstance(entry["en"], dict):  # a table of phrases (intent descriptions)
        assert set(entry["en"]) == set(entry["text"])
        return
    shown = render(key, language="en", **fill(entry))
    assert shown["text"] != render(key, **fill(entry))["text"]
    assert not GERMAN.search(re.sub(r"„[^“]*“", "", shown["text"])), shown["text"]
    german_titles = [b["title"] for b in entry.get("buttons") or []]
    english_titles = [b["title"] for b in shown.get("buttons") or []]
    assert not set(german_titles) & set(english_titles) - {"Bildungsgutschein"}, english_titles


def test_the_neutral_keys_really_have_no_german_sentence() -> None:
    for key in NEUTRAL - {"language_german"}:
        words = words_outside_placeholders(catalogue()[key]["text"])
        assert words in ([], ["Start"]), (key, words)


def domain_responses() -> dict[str, list[dict]]:
    with open("domain.yml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)["responses"]


@pytest.mark.parametrize("name", sorted(domain_responses()))
def test_every_domain_response_has_an_english_variant(name: str) -> None:
    english = [
        v
        for v in domain_responses()[name]
        if any(c.get("name") == "language" and c.get("value") == "en" for c in v.get("condition") or [])
    ]
    assert english, f"{name} has no variant for language = en"
    for variant in english:
        assert not GERMAN.search(re.sub(r"„[^“]*“", "", variant["text"])), variant["text"]
        for button in variant.get("buttons") or []:
            assert not GERMAN.search(button["title"]), button["title"]
