"""Account management for the centre's admins: list, add, reset password, remove.

Admins manage only their own centre, like everyone else sees only their own centre's records, and
never a region's Netzwerk account (those come from the command line).
New and reset passwords are random and shown exactly once on the page that created them.
"""

from __future__ import annotations

from sanic import Request, Sanic
from sanic.response import HTTPResponse, redirect
from sqlalchemy import select, update

from advisor import inbox, sessions
from advisor.accounts import CENTRE_ROLES, AccountError, add_advisor
from advisor.passwords import generate_password, hash_password
from advisor.web import Auth, error_page, form_value, protected, render
from bot.db.models import Advisor, CallbackRequest, CounsellingCentre


def register(app: Sanic) -> None:
    app.add_route(accounts, "/verwaltung", methods=["GET"])
    app.add_route(add, "/verwaltung/konten", methods=["POST"])
    app.add_route(reset, "/verwaltung/konten/<advisor_id:int>/passwort", methods=["POST"])
    app.add_route(remove, "/verwaltung/konten/<advisor_id:int>/entfernen", methods=["POST"])


def _page(auth: Auth, status: int = 200, **extra: object) -> HTTPResponse:
    colleagues = auth.db.execute(
        select(Advisor).where(Advisor.centre_id == auth.advisor.centre_id, Advisor.role.in_(CENTRE_ROLES))
        .order_by(Advisor.name, Advisor.email)
    ).scalars().all()
    centre = auth.db.get(CounsellingCentre, auth.advisor.centre_id)
    return render("accounts.html", status=status, advisor=auth.advisor, csrf=auth.login.csrf_token,
                  colleagues=colleagues, centre=centre, roles=CENTRE_ROLES, title="Konten verwalten",
                  **extra)


def _colleague(auth: Auth, advisor_id: int) -> Advisor | None:
    """A colleague at the admin's centre; never a region's Netzwerk account that hangs on the centre."""
    return auth.db.execute(
        select(Advisor).where(Advisor.id == advisor_id, Advisor.centre_id == auth.advisor.centre_id,
                              Advisor.role.in_(CENTRE_ROLES))
    ).scalar_one_or_none()


@protected(admin=True)
def accounts(_request: Request, auth: Auth) -> HTTPResponse:
    return _page(auth)


@protected(admin=True)
def add(request: Request, auth: Auth) -> HTTPResponse:
    centre = auth.db.get(CounsellingCentre, auth.advisor.centre_id)
    chosen = form_value(request, "rolle")
    role = chosen if chosen in CENTRE_ROLES else "advisor"
    try:
        account = add_advisor(auth.db, centre, form_value(request, "email"), form_value(request, "name"), role)
    except AccountError as exc:
        return _page(auth, 400, error=str(exc))
    inbox.audit(auth.db, auth.advisor, "konto_angelegt", auth.now, new=account.advisor.email)
    return _page(auth, 200, new_password=(account.advisor.email, account.password))


@protected(admin=True)
def reset(_request: Request, auth: Auth, advisor_id: int) -> HTTPResponse:
    colleague = _colleague(auth, advisor_id)
    if colleague is None:
        return error_page(404, "Nicht gefunden", "Dieses Konto gibt es in Ihrer Beratungsstelle nicht.", auth)
    password = generate_password()
    colleague.password_hash = hash_password(password)
    sessions.end_all_for(auth.db, colleague.id)
    inbox.audit(auth.db, auth.advisor, "passwort_neu", auth.now, new=colleague.email)
    return _page(auth, 200, new_password=(colleague.email, password))


@protected(admin=True)
def remove(_request: Request, auth: Auth, advisor_id: int) -> HTTPResponse:
    colleague = _colleague(auth, advisor_id)
    if colleague is None:
        return error_page(404, "Nicht gefunden", "Dieses Konto gibt es in Ihrer Beratungsstelle nicht.", auth)
    if colleague.id == auth.advisor.id:
        return _page(auth, 400, error="Sie können Ihr eigenes Konto nicht entfernen.")
    auth.db.execute(update(CallbackRequest).where(CallbackRequest.advisor_id == colleague.id).values(advisor_id=None))
    sessions.end_all_for(auth.db, colleague.id)
    inbox.audit(auth.db, auth.advisor, "konto_entfernt", auth.now, old=colleague.email)
    auth.db.delete(colleague)
    return redirect("/verwaltung", status=303)
