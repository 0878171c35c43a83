"""Eligibility check as a dialogue: ask only what can change the verdict, then explain it.

One form with a single, repeatedly requested slot (``eligibility_answer``): each answer is
parsed by the question it answers and stored in ``eligibility_answers``; the form ends when the
engine has no further question. The rules themselves live in ``bot/eligibility/rules.yaml``.

Questions, buttons, hints and the verdict are in the citizen's language (the ``language`` slot:
English for "en", German otherwise); button payloads stay the same in every language (issue 21).
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import Events, survives_database_errors
from actions.compound import funding_request
from actions.frustration import offer_a_person_if_frustrated
from actions.funding import describe_programme, ended_programmes, programme_slug, search_part
from actions.knowledge import answer_from_knowledge
from actions.person import known_answers, situation_of, state_of
from actions.wording import render, say
from bot.centres import region_for
from bot.db.session import session_scope
from bot.eligibility import Question, dont_know, evaluate, load_rules, next_question, programmes_with_rules
from bot.kb.router import DESCRIBE
from bot.nlp.situation_answers import check_answers, given_in_passing, natural_answer
from bot.search.text import fold
from bot.stats import hooks as stats

DONE = "fertig"
#: What the "Weiß ich nicht" button sends: its own intent and entity, never free text through the
#: NLU (which read "weiß ich nicht" as deny, and a deny became "nein"; issue 23).
DONT_KNOW_PAYLOAD = '/inform{"answer":"unknown"}'
#: Intents with which a citizen leaves the check: their message is never read as an answer.
LEAVING_INTENTS = frozenset({"stop", "restart", "request_human", "complain", "request_data_deletion"})


class ActionCheckEligibility(Action):
    """Starts the check for a programme with rules; otherwise explains the programme's conditions."""

    def name(self) -> str:
        return "action_check_eligibility"

    @survives_database_errors
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        # A detail ("Kann ich mit 50 noch Aufstiegs-BAföG bekommen?") or an employer's question is
        # answered from the knowledge base; the form then finds nothing to ask and ends at once.
        offer_a_person_if_frustrated(dispatcher, tracker)
        turn = answer_from_knowledge(dispatcher, tracker, "check_eligibility", text=funding_request(tracker))
        if turn.handled:  # and a course search asked beside it follows ("… Und gibt es Meisterkurse in Korbach?")
            return [*turn.events, SlotSet("eligibility_programme", None), *search_part(tracker)]
        with session_scope() as session:
            state = state_of(session, tracker)
            slug = programme_slug(session, tracker, state)
            home = _home_state(session, tracker)
        described = turn.decision.programmes if turn.decision is not None and turn.decision.kind == DESCRIBE else ()
        if slug not in programmes_with_rules() or ended_programmes(described):  # an ended programme: no check
            events = describe_programme(dispatcher, tracker, turn.plain, described)
            return [*turn.events, *events, SlotSet("eligibility_programme", None)]
        answers = {**known_answers(tracker), **(tracker.get_slot("eligibility_answers") or {})}
        if tracker.get_slot("eligibility_programme") != slug:
            answers = known_answers(tracker)
        if home and "residence_state" not in answers:  # the town they named: "wohne in Homberg (Efze)"
            answers["residence_state"] = home
        say(dispatcher, tracker, "eligibility_intro", programme=_name(slug, _language(tracker)))
        return [
            *turn.events,
            SlotSet("eligibility_programme", slug),
            SlotSet("eligibility_answers", answers),
            SlotSet("eligibility_answer", None),
            SlotSet("eligibility_question", None),
        ]


class AskEligibilityAnswer(Action):
    def name(self) -> str:
        return "action_ask_eligibility_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        question = next_question(tracker.get_slot("eligibility_programme"), _answers(tracker))
        if question is None:
            return []
        text = question.text_for(_language(tracker))
        dispatcher.utter_message(text=text, buttons=_buttons(question, tracker))
        return [SlotSet("eligibility_question", question.key)]


