"""The prepared rule lookup finds exactly the rules Rasa's own lookup finds.

Rules and conversations are drawn at random from the pieces a rule state is made of: user
intents with and without entities, previous actions by name or by text, conversation starts
(no previous action), active loops and slots, each also as "should not be set".
"""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st
from rasa.core.policies.rule_policy import RulePolicy
from rasa.shared.core.constants import SHOULD_NOT_BE_SET

from rasa_ext import rule_matching

NOT_SET = st.just(SHOULD_NOT_BE_SET)
USER = st.fixed_dictionaries(
    {"intent": st.sampled_from(["greet", "search_course", "deny"])},
    optional={"entities": st.sampled_from([("place",), ("place", "topic")])},
)
PREVIOUS = st.one_of(
    st.fixed_dictionaries({"action_name": st.sampled_from(["action_listen", "utter_greet", "course_form"])}),
    st.fixed_dictionaries({"action_text": st.sampled_from(["Hallo", "Danke"])}),
    st.fixed_dictionaries({}, optional={"action_name": NOT_SET, "action_text": NOT_SET}),
)
LOOP = st.fixed_dictionaries({"name": st.one_of(st.just("course_form"), NOT_SET)})
SLOTS = st.dictionaries(
    st.sampled_from(["place", "topic", "requested_slot"]), st.one_of(st.just((1.0,)), st.just((0.0,)), NOT_SET),
    max_size=2,
)
STATE = st.fixed_dictionaries(
    {}, optional={"user": USER, "prev_action": PREVIOUS, "active_loop": LOOP, "slots": SLOTS}
)


def _policy() -> RulePolicy:
    """A RulePolicy with nothing but what the lookup needs (its methods read no other attribute)."""
    return RulePolicy.__new__(RulePolicy)


def _lookup(rules: list[list[dict]]) -> dict[str, str]:
    return {json.dumps(states, sort_keys=True): f"action_{n}" for n, states in enumerate(rules)}


def _loosened(state: dict, keep: list[bool]) -> dict:
    """``state`` with some of its parts left out, as a rule that asks for less."""
    return {name: sub_state for (name, sub_state), kept in zip(sorted(state.items()), keep, strict=False) if kept}


@settings(max_examples=300, deadline=None)
@given(data=st.data(), conversation=st.lists(STATE, min_size=0, max_size=10))
def test_the_same_rules_fit_as_with_rasas_lookup(data: st.DataObject, conversation: list[dict]) -> None:
    rules = data.draw(st.lists(st.lists(STATE, min_size=1, max_size=4), max_size=15), label="random rules")
    if conversation:  # rules cut from the conversation's end, some loosened: many of them fit
        for length in data.draw(st.lists(st.integers(1, min(4, len(conversation))), max_size=8), label="cut"):
            keep = data.draw(st.lists(st.booleans(), min_size=4, max_size=4), label="keep")
            rules.append([_loosened(state, keep) for state in conversation[-length:]])
    policy, lookup = _policy(), _lookup(rules)
    expected = rule_matching.uncached(policy, lookup, conversation)
    assert rule_matching.get_possible_keys(policy, lookup, conversation) == expected
    assert rule_matching.get_possible_keys(policy, lookup, conversation) == expected  # prepared, reused


def test_a_rule_that_fits_and_one_that_does_not() -> None:
    greet = [{"prev_action": {"action_name": "action_listen"}, "user": {"intent": "greet"}}]
    deny_in_form = [
        {"prev_action": {"action_name": "course_form"}, "active_loop": {"name": "course_form"}},
        {"prev_action": {"action_name": "action_listen"}, "user": {"intent": "deny"},
         "active_loop": {"name": "course_form"}},
    ]
    lookup = _lookup([greet, deny_in_form])
    conversation = [{}, {"prev_action": {"action_name": "utter_greet"}},
                    {"prev_action": {"action_name": "action_listen"}, "user": {"intent": "greet"}}]
    assert rule_matching.get_possible_keys(_policy(), lookup, conversation) == {json.dumps(greet, sort_keys=True)}


def test_a_rule_added_to_the_table_is_seen() -> None:
    policy = _policy()
    greet = [{"prev_action": {"action_name": "action_listen"}, "user": {"intent": "greet"}}]
    deny = [{"prev_action": {"action_name": "action_listen"}, "user": {"intent": "deny"}}]
    lookup = _lookup([greet])
    conversation = [{"prev_action": {"action_name": "action_listen"}, "user": {"intent": "deny"}}]
    assert rule_matching.get_possible_keys(policy, lookup, conversation) == set()
    lookup[json.dumps(deny, sort_keys=True)] = "utter_deny"  # as training does
    assert rule_matching.get_possible_keys(policy, lookup, conversation) == {json.dumps(deny, sort_keys=True)}
