"""Which fields of which kind of record can be edited, and what kind of value each holds."""

from __future__ import annotations

import re

#: Centre fields: the ones the citizen's card shows. ``services`` has no column in the seed data
#: (what the centre offers: "Weiterbildungsberatung, Anerkennungsberatung"); it exists only as an edit.
CENTRE_FIELDS = ("phone", "email", "street", "postcode", "city", "opening_hours", "services")
#: Programme texts; a single fact is ``facts.<index>`` (its position in programmes.yaml).
PROGRAMME_FIELDS = ("summary", "summary_plain", "how_to_apply")
FACT_FIELD = re.compile(r"^facts\.(\d{1,3})$")
#: A FAQ answer in German and in English (the domain's ``language = en`` variant).
FAQ_FIELDS = ("text", "text_en")

#: How a field's value is checked (bot/edits/validate.py).
FIELD_TYPES = {
    "phone": "phone",
    "email": "email",
    "postcode": "postcode",
    "opening_hours": "hours",
    "street": "line",
    "city": "line",
    "services": "text",
}


def fields_for(kind: str) -> tuple[str, ...]:
    """The fixed fields of a kind (programme facts come on top, per programme)."""
    return {"centre": CENTRE_FIELDS, "programme": PROGRAMME_FIELDS, "faq": FAQ_FIELDS}.get(kind, ())


def is_field(kind: str, field: str) -> bool:
    return field in fields_for(kind) or (kind == "programme" and FACT_FIELD.match(field) is not None)


def field_type(field: str) -> str:
    return FIELD_TYPES.get(field, "text")
