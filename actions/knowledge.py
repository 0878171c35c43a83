"""Answers from the knowledge base for funding messages, before the overview, programme or check flows.

Every funding action (overview, programme, eligibility check) asks ``answer_from_knowledge`` first.
``bot.kb.router.decide`` says what the message wants; a detail question gets its facts with source
and Stand, an employer the employer's view, a shared word ("Stipendium") the question which one,
and an unsure detail the honest "I have no reliable answer" with the responsible office. Anything
else (the check, a programme's description, the overview) is left to the calling action, which
then also knows whether the message asked for plain language.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import Events
from actions.person import person_of, state_of
from actions.wording import render, switched_to_plain_now
from bot.db.session import session_scope
from bot.eligibility import programmes_with_rules
from bot.funding.answers import describe
from bot.funding.catalogue import get_programme
from bot.kb.analysis import settings
from bot.kb.aspects import question_aspects
from bot.kb.present import FactView, application_offices, name_of, office_of, views
from bot.kb.question import speaks_for_company
from bot.kb.router import (
    CHECK,
    DESCRIBE,
    EMPLOYER,
    FACTS,
    PASS,
    UNSURE,
    WHICH,
    Decision,
    decide,
    employer_hits,
    knowledge_base,
)
from bot.search.text import fold

#: Earlier messages read for "speaks for a company" when no situation slot says so.
SPEAKER_MEMORY = 4


@dataclass
class KnowledgeTurn:
    """What ``answer_from_knowledge`` did: answered (``handled``) or not, and what it set."""

    handled: bool
    plain: bool
    events: Events = field(default_factory=list)
    decision: Decision | None = None


def speaker_of(tracker: Tracker) -> str | None:
    """"employer" when the situation slot says so or a recent message spoke for a company."""
    if tracker.get_slot("speaker"):
        return str(tracker.get_slot("speaker"))
    texts = [e.get("text") or "" for e in tracker.events if e.get("event") == "user"][-SPEAKER_MEMORY:]
    texts.append(tracker.latest_message.get("text") or "")
    return "employer" if any(speaks_for_company(t) for t in texts if not t.startswith("/")) else None


def employment_of(tracker: Tracker) -> str | None:
    return person_of(tracker).get("employment_status")


def _text(key: str, plain: bool, language: str | None = None, **values: Any) -> str:
    return render(key, plain=plain, language=language, **values)["text"]


def _source(view: FactView, plain: bool, language: str | None = None) -> str:
    if not view.stand and not view.source:
        return ""
    if not view.source:
        return _text("kb_source_stand", plain, language, stand=view.stand)
    key = "kb_source" if view.source_date else "kb_source_undated"
    stand = view.stand or _text("kb_no_date", plain, language)
    return _text(key, plain, language, source=view.source, source_date=view.source_date, stand=stand)


def _line(view: FactView, plain: bool, language: str | None = None) -> str:
    if view.personal:
        return _text("kb_fact_line_personal", plain, language, text=view.text)
    key = "kb_fact_line_uncertain" if view.uncertain else "kb_fact_line"
    return _text(key, plain, language, text=view.text, source=_source(view, plain, language), office=view.office)


def bubbles(pieces: list[FactView], plain: bool, language: str | None = None) -> list[str]:
    """One chat bubble per programme, a line per fact, in the order the facts came."""
    order: list[str] = []
    lines: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for view in pieces:
        if view.programme not in lines:
            order.append(view.programme)
            lines[view.programme] = []
            names[view.programme] = view.name or name_of(view.programme)
        lines[view.programme].append(_line(view, plain, language))
    return [_text("kb_programme", plain, language, name=names[s], lines="\n".join(lines[s])) for s in order]


def _payload(intent: str, slug: str) -> str:
    return f"/{intent}{json.dumps({'programme': slug}, ensure_ascii=False)}"


def _buttons(slugs: list[str], plain: bool, check: bool, language: str | None = None) -> list[dict[str, str]]:
    more = "ask_funding_programme"
    buttons = [{"title": _text("kb_button_more", plain, language, name=name_of(s)), "payload": _payload(more, s)}
               for s in slugs]  # fmt: skip
    rules = set(programmes_with_rules())
    if check and len(slugs) == 1 and slugs[0] in rules:
        buttons.append({"title": _text("kb_button_check", plain, language),
                        "payload": _payload("check_eligibility", slugs[0])})  # fmt: skip
    return buttons


def _say_facts(dispatcher: CollectingDispatcher, decision: Decision, tracker: Tracker, intent: str, plain: bool,
               state: str | None) -> Events:  # fmt: skip
    person = person_of(tracker)
    language = tracker.get_slot("language")
    pieces = views(decision.hits, decision.reading.aspects, state, person, plain, language=language)
    texts = bubbles(pieces, plain, language)
    employer_share = any("arbeitgeber" in h.aspects for h in decision.hits)
    if employer_share and speaker_of(tracker) == "employer":
        if person.get("company_size"):
            dispatcher.utter_message(text=_text("kb_employer_size", plain, language, size=person["company_size"]))
        _say_share(dispatcher, tracker, person, plain, language)
    slugs = [s for s in decision.programmes if s]
    texts[-1] += _offices(slugs[0] if len(slugs) == 1 else None, decision, state, plain, language)
    for text in texts[:-1]:
        dispatcher.utter_message(text=text)
    check = intent == "check_eligibility"
    dispatcher.utter_message(text=texts[-1], buttons=_buttons(slugs, plain, check=check, language=language))
    return [SlotSet("programme", slugs[0])] if len(slugs) == 1 else []


def _offices(slug: str | None, decision: Decision, state: str | None, plain: bool, language: str | None) -> str:
    """'wo stelle ich den Antrag?': the office of the citizen's state, or of each state (a line to append)."""
    offices = application_offices(slug, decision.reading.aspects, state, language)
    if not offices:
        return ""
    if offices[0][0] is None:
        return "\n" + _text("kb_office_for_you", plain, language, office=offices[0][1])
    lines = "\n".join(_text("kb_office_of_state", plain, language, state=s, office=o) for s, o in offices)
    return "\n" + _text("kb_offices_by_state", plain, language, lines=lines)


