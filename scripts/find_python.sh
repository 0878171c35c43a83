#!/usr/bin/env bash
# Prints the path of a working Python 3.10 interpreter, or explains what to install.
# Rasa 3.6 runs on Python 3.10 only (it refuses 3.11), so we look for exactly that.
# Order: $LOTSE_PYTHON, a python3.10 on PATH, pyenv's newest 3.10.x, ~/.pyenv/versions/3.10.*.
set -u

works() {  # a pyenv shim on PATH exists but fails unless PYENV_VERSION is set: test it really runs
  "$1" -c 'import sys, venv; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' >/dev/null 2>&1
}

if [ -n "${LOTSE_PYTHON:-}" ] && works "$LOTSE_PYTHON"; then echo "$LOTSE_PYTHON"; exit 0; fi

if command -v python3.10 >/dev/null 2>&1; then
  candidate=$(command -v python3.10)
  if works "$candidate"; then
    # resolve a pyenv shim to the real interpreter so the venv does not depend on the shim
    real=$("$candidate" -c 'import sys; print(sys.executable)' 2>/dev/null)
    echo "${real:-$candidate}"; exit 0
  fi
fi

if command -v pyenv >/dev/null 2>&1; then
  for v in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.10(\.[0-9]+)?$' | sort -t. -k3 -n -r); do
    prefix=$(pyenv prefix "$v" 2>/dev/null) || continue
    if works "$prefix/bin/python3.10"; then echo "$prefix/bin/python3.10"; exit 0; fi
  done
fi

for candidate in $(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.10.*/bin/python3.10 2>/dev/null | sort -r); do
  if works "$candidate"; then echo "$candidate"; exit 0; fi
done

cat >&2 <<'MSG'
Python 3.10 wurde nicht gefunden. Rasa 3.6 braucht genau Python 3.10.
Python 3.10 was not found. Rasa 3.6 needs exactly Python 3.10. Install one of:
  - Debian/Ubuntu:  apt-get install python3.10 python3.10-venv   (where the release ships it)
  - pyenv:          pyenv install 3.10.13
  - or point LOTSE_PYTHON at a Python 3.10 interpreter:  LOTSE_PYTHON=/path/to/python3.10 make run
MSG
exit 1
