"""Scores the bot on the independent evaluation sets, by its replies, as a citizen would judge them.

The sets (``set_*.yml`` beside this file) were written by sessions that saw only the domain
reference and a description of the bot (README.md here), never the training data or the tests.
Each item is one message or a short conversation with checks on the replies (``FORMAT.md``).
Items with ``answers`` are run through a simulator: whatever question the bot asks, the simulated
person answers it in the item's own words, until the goal is reached or ten turns have passed.

Never train on these sets. A failure is fixed with different training sentences or a better
mechanism, never by copying an evaluation message.

    python -m tests.independent.evaluate --url http://localhost:5005 --db sqlite:///var/offers.sqlite3
"""

from __future__ import annotations

import argparse
import json
import re
import urllib.error
import urllib.request
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tests.independent.checks import REFERENCE, VERDICTS, GroundTruth, Reply, check, fold

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SETS = sorted(HERE.glob("set_*.yml"))
MAX_SIMULATED_TURNS = 10

# --- what the bot's replies look like -----------------------------------------------------------


#: The bot's own questions, read from its wording so that a changed sentence does not break the
#: simulator: answer key -> folded beginnings of the questions that ask for it.
def bot_questions() -> dict[str, list[str]]:
    wording = yaml.safe_load((ROOT / "wording" / "citizen.yml").read_text(encoding="utf-8"))
    rules = yaml.safe_load((ROOT / "bot" / "eligibility" / "rules.yaml").read_text(encoding="utf-8"))
    asked: dict[str, list[str]] = defaultdict(list)

    def add(key: str, entry: Any) -> None:
        if isinstance(entry, dict):
            for variant in ("text", "plain", "en"):
                value = entry.get(variant)
                if isinstance(value, str):
                    head = fold(re.split(r"[{]", value)[0])[:40].strip()
                    if len(head) >= 8:
                        asked[key].append(head)

    for slot in ("consent", "topic", "name", "contact", "time", "confirm"):
        add(slot, wording.get(f"ask_callback_{slot}"))
    add("confirm", {"text": "Soll ich den Rückruf so eintragen"})
    add("place", wording.get("ask_place"))
    add("place", wording.get("ask_place_for_topic"))
    add("topic", wording.get("ask_topic"))
    for key, question in (rules.get("questions") or {}).items():
        answer_key = {
            "funded_82_last_2_years": "earlier_funding",
            "course_recognised_nw": "course_recognised",
            "course_recognised_he": "course_recognised",
        }.get(key, key)
        add(answer_key, question)
    return dict(asked)



# --- running an item -----------------------------------------------------------------------------


@dataclass
class ItemResult:
    id: str
    category: str
    lang: str
    passed: bool
    failures: list[str] = field(default_factory=list)
    transcript: list[tuple[str, str]] = field(default_factory=list)


