#!/usr/bin/env bash
# `make run`: set up if needed, create the demo offer database if missing, train if the training
# data changed, then start the action server, the Rasa server and the chat page. Ctrl-C stops all.
set -euo pipefail
cd "$(dirname "$0")/.."
# RASA_TELEMETRY_ENABLED=false: Rasa would otherwise send usage data and crash reports abroad (DSGVO).
export TF_CPP_MIN_LOG_LEVEL=3 PYTHONWARNINGS=ignore SQLALCHEMY_SILENCE_UBER_WARNING=1 RASA_TELEMETRY_ENABLED=false
bash scripts/setup.sh
.venv/bin/lotse db init
# Demo logins for the advisors' inbox, created once with random passwords (file mode 0600).
[ -f var/advisor-demo-zugang.txt ] || .venv/bin/lotse advisor demo-accounts
MODEL=$(.venv/bin/python scripts/train.py | tail -n 1)
exec .venv/bin/python scripts/serve.py --model "$MODEL"
