"""Open-world search on the demo offer: the citizen's own words, not only the topics the bot knows.

Every word of a query must match a course's own text (title, keywords, degree, provider,
description) or name its topic; words nobody offers are reported back, so the bot can say so.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from bot.db.models import Course
from bot.db.session import session_scope
from bot.demo.seed import seed
from bot.exchange.importer import import_file
from bot.search import CourseQuery, search_courses
from bot.search import cache as search_cache
from bot.search.query import SearchResult

TODAY = date(2027, 2, 1)


@pytest.fixture()
def demo(session: Session) -> Session:
    seed(session, TODAY)
    session.flush()
    return session


def find(session: Session, text: str, place: str | None = None) -> SearchResult:
    return search_courses(session, CourseQuery(text=text, place=place, today=TODAY, page_size=100))


def topic_of(session: Session, course_id: int) -> str:
    course = session.get(Course, course_id)
    assert course is not None and course.topic is not None
    return course.topic.slug


def test_sap_finds_courses_that_mention_sap_not_every_accounting_course(demo: Session) -> None:
    # "SAP FI" is a synonym of the Buchhaltung topic; that alone must not make DATEV courses SAP courses.
    result = find(demo, "SAP")
    assert result.total >= 1
    assert all("DATEV" not in hit.title for hit in result.hits)
    for hit in result.hits:
        course = demo.get(Course, hit.course_id)
        assert course is not None
        assert "sap" in f"{course.title} {course.description} {' '.join(course.keywords)}".lower()


def test_words_without_umlauts_find_the_topic(demo: Session) -> None:
    result = find(demo, "fuehrungskraefte")
    assert result.matched_topics == ["Führung und Management"] and result.total > 0
    assert {topic_of(demo, h.course_id) for h in result.hits[:5]} == {"fuehrung"}


def test_34a_exam_in_dinslaken_shows_security_courses_not_any_exam(demo: Session) -> None:
    # "Sachkundeprüfung" contains "Prüfung"; a master craftsman's exam is not what was asked for.
    result = find(demo, "34a Sachkundeprüfung", place="Dinslaken")
    assert result.total > 0
    assert {topic_of(demo, h.course_id) for h in result.hits} == {"sicherheit"}


def test_a_subject_nobody_offers_finds_nothing_and_names_the_word(demo: Session) -> None:
    result = find(demo, "Ich suche einen Kurs für Tiefseetauchen in Bottrop", place="Bottrop")
    assert result.total == 0
    assert result.unknown_words == ["Tiefseetauchen"]  # not "suche", "Kurs" or "Bottrop"


def test_a_word_no_course_has_besides_the_topic_is_left_out_and_said(demo: Session) -> None:
    result = find(demo, "Excel für Senioren")
    assert result.total > 0 and all("Excel" in h.title or "Office" in h.title for h in result.hits[:3])
    assert result.ignored_words == ["Senioren"]


def test_two_subjects_that_no_course_combines_find_nothing(demo: Session) -> None:
    assert find(demo, "Python Schweißen").total == 0


def test_an_english_request_for_a_german_course_finds_german_courses(demo: Session) -> None:
    result = find(demo, "Hello, I am looking for a German language course", place="Bottrop")
    assert result.total > 0
    assert {topic_of(demo, h.course_id) for h in result.hits} <= {"deutsch", "sprachen"}
    assert "Deutsch und Integration" in result.matched_topics
    short = find(demo, "german course")
    assert short.total > 0 and {topic_of(demo, h.course_id) for h in short.hits[:5]} == {"deutsch"}
    for hit in short.hits:
        course = demo.get(Course, hit.course_id)
        assert course is not None and course.topic is not None
        assert course.topic.slug == "deutsch" or "deutsch" in f"{course.title} {course.description}".lower()


def test_english_function_words_do_not_hide_a_german_abbreviation(demo: Session) -> None:
    # "FOR" (Fachoberschulreife) in a German message stays a wish; only English messages drop "for".
    assert "Schulabschlüsse nachholen" in find(demo, "Abschluss FOR nachholen").matched_topics


def test_a_newly_imported_course_is_found_by_its_own_words(
    demo: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert find(demo, "Drohnenführerschein").total == 0
    header = ("anbieter;anbieter_azav;angebotsnummer;titel;inhalt;thema;abschlussbezeichnung;unterrichtsstunden;"
              "kosten;unterrichtsform;unterrichtszeit;sprache;niveau;bildungsgutschein;aufstiegs_bafoeg;link;region;"
              "suchworte;zielgruppen;bildungsurlaub;termine")
    row = ("Flugschule Niederrhein;nein;FN-1;Drohnenführerschein A2 für Vermessung;Kompetenznachweis für "
           "Multikopter im Beruf.;digitalisierung;;16;390;praesenz;vollzeit;Deutsch;;nein;nein;;krefeld;"
           "UAS | Multikopter;;;2027-03-01/2027-03-03/Krefeld/")
    path = tmp_path / "neu.csv"
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    assert import_file(demo, path).created == 1
    monkeypatch.setattr(search_cache, "RECHECK_SECONDS", 0.0)  # as a running bot sees it a few seconds later
    for typed in ("Drohnenfuehrerschein", "Multikopter", "drohnen führerschein"):
        result = find(demo, typed, place="Krefeld")
        assert [h.title for h in result.hits] == ["Drohnenführerschein A2 für Vermessung"], typed


OPEN_WORLD_QUERIES = [("SAP", None), ("fuehrungskraefte", None), ("34a Sachkundeprüfung", "Dinslaken"),
                      ("Tiefseetauchen", "Bottrop"), ("Excel für Senioren", None), ("german course", "Bottrop")]


def _answers(url: str) -> list[tuple[list[tuple[str, str]], list[str], list[str]]]:
    with session_scope(url) as session:
        seed(session, TODAY)
    with session_scope(url) as session:
        results = [find(session, text, place) for text, place in OPEN_WORLD_QUERIES]
        return [([(h.title, h.place) for h in r.hits], r.unknown_words, r.ignored_words) for r in results]


@pytest.mark.postgres
def test_the_same_words_find_the_same_courses_on_postgresql(db_url: str, postgres_url: str) -> None:
    assert _answers(postgres_url) == _answers(db_url)


def test_a_word_ending_in_kurs_asks_for_its_subject(demo: Session) -> None:
    """"Pflegekurs" is a course of Pflege: the same courses as "Pflege", also online."""
    for place, fmt in (("Krefeld", None), ("Krefeld", "online")):
        compound = search_courses(demo, CourseQuery(text="Pflegekurs", place=place, format=fmt))
        plain = search_courses(demo, CourseQuery(text="Pflege", place=place, format=fmt))
        assert compound.total == plain.total > 0
        assert [h.course_id for h in compound.hits] == [h.course_id for h in plain.hits]


@pytest.mark.parametrize(
    ("typed", "topic"),
    [
        ("I am looking for a forklift licence", "logistik"),
        ("nursing course", "pflege"),
        ("training in elderly care", "pflege"),
        ("I need a german course for work", "deutsch"),
        ("accounting classes please", "buchhaltung"),
        ("any welding courses?", "schweissen"),
        ("course for truck drivers", "logistik"),
        ("childcare training", "erziehung"),
        ("security guard training", "sicherheit"),
        ("I want to learn programming", "it"),
        ("help with my job applications", "bewerbung"),
        ("nursing", "pflege"),  # the topic slot as the NLU read it from an English message
        ("welding", "schweissen"),
    ],
)
def test_english_topic_words_find_the_german_topic(demo: Session, typed: str, topic: str) -> None:
    # The map is data: bot/search/english.yaml.
    result = find(demo, typed)
    assert result.total > 0, result.matched_topics
    assert topic_of(demo, result.hits[0].course_id) == topic, result.matched_topics


def test_an_english_course_word_in_a_short_wish_is_read_in_german_too(demo: Session) -> None:
    """ "project management": "project" is no German word; every management course was a match."""
    result = find(demo, "project management")
    assert result.hits and result.hits[0].title.startswith("Projektmanagement")
    assert result.total < len(find(demo, "management").hits)


def test_a_compound_written_with_a_hyphen_for_its_shared_part_is_found_by_its_whole_word(demo: Session) -> None:
    # "Lohn- und Gehaltsabrechnung mit DATEV" is about "Lohnabrechnung"; "Lohnbuchhaltung" (whose
    # synonym it is) found every accounting course, and the evening ones when asked "lieber abends".
    result = find(demo, "Lohnbuchhaltung")
    assert result.total >= 1
    assert all(hit.title.startswith("Lohn- und Gehaltsabrechnung") for hit in result.hits)
