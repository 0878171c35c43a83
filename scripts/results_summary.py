"""Print what `make test` measured beyond pass/fail: the conversation fuzzer and the independent set."""

from __future__ import annotations

import json
import sys
from pathlib import Path

RESULTS = Path(__file__).resolve().parents[1] / "results"


def main() -> int:
    fuzz = RESULTS / "dialogue_fuzz.json"
    if fuzz.is_file():
        f = json.loads(fuzz.read_text(encoding="utf-8"))
        print(
            f"Gesprächs-Fuzzer: {f['explored_states']} Zustände, {f['turns']} Züge, langsamster Zug "
            f"{f['slowest_turn_s']} s, Server-Antwort währenddessen höchstens {f['slowest_root_s']} s"
        )
    independent = RESULTS / "independent.json"
    if independent.is_file():
        s = json.loads(independent.read_text(encoding="utf-8"))
        for key in ("overall", "german", "english"):
            v = s[key]
            print(f"Unabhängiger Satz, {key}: {v['passed']}/{v['items']} = {v['score']:.1%}")
        for name, v in s["category"].items():
            print(f"  {name:20} {v['passed']:3}/{v['items']:3} {v['score']:.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
