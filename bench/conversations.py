"""The conversation scripts each target is measured with, looped by every simulated user.

Each script is a realistic exchange for its bot that returns to where it started, so looping it
never gets stuck in a form or a question the script does not answer. The first message is also
the start-up probe: the first time it is answered counts as "the bot is up".
"""

from __future__ import annotations

# Stock `rasa init` moodbot (its own domain and stories): greet, the sad path with "did that help?",
# the happy path, the bot challenge rule and goodbye.
STOCK_SCRIPT: tuple[str, ...] = (
    "hello",
    "I am sad",
    "yes",
    "great",
    "are you a bot?",
    "bye",
)

# Weiterbildungslotse: greeting, a course search with a refinement, the next page and one course's
# details, a funding question, the eligibility check started and cancelled after its first question
# (answering it would fill slots, so the next loop would take a different path), funding overview,
# thanks, goodbye. Checked by hand against the demo database: every turn is answered on topic, and
# from the second loop on every loop takes the same path (the search keeps "online" as a filter).
LOTSE_SCRIPT: tuple[str, ...] = (
    "Hallo",
    "Ich suche einen Pflegekurs in Krefeld",
    "lieber online",
    "Mehr anzeigen",
    "Details zu Kurs 1",
    "Was ist der Bildungsgutschein?",
    "Bekomme ich einen Bildungsgutschein?",
    "abbrechen",
    "Wer bezahlt meine Weiterbildung?",
    "Danke",
    "Tschüss",
)
