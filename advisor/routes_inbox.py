"""The inbox pages: lists with filters, detail views, status changes and exports."""

from __future__ import annotations

from urllib.parse import urlencode

from sanic import Request, Sanic
from sanic.response import HTTPResponse, raw, redirect

from advisor import inbox
from advisor.accounts import INBOX_ROLES
from advisor.export import callbacks_csv, callbacks_ics, handovers_csv
from advisor.web import Auth, error_page, form_value, protected, render

#: URL segment and German names per kind of record.
KINDS = {
    "rueckrufe": ("callback", "Rückrufwünsche", "Rückrufwunsch"),
    "uebergaben": ("handover", "Übergaben", "Übergabe"),
}
REASONS = {
    "wunsch": "Die Person wollte mit einem Menschen sprechen",
    "frust": "Die Person war mit den Antworten unzufrieden",
    "fallback": "Der Lotse hat die Anliegen wiederholt nicht verstanden",
}


def register(app: Sanic) -> None:
    app.add_route(callback_csv, "/rueckrufe/export.csv", methods=["GET"])
    app.add_route(callback_ics, "/rueckrufe/export.ics", methods=["GET"])
    app.add_route(handover_csv, "/uebergaben/export.csv", methods=["GET"])
    for segment in KINDS:
        app.add_route(listing, f"/<segment:{segment}>", methods=["GET"], name=f"list_{segment}")
        app.add_route(detail, f"/<segment:{segment}>/<record_id:int>", methods=["GET"], name=f"detail_{segment}")
        app.add_route(status, f"/<segment:{segment}>/<record_id:int>/status", methods=["POST"],
                      name=f"status_{segment}")


def _args(request: Request) -> dict[str, str]:
    return {key: request.args.get(key) for key in ("status", "von", "bis", "thema") if request.args.get(key)}


@protected(roles=INBOX_ROLES)
def listing(request: Request, auth: Auth, segment: str) -> HTTPResponse:
    kind, title, _ = KINDS[segment]
    filters = inbox.Filters.parse(_args(request))
    rows = (inbox.callbacks if kind == "callback" else inbox.handovers)(auth.db, auth.advisor, filters)
    return render(f"{kind}_list.html", status=400 if filters.problems else 200, advisor=auth.advisor,
                  csrf=auth.login.csrf_token, rows=rows, title=title,
                  segment=segment, filters=filters, query=urlencode(_args(request)),
                  statuses=inbox.allowed_statuses(kind))


@protected(roles=INBOX_ROLES)
def detail(request: Request, auth: Auth, segment: str, record_id: int) -> HTTPResponse:
    kind, _, singular = KINDS[segment]
    record = inbox.open_record(auth.db, auth.advisor, kind, record_id, auth.now)
    if record is None:
        return _not_found(auth)
    auth.db.flush()
    return render(f"{kind}_detail.html", advisor=auth.advisor, csrf=auth.login.csrf_token, record=record,
                  title=f"{singular} {record.reference}", segment=segment, reasons=REASONS,
                  statuses=inbox.allowed_statuses(kind), history=inbox.history(auth.db, kind, record.id),
                  views=inbox.views(auth.db, kind, record.id), saved=request.args.get("gespeichert") == "1")


@protected(roles=INBOX_ROLES)
def status(request: Request, auth: Auth, segment: str, record_id: int) -> HTTPResponse:
    kind = KINDS[segment][0]
    wanted = form_value(request, "status")
    if wanted not in inbox.allowed_statuses(kind):
        return error_page(400, "Ungültiger Status", "Bitte wählen Sie einen der angebotenen Status.", auth)
    if inbox.change_status(auth.db, auth.advisor, kind, record_id, wanted, auth.now) is None:
        return _not_found(auth)
    return redirect(f"/{segment}/{record_id}?gespeichert=1", status=303)


def _not_found(auth: Auth) -> HTTPResponse:
    return error_page(404, "Nicht gefunden", "Diesen Eintrag gibt es in Ihrer Beratungsstelle nicht.", auth)


def _bad_filter(auth: Auth, filters: inbox.Filters) -> HTTPResponse:
    return error_page(400, "Filter ungültig", " ".join(filters.problems) + " Es wurde nichts exportiert.", auth)


def _export_rows(auth: Auth, filters: inbox.Filters, fmt: str) -> list:
    rows = inbox.callbacks(auth.db, auth.advisor, filters)
    inbox.audit(auth.db, auth.advisor, "export", auth.now, "callback", None, None, f"{fmt}: {len(rows)} Einträge")
    return rows


@protected(roles=INBOX_ROLES)
def callback_csv(request: Request, auth: Auth) -> HTTPResponse:
    filters = inbox.Filters.parse(_args(request))
    if filters.problems:
        return _bad_filter(auth, filters)
    body = callbacks_csv(_export_rows(auth, filters, "csv"))
    return raw(body.encode("utf-8"), content_type="text/csv; charset=utf-8",
               headers={"Content-Disposition": f'attachment; filename="rueckrufe-{auth.now:%Y-%m-%d}.csv"'})


@protected(roles=INBOX_ROLES)
def callback_ics(request: Request, auth: Auth) -> HTTPResponse:
    filters = inbox.Filters.parse(_args(request))
    if filters.problems:
        return _bad_filter(auth, filters)
    body = callbacks_ics(_export_rows(auth, filters, "ics"), auth.now)
    return raw(body.encode("utf-8"), content_type="text/calendar; charset=utf-8",
               headers={"Content-Disposition": f'attachment; filename="rueckrufe-{auth.now:%Y-%m-%d}.ics"'})


@protected(roles=INBOX_ROLES)
def handover_csv(request: Request, auth: Auth) -> HTTPResponse:
    filters = inbox.Filters.parse(_args(request))
    if filters.problems:
        return _bad_filter(auth, filters)
    rows = inbox.handovers(auth.db, auth.advisor, filters)
    inbox.audit(auth.db, auth.advisor, "export", auth.now, "handover", None, None, f"csv: {len(rows)} Einträge")
    body = handovers_csv(rows, REASONS)
    return raw(body.encode("utf-8"), content_type="text/csv; charset=utf-8",
               headers={"Content-Disposition": f'attachment; filename="uebergaben-{auth.now:%Y-%m-%d}.csv"'})
