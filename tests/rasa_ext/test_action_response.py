"""The action server's answers get the same verdict as from Rasa's full schema, and the same error."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

from rasa_ext import action_response

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.floats(allow_nan=False), st.text(max_size=3))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner,
                                                                                          max_size=3), max_leaves=6)
EVENT_TYPES = ["user", "action", "slot", "entities", "active_loop", "bot", "followup", "reset_slots", "restart",
               "nonsense", 7, None]
FIELDS = ["name", "value", "text", "timestamp", "metadata", "parse_data", "entities", "policy", "confidence",
          "action_text", "hide_rule_turn", "data"]
#: Events near the schema's edges: real types with fields of any kind, unknown and missing types.
EVENTS = st.one_of(
    st.builds(lambda kind, fields: {"event": kind, **fields}, st.sampled_from(EVENT_TYPES),
              st.dictionaries(st.sampled_from(FIELDS), VALUES, max_size=4)),
    st.dictionaries(st.sampled_from(FIELDS), VALUES, max_size=2),
    VALUES,
)
ANSWERS = st.one_of(
    st.fixed_dictionaries({}, optional={"events": st.lists(EVENTS, max_size=4) | VALUES,
                                        "responses": st.lists(st.dictionaries(st.text(max_size=3), VALUES, max_size=2)
                                                              | VALUES, max_size=3)}),
    VALUES,
)

VALID = {
    "events": [
        {"event": "slot", "timestamp": None, "name": "place", "value": "Krefeld"},
        {"event": "action", "name": "action_listen", "policy": None, "confidence": 1.0},
        {"event": "active_loop", "name": None},
        {"event": "bot", "text": "Ich habe 12 Kurse gefunden.", "data": {"buttons": []}},
    ],
    "responses": [{"text": "Ich habe 12 Kurse gefunden.", "buttons": [{"title": "Mehr", "payload": "/more"}]}],
}


def _full_verdict(answer: object) -> bool:
    return action_response.full_validator().is_valid(answer)


@settings(max_examples=400, deadline=None)
@given(ANSWERS)
def test_the_quick_check_accepts_only_what_the_full_schema_accepts(answer: object) -> None:
    if action_response.is_valid_quickly(answer):
        assert _full_verdict(answer), answer


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(VALID["events"]), max_size=6))
def test_valid_answers_take_the_quick_path(events: list[dict]) -> None:
    assert action_response.is_valid_quickly({"events": events, "responses": VALID["responses"]})


@pytest.mark.parametrize("answer", [
    {"events": [{"event": "slot", "value": 1}]},  # a slot without name
    {"events": [{"event": "nonsense"}]},
    {"events": [{"name": "place"}]},  # no event type
    {"events": "slot"},
    {"responses": ["Hallo"]},
])
def test_a_bad_answer_raises_rasas_error_with_its_hint(answer: dict) -> None:
    assert not _full_verdict(answer)
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        action_response.validate_action_result(RemoteAction.__new__(RemoteAction), answer)


def test_a_good_answer_passes() -> None:
    assert action_response.validate_action_result(RemoteAction.__new__(RemoteAction), VALID) is True
