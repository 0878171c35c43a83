"""The course search turn without Rasa (bot/course_search.py): what the citizen reads, worded as the
action words it, and the slots the turn changes. Real SQLite with the demo offer of DEMO_DAY."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from bot import course_answers, course_search
from bot.course_search import SearchSlots, slot_price
from bot.replies import Answer
from bot.search.alternatives import Alternatives, Counselling
from bot.search.query import CourseQuery
from bot.wording import render
from tests.bot.search.sample_offer import DEMO_DAY


def read(answer: Answer, language: str | None = None) -> list[str]:
    """The messages as the citizen reads them (German unless ``language``)."""
    return [render(r.key, buttons=r.buttons, language=language, **r.values)["text"] for r in answer.replies]


def slots_of(answer: Answer) -> dict:
    return dict(answer.slots)


def test_a_search_shows_three_numbered_cards_under_the_count_and_remembers_them(demo: Session) -> None:
    answer = course_search.search(demo, SearchSlots(topic="Pflege", place="Krefeld"), "Pflegekurs in Krefeld",
                                  ["Pflegekurs in Krefeld"], place_tagged=True, today=DEMO_DAY)
    said = read(answer)
    assert said[0].startswith("Ich habe ") and said[0].endswith("Hier sind die nächsten Termine:")
    cards = [s for s in said if s[:2] in ("1.", "2.", "3.")]
    assert [c[:2] for c in cards] == ["1.", "2.", "3."][: len(cards)] and cards
    assert all("Start: " in c for c in cards)
    assert slots_of(answer)["search_page"] == 1
    assert len(slots_of(answer)["shown_courses"]) == len(cards)
    assert answer.searched is not None and answer.searched.found and answer.searched.place == "Krefeld"


def test_the_start_window_is_said_in_the_citizens_language(demo: Session) -> None:
    wishes = ["Pflegekurs in Krefeld ab März"]
    german = course_search.search(demo, SearchSlots(topic="Pflege", place="Krefeld"), wishes[0], wishes,
                                  place_tagged=True, today=DEMO_DAY)
    assert slots_of(german)["course_start"]["label"] == "ab März 2027"
    assert " mit Beginn ab März 2027 " in read(german)[0]
    english = course_search.search(demo, SearchSlots(topic="Pflege", place="Krefeld", language="en"), wishes[0],
                                   wishes, place_tagged=True, today=DEMO_DAY)
    assert "mit Beginn" not in " ".join(read(english, "en"))
    nothing = course_search.search(demo, SearchSlots(topic="Tiefseetauchen", place="Krefeld", language="en"),
                                   wishes[0], wishes, place_tagged=True, today=DEMO_DAY)
    said = " ".join(read(nothing, "en"))
    assert "from March 2027" in said and "März" not in said, said


def test_a_town_the_nlu_did_not_tag_is_searched_and_set(demo: Session) -> None:
    answer = course_search.search(demo, SearchSlots(topic="Pflege", place="Krefeld"), "und in Moers?",
                                  ["und in Moers?"], place_tagged=False, today=DEMO_DAY)
    assert answer.slots[0] == ("place", "Moers")


def test_nothing_found_names_the_wishes_kept_and_a_centre_with_its_number(demo: Session) -> None:
    slots = SearchSlots(topic="Tiefseetauchen", place="Krefeld", max_price="300", schedule="abends",
                        funding_filter="bildungsgutschein")
    said = read(course_search.more(demo, SearchSlots(**{**slots.__dict__, "search_page": 0}), DEMO_DAY))
    assert said[0] == ("Zu „Tiefseetauchen“ in Krefeld (abends, bis 300 €, mit Bildungsgutschein) habe ich leider "
                       "keinen passenden Kurs gefunden.")
    assert " Zum Beispiel: Volkshochschule Krefeld/Neukirchen-Vluyn. Dort " in said[-1]


def test_the_centre_is_named_with_its_number_in_the_citizens_language() -> None:
    found = Alternatives(counselling=Counselling("VHS Krefeld", "02151 000000"))
    query = CourseQuery(text="Schweißen", place="Kreis Wesel")
    german = [render(r.key, **r.values)["text"] for r in course_answers.nothing_found(query, None, found)]
    assert german[0].startswith("Zu „Schweißen“ im Kreis Wesel habe ich")
    assert " Zum Beispiel: VHS Krefeld, Telefon 02151 000000. " in german[-1]
    english = [render(r.key, language="en", **r.values)["text"]
               for r in course_answers.nothing_found(query, None, found, "en")]
    assert " For example: VHS Krefeld, phone 02151 000000. " in english[-1]


def test_more_numbers_the_cards_on_and_says_when_all_are_seen(demo: Session) -> None:
    first = course_search.search(demo, SearchSlots(topic="Pflege", place="Krefeld"), "Pflege", ["Pflege"], True,
                                 DEMO_DAY)
    shown = tuple(slots_of(first)["shown_courses"])
    second = course_search.more(demo, SearchSlots(topic="Pflege", place="Krefeld", shown_courses=shown),
                                DEMO_DAY)
    said = read(second)
    assert said and (said[0].startswith(f"{len(shown) + 1}.") or "online" in said[0].lower()
                     or said[0].startswith("Das waren"))
    assert second.searched is None  # only a first page is counted


def test_details_of_the_second_card_and_the_choice_when_the_number_is_beyond(demo: Session) -> None:
    first = course_search.search(demo, SearchSlots(topic="Pflege", place="Krefeld"), "Pflege", ["Pflege"], True,
                                 DEMO_DAY)
    shown = slots_of(first)["shown_courses"]
    assert len(shown) >= 2
    details = read(course_search.details(demo, shown, "der zweite", None, DEMO_DAY))
    second_card = read(first)[2]
    assert details[0].split("\n")[0] == second_card.split("\n")[0].removeprefix("2. ")
    assert "Kosten: " in details[0] and "Termine: " in details[0]
    beyond = course_search.details(demo, shown, "Details zum neunten", "9", DEMO_DAY)
    assert [b["title"] for b in beyond.replies[0].buttons or []][-1] == render(
        "details_button", number=len(shown))["text"]


def test_the_topic_of_a_request_without_one_from_the_nlu(demo: Session) -> None:
    text = "Ich suche einen Kurs für Tiefseetauchen in Bottrop"
    place = [{"entity": "place", "value": "Bottrop", "start": text.index("Bottrop"), "end": len(text)}]
    assert course_search.topic_from_request(demo, text, place) == {"topic": "Tiefseetauchen"}
    assert course_search.topic_from_request(demo, "Integrationskurs in Wesel", [], "integrationskurs") == {
        "topic": "Integrationskurs"}
    assert course_search.topic_from_request(demo, "Kurse ab März", []) == {}  # no course words: the topic stays


def test_the_answer_to_where(demo: Session) -> None:
    assert course_search.place_answer(demo, "ich wohne in Moers", "ich wohne in Moers", DEMO_DAY).slots == [
        ("place", "Moers")]
    assert course_search.place_answer(demo, "gerne online", "gerne online", DEMO_DAY).slots == [
        ("place", "online"), ("course_format", "online")]
    later = course_search.place_answer(demo, "ab März", "ab März", DEMO_DAY)
    assert (later.slots, later.replies) == ([("place", None)], [])  # the form asks on, the wish is kept
    unknown = course_search.place_answer(demo, "Atlantis", "Atlantis", DEMO_DAY)
    assert read(unknown)[0].startswith("Den Ort „Atlantis“ kenne ich leider nicht.")


@pytest.mark.parametrize(("slot", "price"), [("500", Decimal(500)), ("1.500", Decimal(1500)),
                                             ("1.500,50", Decimal("1500.50")), ("1199.99", Decimal("1199.99")),
                                             ("300 €", Decimal(300)), ("viel", None), ("-5", None), (None, None)])
def test_the_price_slot_as_stored_or_typed(slot: str | None, price: Decimal | None) -> None:
    assert slot_price(slot) == price


def test_when_every_course_was_shown_more_says_so_and_offers_counselling(demo: Session) -> None:
    """Past the last card and the online ones: no empty "that was all", but where else to look."""
    slots = SearchSlots(topic="Staplerschein", place="Wesel")
    seen: tuple[int, ...] = ()
    answer = course_search.search(demo, slots, "staplerschein wesel", ["staplerschein wesel"], True, DEMO_DAY)
    for _ in range(6):  # page on until the search has nothing left
        seen = tuple(slots_of(answer).get("shown_courses", seen))
        page = int(slots_of(answer).get("search_page", 1))
        answer = course_search.more(demo, SearchSlots(topic="Staplerschein", place="Wesel", shown_courses=seen,
                                                      search_page=page), DEMO_DAY)
        if read(answer) and read(answer)[0].startswith("Das waren alle Kurse"):
            break
    said = read(answer)
    assert said[0].startswith("Das waren alle Kurse, die zu Ihrer Suche passen.")
    assert "Weiterbildungsberatung" in said[0]
    rendered = [render(r.key, buttons=r.buttons, **r.values) for r in answer.replies]
    titles = [b["title"] for shown in rendered for b in shown.get("buttons") or []]
    assert titles == ["Rückruf vereinbaren", "Beratungsstelle anzeigen"]


def test_after_the_details_a_registration_question_gets_the_providers_contact(demo: Session) -> None:
    first = course_search.search(demo, SearchSlots(topic="Pflege", place="Krefeld"), "Pflege", ["Pflege"], True,
                                 DEMO_DAY)
    shown = slots_of(first)["shown_courses"]
    assert slots_of(first)["course_in_focus"] is None
    details = course_search.details(demo, shown, "Details zum zweiten", None, DEMO_DAY)
    focus = slots_of(details)["course_in_focus"]
    assert focus == shown[1]
    title = read(details)[0].split("\n")[0]
    answer = read(course_search.details(demo, shown, "Wo kann ich mich dafür anmelden?", None, DEMO_DAY, focus=focus))
    assert answer[0].startswith(f"Für „{title}“ melden Sie sich direkt beim Anbieter an: ")
    assert "+49" in answer[0] or "@" in answer[0] or "http" in answer[0]  # a way to reach the provider
    spoken = read(course_search.details(demo, shown, "gut, und wo meld ich mich dafür an", None, DEMO_DAY, focus=focus))
    assert spoken[0] == answer[0]  # "meld" as it is spoken, without its e
    # without a course in focus, the same question asks which course
    assert read(course_search.details(demo, shown, "Wo kann ich mich dafür anmelden?", None, DEMO_DAY))[0] == read(
        course_search.details(demo, shown, "Zu welchem?", None, DEMO_DAY))[0]


def test_a_registration_question_naming_a_card_is_about_that_card(demo: Session) -> None:
    first = course_search.search(demo, SearchSlots(topic="Pflege", place="Krefeld"), "Pflege", ["Pflege"], True,
                                 DEMO_DAY)
    shown = slots_of(first)["shown_courses"]
    title = read(first)[2].split("\n")[0].removeprefix("2. ")
    answer = course_search.details(demo, shown, "Wie buche ich den zweiten?", "2", DEMO_DAY)
    assert read(answer)[0].startswith(f"Für „{title}“ melden Sie sich direkt beim Anbieter an: ")
    assert slots_of(answer)["course_in_focus"] == shown[1]


def test_past_the_last_course_about_the_words_more_shows_their_topics_other_courses_marked_as_such(
        demo: Session) -> None:
    """ "Umschulung Lagerlogistik Krefeld", "mehr": not "that was all" while the topic has more near by."""
    slots = SearchSlots(topic="Lagerlogistik", place="Krefeld")
    first = course_search.search(demo, slots, "Lagerlogistik Krefeld", ["Lagerlogistik Krefeld"], True, DEMO_DAY)
    shown = tuple(slots_of(first)["shown_courses"])
    assert all("Lagerlogistik" in s for s in read(first) if s[:2] in ("1.", "2.", "3."))
    more = course_search.more(demo, replace(slots, shown_courses=shown), DEMO_DAY)
    said = read(more)
    assert said[0] == ("Weitere Kurse genau zu „Lagerlogistik“ habe ich nicht. Aus dem Bereich "
                       "„Logistik, Lager und Stapler“ gibt es noch diese Kurse:")
    cards = [s for s in said[1:] if s[:1].isdigit()]
    assert cards and cards[0].startswith(f"{len(shown) + 1}.")
    assert not any("Lagerlogistik" in c.split("\n")[0] for c in cards)  # none of them shown twice
    assert set(slots_of(more)["shown_courses"][: len(shown)]) == set(shown)


def test_a_filter_that_leaves_only_other_courses_of_the_topic_finds_nothing_for_the_words(demo: Session) -> None:
    """ "Erste Hilfe" … "am Wochenende?": a Fachwirt in Gesundheit is no Erste-Hilfe course."""
    slots = SearchSlots(topic="Erste Hilfe", place="Homberg (Efze)", schedule="wochenende")
    said = read(course_search.search(demo, slots, "am wochenende?", ["am wochenende?"], False, DEMO_DAY))
    assert said[0].startswith("Zu „Erste Hilfe“ in Homberg (Efze)") and "keinen passenden Kurs" in said[0]
    assert not any(s[:2] == "1." for s in said)


def test_a_narrowing_that_finds_nothing_leaves_the_cards_shown_before_to_point_at(demo: Session) -> None:
    first = course_search.search(demo, SearchSlots(topic="Erste Hilfe", place="Homberg (Efze)"), "erste hilfe",
                                 ["erste hilfe"], True, DEMO_DAY)
    shown = tuple(slots_of(first)["shown_courses"])
    narrowed = course_search.search(demo, SearchSlots(topic="Erste Hilfe", place="Homberg (Efze)",
                                                      schedule="wochenende", shown_courses=shown),
                                    "am wochenende?", ["am wochenende?"], False, DEMO_DAY)
    assert "keinen passenden Kurs" in read(narrowed)[0]
    assert "shown_courses" not in slots_of(narrowed)
    details = course_search.details(demo, shown, "was kostet der erste?", "1", DEMO_DAY)
    assert read(details)[0].startswith("Erste-Hilfe-Ausbildung")


def test_a_weekend_day_in_the_wish_is_the_weekend_filter(demo: Session) -> None:
    """ "erste hilfe kurs fritzlar samstag": no full-time course as the answer to a Saturday wish."""
    wish = "erste hilfe kurs fritzlar samstag"
    answer = course_search.search(demo, SearchSlots(topic="Erste Hilfe", place="Fritzlar"), wish, [wish], True,
                                  DEMO_DAY)
    assert ("schedule", "wochenende") in answer.slots
    cards = [s for s in read(answer) if s[:2] == "1."]
    assert not cards or "am Wochenende" in cards[0]


def test_a_time_of_day_in_the_wish_keeps_to_daytime_courses_and_says_so(demo: Session) -> None:
    """ "nur vormittags bitte": the data have no hours, so no evening or weekend course, and the
    heading says what was kept to (was: weekend and evening courses as the answer)."""
    wish = "nur vormittags bitte, und nicht so teuer"
    answer = course_search.search(demo, SearchSlots(topic="Excel", place="online"), wish, [wish], False, DEMO_DAY)
    assert ("schedule", "tagsueber") in answer.slots
    said = read(answer)
    assert said[0].startswith("Die Uhrzeit steht nicht in den Kursdaten."), said[0]
    cards = [s for s in said if s[:2] in ("1.", "2.", "3.")]
    assert cards and all("abends" not in c and "Wochenende" not in c for c in cards), cards
    evening = "lieber abends, ich arbeite tagsüber"  # the working day is no wish for daytime courses
    answer = course_search.search(demo, SearchSlots(topic="Excel", place="online"), evening, [evening], False,
                                  DEMO_DAY)
    assert ("schedule", "tagsueber") not in answer.slots


def test_nothing_with_every_wish_offers_the_search_with_one_wish_less_and_a_click_drops_it(demo: Session) -> None:
    """ "SAP online": no SAP course online, but on site; said with a count and a button that clears
    the wish (was: Einzelhandel and Metall as "related topics")."""
    slots = SearchSlots(topic="SAP", place="online", course_format="online")
    said = read(course_search.search(demo, slots, "online", ["SAP", "online"], False, DEMO_DAY))
    assert "keinen passenden Kurs" in said[0]
    assert said[1].startswith("Mit einer Angabe weniger gibt es Kurse dazu: ohne „online“ ")
    relaxed = course_search.search(demo, slots, "Auch ohne „online“", [], False, DEMO_DAY, relax=["course_format"])
    assert ("course_format", None) in relaxed.slots and ("place", None) in relaxed.slots
    cards = [s for s in read(relaxed) if s[:2] == "1."]
    assert cards and "SAP" in cards[0], read(relaxed)
    assert read(relaxed)[0] == "Ich habe einen passenden Kurs gefunden. Hier ist der nächste Termin:"  # not "1 … Kurse"
