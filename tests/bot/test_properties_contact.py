"""Property tests for contact parsing and log masking: any valid number or address, any garbage.

Numbers are generated from libphonenumber's own example numbers with their last digits varied,
so the generator knows nothing about our parser; written in the formats people type. Digits
typed right after a number ("030 123456 14 Uhr") are left out of the contexts on purpose: German
numbers vary in length, so "030 12345614" is a valid number too, and the read-back catches it.
"""

from __future__ import annotations

import re
from datetime import date

import phonenumbers
from hypothesis import assume, example, given
from hypothesis import strategies as st

from bot.contact import Contact, mask, normalise_email, normalise_phone

E164 = re.compile(r"\+[1-9]\d{1,14}")
PNF = phonenumbers.PhoneNumberFormat
REGIONS = ["DE", "DE", "DE", "AT", "CH", "NL", "PL", "TR", "FR", "GB", "IT", "ES", "UA", "US", "SY"]
TYPES = [phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE]
CONTEXTS = [
    "{}",
    "Meine Nummer ist {}.",
    "Tel.: {}",
    "Sie erreichen mich unter {} ab 14 Uhr",
    "({}), bitte nachmittags",
    "Rufen Sie an: {}!",
]


@st.composite
def valid_numbers(draw: st.DrawFn) -> phonenumbers.PhoneNumber:
    region, kind = draw(st.sampled_from(REGIONS)), draw(st.sampled_from(TYPES))
    sample = phonenumbers.example_number_for_type(region, kind)
    assume(sample is not None)
    digits = str(sample.national_number)
    tail = draw(st.integers(min_value=0, max_value=min(4, len(digits) - 2)))
    varied = digits[: len(digits) - tail] + "".join(draw(st.sampled_from("0123456789")) for _ in range(tail))
    number = phonenumbers.PhoneNumber(country_code=sample.country_code, national_number=int(varied))
    if sample.italian_leading_zero:
        number.italian_leading_zero = True
        number.number_of_leading_zeros = sample.number_of_leading_zeros
    assume(phonenumbers.is_valid_number(number))
    return number


def written_forms(number: phonenumbers.PhoneNumber) -> list[str]:
    """How people write the number; national forms only for German numbers (ours is the default region)."""
    international = phonenumbers.format_number(number, PNF.INTERNATIONAL)
    forms = [phonenumbers.format_number(number, PNF.E164), international, "00" + international[1:]]
    forms.append(international.replace(" ", "-"))
    if number.country_code == 49:
        national = phonenumbers.format_number(number, PNF.NATIONAL)
        area, _, rest = national.partition(" ")
        forms += [national, national.replace(" ", ""), national.replace(" ", "-"), f"{area}/{rest}" if rest else area,
                  f"({area}) {rest}" if rest else area, f"{area}.{rest}" if rest else area,
                  international.replace("+49 ", "+49 (0)", 1)]  # fmt: skip
    return forms


@given(number=valid_numbers(), data=st.data())
def test_any_valid_number_as_typed_gives_its_e164_form(number: phonenumbers.PhoneNumber, data: st.DataObject) -> None:
    e164 = phonenumbers.format_number(number, PNF.E164)
    written = data.draw(st.sampled_from(written_forms(number)), label="written")
    context = data.draw(st.sampled_from(CONTEXTS), label="context")
    assert normalise_phone(context.format(written)) == e164


@given(number=valid_numbers())
def test_what_the_bot_reads_back_is_parsed_to_the_same_number(number: phonenumbers.PhoneNumber) -> None:
    e164 = phonenumbers.format_number(number, PNF.E164)
    assert normalise_phone(Contact(phone=e164).display()) == e164


@example("am 24.11.2026 um 10")
@example("0.15123456789")
@given(st.text(alphabet=st.sampled_from("0123456789 +-/.()x:,Tel"), max_size=40) | st.text(max_size=80))
def test_any_text_gives_none_or_a_valid_e164_number(text: str) -> None:
    result = normalise_phone(text)
    if result is not None:
        assert E164.fullmatch(result)
        assert phonenumbers.is_valid_number(phonenumbers.parse(result))


