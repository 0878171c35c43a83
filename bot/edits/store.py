"""Writing, taking back and listing versions of edited facts (table ``fact_edits``).

A version is never changed or deleted; taking one back marks it reverted (who, when), and the
newest version of the field that is not reverted becomes current again, or the seed data when
there is none. So the history always shows every value the bot has said and since when.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import Advisor
from bot.db.models_edits import EDIT_KINDS, FactEdit
from bot.edits.fields import is_field
from bot.edits.validate import EditError, check_source, check_stand, check_value


@dataclass(frozen=True)
class Current:
    """The value the bot says for one field, with its source, Stand and author."""

    edit_id: int
    value: Any
    source_url: str
    stand: date
    author_email: str
    created_at: datetime


Target = tuple[str, str, str]  # kind, key, field


def set_fact(
    session: Session, kind: str, key: str, field: str, raw_value: str, source_url: str, stand: str | date,
    author: Advisor, now: datetime,
) -> FactEdit:
    """Store a new version of ``kind``/``key``/``field`` after checking value, source and Stand.

    Raises ``EditError`` (with a German sentence) for an unknown field or an implausible value;
    the caller checks that ``author`` may edit ``key`` (the region of a centre).
    """
    if kind not in EDIT_KINDS or not is_field(kind, field):
        raise EditError("edit_unknown_field")
    value = check_value(kind, field, raw_value)
    edit = FactEdit(
        kind=kind, key=key, field=field, value=value, source_url=check_source(source_url),
        stand=check_stand(stand, now.date()), author_id=author.id, author_email=author.email, created_at=now,
    )
    session.add(edit)
    session.flush()
    _forget_cached()
    return edit


def revert(session: Session, edit_id: int, by: Advisor, now: datetime) -> FactEdit:
    """Take a version back: the bot says the previous version again (or the seed data)."""
    edit = session.get(FactEdit, edit_id)
    if edit is None:
        raise EditError("edit_not_found")
    if edit.reverted_at is not None:
        raise EditError("edit_already_reverted")
    edit.reverted_at, edit.reverted_by_id, edit.reverted_by_email = now, by.id, by.email
    session.flush()
    _forget_cached()
    return edit


def history(
    session: Session, kind: str | None = None, key: str | None = None, keys: Sequence[str] | None = None,
) -> list[FactEdit]:
    """Versions, newest first; of one kind, one record or a set of records when asked."""
    query = select(FactEdit).order_by(FactEdit.id.desc())
    if kind is not None:
        query = query.where(FactEdit.kind == kind)
    if key is not None:
        query = query.where(FactEdit.key == key)
    if keys is not None:
        query = query.where(FactEdit.key.in_(list(keys)))
    return list(session.execute(query).scalars())


def current_values(session: Session) -> dict[Target, Current]:
    """The newest version that is not reverted, per field that has one."""
    rows = session.execute(
        select(FactEdit).where(FactEdit.reverted_at.is_(None)).order_by(FactEdit.id)
    ).scalars()
    return {
        (row.kind, row.key, row.field): Current(
            row.id, row.value, row.source_url, row.stand, row.author_email, row.created_at
        )
        for row in rows
    }


def _forget_cached() -> None:
    """In the process that wrote, the next read sees the change at once (others within the TTL)."""
    from bot.edits import live

    live.forget()
