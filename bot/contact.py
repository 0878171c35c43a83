"""Validation of the contact details a citizen gives for a callback, and hiding them in logs.

Advisors must be able to call back without guessing, so numbers are stored in E.164 and only
accepted when ``phonenumbers`` (Google's libphonenumber data) considers them valid, and e-mail
addresses only when they are syntactically deliverable (RFC 5321 dot-atom, ASCII; no IDN).

Two different jobs, two different patterns: ``normalise_*`` must never turn something else
into a contact (a date is not a phone number, "o'brien@x.ie" is not "brien@x.ie"), while
``mask`` must rather hide too much than too little, because a log line cannot be recalled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_TOP_LABEL = r"[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])"  # no all-numeric TLD, at least two characters
_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]"
_LOCAL = rf"{_ATEXT}+(?:\.{_ATEXT}+)*"
_DOMAIN = rf"(?:{_LABEL}\.)+{_TOP_LABEL}"
# In running text an address starts after anything that cannot belong to it, and not with a quote,
# so that "'anna@x.de'" gives "anna@x.de" and "jürgen@x.de" gives nothing rather than "rgen@x.de".
_EMAIL_IN_TEXT = re.compile(rf"(?<![\w!#$%&*+/=?^_`{{|}}~.-])(?!')(?P<local>{_LOCAL})@(?P<domain>{_DOMAIN})(?![\w-])")
MAX_EMAIL, MAX_LOCAL = 254, 64

# A phone number as typed: "+49 ...", "0049 ...", "0151 ...", "(02151) ...", digits with the usual
# separators. Without the trunk prefix 0 or a country code a number is ambiguous ("2151 12345" could
# be a local number read as an area code), so it is not accepted: we would call a stranger.
# Digits glued to a word by a hyphen ("Vorgang-0151…", the segments of a UUID) are not a number.
_PHONE_CANDIDATE = re.compile(r"(?<!\w)(?<!\w-)(?:\+|\(?0)[\d\s()/.\-]*\d(?!\w|-\w)")
_DATE_SHAPED = re.compile(r"\d{1,2}\.\d{1,2}\.(?:\d{2}|\d{4})?|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{2,4}")
MIN_PHONE_DIGITS = 6

# For logs: any run that looks like a phone number, valid or not. Dates, times, IP addresses, model
# timestamps and euro amounts are matched first and kept, and so are digit runs glued to a word by
# "-" ("BN-2026-030", "WL-234567", UUID segments) or by "." ("3.6.21"), so that logs stay readable.
# None of the kept shapes starts with 0, because everything that starts with 0 or + may be a phone.
_KEEP = (
    r"[12]\d{3}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"  # ISO date/time
    r"|[12]\d{3}\.\d{2}\.\d{2}"
    r"|[12]\d{3}[01]\d[0-3]\d-\d{6}"  # 20261123-101500 (Rasa model names)
    r"|\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})?(?!\d)"  # 24.11.2026, 24.11.
    r"|(?!0\d)\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?"  # IPv4
    r"|[1-9]\d{0,2}(?:\.\d{3})*(?:,\d{1,2})?\s?(?:€|EUR)"  # 1.200 €, 12.500,00 EUR
)
_PHONE_LIKE = r"(?<!\w-)(?:(?=[+0(])|(?<![.-]))(?:\+|00|\()?[\d(][\d\s()/.\-]{4,}\d"
_LOG_NUMBERS = re.compile(rf"(?<!\w)(?:(?P<keep>{_KEEP})|(?P<phone>{_PHONE_LIKE}))(?!\w|-\w)")
# Loose on purpose: "'" may precede the "@" ("o'brien@x.ie"); "/?=&" end a URL query key before it.
_LOG_EMAIL = re.compile(r"[^\s<>()\[\],;:\"/?=&]+@[^\s<>()\[\],;:\"'/?&]+")


@dataclass(frozen=True)
class Contact:
    phone: str | None = None  # E.164, e.g. "+4921511234567"
    email: str | None = None

    def display(self) -> str:
        """How the bot reads the contact back; ``parse_contact`` turns it into the same contact."""
        if self.phone:
            number = phonenumbers.parse(self.phone)
            if not phonenumbers.is_valid_number(number) and _mobile_shaped(number):
                digits = str(number.national_number)  # the library formats only numbers of its plan
                return f"0{digits[:3]} {digits[3:]}"
            fmt = phonenumbers.PhoneNumberFormat
            return phonenumbers.format_number(number, fmt.NATIONAL if number.country_code == 49 else fmt.INTERNATIONAL)
        return self.email or ""


def _valid_e164(candidate: str) -> str | None:
    try:
        number = phonenumbers.parse(candidate.replace("(0)", ""), "DE")
    except phonenumbers.NumberParseException:
        return None
    if not (phonenumbers.is_valid_number(number) or _mobile_shaped(number)):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


#: German mobile numbers: 015x, 016x, 017x and 10 or 11 digits after the 0. The numbering plan's
#: exact lengths per block ("0151" + 8 digits) are not what people know by heart; a digit short or
#: an older block's length must not cost a callback. The number is read back before it is stored.
_MOBILE = re.compile(r"1[5-7]\d{8,9}")


def _mobile_shaped(number: phonenumbers.PhoneNumber) -> bool:
    return number.country_code == 49 and bool(_MOBILE.fullmatch(str(number.national_number)))


#: Digits said as words (voice input: "null eins sieben null …"), folded.
_DIGIT_WORDS = {"null": "0", "eins": "1", "zwei": "2", "zwo": "2", "drei": "3", "vier": "4", "fuenf": "5",
                "fünf": "5", "sechs": "6", "sieben": "7", "acht": "8", "neun": "9", "plus": "+"}  # fmt: skip
_SPOKEN_NUMBER = re.compile(r"\b(?:(?:" + "|".join(_DIGIT_WORDS) + r")[\s,]+){5,}(?:" + "|".join(_DIGIT_WORDS) + r")\b",
                            re.IGNORECASE)  # fmt: skip


def _digits_spoken(text: str) -> str:
    """ "null eins sieben null drei …" -> "01703…": six or more digit words in a row become the digits."""
    return _SPOKEN_NUMBER.sub(lambda m: "".join(_DIGIT_WORDS[w.lower()] for w in re.split(r"[\s,]+", m[0]) if w), text)


def normalise_phone(text: str) -> str | None:
    """E.164 form of the first valid German or international number in ``text``, else None.

    When the digits run on ("0151 23456789 14 Uhr"), trailing groups are dropped until the
    number is valid; the bot reads the number back for confirmation before anything is stored.
    A number said digit by digit in words ("null eins fünf eins …") is read as its digits.
    """
    text = _digits_spoken(text)
    for match in _PHONE_CANDIDATE.finditer(text):
        groups = match.group(0).split()
        while groups:
            candidate = " ".join(groups).rstrip("/.-( ")
            if sum(c.isdigit() for c in candidate) < MIN_PHONE_DIGITS:
                break
            if not _DATE_SHAPED.fullmatch(candidate) and (number := _valid_e164(candidate)):
                return number
            groups.pop()
    return None


def normalise_email(text: str) -> str | None:
    """The first syntactically valid e-mail address in ``text``, domain in lower case, else None."""
    for match in _EMAIL_IN_TEXT.finditer(text):
        local, domain = match.group("local"), match.group("domain")
        if len(local) <= MAX_LOCAL and len(local) + 1 + len(domain) <= MAX_EMAIL:
            return f"{local}@{domain.lower()}"
    return None


def parse_contact(text: str) -> Contact | None:
    """A phone number or e-mail address from free text; None when neither is valid."""
    email = normalise_email(text)
    if email:
        return Contact(email=email)
    phone = normalise_phone(text)
    return Contact(phone=phone) if phone else None


def _mask_number(match: re.Match[str]) -> str:
    phone = match.group("phone")
    if phone is None:
        return match.group(0)
    digits = sum(c.isdigit() for c in phone)
    # A leading 0, + or ( marks a phone number; other digit runs ("2026", "47798", counts) need 7
    # digits before they are hidden, so that years, postcodes and ordinary numbers stay readable.
    needed = MIN_PHONE_DIGITS if phone[0] in "0+(" else MIN_PHONE_DIGITS + 1
    return "[Telefon]" if digits >= needed else phone


def mask(text: str) -> str:
    """Hide phone numbers and e-mail addresses, for logs (DSGVO: no personal data in logs)."""
    # The loose pattern first (it keeps "/suche?mail=" readable), then the strict one for addresses
    # the loose one cannot see ("&@x.de"): nothing the callback form would accept may remain.
    text = _EMAIL_IN_TEXT.sub("[E-Mail]", _LOG_EMAIL.sub("[E-Mail]", text))
    return _LOG_NUMBERS.sub(_mask_number, text)
