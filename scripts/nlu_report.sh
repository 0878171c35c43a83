#!/usr/bin/env bash
# `make nlu-report`: 5-fold cross-validation of the NLU pipeline on data/nlu, summarised in docs/nlu/.
# Five full NLU trainings: run it when nothing else trains. FOLDS=3 for a quicker look.
# The raw Rasa output (reports, error lists) stays in the printed /tmp directory; docs/nlu/ keeps
# README.md with the figures and the two plots.
set -euo pipefail
cd "$(dirname "$0")/.."
# RASA_TELEMETRY_ENABLED=false: Rasa would otherwise send usage data and crash reports abroad (DSGVO).
export TF_CPP_MIN_LOG_LEVEL=3 PYTHONWARNINGS=ignore SQLALCHEMY_SILENCE_UBER_WARNING=1 RASA_TELEMETRY_ENABLED=false
FOLDS=${FOLDS:-5}
out=$(mktemp -d /tmp/nlu-cv.XXXXXX)
command=(.venv/bin/rasa test nlu --nlu data/nlu --cross-validation --folds "$FOLDS" --config config.yml --out "$out")

echo "Kreuzvalidierung mit $FOLDS Folds, Ausgabe in $out (Log: $out/cv.log) ..."
started=$(date +%s)
if ! "${command[@]}" > "$out/cv.log" 2>&1; then
  grep -vE "DeprecationWarning|declare_namespace|pkg_resources|Epochs:" "$out/cv.log" | tail -n 40
  echo "rasa test nlu --cross-validation ist fehlgeschlagen (Log: $out/cv.log)." >&2
  exit 1
fi
seconds=$(( $(date +%s) - started ))

.venv/bin/python scripts/nlu_report.py "$out" --folds "$FOLDS" --seconds "$seconds" --docs docs/nlu \
  --command "${command[*]/#$out/<tmp>}"
