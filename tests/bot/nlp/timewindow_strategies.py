"""Hypothesis strategies for the time-window tests: wishes as citizens type them, moments, opening hours."""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from bot.nlp.timewindow import OPENING_KEYS

WISHES = st.lists(
    st.sampled_from(
        ["morgen ", "heute ", "übermorgen ", "Dienstag ", "Sonntag ", "nächste Woche ", "Wochenende ", "diese Woche ",
         "bis Freitag ", "3.12. ", "31.12.2099 ", "29.2. ", "um ", "ab ", "bis ", "zwischen ", "und ", "gegen ",
         "halb ", "14", "9", "0", "24", "23:59", "10:30", " Uhr ", "vormittags ", "abends ", "früh ", "in ", "2 ",
         "99 ", "Tagen ", "Wochen ", "nach Feierabend "]
    ),
    max_size=8,
).map("".join)  # fmt: skip
#: Days that always lie after today (a date such as "3.12." can be today, with its working day over).
DAYS_ONLY = st.sampled_from(["morgen", "übermorgen", "Montag", "am Dienstag", "Freitag", "in 3 Tagen", "Sonntag"])
NOWS = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2090, 1, 1))
ZONES = st.sampled_from([None, ZoneInfo("Europe/Berlin"), timezone.utc])

_HHMM = st.builds(lambda h, m: f"{h:02d}:{m:02d}", st.integers(0, 23), st.sampled_from([0, 15, 30, 45]))
_SPAN = st.tuples(_HHMM, _HHMM).filter(lambda p: p[0] < p[1]).map(list)
OPENING_HOURS = st.dictionaries(st.sampled_from(OPENING_KEYS), st.lists(_SPAN, max_size=3), max_size=7)
_JUNK = st.none() | st.text(max_size=6) | st.lists(st.text(max_size=6), max_size=3) | st.just(["8:00", "25:00"])
MESSY_HOURS = st.dictionaries(
    st.sampled_from((*OPENING_KEYS, "montag")), st.lists(_SPAN | _JUNK, max_size=3) | _JUNK, max_size=7
)
