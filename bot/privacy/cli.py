"""``lotse privacy purge`` and ``lotse privacy delete``: retention job and deletion requests."""

from __future__ import annotations

import argparse
from datetime import datetime, timedelta

from bot.config import load_settings
from bot.db.session import session_scope
from bot.privacy.deletion import delete_citizen
from bot.privacy.requests import process_deletion_requests
from bot.privacy.retention import purge_expired
from bot.privacy.tracker import delete_tracker_events, purge_tracker_events


def tracker_url(args: argparse.Namespace) -> str | None:
    return getattr(args, "tracker_db", None) or load_settings().tracker_db_url


def privacy_purge(args: argparse.Namespace, url: str) -> int:
    days = args.days or load_settings().retention_days
    now = datetime.now()
    with session_scope(url) as session:
        report = purge_expired(session, days, now, dry_run=args.dry_run)
    verb = "würden gelöscht" if args.dry_run else "gelöscht"
    print(f"Aufbewahrungsfrist {days} Tage (alles vor dem {report.cutoff:%d.%m.%Y %H:%M}): "
          f"{report.callbacks} Rückrufwünsche und {report.handovers} Übergaben {verb}.")
    tracker = tracker_url(args)
    if tracker and not args.dry_run:
        count = purge_tracker_events(tracker, now - timedelta(days=days))
        print(f"Gesprächsverläufe im Tracker-Speicher: {count} Ereignisse gelöscht.")
        with session_scope(url) as session:
            requests = process_deletion_requests(session, tracker, now)
        print(f"Löschaufträge aus dem Chat ausgeführt: {requests}.")
    elif not tracker:
        print("Tracker-Speicher nicht angegeben (--tracker-db oder LOTSE_TRACKER_DB_URL): dort nichts gelöscht.")
    return 0


def privacy_delete(args: argparse.Namespace, url: str) -> int:
    with session_scope(url) as session:
        report = delete_citizen(session, args.sender_id)
    print(f"Gesprächs-ID {args.sender_id}: {report.callbacks} Rückrufwünsche, {report.handovers} Übergaben und "
          f"{report.notifications} Benachrichtigungen gelöscht.")
    tracker = tracker_url(args)
    if tracker:
        print(f"Tracker-Speicher: {delete_tracker_events(tracker, args.sender_id)} Ereignisse gelöscht.")
    else:
        print("Tracker-Speicher nicht angegeben (--tracker-db oder LOTSE_TRACKER_DB_URL): dort nichts gelöscht.")
    return 0