class Client:
    def __init__(self, url: str) -> None:
        self.url = url.rstrip("/") + "/webhooks/rest/webhook"

    def say(self, sender: str, message: str) -> Reply:
        body = json.dumps({"sender": sender, "message": message}).encode()
        request = urllib.request.Request(self.url, data=body, headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return Reply(json.loads(response.read()))
        except urllib.error.HTTPError as error:  # e.g. a message the channel refuses: what the widget shows
            try:
                return Reply([{"text": json.loads(error.read()).get("meldung", f"HTTP {error.code}")}])
            except ValueError:
                return Reply([{"text": f"HTTP {error.code}"}])


def _asked_key(reply: Reply, questions: dict[str, list[str]], answers: dict[str, str]) -> str | None:
    folded = reply.folded
    found = [(folded.rfind(head), key) for key, heads in questions.items() for head in heads if head in folded]
    if not found:
        return None
    found.sort(reverse=True)  # the last question in the reply is the one to answer
    for _, key in found:
        if key in answers:
            return key
    return found[0][1]


def _goal_reached(item: dict[str, Any], reply: Reply) -> bool:
    final = item.get("final") or []
    if any("booked" in c for c in final):
        return bool(REFERENCE.search(reply.text))
    if any("verdict" in c for c in final):
        return any(p in reply.folded for phrases in VERDICTS.values() for p in phrases if p != "vielleicht") or (
            "vielleicht:" in reply.folded
        )
    return False


def run_item(item: dict[str, Any], client: Client, truth: GroundTruth, questions: dict[str, list[str]]) -> ItemResult:
    sender = f"eval{uuid.uuid4().hex}"
    result = ItemResult(item["id"], item.get("category", "?"), item.get("lang", "de"), True)
    reply = Reply([])

    def record(message: str, got: Reply) -> None:
        result.transcript.append((message, got.text))

    def apply(checks: list[dict[str, Any]], got: Reply, where: str) -> None:
        for entry in checks or []:
            for kind, arg in entry.items():
                outcome = check(kind, arg, got, truth)
                if not outcome.passed:
                    result.passed = False
                    result.failures.append(f"{where}: {outcome.why}")

    for n, turn in enumerate(item.get("turns") or [], start=1):
        reply = client.say(sender, str(turn["user"]))
        record(str(turn["user"]), reply)
        apply(turn.get("expect") or [], reply, f"Zug {n}")
    answers = {k: str(v) for k, v in (item.get("answers") or {}).items()}
    if answers:
        for _ in range(MAX_SIMULATED_TURNS):
            if _goal_reached(item, reply):
                break
            key = _asked_key(reply, questions, answers)
            if key is None:
                break
            message = answers.get(key, "weiß ich nicht")
            reply = client.say(sender, message)
            record(message, reply)
    apply(item.get("final") or [], reply, "Ende")
    return result


def evaluate(
    url: str, db_url: str, sets: list[Path] = SETS, on_item: Callable[[ItemResult], None] | None = None
) -> dict[str, Any]:
    client, truth, questions = Client(url), GroundTruth(db_url), bot_questions()
    results: list[ItemResult] = []
    for path in sets:
        for item in yaml.safe_load(path.read_text(encoding="utf-8")):
            outcome = run_item(item, client, truth, questions)
            outcome.category = f"{path.stem}:{outcome.category}"
            results.append(outcome)
            if on_item:
                on_item(outcome)
    return summarise(results)


def summarise(results: list[ItemResult]) -> dict[str, Any]:
    def rate(rs: list[ItemResult]) -> dict[str, Any]:
        return {
            "items": len(rs),
            "passed": sum(r.passed for r in rs),
            "score": round(sum(r.passed for r in rs) / max(1, len(rs)), 3),
        }

    by: dict[str, dict[str, list[ItemResult]]] = {
        "set": defaultdict(list),
        "category": defaultdict(list),
        "lang": defaultdict(list),
    }
    for r in results:
        by["set"][r.category.split(":")[0]].append(r)
        by["category"][r.category.split(":")[1]].append(r)
        by["lang"][r.lang].append(r)
    german = [r for r in results if r.lang.startswith("de")]
    return {
        "overall": rate(results),
        "german": rate(german),
        "english": rate(by["lang"].get("en", [])),
        **{kind: {k: rate(v) for k, v in sorted(groups.items())} for kind, groups in by.items()},
        "failures": [
            {"id": r.id, "category": r.category, "why": r.failures, "transcript": r.transcript}
            for r in results
            if not r.passed
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default="http://localhost:5005")
    parser.add_argument("--db", default=f"sqlite:///{ROOT / 'var' / 'offers.sqlite3'}")
    parser.add_argument("--out", default=str(ROOT / "results" / "independent.json"))
    parser.add_argument("--only", nargs="*", help="set names, e.g. set_a")
    args = parser.parse_args()
    sets = [p for p in SETS if not args.only or p.stem in args.only]
    summary = evaluate(
        args.url,
        args.db,
        sets,
        on_item=lambda r: print(("ok  " if r.passed else "FAIL"), r.id, "; ".join(r.failures)[:160]),
    )
    Path(args.out).parent.mkdir(exist_ok=True)
    Path(args.out).write_text(json.dumps(summary, indent=1, ensure_ascii=False), encoding="utf-8")
    for key in ("overall", "german", "english"):
        print(key, summary[key])
    for name, value in summary["category"].items():
        print(f"  {name:20} {value['passed']:3}/{value['items']:3} {value['score']:.2f}")


if __name__ == "__main__":
    main()
