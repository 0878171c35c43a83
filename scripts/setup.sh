#!/usr/bin/env bash
# Idempotent set-up: virtual environment in .venv, pinned dependencies, the German spaCy pipeline.
# Fast the second time: each step is skipped when its inputs (by content hash) are unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VENV=$ROOT/.venv
STATE=$ROOT/.state
mkdir -p "$STATE"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
hash_of() { cat "$@" | sha256sum | cut -c1-16; }
# pip on these machines warns about every missing local index folder; keep real messages only
pip_q() { "$VENV/bin/python" -m pip "$@" 2> >(grep -v "is ignored: it is neither a file" >&2); }

if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; then
  PY=$(scripts/find_python.sh)
  say "Creating virtual environment .venv with $PY"
  rm -rf "$VENV"
  "$PY" -m venv "$VENV"
  rm -f "$STATE/deps.hash"
fi

deps_hash=$(hash_of requirements.lock pyproject.toml)
if [ "$(cat "$STATE/deps.hash" 2>/dev/null)" != "$deps_hash" ]; then
  say "Installing pinned dependencies (requirements.lock); the first time takes about 3 minutes"
  start=$(date +%s)
  pip_q install --quiet --upgrade "pip==23.3.2" "setuptools==70.3.0" "wheel==0.42.0"
  pip_q install --quiet --no-deps -r requirements.lock
  pip_q install --quiet --no-deps --no-build-isolation -e .
  pip_q check >/dev/null || { pip_q check; exit 1; }
  echo "$deps_hash" > "$STATE/deps.hash"
  say "Dependencies installed in $(( $(date +%s) - start )) s"
fi

# The German spaCy pipeline: de_core_news_sm when installed, else the project's own build.
"$VENV/bin/python" -m bot.nlp.spacy_pipeline models/spacy-de
