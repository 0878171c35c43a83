"""A question right after a funding answer asks about that programme, not for a course search.

"Was ist ein Bildungsgutschein?" … "und kann ich den auch in Düsseldorf einlösen, wohne in Moers?"
is a detail of the programme just explained; the NLU sees a town and a course wish and the bot
asked "Welches Thema interessiert Sie?". The same after "Was ist Aufstiegs-BAföG?" … "und wo
beantrag ich das? wohne in kamp-lintfort", or an employer's "Und wenn der Kollege 47 ist?" after
the company's share under § 82 (read as a course search up to 300 €).

When the bot's last answer came from a funding action, no form is active, and the new message is a
question that asks for no courses, this policy predicts ``action_funding_programme`` (which answers
from the knowledge base with the programme in context) above the rules. Only for the intents such
a question is mistaken for; every other turn it predicts nothing, and the rules decide.

A policy, not a change to Rasa: a documented extension point (docs/architecture.md).
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.kb.question import is_question, wants_courses
from components.tracker_policy import TrackerReadingPolicy

EXTRACT_SLOTS = "action_extract_slots"
FOLLOW_UP = "action_funding_programme"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class FundingFollowUpPolicy(TrackerReadingPolicy):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            # RulePolicy has priority 4; the form answer policy 5 (it only acts inside a form).
            "priority": 5,
            # The actions whose answer a follow-up question is about.
            "after": ["action_funding_programme", "action_funding_overview", "action_eligibility_result"],
            # Intents a follow-up question is mistaken for; a real request (a callback, a person) stays.
            "mistaken_for": ["search_course", "refine_search", "inform", "nlu_fallback", "out_of_scope",
                             "course_details", "chitchat"],
        }  # fmt: skip

    def next_step(self, tracker: DialogueStateTracker) -> str | None:
        """``action_funding_programme`` for a follow-up question, then listening; None in every other turn."""
        if tracker.active_loop_name or not self._mistaken_question(tracker):
            return None
        since = [e.action_name for e in _since_latest_message(tracker)]
        if since == [FOLLOW_UP]:  # answered: the rules know no step after it for this intent
            return ACTION_LISTEN_NAME
        return FOLLOW_UP if not since and self.follows_up(tracker) else None

    def _mistaken_question(self, tracker: DialogueStateTracker) -> bool:
        message = tracker.latest_message
        text = (message.text or "") if message else ""
        intent = (message.intent or {}).get("name") if message else None
        if not text or text.startswith("/") or intent not in self.config["mistaken_for"]:
            return False
        return is_question(text) and not wants_courses(text)

    def follows_up(self, tracker: DialogueStateTracker) -> bool:
        """Whether the bot's answer before the latest message came from a funding action."""
        seen_user = False
        for event in reversed(tracker.events):
            if isinstance(event, UserUttered):
                if seen_user:
                    return False  # the citizen wrote twice: the answer before is not the last word
                seen_user = True
                continue
            if not isinstance(event, ActionExecuted) or event.action_name in (EXTRACT_SLOTS, ACTION_LISTEN_NAME):
                continue
            return seen_user and event.action_name in self.config["after"]
        return False


def _since_latest_message(tracker: DialogueStateTracker) -> list[ActionExecuted]:
    """The actions run since the latest message, oldest first (slot extraction and listening left out)."""
    found: list[ActionExecuted] = []
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            break
        if isinstance(event, ActionExecuted) and event.action_name not in (EXTRACT_SLOTS, ACTION_LISTEN_NAME):
            found.append(event)
    return found[::-1]
