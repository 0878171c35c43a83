"""The Rasa server's responses, with the FAQ answers the education network edited (issue 22).

FAQ answers (``utter_faq/<key>``) are responses of the domain, sent by the Rasa server itself, not
by an action; a retrained model would be needed to change them. This generator is Rasa's own
(``TemplatedNaturalLanguageGenerator``, loaded by ``nlg: type: stores.nlg.EditedResponses`` in the
endpoints file, Rasa's documented way to bring one's own NLG) and only replaces the text of a FAQ
answer that has a current edit (``bot.edits.live``: re-read at most every LOTSE_EDITS_TTL seconds),
with its Stand and source. Every other response, and every FAQ answer without an edit, is exactly
what Rasa would have sent.
"""

from __future__ import annotations

import asyncio
from typing import Any

from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

from bot.edits.live import faq_text, overrides

FAQ_PREFIX = "utter_faq/"


class EditedResponses(TemplatedNaturalLanguageGenerator):
    def __init__(self, endpoint_config: Any = None, domain: Domain | None = None, **_: Any) -> None:
        super().__init__((domain or Domain.empty()).responses)

    async def generate(
        self, utter_action: str, tracker: DialogueStateTracker, output_channel: str, **kwargs: Any
    ) -> dict[str, Any] | None:
        response = await super().generate(utter_action, tracker, output_channel, **kwargs)
        if response is None or not utter_action.startswith(FAQ_PREFIX):
            return response
        edits = await asyncio.to_thread(overrides)  # a database read at most once per TTL
        language = tracker.current_slot_values().get("language")
        text = faq_text(utter_action[len(FAQ_PREFIX):], str(response.get("text") or ""),
                        "en" if language == "en" else None, edits)
        return {**response, "text": text}
