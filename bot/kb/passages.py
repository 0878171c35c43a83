"""Every fact the bot may say about funding, as a passage with its programme, aspects, source and Stand.

Passages come from two reviewed places and nowhere else:

- the funding catalogue (``bot/funding/programmes.yaml``): each fact, each programme's summary
  and its "how to apply" text;
- the FAQ answers in ``domain.yml`` (``utter_faq/<key>``), which carry their own "(Stand: …;
  Quelle: …)"; ``kb.yaml`` says which programmes each is about.

A passage's aspects are tagged from its text (``aspects.yaml``), so a fact an editor adds is found
by the questions it answers without anyone touching the code.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.funding.model import ProgrammeData
from bot.kb.analysis import settings
from bot.kb.aspects import passage_aspects

DOMAIN = Path(__file__).resolve().parents[2] / "domain.yml"
_FAQ_STAND = re.compile(r"\(Stand: ([^;)]+)(?:; Quellen?: ([^)]+))?\)")
#: Kinds of passage: a sourced fact, a programme's summary, its application notes, a FAQ answer.
KINDS = ("fact", "summary", "how_to_apply", "faq")


@dataclass(frozen=True)
class Passage:
    key: str
    programmes: tuple[str, ...]
    kind: str
    text: str
    #: The source: a URL for facts; the FAQ's own "Quelle" or None.
    source: str | None
    #: Date of the source (ISO, any precision) or None ("ohne Datum").
    as_of: str | None
    #: The programme's Stand (ISO) — or, for a FAQ answer, the Stand it names, as written.
    stand: str | None
    uncertain: bool
    #: Only said to citizens of these states; empty = everyone.
    states: tuple[str, ...]
    aspects: frozenset[str]

    @property
    def programme(self) -> str | None:
        return self.programmes[0] if self.programmes else None

    def concerns(self, state: str | None) -> bool:
        return not self.states or state is None or state in self.states


def _programme_passages(p: ProgrammeData) -> list[Passage]:
    out: list[Passage] = []
    for i, fact in enumerate(p.facts):
        out.append(
            Passage(
                key=f"{p.slug}#{i}", programmes=(p.slug,), kind="fact", text=fact.text, source=fact.source,
                as_of=fact.as_of, stand=p.as_of, uncertain=fact.uncertain, states=fact.states,
                aspects=passage_aspects(fact.text),
            )
        )
    for kind, text in (("summary", p.summary), ("how_to_apply", p.how_to_apply)):
        if text:
            out.append(
                Passage(
                    key=f"{p.slug}#{kind}", programmes=(p.slug,), kind=kind, text=text, source=p.url, as_of=p.as_of,
                    stand=p.as_of, uncertain=False, states=(), aspects=passage_aspects(text),
                )
            )
    return out


def faq_passages(responses: Mapping[str, Any]) -> list[Passage]:
    """One passage per ``utter_faq/<key>`` response (its first, default text)."""
    programmes = settings().get("faq_programmes") or {}
    out: list[Passage] = []
    for name, variants in responses.items():
        if not name.startswith("utter_faq/") or not variants:
            continue
        key = name.split("/", 1)[1]
        text = str(variants[0].get("text") or "")
        stand = _FAQ_STAND.search(text)
        out.append(
            Passage(
                key=f"faq/{key}", programmes=tuple(programmes.get(key) or ()), kind="faq", text=text,
                source=stand.group(2) if stand and stand.group(2) else None, as_of=None,
                stand=stand.group(1) if stand else None, uncertain=False, states=(), aspects=passage_aspects(text),
            )
        )
    return out


#: The English FAQ answers' own date and sources ("(As of: December 2026; sources: § 3 and § 5 AWbG NRW …)").
FAQ_STAND_EN = re.compile(r"\(As of: ([^;)]+)(?:; [Ss]ources?: ([^)]+))?\)")


def faq_english(responses: Mapping[str, Any]) -> dict[str, str]:
    """Passage key ("faq/bildungsurlaub") -> the English variant of its ``utter_faq`` response (the one
    with the condition language = en), for the facts said in an English conversation (issue 21)."""
    out: dict[str, str] = {}
    for name, variants in responses.items():
        if not name.startswith("utter_faq/"):
            continue
        for variant in variants or ():
            conditions = variant.get("condition") or ()
            if any(c.get("name") == "language" and c.get("value") == "en" for c in conditions) and variant.get("text"):
                out[f"faq/{name.split('/', 1)[1]}"] = str(variant["text"])
                break
    return out


def domain_responses(path: Path = DOMAIN) -> dict[str, Any]:
    """The ``responses`` of domain.yml, or {} where the bot runs without it (FAQ passages then absent)."""
    if not path.is_file():
        return {}
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("responses") or {}


def build_passages(catalogue: Sequence[ProgrammeData], responses: Mapping[str, Any]) -> list[Passage]:
    passages = [passage for programme in catalogue for passage in _programme_passages(programme)]
    return passages + faq_passages(responses)
