"""The one engine that evaluates every programme's rules from ``rules.yaml``.

How a verdict comes about: it starts at the programme's cap (usually "wahrscheinlich"; for a
programme of unclear status "moeglich"). Each rule whose condition holds lowers it to the
rule's level and gives its reason. A rule that could still lower it but lacks answers makes it
"moeglich" at best, and the missing answers are named. "info" rules never change the level;
they say what follows from it (for § 82: who pays how much). Requirements known to be met are
listed too, unless the verdict is already "unwahrscheinlich".

Nothing here promises an entitlement: the label says "voraussichtlich", and the next step ends
with "Die Entscheidung trifft …".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.eligibility.conditions import evaluate_condition, open_keys
from bot.eligibility.model import VERDICTS, ProgrammeRules, Question, Rule, Verdict, load_rules

_RANK = {v: i for i, v in enumerate(VERDICTS)}


def _programme(programme: str) -> ProgrammeRules:
    book = load_rules()
    if programme not in book.programmes:
        raise KeyError(f"Für '{programme}' gibt es keine Förderregeln. Bekannt: {sorted(book.programmes)}")
    return book.programmes[programme]


def programmes_with_rules() -> list[str]:
    """Slugs the eligibility check knows (a subset of the funding catalogue), choosers included."""
    book = load_rules()
    return [*book.programmes, *book.choosers]


def chosen(programme: str, answers: Mapping[str, Any]) -> str | None:
    """The law a chooser ("bildungsurlaub") stands for with these answers; the programme itself otherwise."""
    chooser = load_rules().choosers.get(programme)
    if chooser is None:
        return programme
    return chooser.targets.get(str(answers.get(chooser.by)))


def _states(rules: ProgrammeRules, answers: Mapping[str, Any]) -> list[tuple[Rule, bool | None]]:
    return [(rule, evaluate_condition(rule.condition, answers)) for rule in rules.rules]


def _decided_level(rules: ProgrammeRules, states: list[tuple[Rule, bool | None]]) -> int:
    """The level the known answers already force, ignoring what is still open."""
    levels = [_RANK[rules.cap]] + [_RANK[r.then] for r, s in states if s and r.then != "info"]
    return min(levels)


def _could_lower(rule: Rule, state: bool | None, level: int) -> bool:
    return state is None and rule.then != "info" and _RANK[rule.then] < level


def _askable(rule: Rule, answers: Mapping[str, Any]) -> list[str]:
    """Open keys of a rule that were not asked yet (a key answered "weiß ich nicht" is asked once)."""
    return [k for k in open_keys(rule.condition, answers) if k not in answers]


def consistent(answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers with a school certificate as the highest qualification of someone who said they have
    vocational training read as that training: "Realschule" after "yes, a trained cook" is their
    school, and the cook's training is their highest qualification (not "no vocational qualification")."""
    fixed = dict(answers)
    if fixed.get("highest_degree") == "ohne" and fixed.get("has_vocational_qualification") is True:
        fixed["highest_degree"] = "ausbildung"
    return fixed


def next_question(programme: str, answers: Mapping[str, Any]) -> Question | None:
    """The next question whose answer can still change the verdict, or None when it is settled.

    Questions already answered (even with None, "weiß ich nicht") are never asked again. First
    come questions that can lower the verdict, in the order the rules are written; when the
    level is settled and not "unwahrscheinlich", the questions of "info" rules follow, because
    their answers change what the verdict tells the citizen (e.g. whether the employer pays).
    """
    answers = consistent(answers)
    chooser = load_rules().choosers.get(programme)
    if chooser is not None:
        target = chosen(programme, answers)
        if target is not None:
            return next_question(target, answers)
        return None if chooser.by in answers else load_rules().questions[chooser.by]
    rules = _programme(programme)
    states = _states(rules, answers)
    level = _decided_level(rules, states)
    for rule, state in states:
        if _could_lower(rule, state, level) and (keys := _askable(rule, answers)):
            return load_rules().questions[keys[0]]
    if level == _RANK["unwahrscheinlich"]:
        return None
    questions = load_rules().questions
    for rule, state in states:
        if rule.then != "info" or state is not None:
            continue
        # Only a question whose answer can make the info apply: with the company size unknown,
        # asking the age (45+ pays nothing in firms under 500) would change nothing said.
        keys = [k for k in _askable(rule, answers) if _can_apply(rule, answers, questions[k])]
        if keys:
            return questions[keys[0]]
    return None


