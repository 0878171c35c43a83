"""A second request in one message: "… einen Staplerschein machen, wer zahlt das? Ich wohne in Moers".

The NLU gives a message one intent; the course search answers it. What the message asks besides
(who pays) is read here, so the search action can add the funding part after the courses, in
that order: first what was asked for, then who pays for it. Which funding part fits depends on
the situation (``bot.nlp.situation``) and on whether the employer wants the course.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bot.kb.question import asks_who_pays_for_it, is_question, wants_courses
from bot.nlp.situation_text import prepare, spelled

_WHO_PAYS = re.compile(spelled(
    r"\bwer (?:\w+ )?(?:zahlt|bezahlt|übernimmt|trägt|finanziert|kommt (?:\w+ )?auf)\b|"
    r"\b(?:zahlt|bezahlt|übernimmt) (?:das|die|den|mir|es) (?:\w+ )?"
    r"(?:agentur|amt|jobcenter|arbeitgeber|chef|firma|staat)\b|"
    r"\bförder\w*|\bgefördert\b|\bzuschuss\b|\bkostenübernahme\b|\bbezahlt (?:bekommen|kriegen)\b|"
    r"\b(?:selbst|selber) (?:be)?zahlen\b|\bkosten (?:\w+ )?übernommen\b|\bbildungsgutschein\b"
))  # fmt: skip
_EMPLOYER_WANTS = re.compile(spelled(
    r"\bmein(?:e|em|en)? (?:chef(?:in)?|arbeitgeber(?:in)?|vorgesetzte[rn]?|firma|betrieb|boss) "
    r"(?:\w+ )?(?:will|möchte|verlangt|sagt|schickt|meint|wünscht|braucht|fordert)\b|"
    r"\b(?:soll|muss) (?:ich )?(?:\w+ ){0,3}(?:für|von) (?:meinen|meine|meinem|die|der) "
    r"(?:chef(?:in)?|arbeitgeber(?:in)?|firma|arbeit)\b|\bauf wunsch (?:meines|meiner) \w+"
))  # fmt: skip

_PAYS_SELF = re.compile(spelled(
    r"\b(?:selbst|selber) (?:be)?zahl\w*|\b(?:be)?zahl\w* (?:ich|wir) (?:\w+ )?(?:selbst|selber)\b|"
    r"\bauf eigene kosten\b|\bprivat (?:be)?zahl\w*|\baus eigener tasche\b"
))  # fmt: skip

#: A request to be called ("… und jemand, der mich zurückruft", "… and a person who can call me back").
_CALLBACK = re.compile(spelled(
    r"\brückruf\w*|\bzurückruf\w*|\bruf\w* (?:mich|uns) (?:\w+ )?(?:an|zurück)\b|\banruf\w* (?:mich|uns)\b|"
    r"\b(?:call|ring|phone) (?:me|us)(?: back)?\b|\bcall ?back\b"
))  # fmt: skip

_NO_CALLBACK = re.compile(spelled(
    r"\bkein\w* (?:\w+ )?(?:rückruf|anruf)\w*|\bnicht (?:\w+ )?(?:an|zurück)?rufen\b|\b(?:don't|do not|no) call|"
    r"\babsag\w*|\bstorn\w*|\bzurückzieh\w*|\bnicht mehr\b|\bcancel\w*"
))  # fmt: skip

#: The funding parts, by who the writer is (wording keys ``compound_pays_<path>``).
PATHS = ("employer", "employer_wants", "employed", "unemployed", "self_paying", "unknown")


def pays_self(text: str) -> bool:
    """Whether the writer pays the course themselves ("will den Kurs selber bezahlen", "auf eigene Kosten")."""
    return bool(text) and bool(_PAYS_SELF.search(prepare(text).text))


def asks_who_pays(text: str) -> bool:
    """Whether the message also asks who pays ("wer zahlt das?", "wird das gefördert?")."""
    if not text or text.startswith("/"):
        return False
    return bool(_WHO_PAYS.search(prepare(text).text)) or asks_who_pays_for_it(text)  # "gibts da was vom staat?"


def asks_callback(text: str) -> bool:
    """Whether a request asks to be called back ("und bitte ruft mich zurück", "a person who can call me back")."""
    return bool(text) and not text.startswith("/") and bool(_CALLBACK.search(prepare(text).text))


def asks_only_to_be_called(text: str) -> bool:
    """Whether a message asks to be called back and nothing else ("Ich hätte gerne einen Rückruf wegen …",
    "bitte anruf mich"): no question of its own and no course wish beside the callback."""
    if not asks_callback(text) or "?" in text or _NO_CALLBACK.search(prepare(text).text):
        return False
    parts = requests(text)  # a second request beside it ("… und außerdem die Kontaktdaten der VHS") is its own
    return all(asks_callback(p) for p in parts) and not any(wants_courses(p) or is_question(p) for p in parts)


def employer_wants_it(text: str) -> bool:
    """Whether the writer's employer wants the course ("Mein Chef will, dass ich …")."""
    return bool(text) and bool(_EMPLOYER_WANTS.search(prepare(text).text))


