"""Advisor accounts: creation by the CLI and the admin page, demo accounts for a first look.

The app never ships a default password: every account gets one typed by a person or a
random one shown exactly once.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from advisor.password_strength import password_problem
from advisor.passwords import generate_password, hash_password
from bot.db.models import Advisor, CounsellingCentre

#: advisor: Beratung (the centre's inbox); admin: Kontenverwaltung (inbox and the centre's accounts);
#: leitung: head of a centre (inbox and the centre's figures); netzwerk: coordinating office of a
#: region (the region's figures and, later, its facts; no citizen's records at all). A Netzwerk
#: account hangs on a centre of its region only because every account has one; its scope is the region.
ROLES = ("advisor", "admin", "leitung", "netzwerk")
#: Who sees the callbacks and handovers of their own centre (names, phone numbers, transcripts).
INBOX_ROLES = ("advisor", "admin", "leitung")
#: Who sees the dashboard /auswertung: admin and leitung their centre, netzwerk its region.
DASHBOARD_ROLES = ("admin", "leitung", "netzwerk")
#: Who a centre's admin may create or manage on the accounts page (not a region's Netzwerk account).
CENTRE_ROLES = ("advisor", "admin", "leitung")


class AccountError(ValueError):
    """An account cannot be created as asked; the message is German and meant for the user."""


@dataclass(frozen=True)
class NewAccount:
    advisor: Advisor
    password: str


def add_advisor(
    session: Session, centre: CounsellingCentre, email: str, name: str, role: str = "advisor",
    password: str | None = None,
) -> NewAccount:
    email = email.strip().lower()
    if "@" not in email or not name.strip():
        raise AccountError("Bitte geben Sie einen Namen und eine gültige E-Mail-Adresse an.")
    if role not in ROLES:
        raise AccountError(f"Unbekannte Rolle „{role}“.")
    if session.execute(select(Advisor.id).where(Advisor.email == email)).first() is not None:
        raise AccountError(f"Es gibt schon ein Konto für {email}.")
    password = password or generate_password()
    problem = password_problem(password, name, email)
    if problem:
        raise AccountError(problem)
    advisor = Advisor(
        centre_id=centre.id, name=name.strip(), email=email, role=role, password_hash=hash_password(password)
    )
    session.add(advisor)
    session.flush()
    return NewAccount(advisor, password)


def centre_by_slug(session: Session, slug: str) -> CounsellingCentre:
    centre = session.execute(select(CounsellingCentre).where(CounsellingCentre.slug == slug)).scalar_one_or_none()
    if centre is None:
        raise AccountError(f"Keine Beratungsstelle mit dem Kürzel „{slug}“.")
    return centre


def start_page(advisor: Advisor) -> str:
    """Where an account lands after login: the inbox, or the dashboard for a Netzwerk account."""
    return "/rueckrufe" if advisor.role in INBOX_ROLES else "/auswertung"


def create_demo_accounts(session: Session, out_file: Path) -> list[NewAccount]:
    """Per centre an admin, a Leitung and an advisor, per region a Netzwerk account (on the region's
    first centre by slug); only when no advisor account exists yet.

    The passwords go to ``out_file`` with mode 0600 (readable only by whoever ran the command),
    never to the database in clear and never into the repository.
    """
    if session.execute(select(Advisor.id).limit(1)).first() is not None:
        return []
    centres = session.execute(select(CounsellingCentre).order_by(CounsellingCentre.slug)).scalars().all()
    if not centres:
        raise AccountError("Es gibt keine Beratungsstellen. Bitte zuerst „lotse db init“ ausführen.")
    created = []
    for centre in centres:
        created.append(add_advisor(session, centre, f"{centre.slug}.admin@demo.invalid", "Demo-Kontenverwaltung",
                                   "admin"))
        created.append(add_advisor(session, centre, f"{centre.slug}.leitung@demo.invalid", "Demo-Leitung", "leitung"))
        created.append(add_advisor(session, centre, f"{centre.slug}.beratung@demo.invalid", "Demo-Beratung"))
    anchors: dict[int, CounsellingCentre] = {}
    for centre in centres:
        anchors.setdefault(centre.region_id, centre)
    for centre in anchors.values():
        region = centre.region
        created.append(add_advisor(session, centre, f"{region.slug}.netzwerk@demo.invalid",
                                   f"Demo-Netzwerk {region.name}", "netzwerk"))
    lines = ["Demo-Zugänge zum Beratungspostfach (nur für die Vorführung, nach Gebrauch löschen)", ""]
    for account in created:
        lines.append(f"{account.advisor.email}\t{account.password}\t{account.advisor.role}")
    out_file.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(out_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    os.chmod(out_file, 0o600)  # also when the file existed before with wider permissions
    return created
