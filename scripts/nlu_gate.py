"""Fail when NLU quality on the held-out test set drops below the thresholds stated in the README."""

from __future__ import annotations

import json
import sys
from pathlib import Path

INTENT_ACCURACY_MIN = 0.93
ENTITY_F1_MIN = 0.88
# The trained entity extractor in config.yml; the rule-based time extractor has its own tests.
ENTITY_EXTRACTOR = "CRFEntityExtractor"


def main(results: Path) -> int:
    intents = json.loads((results / "intent_report.json").read_text())
    entities = json.loads((results / f"{ENTITY_EXTRACTOR}_report.json").read_text())
    accuracy = intents["accuracy"]
    entity_f1 = entities["micro avg"]["f1-score"]
    worst = sorted(
        ((name, r["f1-score"], r["support"]) for name, r in intents.items() if isinstance(r, dict) and "support" in r
         and name not in ("micro avg", "macro avg", "weighted avg")),
        key=lambda row: row[1],
    )[:5]
    print(f"Intent-Genauigkeit: {accuracy:.3f} (mindestens {INTENT_ACCURACY_MIN})")
    print(f"Entitäten-F1 ({ENTITY_EXTRACTOR}, micro): {entity_f1:.3f} (mindestens {ENTITY_F1_MIN})")
    print("Schwächste Intents: " + ", ".join(f"{n} {f:.2f} (n={s})" for n, f, s in worst))
    failed = accuracy < INTENT_ACCURACY_MIN or entity_f1 < ENTITY_F1_MIN
    if failed:
        print("NLU-Qualität unter der Schwelle. Details: " + str(results), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1])))
