"""The held-out NLU test set stays independent of the training data."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]+\)|\{[^}]+\})")
_NON_WORD = re.compile(r"[^a-zäöüß0-9 ]")


def _examples(paths: list[Path]) -> list[tuple[str, str]]:
    out = []
    for path in paths:
        for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            if "intent" not in item:
                continue
            for line in item["examples"].splitlines():
                text = _ANNOTATION.sub(r"\1", line.strip()[2:])
                out.append((item["intent"], _NON_WORD.sub("", text.lower()).strip()))
    return out


def test_no_test_message_appears_in_training_data() -> None:
    train = {text for _, text in _examples(sorted((ROOT / "data" / "nlu").rglob("*.yml")))}
    test = _examples([ROOT / "tests" / "nlu" / "test_nlu.yml"])
    assert len(test) >= 300
    assert [text for _, text in test if text in train] == []
