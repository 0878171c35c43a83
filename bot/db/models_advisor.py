"""Tables of the advisor inbox: sessions, login throttling, audit and view logs, notification outbox.

Kept apart from ``models.py`` because they serve the advisors' web app and its duties
(accountability, DSGVO, reliable notifications), not the offer data the bot answers from. They
share ``Base`` so that one Alembic history covers the whole database.

None of these tables copies a citizen's contact data or transcript: logs point at records by
kind and id, and notifications only name the reference code, so that deleting a record (retention
job, deletion request) leaves no personal data behind in them.
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, DateTime, ForeignKey, Index, Integer, String, Text

from bot.db.models import Base

#: Kinds of record an advisor works on, as written into logs and the outbox.
RECORD_KINDS = ("callback", "handover")


class AdvisorSession(Base):
    """A signed-in browser. Only a hash of the cookie token is stored, so a leaked table is no key."""

    __tablename__ = "advisor_sessions"
    token_hash = Column(String(64), primary_key=True)
    advisor_id = Column(ForeignKey("advisors.id", ondelete="CASCADE"), nullable=False, index=True)
    #: Per-session token that every form must send back (CSRF protection).
    csrf_token = Column(String(64), nullable=False)
    created_at = Column(DateTime, nullable=False)
    expires_at = Column(DateTime, nullable=False)


class LoginThrottle(Base):
    """Failed logins per account and address (``pair:<hash>``), per address (``ip:<addr>``) and
    per known browser (``device:<hash>``, with ``known_until``); see advisor/throttle.py.

    Stored in the database, not in memory, so that restarting the app or running several
    replicas does not reset an attacker's counter.
    """

    __tablename__ = "login_throttle"
    key = Column(String(250), primary_key=True)
    failures = Column(Integer, nullable=False, default=0)
    last_failure_at = Column(DateTime, nullable=False)
    locked_until = Column(DateTime, nullable=True)
    #: Only for ``device`` rows: until when that browser counts as one the advisor signed in with.
    known_until = Column(DateTime, nullable=True)


class AuditEntry(Base):
    """Who changed what when: status changes, exports, account management."""

    __tablename__ = "advisor_audit_log"
    id = Column(Integer, primary_key=True)
    at = Column(DateTime, nullable=False, index=True)
    #: Kept as text as well, so the entry still says who it was after the account is removed.
    advisor_id = Column(ForeignKey("advisors.id", ondelete="SET NULL"), nullable=True)
    advisor_email = Column(String(200), nullable=False)
    action = Column(String(40), nullable=False)  # status / export / advisor_add / ...
    record_kind = Column(String(20), nullable=True)
    record_id = Column(Integer, nullable=True)
    old_value = Column(String(200), nullable=True)
    new_value = Column(String(200), nullable=True)
    __table_args__ = (Index("ix_audit_record", "record_kind", "record_id"),)


class RecordView(Base):
    """An advisor opened a callback or handover (DSGVO: access to personal data is traceable)."""

    __tablename__ = "advisor_record_views"
    id = Column(Integer, primary_key=True)
    at = Column(DateTime, nullable=False, index=True)
    advisor_id = Column(ForeignKey("advisors.id", ondelete="SET NULL"), nullable=True)
    advisor_email = Column(String(200), nullable=False)
    record_kind = Column(String(20), nullable=False)
    record_id = Column(Integer, nullable=False)
    __table_args__ = (Index("ix_views_record", "record_kind", "record_id"),)


class OutboxMessage(Base):
    """A notification waiting to be delivered (e-mail or webhook).

    The action server only inserts rows; a separate deliverer sends them and retries with
    backoff, so a slow or broken mail server never blocks a conversation and nothing is lost.
    """

    __tablename__ = "notification_outbox"
    id = Column(Integer, primary_key=True)
    channel = Column(String(10), nullable=False)  # email / webhook
    record_kind = Column(String(20), nullable=False)
    record_id = Column(Integer, nullable=False)
    recipient = Column(String(300), nullable=False)  # e-mail address or URL
    subject = Column(String(300), nullable=False, default="")
    body = Column(Text, nullable=False, default="")
    payload = Column(JSON, nullable=False, default=dict)
    created_at = Column(DateTime, nullable=False)
    attempts = Column(Integer, nullable=False, default=0)
    next_attempt_at = Column(DateTime, nullable=False)
    sent_at = Column(DateTime, nullable=True)
    last_error = Column(Text, nullable=True)
    __table_args__ = (
        Index("ix_outbox_due", "sent_at", "next_attempt_at"),
        Index("ix_outbox_record", "record_kind", "record_id"),
    )
