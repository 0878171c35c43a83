"""Parse results of short, frequent messages kept for a few minutes instead of computed again.

Citizens send the same short messages again and again: "Hallo", "Danke", "ja", "nein",
"abbrechen", "Mehr anzeigen", a button's title. Understanding a message (nine NLU components)
was about a quarter of a Rasa replica's CPU under load (py-spy --gil, 2026-11-23), and its result
depends on the text alone: the NLU graph of this model reads nothing but the message, and two
parses of one text with different senders, message ids and metadata are equal (checked for the
benchmark script). Only the ``time`` entity depends on when a message was sent.

What is kept, and for how long, is chosen for a public body's chat (DSGVO):

* only messages outside a form: inside one, answers are names, phone numbers, e-mail addresses,
  ages and the like, and they are never kept here;
* only texts of at most ``MAX_CHARS`` characters without digits and without "@";
* no result that holds a personal or a time entity (``NOT_KEPT_ENTITIES``);
* at most ``MAX_ENTRIES`` texts per model and replica, each used for ``MAX_AGE_SECONDS`` at most
  and dropped with the next message after that; nothing is written anywhere, a restart forgets
  everything.

Every answer is a deep copy, since Rasa adds to the parse result it gets. ``LOTSE_NLU_CACHE=0``
turns it off (e.g. to measure without it).
"""

from __future__ import annotations

import copy
import os
import re
import time
from collections import OrderedDict
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.processor import MessageProcessor
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_ext.patching import replace

MAX_CHARS = 80
MAX_ENTRIES = 2000
MAX_AGE_SECONDS = 600.0
NOT_KEPT_ENTITIES = frozenset({"person_name", "email", "phone_number", "reference", "age", "time"})
_NOT_KEPT_TEXT = re.compile(r"[\d@]")
_CACHE = "_lotse_parse_cache"

#: Rasa's own ``_parse_message_with_graph``, kept for the comparison in the tests.
uncached = MessageProcessor._parse_message_with_graph


def enabled() -> bool:
    return os.environ.get("LOTSE_NLU_CACHE", "1") != "0"


def _may_keep_text(text: str | None, tracker: DialogueStateTracker) -> bool:
    return (
        bool(text) and len(text) <= MAX_CHARS and not _NOT_KEPT_TEXT.search(text)  # type: ignore[arg-type]
        and tracker.active_loop_name is None
    )


def _may_keep_result(parse_data: dict[str, Any]) -> bool:
    return not any(entity.get("entity") in NOT_KEPT_ENTITIES for entity in parse_data.get("entities") or [])


def parse_message_with_graph(
    self: MessageProcessor, message: UserMessage, tracker: DialogueStateTracker, only_output_properties: bool = True
) -> dict[str, Any]:
    """``MessageProcessor._parse_message_with_graph``, from the cache where it may be."""
    if not enabled() or not _may_keep_text(message.text, tracker):
        return uncached(self, message, tracker, only_output_properties)
    kept: OrderedDict[tuple[str, bool], tuple[float, dict[str, Any]]] = self.__dict__.setdefault(_CACHE, OrderedDict())
    now = time.monotonic()
    while kept and now - next(iter(kept.values()))[0] >= MAX_AGE_SECONDS:
        kept.popitem(last=False)  # oldest first: kept in the order they were stored
    key = (message.text, only_output_properties)
    found = kept.get(key)
    if found is not None:
        return copy.deepcopy(found[1])
    parse_data = uncached(self, message, tracker, only_output_properties)
    if _may_keep_result(parse_data):
        kept[key] = (now, copy.deepcopy(parse_data))
        if len(kept) > MAX_ENTRIES:
            kept.popitem(last=False)
    return parse_data


def install() -> None:
    replace(MessageProcessor, "_parse_message_with_graph", parse_message_with_graph)
