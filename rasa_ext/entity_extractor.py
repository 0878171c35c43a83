"""Rasa's ``CRFEntityExtractor``, loaded from its trained CRF files instead of trained again.

Rasa 3.6 stores only the CRF's training data (``crf_dataset.json``) and trains the CRF anew every
time a model is loaded: 1.8 s of every Rasa replica's start-up on this machine (cProfile of
``Agent.load``, 2026-11-23), with the same result each time (L-BFGS on the same data). With
:func:`install`, the extractor also stores the files crfsuite writes in training, one per tag
(entity, role, group), and a load opens them. Training, features and predictions stay Rasa's.
A model trained without the files is loaded the Rasa way.

A patch rather than a subclass: Rasa's config validation and NLU evaluation know the extractor by
its class (warnings about missing entity extractors, the name of the report file).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import sklearn_crfsuite
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.crf_entity_extractor import CRFEntityExtractor, CRFToken
from rasa.shared.utils.io import read_json_file

from rasa_ext.patching import replace

_persist_dataset = CRFEntityExtractor.persist
_load_by_training = CRFEntityExtractor.load


def model_file(model_dir: Path, tag_name: str) -> Path:
    return model_dir / f"crf_{tag_name}.crfsuite"


def _opened(path: Path) -> sklearn_crfsuite.CRF:
    """A trained CRF from a crfsuite file, kept in the CRF's own temporary file (as after ``fit``)."""
    crf = sklearn_crfsuite.CRF(algorithm="lbfgs")
    crf.modelfile.ensure_name()
    shutil.copyfile(path, crf.modelfile.name)
    crf.tagger_  # noqa: B018 - open it now: a damaged file fails at start, not on a message
    return crf


def persist(self: CRFEntityExtractor, dataset: list[list[CRFToken]]) -> None:
    """Rasa's files plus the trained CRFs."""
    _persist_dataset(self, dataset)
    with self._model_storage.write_to(self._resource) as model_dir:
        for tag_name, tagger in (self.entity_taggers or {}).items():
            shutil.copyfile(tagger.modelfile.name, model_file(model_dir, tag_name))


def load(
    cls: type[CRFEntityExtractor],
    config: dict[str, Any],
    model_storage: ModelStorage,
    resource: Resource,
    execution_context: ExecutionContext,
    **kwargs: Any,
) -> CRFEntityExtractor:
    """The stored CRFs if the model has them, otherwise Rasa's load (which trains them)."""
    try:
        with model_storage.read_from(resource) as model_dir:
            crf_order = read_json_file(model_dir / "crf_order.json")
            files = {tag: model_file(model_dir, tag) for tag in crf_order}
            stored = all(path.is_file() for path in files.values())
            taggers = {tag: _opened(path) for tag, path in files.items()} if stored else None
    except ValueError:  # no such resource: Rasa's load warns and returns an untrained extractor
        taggers = None
    if taggers is None:
        return _load_by_training.__func__(cls, config, model_storage, resource, execution_context, **kwargs)
    extractor = cls(config, model_storage, resource, taggers)
    extractor.crf_order = crf_order
    return extractor


def install() -> None:
    replace(CRFEntityExtractor, "persist", persist)
    replace(CRFEntityExtractor, "load", classmethod(load))
