"""The cross-validation summary: the figures in docs/nlu/README.md come from Rasa's log and reports."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "nlu_report.py"

# The shape Rasa 3.6 logs after `rasa test nlu --cross-validation` (rasa.model_testing, rasa.nlu.test).
LOG = """\
2026-11-22 21:40:00 INFO     rasa.nlu.test  - train Accuracy: 0.100 (0.900)
2026-11-22 21:40:01 INFO     rasa.model_testing  - CV evaluation (n=5)
2026-11-22 21:40:01 INFO     rasa.model_testing  - Intent evaluation results
2026-11-22 21:40:01 INFO     rasa.nlu.test  - train Accuracy: 1.000 (0.000)
2026-11-22 21:40:01 INFO     rasa.nlu.test  - test Accuracy: 0.921 (0.011)
2026-11-22 21:40:01 INFO     rasa.nlu.test  - test F1-score: 0.919 (0.012)
2026-11-22 21:40:01 INFO     rasa.model_testing  - Entity evaluation results
2026-11-22 21:40:01 INFO     rasa.nlu.test  - Entity extractor: DIETClassifier
2026-11-22 21:40:01 INFO     rasa.nlu.test  - train F1-score: 0.990 (0.001)
2026-11-22 21:40:01 INFO     rasa.nlu.test  - Entity extractor: DIETClassifier
2026-11-22 21:40:01 INFO     rasa.nlu.test  - test F1-score: 0.890 (0.020)
"""


def load_script() -> ModuleType:
    if str(SCRIPT.parent) not in sys.path:  # as when the script runs: its own folder is importable
        sys.path.insert(0, str(SCRIPT.parent))
    spec = importlib.util.spec_from_file_location("nlu_report", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_fold_figures_are_read_only_after_the_cv_summary() -> None:
    metrics = load_script().fold_metrics(LOG)
    assert metrics["Intents"]["Accuracy"] == {"train": (1.0, 0.0), "test": (0.921, 0.011)}
    assert metrics["Entitäten (DIETClassifier)"]["F1-score"] == {"train": (0.99, 0.001), "test": (0.89, 0.02)}


def test_readme_lists_fold_figures_and_the_weakest_intent_first(tmp_path: Path) -> None:
    report = load_script()
    row = {"precision": 1.0, "recall": 1.0, "f1-score": 1.0, "support": 20, "confused_with": {}}
    weak = {"precision": 0.8, "recall": 0.5, "f1-score": 0.62, "support": 8, "confused_with": {"inform": 3}}
    intents = {"greet": row, "deny": weak, "accuracy": 0.9, "weighted avg": {**row, "support": 28}}
    (tmp_path / "intent_report.json").write_text(json.dumps(intents))
    (tmp_path / f"{report.ENTITY_EXTRACTOR}_report.json").write_text(json.dumps({"place": row, "micro avg": row}))
    readme = report.render(tmp_path, report.fold_metrics(LOG), 5, 1830, "rasa test nlu", "abc1234")
    assert "| Intents | Accuracy | 0.921 ± 0.011 | 1.000 ± 0.000 |" in readme
    assert "| deny | 0.62 | 0.80 | 0.50 | 8 | inform (3×) |" in readme.split("## Schwächste Intents")[1].splitlines()[4]
    assert "| place | 1.00 |" in readme and "micro avg" not in readme
    assert "Dauer 30 min 30 s" in readme
