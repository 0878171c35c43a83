"""Bad filter input on the inbox lists and exports: a German message naming the problem, never a 500."""

from __future__ import annotations

import urllib.parse

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.advisor.conftest import World

ANNA = "anna@vhs-krefeld.example"
PAGES = ("/rueckrufe", "/uebergaben", "/rueckrufe/export.csv", "/rueckrufe/export.ics", "/uebergaben/export.csv")


@pytest.mark.parametrize(
    ("query", "told"),
    [
        ({"bis": "9999-12-31"}, "„Eingang bis“: Bitte wählen Sie ein Datum zwischen 2000 und 2100."),
        ({"von": "0001-01-01"}, "„Eingang ab“: Bitte wählen Sie ein Datum zwischen 2000 und 2100."),
        ({"bis": "gestern"}, "„Eingang bis“: „gestern“ ist kein Datum."),
        ({"von": "2026-13-01"}, "„Eingang ab“: „2026-13-01“ ist kein Datum."),
        ({"von": "2026-11-20", "bis": "2026-11-01"}, "„Eingang ab“ liegt nach „Eingang bis“."),
        ({"status": "<script>"}, "Den Status „&lt;script&gt;“ gibt es nicht."),
        ({"thema": "x" * 500}, "Das Thema ist zu lang."),
    ],
)
@pytest.mark.parametrize("page", PAGES)
def test_a_bad_filter_is_named_in_german(world: World, page: str, query: dict[str, str], told: str) -> None:
    response = world.signed_in(ANNA).get(f"{page}?{urllib.parse.urlencode(query)}")
    assert response.status == 400
    assert response.headers["content-type"].startswith("text/html")
    assert told in response.text
    if page.endswith((".csv", ".ics")):
        assert "Es wurde nichts exportiert." in response.text


def test_the_list_still_shows_what_the_valid_filters_select(world: World) -> None:
    page = world.signed_in(ANNA).get("/rueckrufe?bis=9999-12-31&thema=buchhalt").text
    assert "zwischen 2000 und 2100" in page
    assert ">WL-KRE222</a>" in page and ">WL-KRE111</a>" not in page


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    page=st.sampled_from(PAGES),
    query=st.dictionaries(st.sampled_from(["status", "von", "bis", "thema"]), st.text(max_size=30), max_size=4),
)
@example(page="/rueckrufe", query={"bis": "9999-12-31"})
@example(page="/uebergaben/export.csv", query={"von": "9999-12-31", "bis": "9999-12-31"})
def test_no_filter_input_makes_the_server_fail(world: World, page: str, query: dict[str, str]) -> None:
    client = world.signed_in(ANNA)
    assert client.get(f"{page}?{urllib.parse.urlencode(query)}").status in (200, 400)
