"""The independent evaluation as a gate: the messages and short conversations of every set_*.yml
(942 on 08.12.2026), written by people who never saw the training data, scored on the replies
(tests/independent/README.md).

The score of every category goes to results/independent.json; `make test` prints it.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from tests.e2e.conftest import RunningBot
from tests.independent.evaluate import evaluate

ROOT = Path(__file__).resolve().parents[2]
GATE = yaml.safe_load((ROOT / "tests" / "independent" / "gate.yml").read_text(encoding="utf-8"))


def test_independent_messages_get_right_replies_at_least_as_often_as_on_main(bot: RunningBot) -> None:
    summary = evaluate(bot.rest_url.split("/webhooks/")[0], bot.db_url)
    out = ROOT / "results" / "independent.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(summary, indent=1, ensure_ascii=False), encoding="utf-8")
    scores = {key: summary[key]["score"] for key in GATE["minimum"]}
    below = {key: (scores[key], GATE["minimum"][key]) for key in scores if scores[key] < GATE["minimum"][key]}
    worst = [f"{f['id']}: {'; '.join(f['why'])[:120]}" for f in summary["failures"][:15]]
    assert not below, f"independent score below the gate {below}; first failures:\n" + "\n".join(worst)
