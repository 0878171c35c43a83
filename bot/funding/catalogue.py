"""Load the funding catalogue, keep the database in step with it, and look programmes up.

The YAML file is the editors' source of truth; ``sync_programmes`` copies it into the
``funding_programmes`` table so that the action server, the advisor inbox and reports read the
same facts. Aliases and region-aware offices are not table columns; they come from the file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import FundingProgramme
from bot.funding.loader import CatalogueError, parse_catalogue
from bot.funding.matching import match_programme
from bot.funding.model import Fact, Office, ProgrammeData

DEFAULT_PATH = Path(__file__).with_name("programmes.yaml")

#: Order in lists for citizens: what they can use now first, ended programmes last.
_STATUS_ORDER = {"aktiv": 0, "unklar": 1, "beendet": 2}

__all__ = [
    "CatalogueError",
    "find_programme",
    "get_programme",
    "load_catalogue",
    "programme_data",
    "programmes_for_state",
    "sync_programmes",
]


@lru_cache(maxsize=4)
def _load(path: Path) -> tuple[ProgrammeData, ...]:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise CatalogueError(f"{path}: kein gültiges YAML: {err}") from err
    return tuple(parse_catalogue(raw))


def load_catalogue(path: str | Path | None = None) -> list[ProgrammeData]:
    """All programmes of the catalogue file (default: ``programmes.yaml`` next to this module).

    Raises ``CatalogueError`` naming slug and field for every invalid entry. Parsed once per
    file and process; the returned list is a fresh copy the caller may change.
    """
    return list(_load(Path(path) if path else DEFAULT_PATH))


def _apply(row: FundingProgramme, programme: ProgrammeData) -> None:
    row.name = programme.name
    row.level = programme.level
    row.states = list(programme.states)
    row.status = programme.status
    row.summary = programme.summary
    row.summary_plain = programme.summary_plain
    row.facts = [f.to_json() for f in programme.facts]
    row.how_to_apply = programme.how_to_apply
    row.office = programme.office_text()
    row.url = programme.url
    row.as_of = programme.as_of_date
    row.replaced_by = programme.replaced_by


def sync_programmes(session: Session, catalogue: Sequence[ProgrammeData] | None = None) -> int:
    """Insert or update every catalogue programme by slug; returns how many were written.

    Idempotent: running it twice leaves one row per slug with the same content. Rows whose slug
    is no longer in the catalogue are left alone (nothing else in the schema refers to them, and
    an editor may have added one on purpose).
    """
    programmes = list(catalogue) if catalogue is not None else load_catalogue()
    existing = {
        row.slug: row
        for row in session.execute(
            select(FundingProgramme).where(FundingProgramme.slug.in_([p.slug for p in programmes]))
        ).scalars()
    }
    for programme in programmes:
        row = existing.get(programme.slug)
        if row is None:
            row = FundingProgramme(slug=programme.slug)
            session.add(row)
        _apply(row, programme)
    session.flush()
    return len(programmes)


def get_programme(session: Session, slug: str) -> FundingProgramme | None:
    return session.execute(select(FundingProgramme).where(FundingProgramme.slug == slug)).scalar_one_or_none()


def programmes_for_state(session: Session, state: str | None) -> list[FundingProgramme]:
    """Federal programmes plus those of ``state`` (all states if None); usable ones first.

    Within a status, federal programmes come before state ones and then alphabetical order,
    so that the list reads the same every time.
    """
    rows = session.execute(select(FundingProgramme)).scalars().all()
    chosen = [r for r in rows if not r.states or state is None or state in r.states]
    return sorted(chosen, key=lambda r: (_STATUS_ORDER.get(r.status, 9), r.level != "bund", r.name))


def programme_data(programme: ProgrammeData | FundingProgramme) -> ProgrammeData:
    """A ``ProgrammeData`` for a database row: the row's texts, the file's aliases and offices.

    The table wins for everything it stores, so an answer always matches what advisors see in
    the database; the catalogue fills in what the table has no column for. Texts the education
    network edited in the advisors' app (bot/edits) go over both.
    """
    if isinstance(programme, ProgrammeData):
        return programme
    known = {p.slug: p for p in load_catalogue()}.get(programme.slug)
    facts = tuple(Fact.from_json(f) for f in programme.facts or ())
    if known is None:
        # Added to the table by hand: no aliases and one office text for every state.
        known = ProgrammeData(
            slug=programme.slug, name=programme.name, aliases=(), level=programme.level, states=(),
            status=programme.status, summary="", summary_plain="", facts=(), how_to_apply="",
            office=Office(name=programme.office, dative=programme.office), url=None,
            as_of=programme.as_of.isoformat(),
        )  # fmt: skip
    merged = replace(
        known,
        name=programme.name,
        level=programme.level,
        states=tuple(programme.states or ()),
        status=programme.status,
        summary=programme.summary,
        summary_plain=programme.summary_plain,
        facts=facts,
        how_to_apply=programme.how_to_apply,
        url=programme.url,
        replaced_by=programme.replaced_by,
    )
    from bot.edits import live  # it builds on the funding model

    return live.programme_with_edits(merged, live.overrides(live.url_of(programme)))


def find_programme(
    session_or_catalogue: Session | Sequence[ProgrammeData], text: str, state: str | None = None
) -> str | None:
    """Slug of the programme a citizen's ``text`` names ("meister bafög" -> "aufstiegs_bafoeg").

    Tolerates case, missing umlauts, compounds written apart or together and small typos in
    words of 6 or more letters. With a session, the programmes in the database are searched
    (names from the table, aliases from the catalogue file). ``state`` breaks ties between
    programmes of the same name in different states ("Bildungsurlaub").
    """
    if isinstance(session_or_catalogue, Session):
        rows = session_or_catalogue.execute(select(FundingProgramme)).scalars().all()
        programmes = [programme_data(row) for row in rows]
        order = {p.slug: i for i, p in enumerate(load_catalogue())}
        programmes.sort(key=lambda p: order.get(p.slug, len(order)))
    else:
        programmes = list(session_or_catalogue)
    return match_programme(programmes, text, state)
