"""What the education network edits under /verwaltung/angaben: its records, their fields and values.

A Netzwerk account edits the centres of its own region, the funding programmes that apply there
(federal ones and its state's) and the FAQ answers. Each field is shown with the value the bot
says now (the newest edit, else the seed data from the repository) and what the seed says.
Values are read from the database directly, not from the bot's cache, so the page is never stale.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import Advisor, CounsellingCentre, Region
from bot.db.models_edits import FactEdit
from bot.edits import CENTRE_FIELDS, FAQ_FIELDS, PROGRAMME_FIELDS, Current, current_values
from bot.edits.fields import field_type
from bot.edits.validate import hours_text, without_stand
from bot.funding.catalogue import load_catalogue
from bot.funding.model import ProgrammeData
from bot.kb.passages import domain_responses

#: Who may edit: the coordinating office of a region (advisor/accounts.py ROLES).
EDITOR_ROLES = ("netzwerk",)
KIND_PATHS = {"beratungsstelle": "centre", "programm": "programme", "faq": "faq"}
PATH_OF_KIND = {kind: path for path, kind in KIND_PATHS.items()}


@dataclass(frozen=True)
class Field:
    name: str
    #: "line", "text", "hours", "phone", "email", "postcode": which input the form shows.
    input: str
    seed: str
    current: str
    edit: Current | None


@dataclass(frozen=True)
class Record:
    kind: str
    key: str
    title: str
    fields: tuple[Field, ...]

    @property
    def path(self) -> str:
        return f"/verwaltung/angaben/{PATH_OF_KIND[self.kind]}/{self.key}"

    @property
    def edited(self) -> int:
        return sum(1 for f in self.fields if f.edit is not None)


def region_of(db: Session, advisor: Advisor) -> Region:
    """The region an account works for: its centre's (a Netzwerk account hangs on one of them)."""
    return db.get(CounsellingCentre, advisor.centre_id).region


def shown(field: str, value: Any) -> str:
    if field == "opening_hours":
        return hours_text(value or {})
    return "" if value is None else str(value)


def _field(kind: str, key: str, name: str, seed: Any, current: dict, input_type: str) -> Field:
    edit = current.get((kind, key, name))
    return Field(name, input_type, shown(name, seed), shown(name, edit.value) if edit else shown(name, seed), edit)


def centres(db: Session, region: Region) -> list[CounsellingCentre]:
    return list(db.execute(
        select(CounsellingCentre).where(CounsellingCentre.region_id == region.id).order_by(CounsellingCentre.name)
    ).scalars())


def programmes(region: Region) -> list[ProgrammeData]:
    return [p for p in load_catalogue() if p.available_in(region.state)]


def faq_answers() -> dict[str, dict[str, str]]:
    """Key -> {"text": German, "text_en": English} of every ``utter_faq/<key>`` response (Stand removed:
    the bot adds an edit's own)."""
    answers = {}
    for name, variants in domain_responses().items():
        if not name.startswith("utter_faq/"):
            continue
        texts = {"text": "", "text_en": ""}
        for variant in variants or ():
            conditions = variant.get("condition") or []
            english = any(c.get("name") == "language" and c.get("value") == "en" for c in conditions)
            texts["text_en" if english else "text"] = without_stand(str(variant.get("text") or ""))
        answers[name.split("/", 1)[1]] = texts
    return answers


def centre_record(centre: CounsellingCentre, current: dict) -> Record:
    seed = {"street": centre.street, "postcode": centre.postcode, "city": centre.city, "phone": centre.phone,
            "email": centre.email, "opening_hours": centre.opening_hours, "services": None}
    fields = tuple(_field("centre", centre.slug, f, seed[f], current, field_type(f)) for f in CENTRE_FIELDS)
    return Record("centre", centre.slug, centre.name, fields)


def programme_record(programme: ProgrammeData, current: dict) -> Record:
    fields = [_field("programme", programme.slug, f, getattr(programme, f), current, "text") for f in PROGRAMME_FIELDS]
    fields += [_field("programme", programme.slug, f"facts.{i}", fact.text, current, "text")
               for i, fact in enumerate(programme.facts)]
    return Record("programme", programme.slug, programme.name, tuple(fields))


def faq_record(key: str, texts: dict[str, str], current: dict) -> Record:
    return Record("faq", key, key.replace("_", " ").capitalize(),
                  tuple(_field("faq", key, f, texts[f], current, "text") for f in FAQ_FIELDS))


def overview(db: Session, advisor: Advisor) -> dict[str, list[Record]]:
    region = region_of(db, advisor)
    current = current_values(db)
    return {
        "centres": [centre_record(c, current) for c in centres(db, region)],
        "programmes": [programme_record(p, current) for p in programmes(region)],
        "faqs": [faq_record(k, t, current) for k, t in sorted(faq_answers().items())],
    }


def record(db: Session, advisor: Advisor, kind: str, key: str) -> Record | None:
    """One record the account may edit, or None (unknown, or a centre or programme of another region)."""
    region = region_of(db, advisor)
    current = current_values(db)
    if kind == "centre":
        centre = next((c for c in centres(db, region) if c.slug == key), None)
        return centre_record(centre, current) if centre else None
    if kind == "programme":
        programme = next((p for p in programmes(region) if p.slug == key), None)
        return programme_record(programme, current) if programme else None
    if kind == "faq":
        texts = faq_answers().get(key)
        return faq_record(key, texts, current) if texts else None
    return None


def may_edit(db: Session, advisor: Advisor, edit: FactEdit) -> bool:
    return record(db, advisor, edit.kind, edit.key) is not None