DATE_FORMATS = ["%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d", "%d.%m.", "%-d.%-m.%Y"]


@given(day=st.dates(date(1900, 1, 1), date(2199, 12, 31)), fmt=st.sampled_from(DATE_FORMATS))
def test_a_date_is_never_a_phone_number(day: date, fmt: str) -> None:
    """ "am 03.12.2026" once came out as +493122026: the time wish typed into the contact question."""
    assert normalise_phone(f"am {day.strftime(fmt)} um 10 Uhr") is None


@given(st.text(alphabet=st.characters(blacklist_categories=("Nd",)), max_size=200))
def test_text_without_digits_never_yields_a_number(text: str) -> None:
    assert normalise_phone(text) is None


# RFC 5321 dot-atom local parts and DNS host names: what a mail server accepts.
_ATEXT = st.sampled_from("abcxyzABCXYZ0189!#$%&'*+/=?^_`{|}~-")
_ATOM = st.text(_ATEXT, min_size=1, max_size=10).filter(lambda a: not a.startswith("'"))
_LOCAL = st.lists(_ATOM, min_size=1, max_size=3).map(".".join)
_LABEL = st.from_regex(r"[a-zA-Z0-9]([a-zA-Z0-9-]{0,8}[a-zA-Z0-9])?", fullmatch=True)
_TLD = st.from_regex(r"[a-zA-Z][a-zA-Z0-9]{1,5}", fullmatch=True)
ADDRESSES = st.tuples(_LOCAL, st.lists(_LABEL, min_size=1, max_size=3), _TLD).map(
    lambda p: f"{p[0]}@{'.'.join([*p[1], p[2]])}"
)
EMAIL_CONTEXTS = ["{}", "Meine Adresse: {}.", "<{}>", "({})", "„{}“", "Mail an {}, danke!", "{}?"]


@given(address=ADDRESSES, context=st.sampled_from(EMAIL_CONTEXTS))
def test_any_valid_address_is_found_exactly_with_the_domain_in_lower_case(address: str, context: str) -> None:
    local, _, domain = address.rpartition("@")
    assert normalise_email(context.format(address)) == f"{local}@{domain.lower()}"


@given(st.text(max_size=120) | st.text(alphabet=st.sampled_from("ab.@-_'\"<>  xy.de"), max_size=40))
def test_email_result_is_none_or_a_normalised_valid_address(text: str) -> None:
    result = normalise_email(text)
    if result is not None:
        assert normalise_email(result) == result  # idempotent: stored addresses parse to themselves
        local, _, domain = result.rpartition("@")
        assert domain == domain.lower() and ".." not in local and len(result) <= 254
        assert result.isascii() and " " not in result


_NOISE = st.text(alphabet=st.sampled_from("0123456789 .-/:,abc"), max_size=12)


@given(number=valid_numbers(), address=ADDRESSES, data=st.data())
def test_masked_text_never_contains_a_contact_the_bot_would_accept(
    number: phonenumbers.PhoneNumber, address: str, data: st.DataObject
) -> None:
    """Whatever the callback form would store as a contact must not survive in a log line."""
    written = data.draw(st.sampled_from(written_forms(number)), label="written")
    parts = data.draw(st.permutations([written, address, data.draw(_NOISE), data.draw(_NOISE)]), label="parts")
    text = data.draw(st.sampled_from([" ", "", ", ", "-", "/", ":", "\n"]), label="glue").join(parts)
    masked = mask(text)
    assert normalise_phone(masked) is None and normalise_email(masked) is None
    assert mask(masked) == masked


@given(st.text(max_size=200))
def test_mask_never_fails_and_is_idempotent(text: str) -> None:
    masked = mask(text)
    assert mask(masked) == masked
    assert normalise_phone(masked) is None and normalise_email(masked) is None
