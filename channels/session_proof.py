"""Proof that a socket.io client owns the session it asks to continue.

A session id is issued by the server (128 random bits) together with its proof,
HMAC-SHA256(key, id). Only the client that got both can join the session again; knowing the
id alone (from a transcript, a log, an advisor's screen) is not enough. The key comes from
``LOTSE_SESSION_SECRET`` (at least 32 characters, the same on every replica), else it is derived
from ``LOTSE_ACTION_TOKEN``, which every deployment sets for Rasa and the action server alike; with
neither, a random key per process (sessions then do not survive a restart; a warning says so).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from collections.abc import Mapping

from bot.config import session_secret
from channels.guard import guessable_conversation_id

logger = logging.getLogger(__name__)

_LABEL = b"lotse socket.io session proof\x00"


class SessionProofs:
    def __init__(self, secret: bytes) -> None:
        self._key = hashlib.sha256(_LABEL + secret).digest()

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> SessionProofs:
        secret = session_secret(env)
        if not secret:
            logger.warning("Weder LOTSE_SESSION_SECRET noch LOTSE_ACTION_TOKEN: Widget-Sitzungen nur bis zum Neustart")
            return cls(secrets.token_bytes(32))
        return cls(secret.encode())

    def proof(self, session_id: str) -> str:
        return hmac.new(self._key, session_id.encode(), hashlib.sha256).hexdigest()

    def valid(self, session_id: object, proof: object) -> bool:
        if not isinstance(session_id, str) or not isinstance(proof, str) or guessable_conversation_id(session_id):
            return False
        return hmac.compare_digest(self.proof(session_id), proof)

    def issue(self) -> tuple[str, str]:
        """A new session id with its proof; the id always passes the public channels' id check."""
        session_id = secrets.token_hex(16)
        while guessable_conversation_id(session_id):  # once in billions: fewer than 7 distinct digits
            session_id = secrets.token_hex(16)
        return session_id, self.proof(session_id)
