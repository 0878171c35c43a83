"""``lotse privacy purge | delete | export``: retention job, deletion requests, right of access."""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import datetime

from bot.cli import CommandError
from bot.config import load_settings
from bot.db.session import session_scope, wipe_deleted
from bot.privacy.deletion import delete_citizen
from bot.privacy.export import export_sender, summary_line
from bot.privacy.requests import SETTLE, due_deletion_requests, process_deletion_requests
from bot.privacy.retention import purge_expired
from bot.privacy.tracker import count_tracker_events, delete_tracker_events, purge_tracker_events

NO_TRACKER = "Tracker-Speicher nicht angegeben (--tracker-db oder LOTSE_TRACKER_DB_URL): dort nichts gelöscht."


def tracker_url(args: argparse.Namespace) -> str | None:
    return getattr(args, "tracker_db", None) or load_settings().tracker_db_url


def _sender_id(args: argparse.Namespace) -> str:
    if not args.sender_id.strip():
        raise CommandError("Bitte eine Gesprächs-ID angeben (sie steht im heruntergeladenen Gesprächsverlauf).")
    return args.sender_id


def privacy_purge(args: argparse.Namespace, url: str) -> int:
    days = load_settings().retention_days if args.days is None else args.days
    if days < 1:
        raise CommandError("Die Aufbewahrungsfrist muss mindestens einen Tag betragen.")
    now = datetime.now()
    with session_scope(url) as session:
        report = purge_expired(session, days, now, dry_run=args.dry_run)
    if not args.dry_run:
        wipe_deleted(url)
    verb = "würden gelöscht" if args.dry_run else "gelöscht"
    print(f"Aufbewahrungsfrist {days} Tage (alles vor dem {report.cutoff:%d.%m.%Y %H:%M}): "
          f"{report.callbacks} Rückrufwünsche und {report.handovers} Übergaben (mit Gesprächsverlauf), "
          f"{report.feedback} Bewertungen und {report.deletion_requests} erledigte Löschaufträge {verb}.")
    tracker = tracker_url(args)
    if not tracker:
        print(NO_TRACKER)
    elif args.dry_run:
        with session_scope(url) as session:
            due = len(due_deletion_requests(session, now, SETTLE))
        print(f"Gesprächsverläufe im Tracker-Speicher: {count_tracker_events(tracker, report.cutoff)} Ereignisse "
              f"würden gelöscht; {due} Löschaufträge aus dem Chat würden ausgeführt.")
    else:
        count = purge_tracker_events(tracker, report.cutoff)
        print(f"Gesprächsverläufe im Tracker-Speicher: {count} Ereignisse gelöscht.")
        with session_scope(url) as session:
            requests = process_deletion_requests(session, tracker, now)
        wipe_deleted(url)
        print(f"Löschaufträge aus dem Chat ausgeführt: {requests}.")
    return 0


def privacy_delete(args: argparse.Namespace, url: str) -> int:
    with session_scope(url) as session:
        report = delete_citizen(session, _sender_id(args))
    wipe_deleted(url)
    print(f"Gesprächs-ID {args.sender_id}: {report.callbacks} Rückrufwünsche, {report.handovers} Übergaben, "
          f"{report.feedback} Bewertungen und {report.notifications} Benachrichtigungen gelöscht.")
    tracker = tracker_url(args)
    if tracker:
        print(f"Tracker-Speicher: {delete_tracker_events(tracker, args.sender_id)} Ereignisse gelöscht.")
    else:
        print(NO_TRACKER)
    return 0


def privacy_export(args: argparse.Namespace, url: str) -> int:
    """The export as JSON on stdout (nothing else there, so it can be piped) or into ``--out``."""
    with session_scope(url) as session:
        document = export_sender(session, _sender_id(args), tracker_url(args), load_settings().retention_days)
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if args.out is None:
        sys.stdout.write(text)
        print(summary_line(document), file=sys.stderr)
        return 0
    try:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        # Personal data: readable only by the staff member who ran the command.
        descriptor = os.open(args.out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise CommandError(f"{args.out} kann nicht geschrieben werden: {exc.strerror}.") from None
    print(f"{summary_line(document)} Geschrieben nach {args.out}.")
    return 0
