"""Edits of published facts without a release (issue 22): one row per version of one field.

The repository's files stay the seed data (``bot/demo/centres.py``, ``bot/funding/programmes.yaml``,
the FAQ answers in ``domain.yml``); a row here overrides one field of one centre, programme or FAQ
answer. Rows are never changed except to mark them reverted, so the table is the history: who
changed what, when, on which source, and who took it back. The newest row of a field that is not
reverted is what the bot says; with none, it says the seed.
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, Date, DateTime, ForeignKey, Index, Integer, String

from bot.db.models import Base

#: What can be edited: a counselling centre (key: its slug), a funding programme (its slug),
#: a FAQ answer (the key of ``utter_faq/<key>``).
EDIT_KINDS = ("centre", "programme", "faq")


class FactEdit(Base):
    """One version of one field: the new value, its source and Stand, and who wrote it when."""

    __tablename__ = "fact_edits"
    id = Column(Integer, primary_key=True)
    kind = Column(String(20), nullable=False)
    key = Column(String(100), nullable=False)
    field = Column(String(40), nullable=False)
    #: A string, or for opening hours {"mo": [["08:00", "16:00"]], ...}.
    value = Column(JSON, nullable=False)
    source_url = Column(String(500), nullable=False)
    #: The date of the source ("Stand"); the bot names it with the fact.
    stand = Column(Date, nullable=False)
    #: The account's id while it exists; its e-mail stays so that the change remains attributable.
    author_id = Column(ForeignKey("advisors.id", ondelete="SET NULL"))
    author_email = Column(String(200), nullable=False)
    created_at = Column(DateTime, nullable=False)
    reverted_at = Column(DateTime)
    reverted_by_id = Column(ForeignKey("advisors.id", ondelete="SET NULL"))
    reverted_by_email = Column(String(200))

    __table_args__ = (Index("ix_fact_edits_target", "kind", "key", "field"),)
