"""The archive of consent texts: which wording a stored consent version stands for.

A callback row stores when the citizen consented and the version of the text (``consent_at``,
``consent_version``). A version string alone proves nothing; ``consent_texts.yml`` keeps the exact
wording of every version (standard and plain language), so that the office can show what a
citizen agreed to, and the data export can include it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

ARCHIVE = Path(__file__).with_name("consent_texts.yml")


@dataclass(frozen=True)
class ConsentText:
    version: str
    text: str
    plain: str  # the plain-language variant ("einfache Sprache"), shown when the citizen asked for it


@lru_cache(maxsize=1)
def consent_texts() -> dict[str, ConsentText]:
    with ARCHIVE.open(encoding="utf-8") as handle:
        entries = yaml.safe_load(handle) or {}
    return {str(v): ConsentText(version=str(v), text=e["text"], plain=e["plain"]) for v, e in entries.items()}


def consent_text(version: str) -> ConsentText | None:
    """The archived wording of ``version``; None for a version nobody archived (a configuration error)."""
    return consent_texts().get(version)
