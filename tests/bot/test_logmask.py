"""What reaches a log file: phone numbers and e-mail addresses never, ordinary numbers unchanged."""

from __future__ import annotations

import io
import logging
import logging.config
import uuid
from collections.abc import Iterator

import pytest

from bot import logmask


@pytest.fixture()
def installed() -> Iterator[None]:
    """``install()`` as a process would call it at start, undone afterwards for the other tests."""
    factory = logging.getLogRecordFactory()
    logmask.install()
    yield
    logging.setLogRecordFactory(factory)
    for logger in [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]:
        for handler in getattr(logger, "handlers", []):
            for found in [f for f in handler.filters if isinstance(f, logmask.MaskingFilter)]:
                handler.removeFilter(found)


def new_logger(stream: io.StringIO, fmt: str = "%(levelname)s %(message)s") -> logging.Logger:
    """A logger with its own handler, created after ``install()`` like Rasa's and Sanic's are."""
    logger = logging.getLogger(f"lotse.test.{uuid.uuid4().hex}")
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter(fmt))
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    return logger


@pytest.fixture()
def log(installed: None) -> tuple[logging.Logger, io.StringIO]:
    stream = io.StringIO()
    return new_logger(stream), stream


@pytest.mark.parametrize(
    "contact", ["0151 23456789", "+49 2151 123-456", "02151/12345", "0049 151 23456789", "anna.schmidt@krefeld.de"]
)
def test_contact_in_args_is_masked(log: tuple[logging.Logger, io.StringIO], contact: str) -> None:
    logger, stream = log
    logger.info("Rückruf gespeichert für %s", contact)
    assert contact not in stream.getvalue()
    assert stream.getvalue() in ("INFO Rückruf gespeichert für [Telefon]\n", "INFO Rückruf gespeichert für [E-Mail]\n")


def test_contact_in_the_message_itself_is_masked(log: tuple[logging.Logger, io.StringIO]) -> None:
    """Rasa logs user texts already formatted: "Received user message 'meine Nummer ist …'"."""
    logger, stream = log
    logger.debug("Received user message 'meine Nummer ist 0151 23456789, Mail anna@krefeld.de' with intent")
    assert stream.getvalue() == "DEBUG Received user message 'meine Nummer ist [Telefon], Mail [E-Mail]' with intent\n"


def test_number_passed_as_an_integer_is_masked(log: tuple[logging.Logger, io.StringIO]) -> None:
    logger, stream = log
    logger.info("Telegram chat %d", 4915123456789)
    assert stream.getvalue() == "INFO Telegram chat [Telefon]\n"


def test_exception_message_and_traceback_are_masked(log: tuple[logging.Logger, io.StringIO]) -> None:
    logger, stream = log
    try:
        raise ValueError("Nummer 02151/12345 von anna@krefeld.de ist ungültig")
    except ValueError:
        logger.exception("Speichern fehlgeschlagen")
    out = stream.getvalue()
    assert out.startswith("ERROR Speichern fehlgeschlagen\nTraceback (most recent call last):")
    assert "ValueError: Nummer [Telefon] von [E-Mail] ist ungültig" in out
    assert "12345" not in out and "anna" not in out


def test_wrong_format_arguments_neither_break_the_caller_nor_leak(log: tuple[logging.Logger, io.StringIO]) -> None:
    logger, stream = log
    logger.info("zwei Platzhalter %s %s, ein Wert", "0151 23456789")
    assert "[Telefon]" in stream.getvalue() and "23456789" not in stream.getvalue()


def test_handlers_configured_after_install_are_covered(installed: None) -> None:
    """Sanic runs ``dictConfig`` when the app starts, long after our modules were imported."""
    stream = io.StringIO()
    name = f"lotse.test.{uuid.uuid4().hex}"
    logging.config.dictConfig({
        "version": 1, "incremental": False, "disable_existing_loggers": False,
        "handlers": {"out": {"class": "logging.StreamHandler", "stream": stream}},
        "loggers": {name: {"handlers": ["out"], "level": "INFO", "propagate": False}},
    })  # fmt: skip
    logging.getLogger(name).info("Anruf bei %s", "+49 2151 123-456")
    assert stream.getvalue() == "Anruf bei [Telefon]\n"


def test_extra_fields_are_masked_on_handlers_present_at_install() -> None:
    """Sanic's access log puts the URL into ``extra``; the filter covers handlers that exist at install."""
    stream = io.StringIO()
    logger = new_logger(stream, "%(request)s %(message)s")
    factory = logging.getLogRecordFactory()
    try:
        logmask.install()
        logger.info("", extra={"request": "GET /suche?mail=anna@krefeld.de"})
    finally:
        logging.setLogRecordFactory(factory)
    assert stream.getvalue() == "GET /suche?mail=[E-Mail] \n"


@pytest.mark.parametrize(
    "message",
    [
        "Kurse in 47798 Krefeld",
        "Förderjahr 2026",
        "Preis 1.200 € (12.500,00 EUR mit Prüfung)",
        "Kurs BN-2026-030 und VHSKR-1001, Vorgang WL-234567",
        "Rückruf am Dienstag, 24.11.2026, 14:00–16:00 Uhr",
        "gestartet 2026-11-23 03:00:00 auf 127.0.0.1:5005",
        "3 Rückrufwünsche und 12 Übergaben gelöscht",
    ],
)
def test_ordinary_numbers_are_not_masked(log: tuple[logging.Logger, io.StringIO], message: str) -> None:
    logger, stream = log
    logger.info("%s", message)
    assert stream.getvalue() == f"INFO {message}\n"


def test_install_twice_masks_once(installed: None) -> None:
    factory = logging.getLogRecordFactory()
    logmask.install()
    assert logging.getLogRecordFactory() is factory
