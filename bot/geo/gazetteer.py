"""Every German municipality: names and their variants, postcodes, coordinates and Bundesland.

Read once per process from ``bot/geo/data/gemeinden.tsv.gz`` (13,000 places, 0.2 MB; origin and
licence in ``bot/geo/data/README.md``). The offer database stores only the places that courses
or counselling centres are at; this gazetteer knows the others too, so that "Kurse in der Nähe
von Xanten" works for a town without a single course, and an imported run in Kassel finds its
coordinates.

Names as data sources write them differ: "Münster, Westfalen" (KURSNET), "Münster (Westf.)",
"Frankenberg/Eder", "Frankenberg an der Eder", "Voerde (Niederrhein)". ``find`` takes the part
before the comma, slash or parenthesis as the name and the rest as a hint (a Bundesland, a
landscape such as Westfalen, the Kreis or the river in the official name) that picks one of
several places of that name.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.search.fuzzy import MIN_TYPO_LENGTH, TypoIndex
from bot.search.text import fold

DATA = Path(__file__).parent / "data" / "gemeinden.tsv.gz"

#: ISO 3166-2 suffix -> Bundesland.
STATE_NAMES = {
    "BW": "Baden-Württemberg", "BY": "Bayern", "BE": "Berlin", "BB": "Brandenburg", "HB": "Bremen",
    "HH": "Hamburg", "HE": "Hessen", "MV": "Mecklenburg-Vorpommern", "NI": "Niedersachsen",
    "NW": "Nordrhein-Westfalen", "RP": "Rheinland-Pfalz", "SL": "Saarland", "SN": "Sachsen",
    "ST": "Sachsen-Anhalt", "SH": "Schleswig-Holstein", "TH": "Thüringen",
}
#: Hints after a town's name that stand for a Bundesland (folded): "Münster, Westfalen", "Halle (Saale)"
#: is the river and is matched against the official name instead.
_STATE_HINTS = {
    **{fold(name): code for code, name in STATE_NAMES.items()},
    **{code.lower(): code for code in STATE_NAMES},
    "nrw": "NW", "westfalen": "NW", "westf": "NW", "rheinland": "NW", "niederrhein": "NW", "lippe": "NW",
    "sauerland": "NW", "oldb": "NI", "oldenburg": "NI", "hann": "NI", "ostfriesland": "NI", "baden": "BW",
    "wuerttemberg": "BW", "wuertt": "BW", "oberbayern": "BY", "niederbayern": "BY", "oberpfalz": "BY",
    "franken": "BY", "mittelfranken": "BY", "oberfranken": "BY", "unterfranken": "BY", "schwaben": "BY",
    "pfalz": "RP", "hess": "HE", "sachs": "SN", "holstein": "SH", "thuer": "TH", "vorpommern": "MV",
    "mecklenburg": "MV", "altmark": "ST", "mark": "BB",
}
_PARENTHESIS = re.compile(r"\s*\(([^)]*)\)\s*")
_QUALIFIER = re.compile(
    r"^(?P<name>.+?)\s*(?:,|/|\bi\.\s|\bin\s+der\b|\bim\b|\ban\s+der\b|\bam\b|\ba\.\s?d\.)\s*(?P<hint>.+)$"
)


@dataclass(frozen=True)
class Municipality:
    """A municipality (or a named part of one) as the gazetteer knows it."""

    key: str  # stable within one data file: "NW:Wesel:Rheinberg"
    name: str
    state: str  # ISO 3166-2 suffix, e.g. "NW"
    district: str  # Kreis or kreisfreie Stadt, as GeoNames writes it
    postcodes: tuple[str, ...]
    lat: float | None
    lon: float | None

    @property
    def postcode(self) -> str:
        return self.postcodes[0] if self.postcodes else ""


@dataclass(frozen=True)
class Gazetteer:
    places: tuple[Municipality, ...]
    by_name: dict[str, tuple[Municipality, ...]]  # folded name (and the name without parenthesis)
    by_postcode: dict[str, tuple[Municipality, ...]]

    @property
    def typos(self) -> TypoIndex:
        return _typos()


def _names(name: str) -> set[str]:
    """Folded spellings a place is found by: "Frankenberg (Eder)" -> "frankenberg eder", "frankenberg"."""
    keys = {fold(name), fold(_PARENTHESIS.sub(" ", name))}
    return {k for k in keys if k}


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    with gzip.open(DATA, "rt", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(io.StringIO(handle.read()), delimiter="\t"))
    places = tuple(
        Municipality(
            key=f"{r['state']}:{r['district']}:{r['name']}", name=r["name"], state=r["state"],
            district=r["district"], postcodes=tuple(r["postcodes"].split()),
            lat=float(r["lat"]) if r["lat"] else None, lon=float(r["lon"]) if r["lon"] else None,
        )
        for r in rows
    )
    by_name: dict[str, list[Municipality]] = defaultdict(list)
    by_postcode: dict[str, list[Municipality]] = defaultdict(list)
    for place in places:
        for key in _names(place.name):
            by_name[key].append(place)
        for code in place.postcodes:
            by_postcode[code].append(place)
    return Gazetteer(
        places=places,
        by_name={k: tuple(v) for k, v in by_name.items()},
        by_postcode={k: tuple(v) for k, v in by_postcode.items()},
    )


@lru_cache(maxsize=1)
def _typos() -> TypoIndex:
    """Built on the first misspelt name only: a second of CPU that exact names never need."""
    return TypoIndex(k for k in gazetteer().by_name if " " not in k)


def by_key(key: str) -> Municipality | None:
    return _keys().get(key)


@lru_cache(maxsize=1)
def _keys() -> dict[str, Municipality]:
    return {p.key: p for p in gazetteer().places}


def _split(text: str) -> tuple[str, str]:
    """ "Münster, Westfalen" -> ("Münster", "Westfalen"); "Halle (Saale)" -> ("Halle", "Saale")."""
    text = " ".join(text.split())
    inner = _PARENTHESIS.search(text)
    if inner:
        return _PARENTHESIS.sub(" ", text).strip(), inner.group(1)
    match = _QUALIFIER.match(text)
    if match:
        return match.group("name"), match.group("hint")
    return text, ""


def _fits(place: Municipality, hint: str) -> bool:
    folded = fold(hint).replace(" ", "")
    if not folded:
        return True
    if _STATE_HINTS.get(fold(hint).split(" ")[0].rstrip(".")) == place.state:
        return True
    return folded in fold(place.name).replace(" ", "") or folded in fold(place.district).replace(" ", "")


def _best(candidates: tuple[Municipality, ...] | list[Municipality], prefer_state: str | None) -> Municipality:
    """Several places of one name: the preferred state's first, then the biggest (most postcodes)."""
    return min(candidates, key=lambda p: (p.state != prefer_state, -len(p.postcodes), p.key))


