"""Fuzzing the real bot's REST endpoint: every request gets a defined status and a JSON body.

Bounded to 60 examples; CI runs them derandomized (the "ci" profile in tests/conftest.py).
"""

from __future__ import annotations

import json
import urllib.request
import uuid

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.e2e.conftest import RunningBot

NASTY = ["<script>", "</b>", "'; DROP TABLE courses; --", "\u200b", "\u202e", "\ufeff", "🙂", "\x00", "/restart", "{{"]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
messages = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(NASTY) | st.text(max_size=20), max_size=8).map("".join),
    st.integers(min_value=1900, max_value=2300).map(lambda n: "x" * n),  # around the 2,000-character limit
    json_values,
)
# Conversation ids the channel accepts (128 random bits) as well as anything else.
senders = st.one_of(
    st.uuids().map(lambda u: u.hex), st.from_regex(r"[A-Za-z0-9_-]{1,128}", fullmatch=True),
    st.text(max_size=140), json_values,
)
requests = st.one_of(
    st.fixed_dictionaries({"sender": senders, "message": messages}, optional={"metadata": json_values}).map(
        lambda body: json.dumps(body).encode()
    ),
    json_values.map(lambda value: json.dumps(value).encode()),
    st.binary(max_size=500),
)


def test_rest_endpoint_never_fails_on_arbitrary_requests(bot: RunningBot) -> None:
    seen: dict[int, int] = {}

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(body=requests)
    def request_is_handled(body: bytes) -> None:
        status, text = bot.post(body)
        seen[status] = seen.get(status, 0) + 1
        assert status in (200, 400, 413, 429), (status, text[:500])
        answer = json.loads(text)  # always JSON, never an HTML error page
        assert "Traceback" not in text
        if status == 200:
            assert isinstance(answer, list) and all(isinstance(m, dict) for m in answer)
        else:
            assert set(answer) == {"code", "meldung"}

    request_is_handled()
    assert seen.get(200) and seen.get(400), seen  # the fuzzing reached both the bot and the checks
    with urllib.request.urlopen(bot.rest_url.rsplit("/", 1)[0] + "/", timeout=10) as health:
        assert health.status == 200
    assert any("automatischer Assistent" in t for t in bot.texts(f"fuzz-afterwards-{uuid.uuid4().hex}", "Hallo"))
