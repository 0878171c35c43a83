"""/verwaltung/angaben: the education network edits centres, programme texts and FAQ answers.

Only the Netzwerk role may open these pages (others get 403). A form stores one new version per
changed field, all with the one source URL and Stand the form asks for, or nothing at all when a
value is refused; every version can be taken back from the record's history. The running bot says
the change within LOTSE_EDITS_TTL seconds (bot/edits/live.py).
"""

from __future__ import annotations

from typing import Any

from sanic import Request, Sanic
from sanic.response import HTTPResponse, redirect

from advisor import facts
from advisor.web import Auth, error_page, form_value, protected, render
from bot.config import edits_ttl
from bot.db.models_edits import FactEdit
from bot.edits import EditError, current_values, history, hours_text, revert, set_fact
from bot.edits.validate import check_source, check_stand, check_value


def _not_yours(auth: Auth) -> HTTPResponse:
    return error_page(404, "Nicht gefunden", EditError("edit_not_yours").message(), auth)


def register(app: Sanic) -> None:
    app.add_route(overview, "/verwaltung/angaben", methods=["GET"])
    app.add_route(edit_page, "/verwaltung/angaben/<kind_path:str>/<key:str>", methods=["GET"])
    app.add_route(save, "/verwaltung/angaben/<kind_path:str>/<key:str>", methods=["POST"])
    app.add_route(take_back, "/verwaltung/angaben/aenderungen/<edit_id:int>/zuruecknehmen", methods=["POST"])


def _page(auth: Auth, record: facts.Record, status: int = 200, **extra: Any) -> HTTPResponse:
    return render("facts_edit.html", status=status, advisor=auth.advisor, csrf=auth.login.csrf_token,
                  segment="angaben", title=f"{record.title} bearbeiten", record=record,
                  versions=history(auth.db, record.kind, record.key), ttl=int(edits_ttl()), today=auth.now.date(),
                  current_ids={c.edit_id for c in current_values(auth.db).values()}, hours_text=hours_text, **extra)


@protected(roles=facts.EDITOR_ROLES)
def overview(request: Request, auth: Auth) -> HTTPResponse:
    region = facts.region_of(auth.db, auth.advisor)
    lists: dict[str, Any] = facts.overview(auth.db, auth.advisor)  # centres, programmes, faqs
    return render("facts_overview.html", advisor=auth.advisor, csrf=auth.login.csrf_token, segment="angaben",
                  title="Angaben pflegen", region=region, ttl=int(edits_ttl()), **lists)


@protected(roles=facts.EDITOR_ROLES)
def edit_page(request: Request, auth: Auth, kind_path: str, key: str) -> HTTPResponse:
    record = facts.record(auth.db, auth.advisor, facts.KIND_PATHS.get(kind_path, ""), key)
    if record is None:
        return _not_yours(auth)
    return _page(auth, record, saved=request.args.get("gespeichert"), reverted=request.args.get("zurueck") == "1")


@protected(roles=facts.EDITOR_ROLES)
def save(request: Request, auth: Auth, kind_path: str, key: str) -> HTTPResponse:
    record = facts.record(auth.db, auth.advisor, facts.KIND_PATHS.get(kind_path, ""), key)
    if record is None:
        return _not_yours(auth)
    # A field the form did not send is left as it is (never emptied by accident).
    form = request.form or {}
    submitted: dict[str, str] = {f.name: str(form.get(f"feld-{f.name}")) for f in record.fields
                                 if form.get(f"feld-{f.name}") is not None}
    errors: dict[str, str] = {}
    changed = []
    for field in record.fields:
        if field.name not in submitted:
            continue
        try:
            value = check_value(record.kind, field.name, submitted[field.name])
        except EditError as error:
            errors[field.name] = error.message()
            continue
        if facts.shown(field.name, value) != field.current:
            changed.append(field.name)
    source, stand = form_value(request, "quelle"), form_value(request, "stand")
    try:
        check_source(source)
    except EditError as error:
        errors["quelle"] = error.message()
    try:
        check_stand(stand, auth.now.date())
    except EditError as error:
        errors["stand"] = error.message()
    if not changed and not errors:
        errors["form"] = EditError("edit_nothing_changed").message()
    if errors:
        return _page(auth, record, 400, errors=errors, submitted=submitted, source=source, stand=stand)
    for name in changed:
        set_fact(auth.db, record.kind, record.key, name, submitted[name], source, stand, auth.advisor, auth.now)
    return redirect(f"{record.path}?gespeichert={len(changed)}", status=303)


@protected(roles=facts.EDITOR_ROLES)
def take_back(request: Request, auth: Auth, edit_id: int) -> HTTPResponse:
    edit = auth.db.get(FactEdit, edit_id)
    if edit is None or not facts.may_edit(auth.db, auth.advisor, edit):
        return _not_yours(auth)
    record = facts.record(auth.db, auth.advisor, edit.kind, edit.key)
    if record is None:
        return _not_yours(auth)
    try:
        revert(auth.db, edit.id, auth.advisor, auth.now)
    except EditError as error:
        return _page(auth, record, 400, errors={"form": error.message()})
    return redirect(f"{record.path}?zurueck=1", status=303)
