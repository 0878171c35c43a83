"""The eligibility check takes the citizen's own sentences and never asks what they already said.

Each turn runs as the server would: the situation entities of the message fill the slots of the
same name (``from_entity`` in the domain, as components/situation_extractor.py emits them), then
the form's extraction and validation run, then the form asks its next question.
"""

from __future__ import annotations

import asyncio
from typing import Any

from rasa_sdk.executor import CollectingDispatcher

from actions.eligibility import ActionCheckEligibility, AskEligibilityAnswer, ValidateEligibilityForm
from actions.funding import ActionFundingProgramme
from bot.nlp.situation import situation_values
from tests.actions.conftest import make_tracker, run, texts

QUALIFICATION_QUESTION = "Haben Sie einen Berufsabschluss"
STATUS_QUESTION = "Was trifft auf Sie zu?"
RECOGNITION_QUESTION = "Ist die Veranstaltung in Hessen als Bildungsurlaub anerkannt?"


class Check:
    """One eligibility check, turn by turn, with the slots the server would keep."""

    def __init__(self, programme: str, slots: dict[str, Any] | None = None) -> None:
        self.slots: dict[str, Any] = {"eligibility_programme": programme, "eligibility_answers": {}, **(slots or {})}
        self.said: list[str] = []
        self.events: list[dict[str, Any]] = []  # what the citizen sent, as the tracker keeps it
        self.buttons: list[list[str]] = []
        self.ask()

    def ask(self) -> None:
        events, messages = run(AskEligibilityAnswer(), make_tracker(slots=self.slots))
        self.slots.update({e["name"]: e["value"] for e in events if e.get("event") == "slot"})
        self.said.append(texts(messages))
        self.events += [{"event": "bot", "text": m.get("text")} for m in messages]
        self.buttons.append([b["title"] for m in messages for b in m.get("buttons") or []])

    def reply(self, text: str, intent: str = "inform", mapped: bool = True) -> str:
        """Send ``text``; ``mapped``: whether the domain's from_text mapping fills the answer slot."""
        self.slots.update(situation_values(text))  # the situation entities fill their slots
        self.slots["requested_slot"] = "eligibility_answer"
        self.events.append({"event": "user", "text": text})
        tracker = make_tracker(slots=self.slots, text=text, intent=intent, events=list(self.events))
        form, dispatcher = ValidateEligibilityForm(), CollectingDispatcher()
        value = (
            text
            if mapped
            else asyncio.run(form.extract_eligibility_answer(dispatcher, tracker, {})).get("eligibility_answer")
        )
        if value is None:  # another answer (a FAQ, small talk) comes, then the form asks again
            self.events.append({"event": "bot", "text": "(another answer)"})
            self.ask()
            return "(not taken)"
        result = asyncio.run(form.validate_eligibility_answer(value, dispatcher, tracker, {}))
        self.slots.update({k: v for k, v in result.items() if k != "eligibility_answer"})
        answer = texts(dispatcher.messages)
        self.events += [{"event": "bot", "text": m.get("text")} for m in dispatcher.messages]
        self.said.append(answer)
        self.ask()
        return answer


def test_a_sentence_about_the_training_is_a_yes_to_the_qualification_question(demo_db: str) -> None:
    check = Check("bildungsgutschein", {"eligibility_answers": {"employment_status": "beschaeftigt",
                                                                "threatened_unemployment": True}})  # fmt: skip
    check.slots["eligibility_answers"]["course_azav"] = True
    check.ask()
    assert QUALIFICATION_QUESTION in check.said[-1]
    problem = check.reply("Ich habe eine abgeschlossene Ausbildung als Einzelhandelskauffrau")
    assert "Bitte antworten Sie mit Ja oder Nein" not in problem
    assert check.slots["eligibility_answers"]["has_vocational_qualification"] is True
    assert QUALIFICATION_QUESTION not in check.said[-1]


def test_a_status_in_a_sentence_with_a_town_is_taken_and_the_next_question_follows(demo_db: str) -> None:
    check = Check("bildungsgutschein")
    assert STATUS_QUESTION in check.said[-1]
    problem = check.reply("bin arbeitslos gemeldet, wohne in Wesel")
    assert problem == ""  # no "Bitte wählen Sie …"
    assert check.slots["eligibility_answers"]["employment_status"] == "arbeitslos"
    assert "AZAV" in check.said[-1]  # the next question of the Bildungsgutschein check


def test_values_given_in_passing_are_not_asked_later(demo_db: str) -> None:
    check = Check("bildungsgutschein")
    check.reply("ich bin arbeitslos und hab keine Ausbildung gemacht")
    check.reply("ja")  # AZAV
    everything = "\n".join(check.said)
    assert QUALIFICATION_QUESTION not in everything
    assert check.slots["has_qualification"] is False


