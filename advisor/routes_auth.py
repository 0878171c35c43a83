"""Login, logout and the health check.

The login form carries its own CSRF token (a cookie plus a hidden field that must match),
because there is no session yet to hold one; this stops other sites from signing a browser
into an account of the attacker's choosing.
"""

from __future__ import annotations

import asyncio
import secrets

from sanic import Request, Sanic
from sanic.response import HTTPResponse, json, redirect
from sqlalchemy import select

from advisor import sessions, throttle
from advisor.accounts import start_page
from advisor.passwords import verify_password
from advisor.web import Auth, client_address, form_value, protected, render, set_cookie, tokens_match
from bot.db.models import Advisor
from bot.db.session import session_scope

LOGIN_CSRF_COOKIE = "lotse_anmeldung"
WRONG = "E-Mail-Adresse oder Passwort ist falsch."
LOCKED = (
    "Zu viele fehlgeschlagene Anmeldungen. Bitte versuchen Sie es ab {until:%H:%M} Uhr erneut. "
    "In einem Browser, in dem Sie sich schon einmal angemeldet haben, gilt diese Wartezeit nicht."
)


def register(app: Sanic) -> None:
    app.add_route(health, "/health", methods=["GET"])
    app.add_route(login_form, "/anmelden", methods=["GET"])
    app.add_route(login, "/anmelden", methods=["POST"])
    app.add_route(logout, "/abmelden", methods=["POST"])
    app.add_route(home, "/", methods=["GET"])


async def health(_request: Request) -> HTTPResponse:
    return json({"status": "ok"})


@protected()
def home(_request: Request, auth: Auth) -> HTTPResponse:
    return redirect(start_page(auth.advisor), status=303)


def _login_page(
    request: Request, status: int = 200, error: str | None = None, email: str = "", ended: bool = False
) -> HTTPResponse:
    token = secrets.token_urlsafe(32)
    response = render("login.html", status=status, title="Anmelden", csrf=token, error=error, email=email,
                      ended=ended)
    set_cookie(request, response, LOGIN_CSRF_COOKIE, token, path="/anmelden")
    return response


async def login_form(request: Request) -> HTTPResponse:
    return _login_page(request, ended=request.args.get("abgemeldet") == "1")


async def login(request: Request) -> HTTPResponse:
    email = form_value(request, "email").lower()
    password = request.form.get("passwort") or ""
    if not tokens_match(request.cookies.get(LOGIN_CSRF_COOKIE), request.form.get("csrf")):
        return _login_page(request, 403, "Das Formular war veraltet. Bitte versuchen Sie es noch einmal.", email)
    address = client_address(request)
    device = request.cookies.get(throttle.DEVICE_COOKIE)

    def work() -> tuple[str | None, str | None, str | None]:
        now = request.app.ctx.clock()
        with session_scope(request.app.ctx.db_url) as db:
            until = throttle.locked_until(db, email, address, now, device)
            if until is not None:
                return None, None, LOCKED.format(until=until)
            advisor = db.execute(select(Advisor).where(Advisor.email == email)).scalar_one_or_none()
            if not verify_password(password, advisor.password_hash if advisor else None):
                throttle.record_failure(db, email, address, now, device)
                return None, None, WRONG
            known = throttle.record_success(db, email, address, now, device)
            return sessions.start(db, advisor, now), known, start_page(advisor)

    token, known, outcome = await asyncio.to_thread(work)
    if token is None:
        return _login_page(request, 429 if outcome != WRONG else 401, outcome, email)
    assert outcome is not None  # a started session has its start page
    response = redirect(outcome, status=303)
    set_cookie(request, response, sessions.COOKIE, token, max_age=int(sessions.LIFETIME.total_seconds()))
    set_cookie(request, response, throttle.DEVICE_COOKIE, known or "", path="/anmelden",
               max_age=int(throttle.DEVICE_LIFETIME.total_seconds()))
    return response


@protected()
def logout(request: Request, auth: Auth) -> HTTPResponse:
    sessions.end(auth.db, request.cookies.get(sessions.COOKIE))
    response = redirect("/anmelden", status=303)
    set_cookie(request, response, sessions.COOKIE, "", max_age=0)
    return response
