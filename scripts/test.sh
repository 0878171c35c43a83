#!/usr/bin/env bash
# `make test`: the whole quality gate, in the order that fails fastest.
#  1 ruff and mypy (pyproject.toml [tool.mypy])  2 pytest (domain core, actions on a real SQLite DB)  3 rasa data validate --fail-on-warnings
#  4 train (only if data changed)  5 conversation tests (--fail-on-prediction-errors)
#  6 NLU gate on the held-out set  7 end-to-end tests against the running bot (REST, widget)
# Integration tests read service URLs from the environment (see .ci/run); without them they are
# skipped and pytest lists which and why.
set -euo pipefail
cd "$(dirname "$0")/.."
# RASA_TELEMETRY_ENABLED=false: Rasa would otherwise send usage data and crash reports abroad (DSGVO).
export TF_CPP_MIN_LOG_LEVEL=3 PYTHONWARNINGS=ignore SQLALCHEMY_SILENCE_UBER_WARNING=1 RASA_TELEMETRY_ENABLED=false
started=$(date +%s)
step() { printf '\n\033[1m==> [%s s] %s\033[0m\n' "$(( $(date +%s) - started ))" "$*"; }

step "Set-up"
bash scripts/setup.sh

step "1/7 lint and types: ruff, mypy"
.venv/bin/ruff check .
.venv/bin/mypy

step "2/7 pytest: domain core and actions"
.venv/bin/pytest -q --ignore=tests/e2e --ignore=tests/widget --ignore=tests/stack/test_replicas.py

step "3/7 rasa data validate --fail-on-warnings"
mkdir -p results
if ! .venv/bin/rasa data validate --fail-on-warnings --config config.yml --domain domain.yml --data data \
    > results/validate.log 2>&1; then
  grep -vE "DeprecationWarning|declare_namespace|pkg_resources|xla_computation" results/validate.log | tail -n 40
  echo "rasa data validate meldet Fehler oder Warnungen (siehe oben)."; exit 1
fi
echo "Trainingsdaten und Domain sind ohne Warnungen."

step "4/7 train (only when config, domain or data changed)"
MODEL=$(.venv/bin/python scripts/train.py | tail -n 1)

step "5/7 conversation tests"
rm -rf results/conversations
if ! .venv/bin/rasa test core --model "$MODEL" --stories tests/conversations --fail-on-prediction-errors \
    --out results/conversations --no-plot > results/conversations.log 2>&1; then
  tail -n 30 results/conversations.log
  cat results/conversations/failed_test_stories.yml 2>/dev/null | head -n 80
  echo "Gesprächstests fehlgeschlagen."; exit 1
fi
grep -E "Correct:|Accuracy:" results/conversations.log | head -n 4 || true

step "6/7 NLU quality gate on the held-out set (tests/nlu, never trained on)"
rm -rf results/nlu
.venv/bin/rasa test nlu --model "$MODEL" --nlu tests/nlu --out results/nlu --no-plot > results/nlu.log 2>&1 \
  || { tail -n 30 results/nlu.log; exit 1; }
.venv/bin/python scripts/nlu_gate.py results/nlu

step "7/7 end-to-end: the running bot over REST, the widget in headless Chromium, two replicas behind HAProxy"
LOTSE_MODEL="$MODEL" .venv/bin/pytest -q -rs tests/e2e tests/widget tests/stack/test_replicas.py
.venv/bin/python scripts/results_summary.py

step "Alle Prüfungen bestanden in $(( $(date +%s) - started )) s"
