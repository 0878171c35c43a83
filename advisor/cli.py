"""``lotse advisor ...``: creating accounts from the command line (called by ``bot.cli``)."""

from __future__ import annotations

import argparse
import getpass
import sys

from advisor.accounts import AccountError, add_advisor, centre_by_slug, create_demo_accounts
from bot.db.session import session_scope

#: For the command line's messages; the web app names the roles in templates/_rolle.html.
ROLE_NAMES = {"advisor": "Beratung", "admin": "Kontenverwaltung", "leitung": "Leitung", "netzwerk": "Netzwerk"}


def advisor_add(args: argparse.Namespace, url: str) -> int:
    try:
        password = _ask_password() if sys.stdin.isatty() else None
    except AccountError as exc:
        return _fail(str(exc))
    with session_scope(url) as session:
        try:
            centre = centre_by_slug(session, args.centre)
            role = "admin" if args.admin else args.role
            account = add_advisor(session, centre, args.email, args.name, role, password)
        except AccountError as exc:
            return _fail(str(exc))
        where = f"die Region {centre.region.name} (über {centre.name})" if role == "netzwerk" else centre.name
        print(f"Konto {account.advisor.email} ({ROLE_NAMES[role]}) für {where} angelegt.")
    if password is None:
        print(f"Passwort (wird nur jetzt angezeigt): {account.password}")
    return 0


def _ask_password() -> str | None:
    first = getpass.getpass("Passwort (leer lassen für ein zufälliges): ")
    if not first:
        return None
    if getpass.getpass("Passwort wiederholen: ") != first:
        raise AccountError("Die Passwörter stimmen nicht überein.")
    return first


def demo_accounts(args: argparse.Namespace, url: str) -> int:
    with session_scope(url) as session:
        try:
            created = create_demo_accounts(session, args.out)
        except AccountError as exc:
            return _fail(str(exc))
    if not created:
        print("Es gibt schon Konten: keine Demo-Zugänge angelegt.")
    else:
        print(f"{len(created)} Demo-Zugänge angelegt. Zugangsdaten (nur für Sie lesbar): {args.out}")
    return 0


def _fail(message: str) -> int:
    """Same form as ``bot.cli`` errors: German text on stderr, exit code 2, no traceback."""
    print(f"Fehler: {message}", file=sys.stderr)
    return 2