def _say_employer(dispatcher: CollectingDispatcher, decision: Decision, tracker: Tracker, plain: bool,
                  state: str | None) -> Events:  # fmt: skip
    language = tracker.get_slot("language")
    dispatcher.utter_message(text=_text("kb_employer_intro", plain, language))
    person = person_of(tracker)
    size = person.get("company_size")
    if size:
        dispatcher.utter_message(text=_text("kb_employer_size", plain, language, size=size))
    if not decision.programmes or "foerderung_beschaeftigte" in decision.programmes:
        _say_share(dispatcher, tracker, person, plain, language)
    pieces = views(employer_hits(state, only=decision.programmes), frozenset(), state, None, plain, language=language)
    for text in bubbles(pieces, plain, language):
        dispatcher.utter_message(text=text)
    dispatcher.utter_message(**render("kb_employer_outro", plain=plain, language=language))
    return []


def _say_share(dispatcher: CollectingDispatcher, tracker: Tracker, person: dict[str, Any], plain: bool,
               language: str | None) -> None:  # fmt: skip
    """The employer's share of the course fees for what they told (size, the employee's age or disability)."""
    disabled = "schwerbehindert" in fold(str(tracker.latest_message.get("text") or ""))
    share = employer_share_key(person.get("company_size"), person.get("age"), disabled)
    if share:
        dispatcher.utter_message(text=_text(share, plain, language, age=person.get("age")))


def employer_share_key(size: Any, age: Any, disabled: bool = False) -> str | None:
    """The wording key of the employer's share of the course fees under § 82 SGB III for the company size,
    and the employee's age or severe disability when told (45 or older, or severely disabled, in a company
    under 500: nothing to pay)."""
    exempt = disabled or (isinstance(age, int) and age >= 45)
    if not isinstance(size, int):
        return "kb_employer_share_exempt" if exempt else None
    if size < 50:
        return "kb_employer_share_small"
    if size < 500:
        if disabled and not (isinstance(age, int) and age >= 45):
            return "kb_employer_share_exempt"
        return "kb_employer_share_medium_45" if exempt else "kb_employer_share_medium"
    return "kb_employer_share_large"


def _say_unsure(dispatcher: CollectingDispatcher, decision: Decision, tracker: Tracker, plain: bool,
                state: str | None) -> Events:  # fmt: skip
    """No fact answers the detail confidently: say so, and what is known about the programme, with
    who knows more. The description often holds the answer in other words ("Arbeitgeberanteil" is
    said as "Die Agentur zahlt … 50 %"); it is never passed off as the exact answer."""
    slug = decision.programmes[0]
    language = tracker.get_slot("language")
    office = office_of(slug, state, language) or ""
    name = name_of(slug, language)
    if decision.hits:  # the facts that come closest, said as such, with who knows for sure
        dispatcher.utter_message(text=_text("kb_unsure_closest", plain, language, name=name, office=office))
        texts = bubbles(views(decision.hits, decision.reading.aspects, state, person_of(tracker), plain,
                              language=language), plain, language)  # fmt: skip
        for text in texts[:-1]:
            dispatcher.utter_message(text=text)
        check = speaker_of(tracker) != "employer"
        dispatcher.utter_message(text=texts[-1], buttons=_buttons([slug], plain, check=check, language=language))
        return [SlotSet("programme", slug)] if len(decision.programmes) == 1 else []
    described = describe_programmes(list(decision.programmes[:2]), state, plain, person_of(tracker), language)
    if not described:
        unsure = _text("kb_unsure", plain, language, name=name, office=office)
        dispatcher.utter_message(text=unsure, buttons=_buttons([slug], plain, check=False, language=language))
    else:
        dispatcher.utter_message(text=_text("kb_unsure_described", plain, language, name=name, office=office))
        check = speaker_of(tracker) != "employer"  # an employer is no applicant
        if not check:  # "Was ist das Qualifizierungsgeld genau?" from HR: also what the company needs
            described += employer_facts(slug, state, plain, language)
        described[-1] += _offices(slug, decision, state, plain, language)  # "… und wer beantragt die?"
        for text in described[:-1]:
            dispatcher.utter_message(text=text)
        buttons = _buttons([slug], plain, check=check, language=language)[1:]
        dispatcher.utter_message(text=described[-1], buttons=buttons)
    return [SlotSet("programme", slug)] if len(decision.programmes) == 1 else []


