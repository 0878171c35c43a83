"""Fail when NLU quality on the held-out test set drops below the thresholds stated in the README."""

from __future__ import annotations

import json
import sys
from pathlib import Path

INTENT_ACCURACY_MIN = 0.93
ENTITY_F1_MIN = 0.88
# The trained entity extractor in config.yml. The rule-based situation extractor replaces its
# values for the situation entities (employment_status, age, company_size …:
# components/situation_extractor.py); those types are scored by their own tests
# (tests/bot/nlp/test_situation.py), not here, because the held-out set does not annotate them
# the way the rules read them. The time extractor has its own tests too.
ENTITY_EXTRACTOR = "CRFEntityExtractor"
SITUATION_EXTRACTOR = "SituationExtractor"
_AVERAGES = ("micro avg", "macro avg", "weighted avg", "accuracy")


def entity_micro_f1(report: dict, without: set[str]) -> float:
    """Micro F1 of ``report`` over its entity types except ``without``."""
    true_pos = predicted = gold = 0.0
    for entity, row in report.items():
        if entity in _AVERAGES or entity in without or not isinstance(row, dict):
            continue
        hits = row["recall"] * row["support"]
        true_pos += hits
        gold += row["support"]
        predicted += hits / row["precision"] if row["precision"] else 0.0
    precision = true_pos / predicted if predicted else 0.0
    recall = true_pos / gold if gold else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def situation_types(report: dict) -> set[str]:
    """The entity types the situation extractor produces on the held-out set."""
    return {t for t, row in report.items() if t not in _AVERAGES and isinstance(row, dict)
            and (row["precision"] or row["recall"])}  # fmt: skip


def main(results: Path) -> int:
    intents = json.loads((results / "intent_report.json").read_text())
    entities = json.loads((results / f"{ENTITY_EXTRACTOR}_report.json").read_text())
    situation = results / f"{SITUATION_EXTRACTOR}_report.json"
    owned = situation_types(json.loads(situation.read_text())) if situation.is_file() else set()
    accuracy = intents["accuracy"]
    entity_f1 = entity_micro_f1(entities, owned)
    worst = sorted(
        ((name, r["f1-score"], r["support"]) for name, r in intents.items() if isinstance(r, dict) and "support" in r
         and name not in ("micro avg", "macro avg", "weighted avg")),
        key=lambda row: row[1],
    )[:5]
    print(f"Intent-Genauigkeit: {accuracy:.3f} (mindestens {INTENT_ACCURACY_MIN})")
    print(f"Entitäten-F1 ({ENTITY_EXTRACTOR}, micro, ohne {', '.join(sorted(owned)) or '–'}): "
          f"{entity_f1:.3f} (mindestens {ENTITY_F1_MIN})")
    print("Schwächste Intents: " + ", ".join(f"{n} {f:.2f} (n={s})" for n, f, s in worst))
    failed = accuracy < INTENT_ACCURACY_MIN or entity_f1 < ENTITY_F1_MIN
    if failed:
        print("NLU-Qualität unter der Schwelle. Details: " + str(results), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1])))
