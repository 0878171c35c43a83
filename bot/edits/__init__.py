"""Editing published facts without a release (issue 22, item 3).

The Netzwerk role changes a centre's phone, e-mail, address, opening hours and services, a funding
programme's texts and the FAQ answers in the advisors' app; every value comes with a source URL and
its "Stand". ``store`` writes versions (``bot.db.models_edits.FactEdit``) and takes them back,
``validate`` checks a value before it is stored, ``live`` gives the bot the current values over the
seed data, re-read from the database at most every ``LOTSE_EDITS_TTL`` seconds (default 30, never
more than 60), so a running action server and Rasa server say a change within a minute.
"""

from bot.edits.fields import CENTRE_FIELDS, FAQ_FIELDS, PROGRAMME_FIELDS, fields_for
from bot.edits.store import Current, current_values, history, revert, set_fact
from bot.edits.validate import EditError, hours_text, parse_hours

__all__ = [
    "CENTRE_FIELDS",
    "FAQ_FIELDS",
    "PROGRAMME_FIELDS",
    "Current",
    "EditError",
    "current_values",
    "fields_for",
    "history",
    "hours_text",
    "parse_hours",
    "revert",
    "set_fact",
]
