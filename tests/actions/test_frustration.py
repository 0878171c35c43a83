"""A frustrated message gets a sorry with the offer of a person, and still its answer (issue 17)."""

from __future__ import annotations

import pytest

from actions.courses import ActionSearchCourses
from actions.eligibility import ActionCheckEligibility
from actions.funding import ActionFundingProgramme
from bot.nlp.frustration import frustrated
from tests.actions.conftest import make_tracker, run, texts

SORRY = "Das tut mir leid. Ich versuche es gleich noch einmal."


def test_an_angry_eligibility_question_gets_the_offer_of_a_person_and_the_check(demo_db: str) -> None:
    text = "ich hab schon dreimal gefragt und du verstehst es nicht!!! bekomme ich einen bildungsgutschein?"
    tracker = make_tracker(text=text, intent="check_eligibility",
                           entities=[{"entity": "programme", "value": "bildungsgutschein"}])
    _, messages = run(ActionCheckEligibility(), tracker)
    assert messages[0]["text"].startswith(SORRY)
    assert [b["title"] for b in messages[0]["buttons"]] == ["Mit einem Menschen sprechen"]
    assert "Ich prüfe mit Ihnen, ob Bildungsgutschein" in texts(messages[1:])
    assert texts(messages).count(SORRY) == 1


def test_a_calm_question_gets_no_sorry(demo_db: str) -> None:
    tracker = make_tracker(text="Was ist ein Bildungsgutschein?", intent="ask_funding_programme",
                           entities=[{"entity": "programme", "value": "bildungsgutschein"}])
    _, messages = run(ActionFundingProgramme(), tracker)
    assert SORRY not in texts(messages)
    tracker = make_tracker(text="Pflegekurs in Krefeld!", intent="search_course", slots={"topic": "Pflege",
                                                                                          "place": "Krefeld"})
    _, messages = run(ActionSearchCourses(), tracker)
    assert SORRY not in texts(messages)


@pytest.mark.parametrize("text", ["Du verstehst mich nicht", "das nervt", "zum 5. mal: ich will einen kurs",
                                  "Sie verstehen mich einfach nicht", "you dont understand me"])
def test_signs_of_frustration_with_the_conversation(text: str) -> None:
    assert frustrated(text)


@pytest.mark.parametrize("text", ["mein Rücken ist kaputt, ich kann nicht mehr", "Danke!", "super!!",
                                  "Verstehen Sie Englisch?", "Ich verstehe das nicht ganz: was ist AZAV?"])
def test_hardship_thanks_and_questions_are_no_frustration(text: str) -> None:
    assert not frustrated(text)
