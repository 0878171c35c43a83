"""Data protection: retention (delete after a period), a citizen's deletion request (DSGVO Art. 17),
the right of access (Art. 15, ``export``) and the archive of consent texts (``consent``).

Rasa-free: our own tables through the ORM, Rasa's SQL tracker store through plain SQL, so the
lead can wire the tracker part to whatever tracker database the bot is configured with.
Overview for operators: docs/privacy.md.
"""

from bot.privacy.deletion import DeletionReport, delete_citizen
from bot.privacy.retention import PurgeReport, purge_expired
from bot.privacy.tracker import delete_tracker_events, purge_tracker_events

__all__ = [
    "DeletionReport",
    "PurgeReport",
    "delete_citizen",
    "delete_tracker_events",
    "purge_expired",
    "purge_tracker_events",
]
