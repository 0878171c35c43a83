"""Every sentence a citizen or advisor reads, kept as data in the folder ``wording/``.

One catalogue for the actions, the channels and the scripts (Rasa-free, so that channels and the
core can use it without the Rasa SDK). Each key has its German ``text``, where it helps a ``plain``
variant (einfache Sprache) and variants per language (ISO 639-1: ``en``, ``ar`` …) with a
``written`` record of who wrote and reviewed them. A key lives in exactly one file.

Why not domain responses: ``rasa data validate --fail-on-warnings`` (our quality gate) rejects every
response that no story or rule predicts, and messages chosen at run time by an action (form
questions, search results, error apologies) never are. ``domain.yml`` keeps only the responses that
stories and rules predict.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

WORDING_DIR = Path(__file__).resolve().parent.parent / "wording"


def files() -> tuple[Path, ...]:
    return tuple(sorted(WORDING_DIR.glob("*.yml")))


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, Any]]:
    merged: dict[str, dict[str, Any]] = {}
    for path in files():
        with path.open(encoding="utf-8") as handle:
            entries = yaml.safe_load(handle) or {}
        twice = set(merged) & set(entries)
        if twice:
            raise ValueError(f"wording/{path.name}: keys already in the wording catalogue: {sorted(twice)}")
        merged.update(entries)
    return merged


def render(
    key: str,
    plain: bool = False,
    buttons: list[dict[str, str]] | None = None,
    language: str | None = None,
    **values: Any,
) -> dict[str, Any]:
    """The message for ``key`` with ``values`` filled in: {"text": ..., "buttons": [...]}.

    ``buttons`` come first, before the catalogue's own: they are the choices an action found at
    run time (places, topics), the catalogue's are the standing ones. ``language`` (ISO 639-1)
    picks the entry's variant in that language where it has one, else the German text.
    """
    entry = catalogue()[key]
    if language and language != "de" and entry.get(language):
        text = entry[language]
    else:
        text = entry.get("plain") if plain and entry.get("plain") else entry["text"]
    message: dict[str, Any] = {"text": text.format(**values).strip()}
    found = list(buttons or []) + [
        {"title": (b.get(language) or b["title"]).format(**values), "payload": b["payload"].format(**values)}
        for b in entry.get("buttons") or []
    ]
    if found:
        message["buttons"] = found
    return message


def text(key: str, plain: bool = False, language: str | None = None, **values: Any) -> str:
    """Only the sentence of ``key`` (for channels, mails and the advisors' app)."""
    return str(render(key, plain=plain, language=language, **values)["text"])
