"""Two corrections to Rasa 3.6 that the bot needs for speed; applied when the tracker store loads.

``RemoteAction._validate_action_result`` calls ``jsonschema.validate`` for every answer from the
action server. That function first checks the (large, constant) events schema against the JSON
Schema meta-schema and builds a new validator each time: 42 ms per custom action on this machine,
more than everything else in a turn together. The same validation with one validator built once
takes 2.6 ms and raises the same ``ValidationError`` with the same hint.

``Event.resolve_by_type`` walks all subclasses of ``Event`` (and asks ``inspect.isabstract`` of
each) for every event it deserialises: two thirds of the time to load a tracker. The class for a
type name never changes once found, so it is looked up once and then remembered.

The tracker store is the one custom class every Rasa server process of this bot imports at start
(endpoints.yml names it), so it applies this fix; ``apply()`` is idempotent.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jsonschema import ValidationError
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.events import Event

_resolve_by_type_uncached = Event.resolve_by_type
_event_classes: dict[str, type[Event]] = {}


@lru_cache(maxsize=1)
def _response_validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    return validator_for(schema)(schema)


def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    try:
        _response_validator().validate(result)
    except ValidationError as error:
        error.message += (
            ". Failed to validate Action server response from API, make sure your response from the "
            f"Action endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
        )
        raise
    return True


def _resolve_by_type(type_name: str, default: type[Event] | None = None) -> type[Event] | None:
    found = _event_classes.get(type_name)
    if found is None:
        found = _resolve_by_type_uncached(type_name, default)
        if found is not None and found is not default:
            _event_classes[type_name] = found
    return found


def apply() -> None:
    RemoteAction._validate_action_result = _validate_action_result  # type: ignore[method-assign]
    Event.resolve_by_type = staticmethod(_resolve_by_type)  # type: ignore[method-assign]
