"""What an editor may store: a source URL, a Stand not in the future, plausible phone, e-mail and hours.

Each refusal is the polite German sentence the advisors' app shows."""

from __future__ import annotations

from datetime import date

import pytest

from bot.edits.validate import EditError, check_source, check_stand, check_value, hours_text, parse_hours

TODAY = date(2026, 12, 7)


def refusal(call, *args) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(EditError) as caught:
        call(*args)
    return caught.value.message()


def test_the_source_must_be_a_web_address() -> None:
    assert check_source(" https://www.krefeld.de/vhs ") == "https://www.krefeld.de/vhs"
    assert "Jede Angabe braucht eine Quelle" in refusal(check_source, "")
    assert "„Flyer der VHS“ ist keine vollständige Internetadresse" in refusal(check_source, "Flyer der VHS")
    assert "mit https:// oder http://" in refusal(check_source, "ftp://example.org/datei")
    assert "keine vollständige Internetadresse" in refusal(check_source, "javascript:alert(1)")


def test_the_stand_is_a_date_of_the_past_in_either_notation() -> None:
    assert check_stand("2026-12-01", TODAY) == date(2026, 12, 1)
    assert check_stand("01.12.2026", TODAY) == date(2026, 12, 1)
    assert check_stand("07.12.2026", TODAY) == TODAY
    assert "Der Stand 08.12.2026 liegt in der Zukunft" in refusal(check_stand, "2026-12-08", TODAY)
    assert "„gestern“ ist kein Datum" in refusal(check_stand, "gestern", TODAY)
    assert "Bitte geben Sie den Stand an" in refusal(check_stand, " ", TODAY)


@pytest.mark.parametrize("phone", ["02151 86 26 00", "+49 2151 862600", "02041/70-37-77"])
def test_plausible_phone_numbers_are_kept(phone: str) -> None:
    assert check_value("centre", "phone", f" {phone} ") == phone


@pytest.mark.parametrize("phone", ["12345", "Telefon 02151 8626", "0800 VHS KREFELD", "2151862600"])
def test_implausible_phone_numbers_are_refused_with_an_example(phone: str) -> None:
    assert "sieht nicht wie eine Telefonnummer aus" in refusal(check_value, "centre", "phone", phone)


def test_e_mail_and_postcode_are_checked() -> None:
    assert check_value("centre", "email", "Beratung@VHS-Krefeld.de") == "beratung@vhs-krefeld.de"
    assert "sieht nicht wie eine E-Mail-Adresse aus" in refusal(check_value, "centre", "email", "beratung(at)vhs.de")
    assert check_value("centre", "postcode", "47798") == "47798"
    assert "Eine Postleitzahl hat fünf Ziffern" in refusal(check_value, "centre", "postcode", "4779")


def test_a_centre_field_may_be_emptied_but_a_programme_text_may_not() -> None:
    assert check_value("centre", "phone", "  ") == ""
    assert check_value("centre", "opening_hours", "") == {}
    assert "Ein leerer Text kann hier nicht gespeichert werden" in refusal(check_value, "programme", "summary", " ")
    assert "höchstens 4000 Zeichen" in refusal(check_value, "faq", "text", "x" * 4001)


def test_opening_hours_are_read_in_the_form_the_bot_writes_them() -> None:
    hours = parse_hours("Mo–Do 8:00–16:00, Fr 08.00-12:30 und 13-15 Uhr")
    assert hours == {
        "mo": [["08:00", "16:00"]], "di": [["08:00", "16:00"]], "mi": [["08:00", "16:00"]],
        "do": [["08:00", "16:00"]], "fr": [["08:00", "12:30"], ["13:00", "15:00"]],
    }
    assert hours_text(hours) == "Mo–Do 08:00–16:00, Fr 08:00–12:30 und 13:00–15:00"
    assert parse_hours(hours_text(hours)) == hours


@pytest.mark.parametrize("text", ["Montag bis Freitag 9–12", "Mo–Fr 12:00–09:00", "Fr–Mo 9–12", "Mo 25:00–26:00"])
def test_hours_that_cannot_be_read_are_refused_with_the_expected_form(text: str) -> None:
    assert "Bitte schreiben Sie sie so: Mo–Do 08:00–16:00" in refusal(parse_hours, text)


def test_a_day_named_twice_is_refused() -> None:
    assert "Di steht zweimal in den Öffnungszeiten" in refusal(parse_hours, "Mo–Mi 9–12, Di 14–16")
