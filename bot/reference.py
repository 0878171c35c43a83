"""Short reference codes citizens can read out on the phone ("WL-4K7P2X").

No 0/O, 1/I/L: the code is dictated and typed by people, so ambiguous characters are left out.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
PATTERN = re.compile(r"\bWL-?([A-Z2-9]{6})\b", re.IGNORECASE)


def new_reference() -> str:
    return "WL-" + "".join(secrets.choice(ALPHABET) for _ in range(6))


def find_reference(text: str) -> str | None:
    """The reference code in ``text`` in canonical form, tolerant of case and a missing dash."""
    match = PATTERN.search(text)
    return f"WL-{match.group(1).upper()}" if match else None


def unused_reference(session: Session, model: type[Any]) -> str:
    """A fresh code not yet used in ``model.reference`` (collisions are rare, but must not happen)."""
    while True:
        reference = new_reference()
        if session.execute(select(model.id).where(model.reference == reference)).first() is None:
            return reference
