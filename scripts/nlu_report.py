"""Summarise a Rasa NLU cross-validation run as docs/nlu/README.md plus its plots.

Called by scripts/nlu_report.sh. Rasa prints the per-fold mean and standard deviation only to its
log ("test Accuracy: 0.950 (0.010)"); the JSON reports it writes hold the test folds pooled, which
is what the weakest-intent and weakest-entity lists are built from.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
from collections import defaultdict
from datetime import datetime
from pathlib import Path

from nlu_gate import ENTITY_EXTRACTOR  # scripts/ is on sys.path when a script in it runs

PLOTS = ("intent_confusion_matrix.png", "intent_histogram.png")
_AVERAGES = frozenset({"accuracy", "micro avg", "macro avg", "weighted avg"})
_SECTIONS = {
    "Intent evaluation results": "Intents",
    "Entity evaluation results": "Entitäten",
    "Response Selection evaluation results": "Antwortauswahl (FAQ/Smalltalk)",
}
_METRIC = re.compile(r"\b(?P<split>train|test) (?P<name>[A-Za-z0-9-]+): (?P<mean>\d+\.\d+) \((?P<std>\d+\.\d+)\)")
_EXTRACTOR = re.compile(r"Entity extractor: (?P<name>\S+)")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")

# {section (with extractor for entities): {metric: {"train"|"test": (mean, std)}}}
FoldMetrics = dict[str, dict[str, dict[str, tuple[float, float]]]]


def fold_metrics(log: str) -> FoldMetrics:
    """Mean and standard deviation over the folds, as Rasa logs them after "CV evaluation"."""
    found: FoldMetrics = defaultdict(lambda: defaultdict(dict))
    _, marker, tail = _ANSI.sub("", log).partition("CV evaluation")
    section = ""
    for line in tail.splitlines() if marker else []:
        title = next((name for key, name in _SECTIONS.items() if key in line), None)
        if title:
            section = title
        elif extractor := _EXTRACTOR.search(line):
            section = f"{_SECTIONS['Entity evaluation results']} ({extractor['name']})"
        elif (metric := _METRIC.search(line)) and section:
            found[section][metric["name"]][metric["split"]] = (float(metric["mean"]), float(metric["std"]))
    return found


def weakest(report: dict, count: int) -> list[tuple[str, dict]]:
    """The labels with the lowest F1 (then the most examples) from a pooled Rasa report."""
    rows = [(name, row) for name, row in report.items() if name not in _AVERAGES and isinstance(row, dict)]
    return sorted(rows, key=lambda item: (item[1]["f1-score"], -item[1]["support"]))[:count]


def _confused(row: dict) -> str:
    pairs = sorted((row.get("confused_with") or {}).items(), key=lambda kv: -kv[1])[:2]
    return ", ".join(f"{name} ({n}×)" for name, n in pairs) or "–"


def _metrics_table(metrics: FoldMetrics) -> list[str]:
    lines = ["| Bereich | Kennzahl | Test: Mittel ± Std | Training: Mittel ± Std |", "|---|---|---|---|"]
    for section, by_name in metrics.items():
        for name, splits in by_name.items():
            cells = [f"{splits[s][0]:.3f} ± {splits[s][1]:.3f}" if s in splits else "–" for s in ("test", "train")]
            lines.append(f"| {section} | {name} | {cells[0]} | {cells[1]} |")
    return lines


def _git_revision(repo: Path) -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=repo, capture_output=True, text=True)
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "data/nlu", "config.yml"], cwd=repo, capture_output=True, text=True
        )
    except OSError:
        return "unbekannt"
    revision = head.stdout.strip() or "unbekannt"
    return f"{revision} (mit lokalen Änderungen an data/nlu oder config.yml)" if dirty.stdout.strip() else revision


def render(results: Path, metrics: FoldMetrics, folds: int, seconds: int, command: str, revision: str) -> str:
    """The README text: when and how it was made, the fold figures, the weakest labels, the plots."""
    intents = json.loads((results / "intent_report.json").read_text())
    entity_file = results / f"{ENTITY_EXTRACTOR}_report.json"
    entities = json.loads(entity_file.read_text()) if entity_file.exists() else {}
    examples = intents.get("weighted avg", {}).get("support", 0)
    lines = [
        "# NLU-Qualität: Kreuzvalidierung",
        "",
        f"Erzeugt am {datetime.now():%d.%m.%Y %H:%M} mit `make nlu-report` (`bash scripts/nlu_report.sh`), "
        f"Stand {revision}, Dauer {seconds // 60} min {seconds % 60} s.",
        "",
        "```bash",
        command,
        "```",
        "",
        f"{folds}-fache stratifizierte Kreuzvalidierung auf den Trainingsdaten `data/nlu` ({examples} Beispiele; "
        "Intents mit weniger Beispielen als Folds lässt Rasa weg). Das ergänzt das Gate in `make test`, das auf "
        "dem nie trainierten Testsatz `tests/nlu/test_nlu.yml` misst: hier sieht man, wie stabil die "
        "Pipeline über verschiedene Aufteilungen ist.",
        "",
        f"## Kennzahlen je Fold (Mittel ± Standardabweichung über {folds} Folds)",
        "",
        *_metrics_table(metrics),
        "",
        "## Schwächste Intents (Test-Folds zusammengefasst)",
        "",
        "| Intent | F1 | Precision | Recall | Beispiele | meist verwechselt mit |",
        "|---|---|---|---|---|---|",
        *(
            f"| {name} | {r['f1-score']:.2f} | {r['precision']:.2f} | {r['recall']:.2f} | {r['support']} "
            f"| {_confused(r)} |"
            for name, r in weakest(intents, 8)
        ),
        "",
        f"## Entitäten ({ENTITY_EXTRACTOR}, Test-Folds zusammengefasst)",
        "",
        "| Entität | F1 | Precision | Recall | Vorkommen |",
        "|---|---|---|---|---|",
        *(
            f"| {name} | {r['f1-score']:.2f} | {r['precision']:.2f} | {r['recall']:.2f} | {r['support']} |"
            for name, r in weakest(entities, len(entities))
        ),
        "",
        "## Bilder",
        "",
        "Konfusionsmatrix der Intents (Zeilen: richtiger Intent, Spalten: vorhergesagter):",
        "",
        "![Konfusionsmatrix der Intents](intent_confusion_matrix.png)",
    ]
    if (results / "intent_histogram.png").exists():
        lines += [
            "",
            "Konfidenz richtiger (links) und falscher (rechts) Vorhersagen:",
            "",
            "![Konfidenz-Histogramm](intent_histogram.png)",
        ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", type=Path, help="the --out directory of rasa test nlu --cross-validation")
    parser.add_argument("--log", type=Path, help="Rasa's log of the run (default: RESULTS/cv.log)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=0)
    parser.add_argument("--command", default="rasa test nlu --cross-validation")
    parser.add_argument("--docs", type=Path, default=Path("docs/nlu"))
    args = parser.parse_args()
    metrics = fold_metrics((args.log or args.results / "cv.log").read_text(errors="replace"))
    if not metrics:
        raise SystemExit(f"Keine Fold-Kennzahlen im Log gefunden ({args.log or args.results / 'cv.log'}).")
    args.docs.mkdir(parents=True, exist_ok=True)
    for plot in PLOTS:
        if (args.results / plot).exists():
            shutil.copyfile(args.results / plot, args.docs / plot)
    revision = _git_revision(Path(__file__).resolve().parents[1])
    readme = render(args.results, metrics, args.folds, args.seconds, args.command, revision)
    (args.docs / "README.md").write_text(readme)
    print(f"{args.docs / 'README.md'} geschrieben.")


if __name__ == "__main__":
    main()
