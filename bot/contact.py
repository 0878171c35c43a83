"""Validation of the contact details a citizen gives for a callback.

Advisors must be able to call back without guessing, so numbers are stored in E.164 and only
accepted when ``phonenumbers`` (Google's libphonenumber data) considers them valid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_EMAIL = re.compile(rf"^[A-Za-z0-9.!#$%&'*+/=?^_`{{|}}~-]+@{_LABEL}(?:\.{_LABEL})+$")
_EMAIL_IN_TEXT = re.compile(r"[^\s<>()\[\],;:\"']+@[^\s<>()\[\],;:\"']+")
# Digits with the separators people type: "0151 234 567 89", "+49 (0)2151/12345", "02151-12345".
_PHONE_IN_TEXT = re.compile(r"(?:\+|00)?[\d(][\d\s()/.\-]{5,}\d")


@dataclass(frozen=True)
class Contact:
    phone: str | None = None  # E.164, e.g. "+4921511234567"
    email: str | None = None

    def display(self) -> str:
        if self.phone:
            number = phonenumbers.parse(self.phone)
            fmt = phonenumbers.PhoneNumberFormat
            return phonenumbers.format_number(number, fmt.NATIONAL if number.country_code == 49 else fmt.INTERNATIONAL)
        return self.email or ""


def normalise_phone(text: str) -> str | None:
    """E.164 form of the first valid German or international number in ``text``, else None."""
    for match in _PHONE_IN_TEXT.finditer(text):
        candidate = match.group(0).replace("(0)", "")
        try:
            number = phonenumbers.parse(candidate, "DE")
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return None


def normalise_email(text: str) -> str | None:
    match = _EMAIL_IN_TEXT.search(text)
    if not match:
        return None
    email = match.group(0).strip(".")
    if len(email) > 254 or not _EMAIL.match(email):
        return None
    local, _, domain = email.rpartition("@")
    return f"{local}@{domain.lower()}"


def parse_contact(text: str) -> Contact | None:
    """A phone number or e-mail address from free text; None when neither is valid."""
    email = normalise_email(text)
    if email:
        return Contact(email=email)
    phone = normalise_phone(text)
    return Contact(phone=phone) if phone else None


def mask(text: str) -> str:
    """Hide phone numbers and e-mail addresses, for logs (DSGVO: no personal data in logs)."""
    text = _EMAIL_IN_TEXT.sub("[E-Mail]", text)
    return _PHONE_IN_TEXT.sub(lambda m: "[Telefon]" if sum(c.isdigit() for c in m.group(0)) >= 6 else m.group(0), text)