def test_an_odd_answer_is_explained_and_the_same_question_asked_again_with_its_buttons(demo_db: str) -> None:
    check = Check("bildungsgutschein")
    problem = check.reply("Banane")
    assert "Bitte wählen Sie" in problem
    assert STATUS_QUESTION in check.said[-1]
    assert "Weiß ich nicht" in check.buttons[-1] and len(check.buttons[-1]) >= 3


def test_an_answer_the_nlu_read_as_a_faq_is_still_taken_but_a_real_question_is_not(demo_db: str) -> None:
    check = Check("bildungsgutschein", {"eligibility_answers": {"employment_status": "arbeitslos",
                                                                "course_azav": True}})  # fmt: skip
    check.ask()
    assert check.reply("Was zählt denn als Berufsabschluss?", intent="faq", mapped=False) == "(not taken)"
    check.reply("Ich habe eine abgeschlossene Ausbildung als Einzelhandelskauffrau", intent="faq", mapped=False)
    assert check.slots["eligibility_answers"]["has_vocational_qualification"] is True


def bildungsurlaub_hessen_at_the_recognition_question() -> Check:
    known = {"employment_status": "beschaeftigt", "civil_servant": False, "work_state": "HE", "months_employed": 24}
    check = Check("bildungsurlaub_hessen", {"eligibility_answers": {**known, "course_type": "beruflich"}})
    assert RECOGNITION_QUESTION in check.said[-1]
    return check


def test_an_answer_that_repeats_what_is_asked_is_a_yes_or_a_no(demo_db: str) -> None:
    check = bildungsurlaub_hessen_at_the_recognition_question()
    # The NLU reads "anerkannt" as the FAQ on foreign degrees; at this question it is the answer.
    check.reply("auf der seite steht dass es in hessen anerkannt ist", intent="faq", mapped=False)
    assert check.slots["eligibility_answers"]["course_recognised_he"] is True
    assert RECOGNITION_QUESTION not in check.said[-1]
    check = bildungsurlaub_hessen_at_the_recognition_question()
    check.reply("der anbieter sagt, in hessen ist der kurs nicht anerkannt", intent="faq", mapped=False)
    assert check.slots["eligibility_answers"]["course_recognised_he"] is False
    check = bildungsurlaub_hessen_at_the_recognition_question()  # wondering is no answer
    assert check.reply("ich weiß nicht ob der anerkannt ist", intent="faq", mapped=False) == "(not taken)"


def test_the_same_unreadable_message_sent_again_is_answered_and_then_left_open(demo_db: str) -> None:
    check = bildungsurlaub_hessen_at_the_recognition_question()
    message = "steht irgendwo auf deren homepage"
    assert check.reply(message, intent="faq", mapped=False) == "(not taken)"  # the FAQ answers it once
    problem = check.reply(message, intent="faq", mapped=False)  # sent again: it is meant as the answer
    assert "Ja oder Nein" in problem and RECOGNITION_QUESTION in check.said[-1]
    check.reply(message, intent="faq", mapped=False)  # a third time: left open, the check goes on
    assert check.slots["eligibility_answers"]["course_recognised_he"] is None
    assert RECOGNITION_QUESTION not in check.said[-1]


def test_wanting_to_stop_is_never_read_as_an_answer(demo_db: str) -> None:
    check = Check("bildungsgutschein")
    assert check.reply("nein, ich will aufhören", intent="stop", mapped=False) == "(not taken)"


def test_the_check_starts_with_what_the_situation_slots_already_say(demo_db: str) -> None:
    situation = situation_values("Ich bin angestellt, 47 Jahre alt, unsere Firma hat 30 Mitarbeiter")
    tracker = make_tracker(slots={"place": "Moers", **situation},
                           entities=[{"entity": "programme", "value": "foerderung_beschaeftigte"}])  # fmt: skip
    events, _ = run(ActionCheckEligibility(), tracker)
    known = next(e["value"] for e in events if e.get("name") == "eligibility_answers")
    assert known["age"] == 47 and known["company_size"] == 30
    check = Check("foerderung_beschaeftigte", {**situation, "eligibility_answers": known})
    asked = "\n".join(check.said)
    assert "Wie alt sind Sie" not in asked and "Wie viele Beschäftigte" not in asked


def test_a_situation_told_after_which_funding_gets_the_programmes_that_fit(demo_db: str) -> None:
    text = "bin arbeitslos gemeldet, wohne in Wesel"
    tracker = make_tracker(text=text, intent="inform", slots={**situation_values(text), "place": "Wesel"})
    _, messages = run(ActionFundingProgramme(), tracker)
    assert "Nach dem, was Sie geschrieben haben, passt am ehesten: Bildungsgutschein." in texts(messages)
    assert "Aufstiegs-BAföG" in [b["title"] for m in messages for b in m.get("buttons") or []]  # the others
