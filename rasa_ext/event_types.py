"""The event class for a type name, looked up once instead of for every event deserialised.

``Event.resolve_by_type`` walks all subclasses of ``Event`` (and asks ``inspect.isabstract`` of
each) for every event it deserialises: two thirds of the time to load a tracker. The class for a
type name never changes once found, so it is looked up once and then remembered.
"""

from __future__ import annotations

from rasa.shared.core.events import Event

from rasa_ext.patching import replace

#: Rasa's own ``resolve_by_type``, which the replacement asks once per type name.
_resolve_by_type_uncached = Event.resolve_by_type
_event_classes: dict[str, type[Event]] = {}


def resolve_by_type(type_name: str, default: type[Event] | None = None) -> type[Event] | None:
    found = _event_classes.get(type_name)
    if found is None:
        found = _resolve_by_type_uncached(type_name, default)
        if found is not None and found is not default:
            _event_classes[type_name] = found
    return found


def install() -> None:
    replace(Event, "resolve_by_type", staticmethod(resolve_by_type))