class ValidateEligibilityForm(FormValidationAction):
    def name(self) -> str:
        return "validate_eligibility_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        programme = tracker.get_slot("eligibility_programme")
        if not programme or next_question(programme, _answers(tracker)) is None:
            return []  # nothing (more) to ask: the form ends and the verdict follows
        return domain_slots

    async def extract_eligibility_answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A natural answer the NLU read as a question or small talk is still the answer.

        "Ich habe eine abgeschlossene Ausbildung als Einzelhandelskauffrau" may be classified as a
        FAQ; the domain's mapping then leaves the slot empty and the form would be left for a
        digression. Only a message that answers the asked question is taken; a real question
        ("Was zählt als Berufsabschluss?") still gets its answer, and the check goes on after it.
        """
        if tracker.get_slot("requested_slot") != "eligibility_answer":
            return {}
        text = _typed(tracker)
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if intent in LEAVING_INTENTS and not (intent == "complain" and dont_know(text)):
            return {}  # "keine Ahnung" may read as a complaint: it is an answer
        programme = tracker.get_slot("eligibility_programme")
        question = asked_question(tracker, programme) if programme else None
        if question and (natural_answer(question.key, question.kind, text) or _sent_again(tracker, text)):
            return {"eligibility_answer": text}
        return {}

    async def validate_eligibility_answer(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        programme = tracker.get_slot("eligibility_programme")
        question = asked_question(tracker, programme) if programme else None
        if question is None:
            return {"eligibility_answer": DONE}
        answers = _answers(tracker)
        raw = _answer_text(tracker, value, question)
        natural = natural_answer(question.key, question.kind, _typed(tracker)) if raw is not None else {}
        try:
            answers[question.key] = natural[question.key] if natural else question.parse(raw, _language(tracker))
        except ValueError as problem:
            if _said_last(tracker) != str(problem):
                dispatcher.utter_message(text=str(problem), buttons=_buttons(question, tracker))
                return {"eligibility_answer": None}
            # Asked again and still not readable: open ("weiß ich nicht"), never a third time.
            say(dispatcher, tracker, "eligibility_left_open")
            answers[question.key] = None
        for key, passing in given_in_passing(_typed(tracker)).items():  # "…, Abschlussnote 1,6": asked later
            answers.setdefault(key, passing)
        finished = next_question(programme, answers) is None
        return {"eligibility_answers": answers, "eligibility_answer": DONE if finished else None}


class ActionEligibilityResult(Action):
    def name(self) -> str:
        return "action_eligibility_result"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        programme = tracker.get_slot("eligibility_programme")
        if not programme:
            return []
        verdict = evaluate(programme, _answers(tracker), _language(tracker))
        reasons = "\n".join(f"• {reason}" for reason in verdict.reasons)
        say(dispatcher, tracker, "eligibility_verdict", label=verdict.label, reasons=reasons)
        say(dispatcher, tracker, "eligibility_next_step", next_step=verdict.next_step)
        results = list(tracker.get_slot("eligibility_results") or [])
        results.append(f"{_name(verdict.programme)}: {verdict.verdict}")  # for the advisor: German
        stats.eligibility(verdict.programme, verdict.verdict, tracker.get_slot("place"))
        return [SlotSet("eligibility_results", results[-5:]), SlotSet("eligibility_answer", None)]


def _home_state(session: Any, tracker: Tracker) -> str | None:
    """The state of the town the citizen named (the place slot), never the deployment's default region."""
    place = tracker.get_slot("place")
    if place in (None, "online"):
        return None
    region = region_for(session, str(place))
    return region.state if region else None


def _name(programme: str, language: str | None = "de") -> str:
    return load_rules().name(programme, language)


def _language(tracker: Tracker) -> str:
    """The citizen's language for the check: "en" for English, German for anything else."""
    return "en" if tracker.get_slot("language") == "en" else "de"


def _answers(tracker: Tracker) -> dict[str, Any]:
    """The check's answers: what the situation slots say (from any message, also one given during
    the check), overridden by the answers to its questions ("weiß ich nicht" included)."""
    return {**check_answers(situation_of(tracker)), **(tracker.get_slot("eligibility_answers") or {})}