def find(text: str, postcode: str | None = None, prefer_state: str | None = None,
         typos: bool = True) -> Municipality | None:
    """The municipality ``text`` names (with the postcode, if known, deciding between namesakes).

    With ``typos`` one or two typos are forgiven in names of four letters or more (what citizens
    type); imports pass False, so that a misspelt town in a file is reported, not guessed.
    Returns None when nothing fits.
    """
    known = gazetteer()
    text = _exonyms().get(fold(text or "").strip(), text)  # "Cologne" is Köln
    name, hint = _split(text or "")
    candidates: list[Municipality] = []
    for key in (fold(text or ""), fold(f"{name} {hint}") if hint else "", fold(name)):
        if key and key in known.by_name:
            candidates = list(known.by_name[key])
            break
    if not candidates and typos and len(fold(name)) >= MIN_TYPO_LENGTH and " " not in fold(name):
        for corrected in known.typos.closest(fold(name)):
            candidates += known.by_name.get(corrected, ())
    if postcode:
        same_code = [p for p in candidates if postcode in p.postcodes]
        if same_code:
            return _best(same_code, prefer_state)
        if not candidates:
            return find_postcode(postcode)
    if hint:
        fitting = [p for p in candidates if _fits(p, hint)]
        candidates = fitting or candidates
    return _best(candidates, prefer_state) if candidates else None


@lru_cache(maxsize=1)
def _exonyms() -> dict[str, str]:
    """Foreign names of German towns (``exonyms.yaml``), folded -> the German name."""
    import yaml

    raw = yaml.safe_load(Path(__file__).with_name("exonyms.yaml").read_text(encoding="utf-8")) or {}
    return {fold(str(k)): str(v) for k, v in raw.items()}


def find_postcode(code: str) -> Municipality | None:
    """The municipality a postcode belongs to (the biggest, when a postcode serves several)."""
    found = gazetteer().by_postcode.get(code.strip())
    return _best(found, None) if found else None
