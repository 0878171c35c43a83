"""Password hashing with scrypt, a memory-hard KDF, so that a stolen table is expensive to crack.

Stored as ``scrypt$n$r$p$salt$hash`` (base64) so that the cost can be raised later without
invalidating existing hashes: verification reads the parameters from the stored value.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

#: 2**14 × 8 × 128 bytes = 16 MiB per hash: slow for a cracking rig, quick enough for a login.
N, R, P = 2**14, 8, 1
MIN_LENGTH = 12


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=N, r=R, p=P, dklen=32)
    return f"scrypt${N}${R}${P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str | None) -> bool:
    """Constant-time check; an account without a password (or a malformed hash) never matches.

    When there is no stored hash we still spend the time of one hash, so that response times do
    not reveal which e-mail addresses have accounts.
    """
    try:
        scheme, n, r, p, salt, digest = (stored or "").split("$")
        if scheme != "scrypt":
            raise ValueError(scheme)
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            password.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=len(expected)
        )
    except ValueError:
        hashlib.scrypt(password.encode(), salt=b"0" * 16, n=N, r=R, p=P, dklen=32)
        return False
    return hmac.compare_digest(actual, expected)


def generate_password() -> str:
    """A random password of 16 characters that is easy to read aloud (no 0/O, 1/l/I)."""
    alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(16))


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")