def _can_apply(rule: Rule, answers: Mapping[str, Any], question: Question) -> bool:
    return any(
        evaluate_condition(rule.condition, {**answers, question.key: value}) is True
        for value in _candidate_values(question, rule.condition)
    )


def _candidate_values(question: Question, condition: Any) -> list[Any]:
    """Answers worth trying: every option, or the numbers the rules compare with and their neighbours."""
    if question.kind == "bool":
        return [True, False]
    if question.kind == "choice":
        return [value for value, _ in question.options]
    numbers = {0}
    stack = [condition]
    while stack:
        part = stack.pop()
        if "all" in part or "any" in part:
            stack.extend(part.get("all") or part.get("any"))
        elif part.get("key") == question.key:
            for op, value in part.items():
                if op != "key":
                    values = value if isinstance(value, list) else [value]
                    numbers.update(n + d for n in values if isinstance(n, int) for d in (-1, 0, 1))
    return sorted(numbers)


def evaluate(programme: str, answers: Mapping[str, Any], language: str | None = "de") -> Verdict:
    """The verdict for ``programme`` from the answers so far (keys as in ``rules.yaml``).

    Works with partial answers: open points make the verdict "moeglich" at best and are listed.
    A chooser gives the verdict of the law it stands for; without one, its ``otherwise`` text.
    Label, reasons and next step are in ``language`` ("de" or "en"; German for any other).
    """
    answers = consistent(answers)
    book = load_rules()
    chooser = book.choosers.get(programme)
    if chooser is not None:
        target = chosen(programme, answers)
        if target is not None:
            return evaluate(target, answers, language)
        decision = book.text("decision", language, decided_by=chooser.field_for("decided_by", language))
        step = f"{chooser.field_for('next_step', language)} {decision}"
        label = book.verdict_label("moeglich", language)
        return Verdict(programme, "moeglich", label, [chooser.field_for("otherwise", language)], step)
    rules = _programme(programme)
    states = _states(rules, answers)
    level = _decided_level(rules, states)
    fired = sorted(((r, s) for r, s in states if s and r.then != "info"), key=lambda rs: _RANK[rs[0].then])
    reasons = [rule.reason_for(language) for rule, _ in fired]
    open_now = [
        k for rule, state in states if _could_lower(rule, state, level) for k in open_keys(rule.condition, answers)
    ]
    if open_now:
        level = min(level, _RANK["moeglich"])
    # Not asked yet, and answered "weiß ich nicht": the second is said as open, with who settles it.
    missing = [book.questions[k].label_for(language) for k in dict.fromkeys(open_now) if k not in answers]
    unknown = [book.questions[k].label_for(language) for k in dict.fromkeys(open_now) if k in answers]
    if missing:
        reasons.append(book.text("missing", language, labels=", ".join(missing)))
    if unknown:
        office = rules.field_for("clarified_by", language)
        reasons.append(book.text("unknown", language, labels=", ".join(unknown), office=office))
    if level > _RANK["unwahrscheinlich"]:
        reasons += [met for r, s in states if s is False and (met := r.met_for(language))]
    reasons += [r.reason_for(language) for r, s in states if s and r.then == "info"]
    reasons += list(rules.notes_for(language))
    verdict = VERDICTS[level]
    decision = book.text("decision", language, decided_by=rules.field_for("decided_by", language))
    step = f"{rules.step_for(answers, language)} {decision}"
    return Verdict(
        programme=programme,
        verdict=verdict,
        label=book.verdict_label(verdict, language),
        reasons=list(dict.fromkeys(reasons)),
        next_step=step,
    )
