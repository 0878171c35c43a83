"""The second answer of a compound message: who pays, after the courses that were asked for.

"Mein Chef will, dass ich einen Staplerschein mache, wer zahlt das? Ich wohne in Moers" is a
course search (topic and place) that also asks about money. The search action answers first; then
``funding_part`` adds the funding answer that fits the writer (bot/nlp/compound.py): the employer's
view for an employer (from the knowledge base), otherwise the part for someone whose employer wants
the course, for the employed, for the unemployed, or, when the situation is not known, both ways.
"""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import Events
from actions.knowledge import answer_from_knowledge
from actions.person import situation_of
from actions.wording import say
from bot.nlp.compound import asks_who_pays, employer_wants_it, funding_path
from bot.nlp.situation import situation_values

#: The search may first have asked for a place: the question can stand a few messages back.
LOOK_BACK = 3


def _since_last_search(tracker: Tracker) -> list[str]:
    """What the citizen typed since the bot last showed courses (at most ``LOOK_BACK`` messages)."""
    texts: list[str] = []
    for event in reversed(tracker.events):
        if event.get("event") == "action" and event.get("name") in ("action_search_courses", "action_show_more"):
            break
        if event.get("event") == "user" and event.get("text"):
            texts.append(str(event["text"]))
    latest = str(tracker.latest_message.get("text") or "")
    if latest and latest not in texts:
        texts.insert(0, latest)
    return texts[:LOOK_BACK]


def funding_part(dispatcher: CollectingDispatcher, tracker: Tracker) -> Events:
    """Say who pays when the request also asked it; nothing otherwise."""
    texts = [t for t in _since_last_search(tracker) if not t.startswith("/")]
    if not any(asks_who_pays(t) for t in texts):
        return []
    situation = {**situation_of(tracker)}
    for text in reversed(texts):  # oldest first: the newest message wins
        situation.update(situation_values(text))
    path = funding_path(situation, any(employer_wants_it(t) for t in texts))
    if path == "employer":
        turn = answer_from_knowledge(dispatcher, tracker, "ask_funding_programme")
        if turn.handled:
            return turn.events
        path = "unknown"
    say(dispatcher, tracker, f"compound_pays_{path}")
    return []
