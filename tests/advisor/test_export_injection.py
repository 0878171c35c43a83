"""Exports carry citizens' free text: no cell may run as a spreadsheet formula, no text may add a calendar line."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime

import pytest

from advisor.export import callbacks_csv, callbacks_ics
from bot.db.models import CallbackRequest

NOW = datetime(2026, 11, 23, 9, 0)


def callback(name: str, topic: str = "Pflege") -> CallbackRequest:
    return CallbackRequest(
        reference="WL-KRE111", sender_id="s", name=name, phone="+4921511234567", email=None,
        preferred_time="Dienstag vormittags", window_start=datetime(2026, 11, 24, 9, 0),
        window_end=datetime(2026, 11, 24, 12, 0), topic=topic, status="neu", created_at=NOW,
    )


@pytest.mark.parametrize(
    "name", ["=1+1", "+1+1", "-1+1", "@SUMME(A1)", "\t=1+1", "\r=1+1", "\n=1+1", " =1+1", "  @x", "\n\nAnna"]
)
def test_a_cell_that_a_spreadsheet_could_read_as_a_formula_starts_with_an_apostrophe(name: str) -> None:
    rows = list(csv.reader(io.StringIO(callbacks_csv([callback(name)]).lstrip("\ufeff")), delimiter=";"))
    assert rows[1][3] == "'" + name


def test_ordinary_cells_and_phone_numbers_stay_as_they_are() -> None:
    rows = list(csv.reader(io.StringIO(callbacks_csv([callback("Erika Mustermann")]).lstrip("\ufeff")), delimiter=";"))
    assert rows[1][3:5] == ["Erika Mustermann", "+4921511234567"]


@pytest.mark.parametrize("name", ["Anna\rATTENDEE:mailto:alle@example.org", "Anna\r\nATTENDEE:x", "Anna\nATTENDEE:x"])
def test_a_line_break_in_a_name_or_topic_adds_no_calendar_line(name: str) -> None:
    text = callbacks_ics([callback(name, topic="Pflege\rDTSTART:19700101T000000")], NOW)
    assert not re.search(r"\r(?!\n)|(?<!\r)\n", text)  # only CRLF line ends
    lines = text.split("\r\n")
    assert not [line for line in lines if line.startswith(("ATTENDEE", "DTSTART:1970"))]
    assert sum(line.startswith("DTSTART") for line in lines) == 1
