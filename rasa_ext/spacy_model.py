"""One spaCy pipeline per process, however many graph nodes ask for it.

Rasa's prediction graph has two ``SpacyNLP`` nodes (one provides the pipeline to the tokenizer,
one to the featurizers) and each calls ``SpacyNLP.load_model``, which runs ``spacy.load`` again:
1.3 s per call with the lookup lemmatizer's tables, at every start of every Rasa replica
(cProfile of ``Agent.load``, 2026-11-23). The pipeline is only read when messages are parsed, so
both nodes can share one. Keyed by the name or path in config.yml; a changed config loads anew.
"""

from __future__ import annotations

from functools import lru_cache

from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP

from rasa_ext.patching import replace

_load_uncached = SpacyNLP.load_model


@lru_cache(maxsize=4)
def load_model(spacy_model_name: str) -> SpacyModel:
    """``SpacyNLP.load_model``, remembered per model name (errors are not remembered)."""
    return _load_uncached(spacy_model_name)


def install() -> None:
    replace(SpacyNLP, "load_model", staticmethod(load_model))
