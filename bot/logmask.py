"""No personal data in logs: phone numbers and e-mail addresses are masked in every log record.

Citizens type their phone number and e-mail address into the chat, and Rasa, Sanic and our own
code log what passes by (user texts at debug level, request lines, exception messages). A log
file is copied, shipped and kept longer than any database row, so masking happens before a
record reaches any handler, with :func:`bot.contact.mask`.

Why a record factory and not only a filter on the handlers: handlers come and go after we run.
Rasa configures logging when its CLI starts (``logging.basicConfig`` plus coloredlogs/structlog),
Sanic calls ``logging.config.dictConfig`` in ``app.run``, and both replace or add handlers, often on
non-root loggers that do not propagate. A filter attached to today's handlers misses all of those.
``logging.setLogRecordFactory`` is the documented hook where every ``Logger`` creates its records,
whichever logger or handler exists now or later, so :func:`install` wraps the factory.

The factory runs before ``Logger.makeRecord`` copies ``extra=`` values onto the record, so those
are masked by :class:`MaskingFilter` instead, which :func:`install` adds to every handler that
exists at that moment (root and named loggers). The filter also catches records built without the
factory (``logging.makeLogRecord`` in queue and socket listeners), and it can be named in a
``dictConfig`` (``"()": "bot.logmask.MaskingFilter"``) for handlers configured later.

What is masked: the final message (``msg % args``, so a number in ``args`` is caught just like one
in ``msg``), the exception text (the traceback is rendered and masked at once; the exception object
is dropped from the record so that no formatter renders the unmasked message again) and the stack
text. Not masked: ``print`` output and anything written to ``sys.stderr`` directly.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from bot.contact import mask

#: Attributes every LogRecord has; everything else on a record came from ``extra=``.
_STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}
_UNREADABLE = "[Log-Meldung nicht lesbar, wegen möglicher personenbezogener Daten ausgeblendet]"
_MARK = "_lotse_masking"
_formatter = logging.Formatter()


def mask_record(record: logging.LogRecord) -> None:
    """Mask the record in place; safe to call twice (the second call finds nothing to mask)."""
    try:
        try:
            message = record.getMessage()
        except Exception:  # wrong format arguments: logging would print them in its error report
            message = f"{record.msg} {record.args!r}"
        record.msg, record.args = mask(message), ()
        if record.exc_info:
            if not record.exc_text:
                record.exc_text = _formatter.formatException(record.exc_info)
            record.exc_info = None
        if record.exc_text:
            record.exc_text = mask(record.exc_text)
        if record.stack_info:
            record.stack_info = mask(record.stack_info)
        for key, value in vars(record).items():
            if key not in _STANDARD and isinstance(value, str):
                setattr(record, key, mask(value))
    except Exception:  # masking must never break the caller, and must never let the text through
        record.msg, record.args, record.exc_info, record.exc_text = _UNREADABLE, (), None, None


class MaskingFilter(logging.Filter):
    """Masks phone numbers and e-mail addresses in a record; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        mask_record(record)
        return True


def install() -> None:
    """Mask every log record of this process from now on. Idempotent; call it early at start-up."""
    current = logging.getLogRecordFactory()
    if not getattr(current, _MARK, False):
        logging.setLogRecordFactory(_masking_factory(current))
    named = (x for x in logging.Logger.manager.loggerDict.values() if isinstance(x, logging.Logger))
    loggers = [logging.getLogger(), *named]
    for handler in {h for logger in loggers for h in logger.handlers}:
        if not any(isinstance(f, MaskingFilter) for f in handler.filters):
            handler.addFilter(MaskingFilter())


def _masking_factory(inner: Callable[..., logging.LogRecord]) -> Callable[..., logging.LogRecord]:
    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = inner(*args, **kwargs)
        mask_record(record)
        return record

    setattr(factory, _MARK, True)
    return factory
