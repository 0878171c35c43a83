"""scripts/train.py: the model's fingerprint covers the Rasa patches that training installs."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import rasa_ext

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "train.py"


def test_the_fingerprint_names_every_patch_installed_for_training() -> None:
    spec = importlib.util.spec_from_file_location("lotse_train_under_test", SCRIPT)
    assert spec and spec.loader
    train = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(train)
    training = {patch.name for patch in rasa_ext.REGISTRY if "training" in patch.processes}
    assert set(train.TRAINING_PATCHES) == training
    assert all((SCRIPT.parents[1] / "rasa_ext" / f"{name}.py").is_file() for name in train.TRAINING_PATCHES)