def facts_answering(
    slug: str, questions: Sequence[str], state: str | None, plain: bool, language: str | None = None
) -> list[str]:
    """The facts of ``slug`` that best answer ``questions`` (one each), as bubbles with source and Stand."""
    hits = []
    for question in questions:
        found = knowledge_base().search(question, question_aspects(question), scope=frozenset({slug}), state=state,
                                        limit=1)  # fmt: skip
        hits += [h for h in found[:1] if h.in_scope and h.passage.kind == "fact" and h not in hits]
    return bubbles(views(hits, frozenset(), state, None, plain, language=language), plain, language) if hits else []


def employer_facts(slug: str, state: str | None, plain: bool, language: str | None = None) -> list[str]:
    """The facts an employer hears beside ``slug``'s description (``employer_facts`` in kb.yaml)."""
    return facts_answering(slug, (settings().get("employer_facts") or {}).get(slug) or (), state, plain, language)


def describe_programmes(
    slugs: list[str], state: str | None, plain: bool, person: dict[str, Any], language: str | None = None
) -> list[str]:
    """The descriptions of these programmes as chat bubbles (bot.funding.answers.describe), in
    ``language`` (the slot: "en" gives the English texts)."""
    bubbles: list[str] = []
    with session_scope() as session:
        for slug in slugs:
            programme = get_programme(session, slug)
            if programme is not None:
                bubbles += describe(programme, state, plain=plain, person=person, language=language)
    return bubbles


def _say_which(dispatcher: CollectingDispatcher, decision: Decision, plain: bool) -> Events:
    names = [name_of(s) for s in decision.programmes]
    buttons = [{"title": name_of(s), "payload": _payload("ask_funding_programme", s)} for s in decision.programmes]
    text = _text("kb_which", plain, options=", ".join(names[:-1]), last=names[-1])
    dispatcher.utter_message(text=text, buttons=buttons)
    return []


def answer_from_knowledge(
    dispatcher: CollectingDispatcher, tracker: Tracker, intent: str, text: str | None = None
) -> KnowledgeTurn:
    """Answer ``tracker``'s latest message (or ``text``, one request of it) from the knowledge base
    where it asks for that.

    A plain-language wish in the same message ("Bitte in einfacher Sprache: was ist …?") switches
    plain language on (said once) and the question is answered too, here or by the caller.
    """
    text = tracker.latest_message.get("text") or "" if text is None else text
    slot_plain = bool(tracker.get_slot("plain_language"))
    if not text or text.startswith("/"):  # a button: its payload says what to do
        return KnowledgeTurn(False, slot_plain)
    with session_scope() as session:
        state = state_of(session, tracker)
    decision = decide(
        text, intent, context=tracker.get_slot("programme"), speaker=speaker_of(tracker), state=state,
        entity=next(tracker.get_latest_entity_values("programme"), None),
        employer_programmes=tuple(settings().get("employer_programmes") or ()),
    )  # fmt: skip
    plain = slot_plain or decision.reading.plain
    events: Events = []
    # The NLU's plain_language entity has usually set the slot already (components/funding_router.py).
    if decision.reading.plain and (not slot_plain or switched_to_plain_now(tracker)):
        dispatcher.utter_message(response="utter_plain_language_on")
    if decision.reading.plain and not slot_plain:
        events.append(SlotSet("plain_language", True))
    if decision.kind in (CHECK, DESCRIBE, PASS):
        return KnowledgeTurn(False, plain, events, decision)
    if decision.kind == FACTS:
        events += _say_facts(dispatcher, decision, tracker, intent, plain, state)
    elif decision.kind == EMPLOYER:
        events += _say_employer(dispatcher, decision, tracker, plain, state)
    elif decision.kind == UNSURE:
        events += _say_unsure(dispatcher, decision, tracker, plain, state)
    elif decision.kind == WHICH:
        events += _say_which(dispatcher, decision, plain)
    return KnowledgeTurn(True, plain, events, decision)


def unknown_programme_key(tracker: Tracker) -> str:
    """Which "Welche Förderung meinen Sie?" fits what the citizen said about themselves."""
    status = employment_of(tracker)
    if status in ("beschaeftigt", "in_ausbildung"):
        return "funding_unknown_programme_employed"
    if status in ("arbeitslos", "arbeitsuchend"):
        return "funding_unknown_programme_unemployed"
    return "funding_unknown_programme"
