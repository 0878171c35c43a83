"""Rasa's rule lookup with the rules prepared once instead of decoded and reversed at every check.

``RulePolicy._get_possible_keys`` keeps the rules whose states match the conversation's states,
going back one state at a time. For each rule and each state it takes the rule's states from an
``lru_cache`` of decoded JSON, reverses them into a new list and compares one of them. A prediction
asks twice (all rules, then the form's unhappy-path rules), a message takes two to six
predictions, and the conversation window has fifteen and more states although no rule of this bot
is longer than four: the rule checks were 12 % of a Rasa replica's CPU under load (py-spy --gil,
2026-11-23), a third of all prediction work.

Here each lookup table is prepared once: every rule's states reversed, with the lists JSON made
of tuples turned back into tuples (Rasa does that inside every comparison), and grouped by the
previous action their last state names, so that the last state is compared only with the rules
that can fit it. The loop stops when it has gone further back than the longest remaining rule:
from there on Rasa's check answers "applicable" for every rule, so nothing would be removed. Each
single check is Rasa's own ``_is_rule_applicable`` logic, in the same order; the tests compare
both on random rules and conversations.

Installed by ``rasa_ext.install()`` in the Rasa server only (registry entry ``rule_matching``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from rasa.core.policies.rule_policy import RulePolicy
from rasa.shared.core.constants import PREVIOUS_ACTION, SHOULD_NOT_BE_SET
from rasa.shared.core.domain import State
from rasa.shared.nlu.constants import ACTION_NAME

from rasa_ext.patching import replace

#: Rasa's own ``_get_possible_keys``, kept for the comparison in the tests.
uncached = RulePolicy._get_possible_keys
_PREPARED = "_lotse_prepared_rules"


@dataclass(frozen=True)
class _Rule:
    key: str
    reversed_states: tuple[State, ...]


@dataclass(frozen=True)
class _Prepared:
    """One lookup table's rules, checked against the table they came from before each use."""

    source: dict[str, str]
    keys: frozenset[str]
    rules: tuple[_Rule, ...]
    longest: int
    #: The rules by the action their last state names as previous action; None: any action.
    by_last_action: dict[str | None, tuple[_Rule, ...]]

    def for_last_state(self, state: State) -> list[_Rule]:
        """The rules that can fit a conversation whose last state is ``state``: a rule that names
        another previous action there does not fit (Rasa's check would say so, one by one)."""
        previous = state.get(PREVIOUS_ACTION) or {}
        return [*self.by_last_action.get(None, ()), *self.by_last_action.get(previous.get(ACTION_NAME), ())]


def _tuples(state: State) -> State:
    """JSON gives lists where the rule had tuples; Rasa compares them as tuples."""
    return {
        name: {key: tuple(value) if isinstance(value, list) else value for key, value in sub_state.items()}
        for name, sub_state in state.items()
    }


def _prepare(lookup: dict[str, str]) -> _Prepared:
    rules = tuple(_Rule(key, tuple(_tuples(s) for s in reversed(json.loads(key)))) for key in lookup)
    by_last_action: dict[str | None, list[_Rule]] = {}
    for rule in rules:
        named = (rule.reversed_states[0].get(PREVIOUS_ACTION) or {}).get(ACTION_NAME)
        by_last_action.setdefault(named if named and named != SHOULD_NOT_BE_SET else None, []).append(rule)
    grouped = {name: tuple(group) for name, group in by_last_action.items()}
    return _Prepared(lookup, frozenset(lookup), rules, _longest(rules), grouped)


def _longest(rules: Sequence[_Rule]) -> int:
    return max((len(rule.reversed_states) for rule in rules), default=0)


def _prepared(policy: RulePolicy, lookup: dict[str, str]) -> _Prepared:
    """The prepared rules of ``lookup``, prepared again if the table's rules changed (training)."""
    cache: dict[int, _Prepared] = policy.__dict__.setdefault(_PREPARED, {})
    found = cache.get(id(lookup))
    if found is None or found.source is not lookup or found.keys != lookup.keys():
        found = cache[id(lookup)] = _prepare(lookup)
    return found


def _applies(rule_state: State, conversation_state: State) -> bool:
    """Rasa's ``_is_rule_applicable`` for a rule that reaches this far back, and the
    ``_does_rule_match_state`` it ends with, on a rule state whose lists are tuples already."""
    current_previous_action = conversation_state.get(PREVIOUS_ACTION)
    rule_previous_action = rule_state.get(PREVIOUS_ACTION)
    if not rule_previous_action and not current_previous_action:
        return True  # both are conversation starts
    if not rule_previous_action or not current_previous_action:
        return False
    for state_type, rule_sub_state in rule_state.items():
        conversation_sub_state = conversation_state.get(state_type, {})
        for key, value_from_rules in rule_sub_state.items():
            value_from_conversation = conversation_sub_state.get(key)
            if value_from_rules == SHOULD_NOT_BE_SET:
                if value_from_conversation and value_from_conversation != SHOULD_NOT_BE_SET:
                    return False
            elif value_from_rules and value_from_conversation != value_from_rules:
                return False
    return True


def get_possible_keys(self: RulePolicy, lookup: dict[str, str], states: list[State]) -> set[str]:
    """``RulePolicy._get_possible_keys``: the keys of the rules that fit ``states``."""
    prepared = _prepared(self, lookup)
    if not states:
        return set(prepared.keys)
    rules: Sequence[_Rule] = prepared.for_last_state(states[-1])
    longest = prepared.longest
    for turn_index, state in enumerate(reversed(states)):
        if turn_index >= longest:
            break  # every remaining rule is shorter: Rasa keeps them all from here on
        rules = [
            rule for rule in rules
            if turn_index >= len(rule.reversed_states) or _applies(rule.reversed_states[turn_index], state)
        ]
        longest = _longest(rules)
    return {rule.key for rule in rules}


def install() -> None:
    replace(RulePolicy, "_get_possible_keys", get_possible_keys)
