"""Contact details as citizens type them: what becomes a phone number or e-mail address, and what not."""

from __future__ import annotations

import pytest

from bot.contact import Contact, mask, normalise_email, normalise_phone, parse_contact


@pytest.mark.parametrize(
    ("text", "e164"),
    [
        ("0151 23456789", "+4915123456789"),
        ("+49 2151 123-456", "+492151123456"),
        ("02151/12345", "+49215112345"),
        ("(02151) 12345", "+49215112345"),
        ("+49 (0)2151 12345", "+49215112345"),
        ("0049 151 23456789", "+4915123456789"),
        ("0 21 51 / 12 34 5", "+49215112345"),
        ("+43 1 5123456", "+4315123456"),  # Vienna: international numbers need their country code
        ("Meine Nummer ist 0151-23456789, danke.", "+4915123456789"),
        ("0151 23456789 14 Uhr", "+4915123456789"),  # the time after the number is not part of it
        ("Tel 0151 23456789 2 mal klingeln lassen", "+4915123456789"),
        # Mobile numbers as people write them, one digit shorter than the block's plan: no lost callback
        ("0152 3344556", "+491523344556"),
        ("0151 2233445", "+491512233445"),
        ("0160 1234567", "+491601234567"),
    ],
)
def test_phone_numbers_in_common_german_formats_are_stored_in_e164(text: str, e164: str) -> None:
    assert normalise_phone(text) == e164


@pytest.mark.parametrize(
    "text",
    [
        "12345",  # too short
        "0151 234",  # a mobile block with too few digits
        "01512345678901",  # ... or too many
        "am 24.11.2026 um 10 Uhr",  # a date once came out as +4924112026
        "am 03.12.2026",
        "2026-12-03",
        "15123456789",  # no 0 and no country code: which area code? We do not guess
        "Kurs BN-2026-030",
        "Ich habe keine Nummer",
    ],
)
def test_things_that_are_not_a_callable_number_are_refused(text: str) -> None:
    assert normalise_phone(text) is None


@pytest.mark.parametrize(
    ("text", "email"),
    [
        ("Anna.S@Example.ORG", "Anna.S@example.org"),
        ("Meine Adresse: anna@krefeld.de!", "anna@krefeld.de"),  # once refused because of the "!"
        ("o'brien@example.ie", "o'brien@example.ie"),  # once stored as "brien@example.ie"
        ("'anna@krefeld.de'", "anna@krefeld.de"),
        ("<anna@krefeld.de>", "anna@krefeld.de"),
        ("Privat anna@home, dienstlich anna@krefeld.de", "anna@krefeld.de"),  # once gave up at the first "@"
    ],
)
def test_email_addresses_are_found_exactly(text: str, email: str) -> None:
    assert normalise_email(text) == email


@pytest.mark.parametrize(
    "text", ["a..b@krefeld.de", ".anna@krefeld.de", "anna@1.2", "jürgen@krefeld.de", "anna@krefeld", "@krefeld.de"]
)
def test_addresses_that_cannot_be_delivered_are_refused(text: str) -> None:
    """ "jürgen@…" must not become "rgen@…": an advisor would write to a stranger."""
    assert normalise_email(text) is None


def test_email_wins_over_a_number_in_the_same_message() -> None:
    assert parse_contact("anna@krefeld.de oder 0151 23456789") == Contact(email="anna@krefeld.de")


@pytest.mark.parametrize("e164", ["+4915123456789", "+492151123456", "+4315123456", "+12015550123", "+491512233445"])
def test_what_the_bot_reads_back_parses_to_the_same_number(e164: str) -> None:
    """The form stores ``display()`` in a slot and parses it again when booking."""
    assert normalise_phone(Contact(phone=e164).display()) == e164


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("Rückruf an 0151 23456789 bestätigt", "Rückruf an [Telefon] bestätigt"),
        ("Tel. +49 2151 123-456 oder 02151/12345", "Tel. [Telefon] oder [Telefon]"),
        ("Mail an anna@krefeld.de", "Mail an [E-Mail]"),
        ("Tel.0151 23456789 (mobil)", "Tel.[Telefon] (mobil)"),
    ],
)
def test_mask_hides_contacts(text: str, masked: str) -> None:
    assert mask(text) == masked


@pytest.mark.parametrize(
    "text",
    [
        "47798 Krefeld, 2026, 1.200 €, 12.500,00 EUR",
        "Kurs BN-2026-030, VHSKR-1001, Vorgang WL-234567, Version 3.6.21",
        "Dienstag, 24.11.2026, 14:00–16:00 Uhr",
        "2026-11-23 03:00:00 von 127.0.0.1:5005",
        "3 Kurse, 12345 Einträge",
        "sender_id '01234567-89ab-cdef-0123-456789abcdef', Modell models/20261123-101500-brave-fox.tar.gz",
    ],
)
def test_mask_keeps_ordinary_numbers(text: str) -> None:
    assert mask(text) == text


def test_a_number_said_digit_by_digit_in_words_is_read_as_its_digits() -> None:
    """Voice input writes what was said: "null eins fünf eins …"."""
    assert normalise_phone("null eins fünf eins zwei drei vier fünf sechs sieben acht neun") == "+4915123456789"
    assert normalise_phone("meine Nummer: null zwo eins fünf eins, eins zwei drei vier fünf sechs") == "+492151123456"


def test_a_few_number_words_in_a_sentence_are_no_phone_number() -> None:
    assert normalise_phone("ich habe drei Kinder und zwei Hunde, seit neun Jahren in Moers") is None


def test_a_short_mobile_number_is_read_back_as_written_and_parses_to_the_same_number() -> None:
    contact = parse_contact("0151 2233445")
    assert contact is not None and contact.display() == "0151 2233445"
    assert parse_contact(contact.display()) == contact
