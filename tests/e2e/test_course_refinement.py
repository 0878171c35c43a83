"""A short message after a list of courses that only narrows the search narrows it (issue 17).

"am wochenende?" alone is often not understood by the NLU; right after the results it still means
"only the courses at the weekend", not "Meinten Sie: Sie möchten die Kurssuche ändern?".
"""

from __future__ import annotations

import re
import uuid

from tests.e2e.conftest import RunningBot


def test_a_bare_time_wish_after_the_results_narrows_them(bot: RunningBot) -> None:
    citizen = f"e2e-{uuid.uuid4().hex}"
    first = "\n".join(bot.texts(citizen, "excel kurs in wesel"))
    assert "Excel" in first
    narrowed = "\n".join(bot.texts(citizen, "am wochenende?"))
    assert "Meinten Sie" not in narrowed
    cards = re.findall(r"^\d+\. .*$\n.*$\n(.*)$", narrowed, flags=re.MULTILINE)
    assert cards and all("am Wochenende" in line for line in cards), narrowed
    assert "Excel" in narrowed


def test_the_same_words_without_a_search_before_are_not_taken_for_one(bot: RunningBot) -> None:
    citizen = f"e2e-{uuid.uuid4().hex}"
    answer = "\n".join(bot.texts(citizen, "am wochenende?"))
    assert "passende Kurse gefunden" not in answer


def test_a_funding_question_with_a_course_search_beside_it_gets_both(bot: RunningBot) -> None:
    """Read as "check me", answered from the facts: the search asked in the second sentence follows."""
    citizen = f"e2e-{uuid.uuid4().hex}"
    said = "\n".join(bot.texts(citizen, "Muss ich das Meister-BAföG komplett zurückzahlen? Und gibt es "
                                        "Meisterkurse in Korbach?"))
    assert "Aufstiegs-BAföG:" in said and "Restdarlehens" in said
    assert re.search(r"^1\. .*Meister", said, flags=re.MULTILINE), said


def test_after_a_courses_details_the_citizen_learns_where_to_register(bot: RunningBot) -> None:
    citizen = f"e2e-{uuid.uuid4().hex}"
    bot.texts(citizen, "excel kurs in wesel")
    details = bot.texts(citizen, "Details zum zweiten")
    title = details[0].split("\n")[0]
    said = "\n".join(bot.texts(citizen, "ich möchte mich da anmelden, wie geht das?"))
    assert f"Für „{title}“ melden Sie sich direkt beim Anbieter an" in said, said


def test_a_property_asked_of_the_list_shown_keeps_the_topic(bot: RunningBot) -> None:
    """ "gibt es da einen mit IHK-Zertifikat?" after Buchhaltung courses: Buchhaltung with IHK, not any IHK
    course (no Buchhaltung course of the demo offer ends with an IHK exam: it says so)."""
    citizen = f"e2e-{uuid.uuid4().hex}"
    assert "Buchf" in "\n".join(bot.texts(citizen, "buchhaltung online kurs"))
    said = "\n".join(bot.texts(citizen, "gibt es da einen mit IHK Zertifikat?"))
    assert "Zu „Buchhaltung IHK Zertifikat“ (online) habe ich leider keinen passenden Kurs gefunden." in said, said
    assert not re.search(r"^\d+\. ", said, flags=re.MULTILINE), said


def test_more_after_the_last_course_about_the_words_shows_the_topics_others_marked(bot: RunningBot) -> None:
    citizen = f"e2e-{uuid.uuid4().hex}"
    bot.texts(citizen, "Umschulung Lagerlogistik Krefeld")
    said = "\n".join(bot.texts(citizen, "mehr"))
    assert "Weitere Kurse genau zu „Lagerlogistik“ habe ich nicht." in said, said
    assert re.search(r"^3\. ", said, flags=re.MULTILINE), said
