"""The funding catalogue as plain, immutable data.

Everything here is read from ``programmes.yaml``; an editor changes that file, never this one.
Dates keep the precision the source gives ("2024", "2026-02", "2026-03-06"): inventing a day
for a source that only names a year would make a fact look more precise than it is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

STATUSES = ("aktiv", "beendet", "unklar")
LEVELS = ("bund", "land")
SCOPES = ("wohnort", "arbeitsort")
SITUATIONS = ("arbeitslos", "beschaeftigt", "aufstieg", "sprache_anerkennung")
STATE_NAMES = {"NW": "Nordrhein-Westfalen", "HE": "Hessen"}
#: What a citizen may have told the bot about themselves, usable in ``for_person`` conditions.
PERSON_KEYS = ("taxable_income", "company_size", "employment_status", "age", "work_state")

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_MONTHS = (
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
)  # fmt: skip
_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def parse_iso(value: str) -> date:
    """First day of the period an ISO date of any precision names; ``ValueError`` if malformed."""
    match = _ISO.match(value)
    if not match:
        raise ValueError(f"'{value}' ist kein ISO-Datum (JJJJ, JJJJ-MM oder JJJJ-MM-TT)")
    year, month, day = (int(g) if g else 1 for g in match.groups())
    return date(year, month, day)


def period_end(value: str) -> date:
    """Last day of the period: "2024" ends on 31.12.2024, "2024-02" on 29.02.2024."""
    start = parse_iso(value)
    parts = value.count("-")
    if parts == 2:
        return start
    if parts == 0:
        return date(start.year, 12, 31)
    next_month = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    return date.fromordinal(next_month.toordinal() - 1)


def german_date(value: str | None, *, month_only: bool = False, language: str | None = None) -> str:
    """A source date as a citizen reads it: "09.02.2026", "Februar 2026", "2024" or "ohne Datum".

    With ``language`` "en" the month is named in English ("February 2026", "undated"); a day stays
    "09.02.2026", the form German letters and offices use.
    """
    english = language == "en"
    if value is None:
        return "undated" if english else "ohne Datum"
    start = parse_iso(value)
    parts = value.count("-")
    if parts == 0:
        return str(start.year)
    if parts == 1 or month_only:
        return f"{(_MONTHS_EN if english else _MONTHS)[start.month - 1]} {start.year}"
    return start.strftime("%d.%m.%Y")


@dataclass(frozen=True)
class Fact:
    """One sourced statement. ``uncertain`` marks the reference's ⚠️: said with its date, never promised."""

    text: str
    source: str
    as_of: str | None
    uncertain: bool
    #: Only relevant to citizens of these states (e.g. which office in Hessen); empty = everyone.
    states: tuple[str, ...] = ()

    def to_json(self) -> dict:
        data: dict = {"text": self.text, "source": self.source, "as_of": self.as_of, "uncertain": self.uncertain}
        if self.states:
            data["states"] = list(self.states)
        return data

    @classmethod
    def from_json(cls, data: dict) -> Fact:
        return cls(
            text=data["text"],
            source=data["source"],
            as_of=data.get("as_of"),
            uncertain=bool(data.get("uncertain", False)),
            states=tuple(data.get("states") or ()),
        )


@dataclass(frozen=True)
class PersonalNote:
    """A sentence for citizens whose own data meet ``condition`` (e.g. taxable income above 20.000 €).

    ``replaces_summary`` marks a note that says the summary again in the person's terms, because
    the general one would mislead them ("grundsätzlich kostenlos" to someone who has to pay).
    """

    condition: Mapping[str, Any] = field(hash=False)
    text: str
    text_plain: str
    replaces_summary: bool = False


@dataclass(frozen=True)
class Office:
    """Who decides or where to go; ``dative`` completes "Bitte prüfen Sie das bei …"."""

    name: str
    dative: str


@dataclass(frozen=True)
class ProgrammeData:
    """One funding programme as the catalogue describes it (see ``programmes.yaml`` for fields)."""

    slug: str
    name: str
    aliases: tuple[str, ...]
    level: str
    states: tuple[str, ...]
    status: str
    summary: str
    summary_plain: str
    facts: tuple[Fact, ...]
    how_to_apply: str
    office: Office
    url: str | None
    as_of: str
    replaced_by: str | None = None
    ended: str | None = None
    scope: str = "wohnort"
    office_by_state: dict[str, Office] = field(default_factory=dict, hash=False)
    alternatives: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    situations: tuple[str, ...] = ()
    for_person: tuple[PersonalNote, ...] = field(default=(), hash=False)
    #: English translations, keyed by the exact German text they translate (name, summary, how to
    #: apply, offices, facts, notes). A German text an editor changed has no entry and stays German,
    #: so an English answer never says what the German one no longer says.
    english: Mapping[str, str] = field(default_factory=dict, hash=False)
    #: Who wrote and reviewed the English texts ("Entwurf: KI-Assistent (Claude), …").
    english_written: str = ""

    def in_language(self, german: str, language: str | None) -> str:
        """``german``, one of this programme's texts, in ``language`` where it has that translation."""
        return self.english.get(german, german) if language == "en" else german

    @property
    def as_of_date(self) -> date:
        """The "Stand" as a date for the database column (first day of the named period)."""
        return parse_iso(self.as_of)

    def office_for(self, state: str | None) -> Office:
        return self.office_by_state.get(state or "", self.office)

    def office_text(self) -> str:
        """All offices in one text, for the ``office`` column that editors and advisors read."""
        lines = [self.office.name]
        lines += [f"{STATE_NAMES.get(s, s)}: {o.name}" for s, o in sorted(self.office_by_state.items())]
        return "\n".join(lines)

    def alternatives_for(self, state: str | None) -> tuple[str, ...]:
        return self.alternatives.get(state or "", self.alternatives.get("default", ()))

    def facts_for(self, state: str | None) -> tuple[Fact, ...]:
        """Facts that concern a citizen of ``state`` (all general facts plus that state's)."""
        return tuple(f for f in self.facts if not f.states or state in f.states)

    def available_in(self, state: str | None) -> bool:
        return not self.states or state is None or state in self.states
