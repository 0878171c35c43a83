"""Provides the German spaCy pipeline that Rasa's ``SpacyNLP`` loads from ``models/spacy-de``.

``de_core_news_sm`` is used when it is installed (``pip install de_core_news_sm-3.4.0-py3-none-any.whl``
from the spaCy model releases). Where it cannot be had, we build our own from registry packages:
``spacy.blank("de")`` (German tokenizer rules) plus the lookup lemmatizer whose tables ship in
``spacy-lookups-data``. Nothing is downloaded, at build time or at run time.

The pipeline is rebuilt only when its source changes; ``source.txt`` in the target directory
records which one was used, and the training fingerprint includes it, so a model trained on one
pipeline is never served with the other.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import sys
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

# spaCy is imported only when a build is needed: importing it pulls in TensorFlow through thinc
# (seconds), and the usual case on a second run is "nothing to do".
BLANK_SOURCE = f"blank-de+lookups spacy=={version('spacy')} spacy-lookups-data=={version('spacy-lookups-data')}"


def wanted_source() -> str:
    if importlib.util.find_spec("de_core_news_sm") is not None:
        return f"de_core_news_sm=={version('de_core_news_sm')}"
    return BLANK_SOURCE


def build_blank_german() -> Language:
    import spacy

    nlp = spacy.blank("de")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()  # loads the German lookup table from spacy-lookups-data (installed package)
    nlp.meta["name"] = "lotse_de"
    nlp.meta["description"] = "Weiterbildungslotse: blank German tokenizer + lookup lemmatizer"
    return nlp


def ensure_pipeline(target: Path) -> str:
    """Make sure ``target`` holds the wanted pipeline; return a line saying which one."""
    source = wanted_source()
    stamp = target / "source.txt"
    if stamp.is_file() and stamp.read_text().strip() == source and (target / "config.cfg").is_file():
        return source
    if target.exists():
        shutil.rmtree(target)
    if source.startswith("de_core_news_sm"):
        import spacy

        nlp = spacy.load("de_core_news_sm")
    else:
        nlp = build_blank_german()
    nlp.to_disk(target)
    stamp.write_text(source + "\n")
    return source


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path, help="directory that config.yml names in SpacyNLP")
    args = parser.parse_args(argv)
    source = ensure_pipeline(args.target)
    print(f"spaCy-Pipeline: {source} in {args.target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
