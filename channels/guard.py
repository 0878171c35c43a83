"""What the public chat channels (REST and socket.io) accept before Rasa sees a message.

Both channels are open to anyone on the internet, so each message passes the same checks: a
rate limit per conversation and per client address, a bounded length, and a clean-up of the text.
The clean-up removes markup and invisible characters (control, bidi and zero-width characters,
lone surrogates): the bot never needs them, NLU reads "Pfle\u200bge" better as "Pflege", and an
answer that quotes the citizen (a place, a topic) can then never carry HTML into a client that
renders text as HTML. Refused messages never reach Rasa, so they change no conversation.

Limits come from the environment (``bot.config.GuardSettings``, docs/security.md).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass

from bot.config import GuardSettings
from channels.ratelimit import RateLimit

#: Conversation ids of the public channels. The id is the only key to a conversation: whoever
#: knows it reads the answers and can write into it. So it must be random and long: at least 32
#: characters (32 hex digits are 128 bits, the widget's crypto.getRandomValues id), no spaces,
#: quotes, slashes or markup.
SENDER_ID = re.compile(r"^[A-Za-z0-9_-]{32,128}$")
#: 32 random hex digits show about 14 different characters; fewer than 7 happens once in 5 billion
#: (2 · 10^-10), so such an id is a pattern ("aaaa…", "abab…"), not a random one.
MIN_DISTINCT_CHARS = 7

EMPTY = "Ihre Nachricht ist leer. Bitte schreiben Sie Ihre Frage, zum Beispiel: „Ich suche einen Kurs in Krefeld“."
TOO_LONG = (
    "Ihre Nachricht ist sehr lang ({length} Zeichen). Bitte fassen Sie Ihr Anliegen in höchstens "
    "{limit} Zeichen zusammen und senden Sie es noch einmal. Ihr bisheriges Gespräch bleibt erhalten."
)
TOO_FAST = (
    "Sie schreiben gerade sehr schnell. Bitte warten Sie einen Moment und senden Sie Ihre Nachricht "
    "dann noch einmal."
)

_TAG = re.compile(r"<[^<>]*>")
_KEEP_CONTROLS = {"\n", "\t"}
#: Unicode categories removed from messages: controls, format characters (zero-width, bidi
#: overrides, soft hyphen), lone surrogates (which cannot even be stored as UTF-8).
_REMOVED_CATEGORIES = {"Cc", "Cf", "Cs"}




def guessable_conversation_id(sender_id: object) -> bool:
    """Whether a public channel refuses this conversation id: too short, a pattern, or a messenger's id.

    Randomness cannot be seen in one string; what can be refused is what no random generator
    gives: short ids, few distinct characters ("aaaa…", "citizen-1citizen-1…"), repetitions of a
    shorter piece. Digits only is the messengers' namespace (Telegram chat ids, Facebook page-scoped
    ids; WhatsApp ids contain "whatsapp:+", which no public id may): a REST caller must never
    address a messenger's conversation.
    """
    if not isinstance(sender_id, str) or not SENDER_ID.fullmatch(sender_id):
        return True
    if sender_id.lstrip("-").isdigit():
        return True
    return len(set(sender_id)) < MIN_DISTINCT_CHARS or sender_id in (sender_id + sender_id)[1:-1]


#: ``metadata`` fields the bot reads. Rasa stores a message's metadata with its event (and in the
#: tracker's copies: about three times), and nothing in actions/ or components/ reads any, so the
#: public channels pass none on. A field the bot starts to use is named here.
METADATA_FIELDS: frozenset[str] = frozenset()
#: Larger metadata is refused (REST: 400) instead of being parsed for fields: 1 KB.
MAX_METADATA_BYTES = 1024
METADATA_TOO_LARGE = (
    "„metadata“ ist zu groß (höchstens 1 KB). Der Chat braucht keine Zusatzdaten: Bitte senden Sie nur "
    "„sender“ und „message“."
)


def kept_metadata(metadata: object) -> dict | Reply | None:
    """What of a message's ``metadata`` goes on to Rasa: the known fields only, or a Reply when it is too large."""
    if not isinstance(metadata, dict) or not metadata:
        return None
    if len(json.dumps(metadata, ensure_ascii=False, default=str).encode()) > MAX_METADATA_BYTES:
        return Reply(METADATA_TOO_LARGE)
    kept = {key: value for key, value in metadata.items() if key in METADATA_FIELDS}
    return kept or None


def clean_text(text: str) -> str:
    """The message as NLU should see it: NFC, no tags, no invisible characters, trimmed."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n"))
    text = _TAG.sub(" ", text).replace("<", " ").replace(">", " ")
    kept = (c for c in text if c in _KEEP_CONTROLS or unicodedata.category(c) not in _REMOVED_CATEGORIES)
    return re.sub(r"[ \t]{2,}", " ", "".join(kept)).strip()


@dataclass(frozen=True)
class Reply:
    """A message is answered by the channel itself instead of being processed."""

    text: str


@dataclass(frozen=True)
class Refusal:
    """Too many messages: the channel refuses (REST: HTTP 429) and names the wait."""

    text: str
    retry_after: float


class Guard:
    """The checks shared by the REST and the socket.io channel; one instance per channel."""

    def __init__(self, settings: GuardSettings | None = None) -> None:
        self.settings = settings or GuardSettings.from_env()
        s = self.settings
        self.sender_limit = RateLimit(s.per_sender_per_minute, 60) if s.per_sender_per_minute else None
        self.client_limit = RateLimit(s.per_client_per_minute, 60) if s.per_client_per_minute else None

    def rate_limited(self, sender_id: str, client: str) -> Refusal | None:
        """Counts this message; a Refusal when the conversation or the client sends too fast."""
        waits = [
            limit.retry_after(key)
            for limit, key in ((self.client_limit, client), (self.sender_limit, sender_id))
            if limit is not None
        ]
        wait = max(waits, default=0.0)
        return Refusal(TOO_FAST, wait) if wait else None

    def check_text(self, text: str) -> str | Reply:
        """The cleaned text to process, or the Reply the citizen gets instead.

        The length is that of what was sent (as the citizen counts it), checked before the
        clean-up so that an oversized message costs nothing more.
        """
        if len(text) > self.settings.max_message_chars:
            return Reply(TOO_LONG.format(length=_german(len(text)), limit=_german(self.settings.max_message_chars)))
        cleaned = clean_text(text)
        if cleaned:
            return cleaned  # the text between any tags: markup is never shown, words are kept
        return Reply(markup_only() if _TAG.search(text) else EMPTY)


def markup_only() -> str:
    """A message that was only markup: say so, rather than that it was empty."""
    from bot.wording import render  # the one wording place (wording/)

    return render("markup_only")["text"]


def _german(number: int) -> str:
    """100000 -> "100.000"."""
    return f"{number:,}".replace(",", ".")
