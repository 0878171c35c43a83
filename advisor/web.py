"""The Sanic app: security headers, sessions, CSRF and the decorator every protected page uses.

Handlers do their database work in a worker thread (``asyncio.to_thread``) with one short
session each, so that a password hash or a slow query never stalls other requests.
"""

from __future__ import annotations

import asyncio
import hmac
import itertools
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import datetime
from functools import wraps
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sanic import Request, Sanic
from sanic.response import HTTPResponse, html, redirect
from sqlalchemy.orm import Session

from advisor import sessions
from advisor.accounts import DASHBOARD_ROLES, INBOX_ROLES
from advisor.inbox import STATUSES
from bot.callbacks import programme_label
from bot.db.models import Advisor
from bot.db.models_advisor import AdvisorSession
from bot.db.session import session_scope
from bot.labels import channel_label

HERE = Path(__file__).parent
Clock = Callable[[], datetime]
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}
_names = itertools.count(1)

templates = Environment(
    loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]), trim_blocks=True,
    lstrip_blocks=True,
)
templates.globals["STATUSES"] = STATUSES
templates.globals["INBOX_ROLES"] = INBOX_ROLES
templates.globals["DASHBOARD_ROLES"] = DASHBOARD_ROLES
templates.globals["IDLE_MINUTES"] = sessions.IDLE_MINUTES
templates.filters["datum"] = lambda v: f"{v:%d.%m.%Y %H:%M}" if v else "–"
LOCAL_ZONE = ZoneInfo("Europe/Berlin")


def clock_time(iso: str) -> str:
    """A transcript's time (ISO, UTC) as the advisor's local date and time; a time without zone is local."""
    try:
        at = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{(at.astimezone(LOCAL_ZONE) if at.tzinfo else at):%d.%m.%Y %H:%M:%S}"


templates.filters["uhrzeit"] = clock_time
templates.filters["kanal"] = channel_label
templates.filters["programm"] = programme_label


@dataclass
class Auth:
    """Who is signed in for this request, with the open database session to work in."""

    db: Session
    advisor: Advisor
    login: AdvisorSession
    now: datetime


def create_app(db_url: str | None = None, clock: Clock = datetime.now, name: str | None = None) -> Sanic:
    from advisor import routes_account, routes_admin, routes_auth, routes_facts, routes_inbox, routes_stats

    app = Sanic(name or f"beratungspostfach_{next(_names)}")
    app.ctx.db_url = db_url
    app.ctx.clock = clock
    app.config.ACCESS_LOG = False
    app.config.MOTD = False
    app.static("/static", str(HERE / "static"), name="static")
    for module in (routes_auth, routes_inbox, routes_admin, routes_account, routes_facts, routes_stats):
        module.register(app)

    @app.on_response
    async def security_headers(request: Request, response: HTTPResponse) -> None:
        for header, value in SECURITY_HEADERS.items():
            response.headers.setdefault(header, value)
        if not request.path.startswith("/static/"):
            response.headers["Cache-Control"] = "no-store"

    return app


def render(template: str, status: int = 200, **context: Any) -> HTTPResponse:
    return html(templates.get_template(template).render(**context), status=status)


def error_page(status: int, title: str, text: str, auth: Auth | None = None) -> HTTPResponse:
    return render("error.html", status=status, title=title, text=text,
                  advisor=auth.advisor if auth else None, csrf=auth.login.csrf_token if auth else None)


def is_local(request: Request) -> bool:
    host = request.host.rsplit(":", 1)[0] if not request.host.startswith("[") else request.host.split("]")[0] + "]"
    return host in LOCAL_HOSTS


def set_cookie(request: Request, response: HTTPResponse, name: str, value: str, path: str = "/",
               max_age: int | None = None) -> None:
    """HttpOnly and SameSite=Strict always; Secure everywhere except on the local machine."""
    response.cookies[name] = value
    cookie = response.cookies[name]
    cookie["httponly"] = True
    cookie["samesite"] = "Strict"
    cookie["path"] = path
    if max_age is not None:
        cookie["max-age"] = max_age
    if not is_local(request):
        cookie["secure"] = True


def client_address(request: Request) -> str:
    return request.remote_addr or request.ip or "unbekannt"


def tokens_match(expected: str | None, given: str | None) -> bool:
    return bool(expected) and bool(given) and hmac.compare_digest(str(expected), str(given))


Handler = Callable[..., HTTPResponse]


def protected(admin: bool = False, roles: tuple[str, ...] | None = None,
              ) -> Callable[[Handler], Callable[..., Coroutine[Any, Any, HTTPResponse]]]:
    """Require a valid session (and the admin role, or one of ``roles``, if asked); check the CSRF
    token on every POST.

    Without a session the answer is a redirect to the login page and contains no data at all; with
    a role that may not see the page it is 403 and says whose page it is.
    """

    def decorate(handler: Handler) -> Callable[..., Coroutine[Any, Any, HTTPResponse]]:
        @wraps(handler)
        async def wrapper(request: Request, **kwargs: Any) -> HTTPResponse:
            def work() -> HTTPResponse:
                now = request.app.ctx.clock()
                with session_scope(request.app.ctx.db_url) as db:
                    token = request.cookies.get(sessions.COOKIE)
                    found = sessions.resume(db, token, now)
                    if found is None:  # with a cookie: the session ended, and the login page says why
                        return redirect("/anmelden?abgemeldet=1" if token else "/anmelden", status=303)
                    auth = Auth(db, found[0], found[1], now)
                    if request.method == "POST" and not tokens_match(auth.login.csrf_token, _form(request, "csrf")):
                        return error_page(403, "Anfrage abgelehnt",
                                          "Das Formular war ungültig oder veraltet. Bitte laden Sie die Seite neu.",
                                          auth)
                    if admin and auth.advisor.role != "admin":
                        return error_page(403, "Kein Zugriff", "Diese Seite ist der Kontenverwaltung vorbehalten.",
                                          auth)
                    if roles is not None and auth.advisor.role not in roles:
                        return error_page(403, "Kein Zugriff", "Diese Seite ist für Ihre Rolle nicht freigegeben.",
                                          auth)
                    return handler(request, auth, **kwargs)

            return await asyncio.to_thread(work)

        return wrapper

    return decorate


def _form(request: Request, field: str) -> str | None:
    form = request.form
    return form.get(field) if form else None


def form_value(request: Request, field: str) -> str:
    return (_form(request, field) or "").strip()