def funding_path(situation: Mapping[str, Any], employer_wants: bool, self_paying: bool = False) -> str:
    """Which funding part fits the writer (one of ``PATHS``). Someone self-employed or paying the course
    themselves hears of the Bildungsscheck 2.0 (NRW), which pays half of a self-paid course."""
    if situation.get("speaker") == "employer":
        return "employer"
    status = situation.get("employment_status")
    if status in ("arbeitslos", "arbeitsuchend") or situation.get("benefits") in ("buergergeld", "alg1"):
        return "unemployed"
    if employer_wants:
        return "employer_wants"
    if self_paying or status == "selbststaendig":
        return "self_paying"
    if status in ("beschaeftigt", "in_ausbildung") or situation.get("speaker") == "person":
        return "employed"
    return "unknown"


#: Where one request ends and the next begins: a question mark, "und außerdem", "und dann", "und
#: wer / wie / ob / habt ihr …", "außerdem", a full stop before a question ("SAP-Kurs online gesucht. Was
#: kostet …?"). The parts are read one by one; commas stay inside a request.
_ASKS = (
    r"wer|wie|was|wo|wann|ob|welche[rsnm]?|gibt|gibts|gibt's|kann|bekomme|kriege|krieg|muss|zahlt|übernimmt|steht|"
    r"habt|haben sie|darf|wird|werden"
)
_ASKS_EN = (
    r"is|are|can|could|do|does|did|how|what|who|where|when|which|will|would|should|has|have|tell me|"
    r"i(?:'d| would) (?:also )?like to know|a person|someone|somebody|an advis[eo]r"
)
_REQUEST_BREAK = re.compile(
    r"\?+\s*|\s+(?:und\s+)?(?:au(?:ß|ss)erdem|zudem|dann noch)\b[:,]?\s*|"
    r"[.!;,]?\s+(?:und\s+)?noch\s+(?:was|etwas|eine\s+frage)\s*[:,]\s*|"  # "… zurück. Und noch was: wie lange …"
    rf",?\s+und\s+(?=(?:{_ASKS}|habe|hab|möchte wissen|will wissen|wüsste gerne?)\b)|"
    rf"[.!]+\s+(?=(?:{_ASKS})\b)|"
    # English (issue 21): "…, and can you also tell me …", "… and a person who can call me back"
    rf",?\s+and\s+(?=(?:also\s+)?(?:{_ASKS_EN})\b)",
    re.IGNORECASE,
)


def requests(text: str) -> list[str]:
    """The requests of one message, in order ("Deutschkurs B1 in Bottrop? und wie beantrage ich das
    beim BAMF?" -> ["Deutschkurs B1 in Bottrop", "wie beantrage ich das beim BAMF"]); one part when
    it holds one request. Parts of fewer than two words are joined to the one before."""
    parts: list[str] = []
    for part in _REQUEST_BREAK.split(text or ""):
        part = re.sub(r"^und\s+|^\d\)\s*", "", part.strip(" ,.;:!"), flags=re.IGNORECASE)
        if not part:
            continue
        if parts and len(part.split()) < 2:
            parts[-1] = f"{parts[-1]} {part}"
        else:
            parts.append(part)
    return parts or [text]

