"""Base forms of German words, so that "Kurse", "Staplern" and "Erzieherinnen" find their singular.

The lemma table is spaCy's German lookup table from ``spacy-lookups-data`` (355,000 word forms).
It is read straight from the package's gzipped JSON rather than through ``spacy.lookups``,
because importing spaCy pulls in TensorFlow and costs seconds per process; the table itself
loads in a fraction of a second, once, on first use. Where the table has no entry (compounds,
words typed without umlauts) a few conservative suffix rules take over.
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from pathlib import Path

import spacy_lookups_data

from bot.search.text import fold

#: Inflection endings, longest first, with what replaces them; applied to folded words only
#: when at least ``_MIN_STEM`` characters remain, so short words are never mangled.
_SUFFIX_RULES: tuple[tuple[str, str], ...] = (
    ("innen", "in"),
    ("ungen", "ung"),
    ("heiten", "heit"),
    ("keiten", "keit"),
    ("schaften", "schaft"),
    ("en", ""),
    ("es", ""),
    ("e", ""),
    ("rn", "r"),
    ("ln", "l"),
    ("s", ""),
)
_MIN_STEM = 5


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    """Lower-cased word form -> lemma. Loaded once per process."""
    # The package names "de_lemma_lookup.json" but ships it gzipped (spaCy's srsly adds ".gz").
    path = Path(str(spacy_lookups_data.de["lemma_lookup"]))
    gz = path.with_name(path.name + ".gz")
    with (gzip.open(gz, "rt", encoding="utf-8") if gz.is_file() else path.open(encoding="utf-8")) as fh:
        raw: dict[str, str] = json.load(fh)
    table: dict[str, str] = {}
    # Capitalised keys (nouns) come first so that "Kurse" -> "Kurs" wins over a verb reading.
    for form in sorted(raw, key=lambda k: not k[:1].isupper()):
        table.setdefault(form.lower(), raw[form])
    return table


def lemma(word: str) -> str | None:
    """The folded lemma of ``word`` (as typed, umlauts intact) or None when it is unknown."""
    found = _table().get(word.lower())
    if found is None:
        return None
    folded = fold(found)
    return folded or None


def stem(folded_word: str) -> str:
    """Strip one inflection ending from a folded word ("buchhaltungen" -> "buchhaltung")."""
    for suffix, replacement in _SUFFIX_RULES:
        if folded_word.endswith(suffix):
            candidate = folded_word[: len(folded_word) - len(suffix)] + replacement
            if len(candidate) >= _MIN_STEM:
                return candidate
    return folded_word
