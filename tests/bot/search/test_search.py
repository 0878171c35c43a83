"""Course search as a citizen experiences it: typos, umlauts, compounds, synonyms, ranking, paging."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import numpy as np
import pytest
from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from bot.db.models import Course
from bot.search import CourseQuery, expand_terms, search_courses
from bot.search.snapshot import Candidates
from tests.bot.search.sample_offer import TODAY, seed_offer


@pytest.fixture()
def offer(session: Session) -> dict[str, int]:
    return seed_offer(session)


def titles(session: Session, **kwargs: object) -> list[str]:
    result = search_courses(session, CourseQuery(today=TODAY, page_size=50, **kwargs))  # type: ignore[arg-type]
    return [hit.title for hit in result.hits]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("exel", "Excel für Einsteiger"),  # typo
        ("buchaltung", "Buchhaltung Grundlagen"),  # typo
        ("Altenpflegehelferin", "Pflegebasiskurs"),  # compound -> Pflege
        ("EDV", "Linux-Administration"),  # topic synonym from the database
        ("Buchführung", "Buchhaltung Grundlagen"),  # word-level synonym
        ("Stapler", "Gabelstaplerschein"),  # word-level synonym and compound
        ("SCHWEISSEN", "Schweißen MAG"),  # ß and case
        ("schweißen", "Schweißen MAG"),
        ("paedagogik", "Erzieherin berufsbegleitend"),  # umlaut spelled out
        ("Erzieherinnen", "Erzieherin berufsbegleitend"),  # plural via lemma table
        ("Ich suche einen Kurs für Excel", "Excel für Einsteiger"),  # stopwords ignored
    ],
)
def test_citizen_wording_finds_the_course(session: Session, offer: dict[str, int], typed: str, expected: str) -> None:
    assert expected in titles(session, text=typed)


def test_unrelated_words_find_nothing(session: Session, offer: dict[str, int]) -> None:
    result = search_courses(session, CourseQuery(text="Yoga", today=TODAY))
    assert result.hits == [] and result.total == 0


def test_short_words_match_whole_words_only(session: Session, offer: dict[str, int]) -> None:
    # "IT" must not match "Kommunikation" or "mit"; it names the IT topic.
    found = titles(session, text="IT")
    assert "Linux-Administration" in found and "Python für Einsteiger" in found
    assert "Kommunikation in der Pflege" not in found


def test_matched_topics_name_what_was_understood(session: Session, offer: dict[str, int]) -> None:
    result = search_courses(session, CourseQuery(text="Altenpflegehelferin", today=TODAY))
    assert result.matched_topics == ["Pflege"]


def test_exact_topic_ranks_before_a_mere_mention(session: Session, offer: dict[str, int]) -> None:
    # "Kommunikation in der Pflege" starts earlier, but the Pflege topic's course comes first.
    assert titles(session, text="Pflege")[:2] == ["Pflegebasiskurs", "Kommunikation in der Pflege"]


def test_title_match_ranks_before_description_match(session: Session, offer: dict[str, int]) -> None:
    # Linux-Administration mentions servers only in its description and starts earlier.
    assert titles(session, text="Server") == ["Server-Grundlagen", "Linux-Administration"]


def test_nearer_start_ranks_first_and_past_runs_are_never_shown(session: Session, offer: dict[str, int]) -> None:
    result = search_courses(session, CourseQuery(text="Excel", today=TODAY))
    assert [h.title for h in result.hits] == ["Excel kompakt", "Excel für Einsteiger"]  # no "Aufbaukurs"
    einsteiger = result.hits[1]
    assert einsteiger.next_start == TODAY + timedelta(days=10)  # not the run 30 days ago
    assert (einsteiger.place, einsteiger.provider, einsteiger.price_eur) == ("Krefeld", "VHS Musterstadt",
                                                                             Decimal("190.00"))


def test_start_after_hides_earlier_courses(session: Session, offer: dict[str, int]) -> None:
    found = titles(session, text="Excel", start_after=TODAY + timedelta(days=5))
    assert found == ["Excel für Einsteiger"]


def test_pagination_walks_through_all_hits_once(session: Session, offer: dict[str, int]) -> None:
    seen: list[int] = []
    page, pages = 1, []
    while True:
        result = search_courses(session, CourseQuery(today=TODAY, page=page, page_size=4))
        pages.append((len(result.hits), result.has_more))
        seen += [h.course_id for h in result.hits]
        if not result.has_more:
            break
        page += 1
    assert result.total == 11  # every course with a future run, the past-only Aufbaukurs excluded
    assert pages == [(4, True), (4, True), (3, False)]
    assert len(seen) == len(set(seen)) == 11


def test_maximum_price(session: Session, offer: dict[str, int]) -> None:
    found = titles(session, text="IT", max_price=500)
    assert found == ["Python für Einsteiger"]
    assert "Linux-Administration" in titles(session, text="IT", max_price=Decimal("2400"))


@pytest.mark.parametrize(
    ("schedule", "expected"),
    [
        ("abends", {"Excel für Einsteiger", "Python für Einsteiger"}),
        ("nach Feierabend", {"Excel für Einsteiger", "Python für Einsteiger"}),
        ("am Wochenende", {"Kommunikation in der Pflege", "Gabelstaplerschein"}),
        ("Vollzeit", {"Linux-Administration", "Server-Grundlagen", "Schweißen MAG"}),
        ("Teilzeit", {"Excel kompakt", "Pflegebasiskurs"}),
        ("berufsbegleitend", {"Buchhaltung Grundlagen", "Erzieherin berufsbegleitend"}),
    ],
)
def test_schedule_filter(session: Session, offer: dict[str, int], schedule: str, expected: set[str]) -> None:
    assert set(titles(session, schedule=schedule)) == expected


def test_unknown_schedule_is_an_error_not_a_silently_ignored_filter(session: Session, offer: dict[str, int]) -> None:
    with pytest.raises(ValueError, match="Zeitmodell"):
        search_courses(session, CourseQuery(schedule="nachts", today=TODAY))


def test_format_filter(session: Session, offer: dict[str, int]) -> None:
    assert titles(session, format="online") == ["Python für Einsteiger"]
    assert "Python für Einsteiger" not in titles(session, format="Präsenz")


def test_funding_filters_and_badges(session: Session, offer: dict[str, int]) -> None:
    gutschein = search_courses(session, CourseQuery(bildungsgutschein=True, today=TODAY, page_size=50))
    assert {h.title for h in gutschein.hits} == {"Pflegebasiskurs", "Linux-Administration", "Gabelstaplerschein"}
    assert all("Bildungsgutschein" in h.badges for h in gutschein.hits)
    bafoeg = search_courses(session, CourseQuery(aufstiegs_bafoeg=True, today=TODAY))
    assert [(h.title, h.badges) for h in bafoeg.hits] == [("Erzieherin berufsbegleitend", ["Aufstiegs-BAföG"])]


def test_bildungsurlaub_depends_on_the_state(session: Session, offer: dict[str, int]) -> None:
    assert set(titles(session, bildungsurlaub_state="NRW")) == {"Buchhaltung Grundlagen", "Python für Einsteiger"}
    assert titles(session, bildungsurlaub_state="Hessen") == ["Python für Einsteiger"]
    # In Hessen (Korbach) the NRW-only recognition is not shown as a badge.
    korbach = search_courses(session, CourseQuery(text="Python", place="Korbach", today=TODAY))
    assert korbach.hits[0].badges == ["Bildungsurlaub"]
    dinslaken = search_courses(session, CourseQuery(text="Buchhaltung", place="Dinslaken", today=TODAY))
    assert dinslaken.hits[0].badges == ["Bildungsurlaub"]


@pytest.mark.parametrize(
    ("nasty", "expected"),
    [
        ("'; DROP TABLE courses;--", set()),
        ("Excel' OR '1'='1", {"Excel kompakt", "Excel für Einsteiger"}),
        ("Ex%el", set()),  # no LIKE wildcard: would match "Excel"
        ("Exc_l", set()),
        ("\\\" ; DELETE FROM courses", set()),
    ],
)
def test_sql_metacharacters_are_harmless(
    session: Session, offer: dict[str, int], nasty: str, expected: set[str]
) -> None:
    assert set(titles(session, text=nasty)) == expected
    unknown_place = search_courses(session, CourseQuery(text="Excel", place=nasty, today=TODAY))
    assert unknown_place.hits == [] and unknown_place.place_unknown == nasty
    assert inspect(session.get_bind()).has_table("courses")
    assert session.scalar(select(func.count(Course.id))) == len(offer)


def test_expand_terms_without_a_database() -> None:
    assert {"edv", "it"} <= expand_terms("EDV")
    assert "buchhaltung" in expand_terms("Buchführung")
    assert "gabelstapler" in expand_terms("Stapler")
    assert "computer" in expand_terms("PC-Kurs")
    assert "kurs" not in expand_terms("Ich suche einen Kurs")


def test_empty_offer_database_answers_with_no_hits(session: Session) -> None:
    result = search_courses(session, CourseQuery(text="Excel", today=TODAY))
    assert (result.hits, result.total, result.has_more) == ([], 0, False)


def test_within_a_relevance_group_the_next_starts_run_in_date_order() -> None:
    # Issue 19: page 1 ended 22.03.2027, page 2 began 24.05.2027 and then 01.03.2027, because two
    # title hits outranked one. Groups: exact topic, words in the title, words elsewhere; each by date.
    candidates = Candidates(
        course_ids=np.array([1, 2, 3, 4, 5, 6]),
        next_start=np.array([50, 40, 30, 20, 10, 5]),
        next_place=np.full(6, -1),
        topic_exact=np.array([True, True, False, False, False, False]),
        title_hits=np.array([0, 0, 2, 1, 0, 0]),
        text_hits=np.array([1, 1, 2, 1, 3, 0]),
        any_local=True,
    )
    assert [int(candidates.course_ids[i]) for i in candidates.ranked()] == [2, 1, 4, 3, 5, 6]