def asked_question(tracker: Tracker, programme: str) -> Question | None:
    """The question the citizen is answering: the one last asked, unless it has been answered since.

    Not simply the next open question: a message's own situation entities may already have
    answered the asked one ("bin arbeitslos gemeldet"), and the reply is not meant for the next.
    """
    key = tracker.get_slot("eligibility_question")
    questions = load_rules().questions
    if key in questions and key not in (tracker.get_slot("eligibility_answers") or {}):
        return questions[key]
    return next_question(programme, _answers(tracker))


def answers_the_question(tracker: Tracker, text: str) -> bool:
    """Whether ``text`` answers the question of the check now asked: "weiß ich nicht", or what that
    question's own parser (or the reading of natural answers) makes of it."""
    if dont_know(text):
        return True
    programme = tracker.get_slot("eligibility_programme")
    question = asked_question(tracker, programme) if programme else None
    if question is None:
        return False
    if natural_answer(question.key, question.kind, text):
        return True
    try:
        question.parse(text)
    except ValueError:
        return False
    return True


def _said_last(tracker: Tracker) -> str | None:
    """The first text the bot said in its last reply before the citizen's latest message."""
    events = list(tracker.events)
    users = [i for i, e in enumerate(events) if e.get("event") == "user"]
    if not users:
        return None
    before = users[-2] if len(users) > 1 else -1
    said = [e.get("text") for e in events[before + 1 : users[-1]] if e.get("event") == "bot" and e.get("text")]
    return said[0] if said else None


def _sent_again(tracker: Tracker, text: str) -> bool:
    """Whether the citizen sends the same words again at the same question: then they are meant as
    the answer, whatever the NLU made of them. The check reads them or says what it needs, and
    leaves the question open the next time, instead of answering the same digression forever."""
    texts = [str(e.get("text") or "") for e in tracker.events if e.get("event") == "user"]
    return bool(text) and len(texts) > 1 and fold(texts[-2]) == fold(text)


def _typed(tracker: Tracker) -> str:
    """What the citizen typed; empty for a button payload ("/affirm")."""
    text = str(tracker.latest_message.get("text") or "")
    return "" if text.startswith("/") else text


def _answer_text(tracker: Tracker, value: Any, question: Question) -> Any:
    """The answer to parse: None for "weiß ich nicht" (button or typed), else "ja"/"nein" for
    the yes/no buttons (/affirm, /deny) and what the citizen typed otherwise.

    "Weiß ich nicht" is checked first: the NLU may classify "keine Ahnung" as deny, and a deny
    must not turn an honest "I don't know" into a no. Only a yes/no question reads the intent: "nicht
    studiert" in "Realschule und Facharbeiterbrief, nicht studiert" is no "nein" to "Ihr höchster Abschluss?".
    """
    entities = tracker.latest_message.get("entities") or []
    if value == DONT_KNOW_PAYLOAD or any(e.get("entity") == "answer" and e.get("value") == "unknown" for e in entities):
        return None
    if isinstance(value, str) and dont_know(value):  # "keine Ahnung", "no idea"
        return None
    intent = (tracker.latest_message.get("intent") or {}).get("name") if question.kind == "bool" else None
    if isinstance(value, str) and intent in ("affirm", "deny"):
        try:  # the words first: "Tischlermeister" answers the question, whatever the NLU made of it
            return "ja" if question.parse(value) else "nein"
        except ValueError:
            pass
    if intent == "affirm":
        return "ja"
    if intent == "deny":
        return "nein"
    return value


def _buttons(question: Question, tracker: Tracker) -> list[dict[str, str]]:
    """Every question offers "Weiß ich nicht", with its own payload; yes/no and choices come first.

    Titles are in the citizen's language; a choice's payload stays its German label, which the
    question's parser reads.
    """
    language = _language(tracker)

    def title(key: str) -> str:
        return render(key, plain=bool(tracker.get_slot("plain_language")), language=language)["text"]

    buttons: list[dict[str, str]] = []
    if question.kind == "bool":
        buttons = [
            {"title": title("eligibility_button_yes"), "payload": "/affirm"},
            {"title": title("eligibility_button_no"), "payload": "/deny"},
        ]
    elif question.kind == "choice":
        titles = dict(question.options_for(language))
        buttons = [{"title": titles[value], "payload": label} for value, label in question.options]
    return [*buttons, {"title": title("eligibility_button_dont_know"), "payload": DONT_KNOW_PAYLOAD}]
