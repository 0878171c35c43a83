"""The advisor's own account: changing the password.

The current password is asked again (a browser left signed in is not enough) and counts against
the login throttle like a login; the new one must pass advisor/password_strength.py. Afterwards
every other session of the advisor ends, this one goes on.
"""

from __future__ import annotations

from sanic import Request, Sanic
from sanic.response import HTTPResponse

from advisor import inbox, sessions, throttle
from advisor.password_strength import password_problem
from advisor.passwords import hash_password, verify_password
from advisor.web import Auth, client_address, protected, render

PATH = "/konto/passwort"


def register(app: Sanic) -> None:
    app.add_route(password_form, PATH, methods=["GET"])
    app.add_route(change_password, PATH, methods=["POST"])


def _page(auth: Auth, status: int = 200, error: str | None = None, changed: bool = False) -> HTTPResponse:
    return render("password.html", status=status, advisor=auth.advisor, csrf=auth.login.csrf_token,
                  title="Passwort ändern", error=error, changed=changed)


@protected()
def password_form(_request: Request, auth: Auth) -> HTTPResponse:
    return _page(auth)


@protected()
def change_password(request: Request, auth: Auth) -> HTTPResponse:
    form = request.form
    current, new, again = (form.get(field) or "" for field in ("aktuell", "neu", "wiederholung"))
    email, address = auth.advisor.email, client_address(request)
    device = request.cookies.get(throttle.DEVICE_COOKIE)
    until = throttle.locked_until(auth.db, email, address, auth.now, device)
    if until is not None:
        return _page(auth, 429, f"Zu viele falsche Passwörter. Bitte versuchen Sie es ab {until:%H:%M} Uhr erneut.")
    if not verify_password(current, auth.advisor.password_hash):
        throttle.record_failure(auth.db, email, address, auth.now, device)
        return _page(auth, 400, "Das bisherige Passwort stimmt nicht.")
    if new != again:
        return _page(auth, 400, "Die beiden neuen Passwörter stimmen nicht überein.")
    if new == current:
        return _page(auth, 400, "Das neue Passwort muss sich vom bisherigen unterscheiden.")
    problem = password_problem(new, auth.advisor.name, email)
    if problem:
        return _page(auth, 400, problem)
    auth.advisor.password_hash = hash_password(new)
    sessions.end_all_for(auth.db, auth.advisor.id, keep=auth.login)
    inbox.audit(auth.db, auth.advisor, "passwort_geaendert", auth.now, new=email)
    return _page(auth, changed=True)
