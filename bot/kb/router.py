"""Which answer a funding message gets: a fact, the eligibility check, a programme, an overview.

The rule the issue asks for, in order:

1. A question about a detail (an aspect: validity, age limit, childcare, amounts, who applies …)
   gets the matching facts when retrieval is confident — also when the NLU read it as "check my
   eligibility" ("Bekomme ich als Bürgergeld-Empfänger extra Geld bei einer Umschulung?").
   Unsure, it says so and names the office (``UNSURE``); for an eligibility question the check is
   the fallback instead.
2. Someone speaking for a company gets the employer's view (``EMPLOYER``), never the check meant
   for an individual.
3. A word naming several programmes ("Stipendium"): the question which one (``WHICH``).
4. "Habe ich Anspruch …", "Kann ich … bekommen?" without a detail, as the NLU reads them: the
   check (``CHECK``). A programme named without a detail: its description (``DESCRIBE``).
5. Otherwise the calling action does what it always did (``PASS``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from bot.edits.live import Overrides, overrides, passage_with_edits, programme_with_edits, responses_with_edits
from bot.funding.catalogue import load_catalogue
from bot.funding.fit import said_in
from bot.funding.model import ProgrammeData
from bot.kb.analysis import settings, words
from bot.kb.aspects import is_precise, is_specific, question_aspects
from bot.kb.passages import build_passages, domain_responses
from bot.kb.question import Reading, read
from bot.kb.retriever import Hit, KnowledgeBase
from bot.search.text import fold

FACTS, UNSURE, EMPLOYER, CHECK, DESCRIBE, WHICH, PASS = (
    "facts", "unsure", "employer", "check", "describe", "which", "pass",
)  # fmt: skip
#: A passage answers when at least this share of the question is in it (see retriever.py).
THRESHOLD = 0.45
#: ... or this share, in a follow-up on the programme discussed, for a fact that covers every aspect asked:
#: filler words ("gibts ne altersgrenze") lower the share, not the fit.
THRESHOLD_COVERED = 0.2
#: ... or this share for the first hit when it scores this many times the next one.
THRESHOLD_LEADING = 0.4
LEADS = 2.0
#: Without a programme name and with an aspect that needs one (an amount, a deadline): this much.
THRESHOLD_UNNAMED = 0.6
#: ... and the best programme must lead the next by this much, and the question say this much
#: beyond its aspect words (sum of IDF; "Geld für Weiterbildung" says too little to pick one).
LEAD = 0.15
#: ... or rank this many times higher (BM25 with the aspect and programme boosts) than the next programme.
SCORE_LEAD = 1.5
MIN_INFORMATION = 6.0
#: Hits must score at least this share of the best one to be said beside it.
RELATIVE = 0.75
#: ... and a second fact of a programme asked about one specific aspect is said when it scores this share of the first.
TIE = 0.95
MAX_FACTS = 3
#: A question about a named programme without an aspect word: a fact answers it from this coverage on.
OPEN_QUESTION_CONFIDENCE = 0.5


def _asks(text: str) -> bool:
    """A question, by its mark or its first word ("darf ich …", "wie lange …")."""
    first = fold(text).split()[:1]
    return "?" in text or bool(first and first[0] in (settings().get("question_starts") or "").split())
#: "Bildungsurlaub" (entity value or slot) is state law: both laws unless the state is known.
BILDUNGSURLAUB = {"NW": ("bildungsurlaub_nrw",), "HE": ("bildungsurlaub_hessen",)}


def knowledge_base() -> KnowledgeBase:
    """The index over the catalogue and the FAQ answers, with the edits of the advisors' app.

    Built again only when the set of current edits changed (re-read at most every LOTSE_EDITS_TTL).
    """
    return _knowledge_base(overrides())


@lru_cache(maxsize=2)
def _knowledge_base(edits: Overrides) -> KnowledgeBase:
    catalogue = [programme_with_edits(p, edits) for p in load_catalogue()]
    responses = responses_with_edits(domain_responses(), edits)
    passages = [passage_with_edits(p, edits) for p in build_passages(catalogue, responses)]
    return KnowledgeBase(passages, catalogue)


@dataclass(frozen=True)
class Decision:
    kind: str
    reading: Reading
    programmes: tuple[str, ...] = ()
    hits: tuple[Hit, ...] = field(default=())


def expand(slug: str | None, state: str | None) -> tuple[str, ...]:
    """Catalogue slugs for an entity or slot value ("bildungsurlaub" -> one or both state laws)."""
    if not slug:
        return ()
    if slug == "bildungsurlaub":
        return BILDUNGSURLAUB.get(state or "", ("bildungsurlaub_nrw", "bildungsurlaub_hessen"))
    return (slug,)


def _select(
    hits: Sequence[Hit], reading: Reading, scope: frozenset[str], follow_up: bool = False,
    needs: frozenset[str] | None = None,
    leading: bool = True,
) -> list[Hit]:
    """The confident hits worth saying: at most ``MAX_FACTS``, each near its programme's best.

    One fact per programme and aspect asked (at most two). A summary,
    application note or FAQ answer is left out where a fact of the same programme answers.
    """
    per_programme = max(1, min(2, len(reading.aspects)))
    tie_allowed = len(reading.aspects) == 1 and is_specific(reading.aspects)
    chosen: list[Hit] = []
    best: dict[str | None, float] = {}
    for hit in hits:
        passage = hit.passage
        wanted = reading.aspects if needs is None else needs
        covered = follow_up and bool(wanted) and hit.aspects >= wanted and passage.kind == "fact"
        # the first hit, far ahead of the next, counts from a little less ("Muss ich das Meister-Bafög
        # zurückzahlen, wenn ich mich danach selbstständig mache?": the loan is waived on founding a business)
        leads = leading and hit is hits[0] and hit.aspects >= reading.aspects
        leads = leads and (len(hits) < 2 or hit.score >= LEADS * hits[1].score)
        needed = THRESHOLD_COVERED if covered else THRESHOLD_LEADING if leads else THRESHOLD
        if hit.confidence < needed or (reading.aspects and not hit.aspects):
            continue
        if scope and not scope & set(passage.programmes):
            continue
        top = best.setdefault(passage.programme, hit.score)
        # two facts that rank alike both answer ("bestandene Zwischenprüfung … Prämie": the amounts and the rule)
        limit = per_programme + (hit.score >= TIE * top and passage.kind == "fact" and tie_allowed)
        if hit.score < RELATIVE * top or sum(h.passage.programme == passage.programme for h in chosen) >= limit:
            continue
        chosen.append(hit)
        if len(chosen) == MAX_FACTS:
            break
    answered: dict[str | None, set[str]] = {}
    for h in chosen:
        if h.passage.kind == "fact":
            answered.setdefault(h.passage.programme, set()).update(h.aspects)
    # A summary or FAQ answer stays beside a programme's facts only for an aspect asked that they leave open
    # ("Kann mein Chef … verweigern und wie viele Tage …?": the refusal fact, and the summary for the days).
    return [
        h
        for h in chosen
        if h.passage.kind == "fact"
        or not any(p in answered for p in h.passage.programmes)
        or any(h.aspects - answered[p] for p in h.passage.programmes if p in answered)
    ]


def _one_programme(chosen: list[Hit]) -> list[Hit]:
    """The hits of the best programme, if it leads the others clearly; else none."""
    best: dict[str | None, float] = {}
    score: dict[str | None, float] = {}
    for hit in chosen:
        best[hit.passage.programme] = max(best.get(hit.passage.programme, 0.0), hit.confidence)
        score[hit.passage.programme] = max(score.get(hit.passage.programme, 0.0), hit.score)
    top = max(best, key=lambda k: (best[k], score[k]))
    others = [k for k in best if k != top]
    if best[top] < THRESHOLD_UNNAMED:
        return []
    if any(best[top] - best[k] < LEAD and score[top] < SCORE_LEAD * score[k] for k in others):
        return []  # another programme fits about as well
    return [h for h in chosen if h.passage.programme == top]


def _facts(
    reading: Reading,
    scope: frozenset[str],
    prefer: frozenset[str],
    state: str | None,
    follow_up: bool = False,
    lenient: bool = False,
    leading: bool = True,
) -> list[Hit]:
    """``follow_up``: ``scope`` is the programme the conversation is about, not one the message names; a fact
    that covers every aspect asked then counts from ``THRESHOLD_COVERED`` on. So it does with ``lenient`` (an
    employer asks) for a programme the message names, when every aspect asked is precise: an employer's question
    ("Konzern-HR, … 620 Leute. Ab welchem Anteil … Qualifizierungsgeld …?") says much beside its aspect,
    which lowers the share, not the fit."""
    kb = knowledge_base()
    hits = kb.search(reading.question, reading.aspect_words, scope=scope, prefer=prefer, state=state)
    lenient = lenient and bool(scope) and is_precise(reading.aspects)
    chosen = _select(hits, reading, scope, follow_up or lenient, leading=leading)
    if not chosen and lenient and len(reading.aspects) > 1:
        # "zahlt die agentur nach § 82 auch die jährliche pflichtunterweisung …?": no fact has both aspects; the
        # rarer one says what is asked (one fact on Pflichtschulungen, many on who pays what)
        in_scope = [h for h in hits if h.in_scope and h.passage.kind == "fact"]
        for aspect in sorted(reading.aspects, key=lambda a: (sum(a in h.aspects for h in in_scope), a)):
            chosen = _select(hits, reading, scope, True, needs=frozenset({aspect}))
            if chosen:
                break
    if chosen and not scope and not is_specific(reading.aspects):
        if kb.information(reading.question, reading.aspect_words, scope) < MIN_INFORMATION:
            return []
        return _one_programme(chosen)
    return chosen


#: An open question (no aspect asked) that no fact answers surely: the facts of the programme that rank
#: best are said as the closest (never as the answer) from this coverage on, at most two, the second
#: ranking at least ``RELATIVE`` of the first; below it, the description. (For a detail asked, the
#: description holds the answer in other words more often than the nearest fact: measured on the
#: independent set, 2026-12-07.)
CLOSEST_CONFIDENCE = 0.3


def _closest(hits: Sequence[Hit]) -> list[Hit]:
    """Of an open question's hits, the programme's facts nearest to it ("Ab welchem Anteil der Belegschaft …?"
    finds "ein wesentlicher Teil der Belegschaft …: ab 250 Beschäftigten mindestens 20 %")."""
    near = [h for h in hits if h.in_scope and h.passage.kind == "fact" and h.confidence >= CLOSEST_CONFIDENCE]
    return [h for h in near[:2] if h.score >= RELATIVE * near[0].score]


def _asks_open_question(text: str, reading: Reading, catalogue: Sequence[ProgrammeData], scope: frozenset[str]) -> bool:
    """A question about a named, running programme in words no aspect lists ("darf ich den Anbieter selbst
    aussuchen?"); an ended programme is described (the description says what instead)."""
    named = [p for p in catalogue if p.slug in scope]
    if not named or any(p.status != "aktiv" for p in named):
        return False
    return not (reading.definition or "was ist" in fold(text) or not _asks(text))


def _open_question_fact(hits: Sequence[Hit]) -> Hit | None:
    """The fact that clearly answers an open question, if one does."""
    return hits[0] if hits and hits[0].in_scope and hits[0].confidence >= OPEN_QUESTION_CONFIDENCE else None


#: Aspects that, said about oneself, tell who asks, not what ("Kann ich als Azubi Bildungsurlaub nehmen?" asks
#: for the check; "Gilt das auch für unsere Beamten?" asks the fact).
SELF_DESCRIPTIONS = frozenset({"personengruppe"})


def _who_asks(reading: Reading) -> Reading:
    if not reading.about_self or not SELF_DESCRIPTIONS & reading.aspects:
        return reading
    kept = {k: v for k, v in reading.aspect_words.items() if k not in SELF_DESCRIPTIONS}
    return replace(reading, aspect_words=kept)


#: Aspects a statement beside the question tells about the writer ("Bin 22, … Welche Förderung gibt es?").
TOLD_IN_PASSING = frozenset({"alter"})
_SENTENCE = re.compile(r"(?:[^.!?]|[.!?](?=\S))+[.!?]*")


def _told_in_passing(reading: Reading, text: str) -> Reading:
    """Without the aspects whose words stand only in statements, when the message also has a question sentence."""
    sentences = [s for s in _SENTENCE.findall(text) if s.strip()]
    questions = " ".join(" ".join(words(s)) for s in sentences if s.strip().endswith("?"))
    if not questions or not TOLD_IN_PASSING & reading.aspects:
        return reading
    kept = {k: v for k, v in reading.aspect_words.items()
            if k not in TOLD_IN_PASSING or any(w in questions.split() for w in v)}  # fmt: skip
    return replace(reading, aspect_words=kept)


def decide(
    text: str,
    intent: str,
    *,
    context: str | None = None,
    speaker: str | None = None,
    state: str | None = None,
    entity: str | None = None,
    employer_programmes: Sequence[str] = (),
) -> Decision:
    """What to answer to ``text`` (classified as ``intent``).

    ``context``: the programme the conversation was about (slot); ``speaker``: "employer" when
    the situation slots say so; ``state``: the citizen's federal state; ``entity``: a programme
    the NLU found; ``employer_programmes``: what to prefer for an employer who names none.
    """
    catalogue = load_catalogue()
    reading = _told_in_passing(_who_asks(read(text, catalogue, state)), text)
    known = {p.slug for p in catalogue}
    # "den betrieblichen Bildungsscheck": the ended programme, not the successor the NLU's entity may name
    successors = {p.replaced_by for p in catalogue if p.slug in reading.named and p.replaced_by}
    by_entity = (s for s in expand(entity, state) if s in known and s not in successors)
    named = tuple(dict.fromkeys((*reading.named, *by_entity)))
    # "hab ich anspruch auf bildungsurlaub? wir sind nur 6 leute im laden": an employee of a small firm asks
    employer = (speaker == "employer" or reading.employer) and not _claims_for_self(text)
    # "Gibt es den Bildungsscheck noch für Firmen?": the ended company version, and what instead
    if employer and not _NEW_VERSION.search(fold(text)):
        before = settings().get("employer_predecessors") or {}
        named = tuple(dict.fromkeys(before.get(s, s) for s in named))
    one_question = text.count("?") <= 1 and intent != "check_eligibility" and not reading.about_self
    if one_question and any(n.startswith("bildungsurlaub_") for n in named) and _other_state(text, state):
        # "in NRW anerkannt – gilt das auch bei uns in Hessen?": since 2024 only Hessen's recognition counts there
        hessen = knowledge_base().search(OTHER_STATE_QUESTION, question_aspects(OTHER_STATE_QUESTION),
                                         scope=frozenset(BILDUNGSURLAUB["HE"]), state=state, limit=1)  # fmt: skip
        if hessen and hessen[0].in_scope and (state == "HE" or _STATES["HE"].search(" ".join(words(text)))):
            return Decision(FACTS, reading, BILDUNGSURLAUB["HE"], tuple(hessen[:1]))
    if employer and not named and said_in(text).get("goal") == "aufstieg":
        named = ("aufstiegs_bafoeg",)  # "Wir möchten unseren besten Gesellen zum Meister schicken": the AFBG
    scope = frozenset(named)
    pinned = _pinned(reading, (*named, *reading.hinted), state, employer)
    if pinned:  # "zahlt das jobcenter meine umschulung?": the Agentur decides since 2025
        return Decision(FACTS, reading, (pinned[0].passage.programme or "",), tuple(pinned))
    if (intent in ("check_eligibility", FUNDING_PROGRAMME) and reading.about_self and not employer and named
            and reading.aspects <= VERDICT_ASPECTS and not _wh_question(text)):
        # "Bekomme ich den Bildungsscheck 2.0? Einkommen 61.000 €", "Kriege ich die 150 Euro …?": the check,
        # which takes what the message told and says voraussichtlich ja or nein with the reason
        return Decision(CHECK, reading, named)
    if reading.aspects:
        prefer = frozenset(reading.hinted) | (frozenset(employer_programmes) if employer else frozenset())
        chosen: list[Hit] = []
        context_scope = frozenset(s for s in expand(context, state) if s in known)
        if not scope and context_scope and not reading.hinted:
            chosen = _facts(reading, context_scope, prefer, state, follow_up=True)
        # an employer describes the company before asking; "Kann ich … mit 46 bekommen?" asks for the check
        lenient = employer and not (intent == "check_eligibility" and reading.about_self)
        # "Kann ich das Aufstiegsstipendium mit 46 bekommen?" asks for the check unless a fact answers surely
        leading = not (intent == "check_eligibility" and reading.about_self)
        chosen = chosen or _facts(reading, scope, prefer, state, lenient=lenient, leading=leading)
        detail_aspects = frozenset(settings().get("employer_detail_aspects") or ())
        if not chosen and lenient and not scope and reading.aspects <= detail_aspects:
            # "unsere jährlichen Pflichtfortbildungen – kann man die über die Arbeitsagentur fördern lassen?": the
            # programmes for employers, read as named
            for_employers = frozenset(s for e in employer_programmes for s in expand(e, state) if s in known)
            found = knowledge_base().search(reading.question, reading.aspect_words, scope=for_employers, state=state,
                                            limit=1)  # fmt: skip
            chosen = [h for h in found[:1] if h.in_scope and h.passage.kind == "fact" and h.aspects >= reading.aspects]
        ended = {p.slug for p in catalogue if p.status == "beendet"}
        if chosen and named and all(h.passage.programme in ended for h in chosen):
            return Decision(DESCRIBE, reading, named)  # "Bildungsprämie beantragen": it ended, and what instead
        if chosen:
            answered = tuple(dict.fromkeys(h.passage.programme or "" for h in chosen))
            return Decision(FACTS, reading, answered, tuple(chosen))
        if intent == "check_eligibility" and not employer:
            return Decision(CHECK, reading, named)
        if employer and not named:
            return Decision(EMPLOYER, reading)
        if named or context_scope:
            return Decision(UNSURE, reading, named or tuple(context_scope))
    if employer and not named:
        return Decision(EMPLOYER, reading)
    if named and all(p.status == "beendet" for p in catalogue if p.slug in named):  # no check for an ended one
        return Decision(DESCRIBE, reading, named)
    shared = [g for g in reading.shared if not g <= set(expand("bildungsurlaub", None))]
    if shared:
        return Decision(WHICH, reading, tuple(s for s in named if s in shared[0]))
    # one search serves the fact that answers an open question and, failing that, the closest ones
    open_hits = (
        knowledge_base().search(reading.question, reading.aspect_words, scope=scope, state=state, limit=4)
        if _asks_open_question(text, reading, catalogue, scope) else []
    )  # fmt: skip
    open_fact = _open_question_fact(open_hits)
    if intent == "check_eligibility" and open_fact and not reading.about_self and not employer:
        # read as "check me", but asks something else ("darf die Agentur mir sagen, welchen Anbieter ich nehme?")
        return Decision(FACTS, reading, (open_fact.passage.programme or named[0],), (open_fact,))
    if intent == "check_eligibility" and not (employer and named):  # an employer is no applicant
        return Decision(CHECK, reading, named)
    if named and reading.about_self and not employer:  # "Steht mir Bildungsurlaub zu?"
        return Decision(CHECK, reading, named)
    if open_fact:
        return Decision(FACTS, reading, (open_fact.passage.programme or named[0],), (open_fact,))
    closest = _closest(open_hits)
    if closest:  # no fact answers surely, some come close ("Ab welchem Anteil der Belegschaft …?")
        return Decision(UNSURE, reading, named, tuple(closest))
    if named:
        return Decision(DESCRIBE, reading, named)
    return Decision(PASS, reading)


FUNDING_PROGRAMME = "ask_funding_programme"
#: "den Bildungsscheck 2.0" names the new programme itself, also from an employer.
_NEW_VERSION = re.compile(r"\b2[. ]0\b|\bneue[nmr]?\b")
#: Aspects a yes-or-no question about oneself names only as the fact that decides ("mit 61.000 €", "die 150 Euro").
VERDICT_ASPECTS = frozenset({"betrag", "einkommen", "voraussetzung", "pruefung", "dauer"})
_WH = re.compile(r"(?:^|[.!?:–-]\s*)(?:wie|was|wann|wo|woher|wohin|welche[rsnm]?|wieviel|warum|wieso|weshalb|wer|"
                 r"how|what|which|when|where|who|why)\b|\b(?:noch|still|weiterhin|anymore)\b")
_FOR_SELF = re.compile(r"\b(?:habe?|hab) ich (?:\w+ )?(?:einen |ein )?(?:rechts)?anspruch\b|\bsteht (?:mir|uns)\b")


OTHER_STATE_QUESTION = "Anerkennung in einem anderen Bundesland reicht nicht mehr, Freistellung nur freiwillig"
_STATES = {"NW": re.compile(r"\b(?:nrw|nordrhein westfalen)\b"), "HE": re.compile(r"\bhessen\b")}


def _other_state(text: str, state: str | None) -> bool:
    """A course recognised in one state, asked about in the other ("in NRW anerkannt … bei uns in Hessen")."""
    folded = " ".join(words(text))
    if "anerkannt" not in folded:
        return False
    said = {s for s, pattern in _STATES.items() if pattern.search(folded)}
    return len(said) == 2 or bool(said and state in _STATES and state not in said)


def _wh_question(text: str) -> bool:
    """A question for a fact ("Wie viel …?", "Was zählt …?", "… how much money do I get?") or whether something is
    still paid ("krieg ich den bürgergeldbonus noch"), not whether one qualifies."""
    return bool(_WH.search(text.lower()))


def _claims_for_self(text: str) -> bool:
    """The writer asks for their own entitlement ("hab ich anspruch", "steht mir … zu"), whatever the firm."""
    return bool(_FOR_SELF.search(" ".join(words(text))))


def _pinned(reading: Reading, programmes: Sequence[str], state: str | None, employer: bool = False) -> list[Hit]:
    """The fact ``pinned_facts`` in kb.yaml puts first for this message, if one applies (to an employer only
    where the entry says ``employers: true``)."""
    folded = " ".join(words(reading.question))
    for entry in settings().get("pinned_facts") or ():
        if entry["programme"] not in programmes or not re.search(entry["when"], folded):
            continue
        if employer and not entry.get("employers"):
            continue
        if reading.aspects - set(entry.get("aspects_allowed") or ()):
            continue
        question = entry["question"]
        scope = frozenset({entry["programme"]})
        hits = knowledge_base().search(question, question_aspects(question), scope=scope, state=state, limit=1)
        if hits and hits[0].in_scope and hits[0].passage.kind == "fact":
            return hits[:1]
    return []


def employer_hits(state: str | None, only: Sequence[str] = ()) -> list[Hit]:
    """The facts an employer hears first (``employer_overview`` in kb.yaml): shares by company size,
    the wage subsidy, who applies, Qualifizierungsgeld, and the Bildungsurlaub law of their state
    (both laws when the state is unknown). ``only``: restrict to these programmes.
    """
    kb = knowledge_base()
    chosen: list[Hit] = []
    for entry in settings()["employer_overview"]:
        slug = entry["programme"]
        if only and slug not in only:
            continue
        if slug.startswith("bildungsurlaub_") and state in BILDUNGSURLAUB and (slug,) != BILDUNGSURLAUB[state]:
            continue
        question = entry["question"]
        hits = kb.search(question, question_aspects(question), scope=frozenset({slug}), state=state, limit=1)
        if hits and hits[0].in_scope and all(h.passage.key != hits[0].passage.key for h in chosen):
            chosen.append(hits[0])
    return chosen
