"""``python -m advisor --host 127.0.0.1 --port 8090``: the advisors' inbox in one process.

The same process delivers queued notifications (e-mail, webhook) in the background, so the
embedded set-up needs no extra scheduler; ``lotse notify send`` does the same from cron.
"""

from __future__ import annotations

import argparse
import asyncio
import logging

from sanic import Sanic

from advisor.web import create_app
from bot.config import load_settings
from bot.db.migrate import upgrade
from bot.logmask import install

log = logging.getLogger("advisor")
DELIVERY_INTERVAL_SECONDS = 30.0


def main(argv: list[str] | None = None) -> None:
    install()  # no phone number or e-mail address in the logs
    parser = argparse.ArgumentParser(prog="python -m advisor", description="Beratungspostfach starten.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8090)
    parser.add_argument("--db", metavar="URL", default=None, help="Datenbank-URL (sonst LOTSE_OFFER_DB_URL)")
    parser.add_argument("--ohne-versand", action="store_true", help="keine Benachrichtigungen versenden")
    args = parser.parse_args(argv)
    url = args.db or load_settings().offer_db_url
    upgrade(url)
    app = create_app(url, name="beratungspostfach")
    if not args.ohne_versand:
        app.add_task(deliver_forever(app))
    print(f"Beratungspostfach: http://{args.host}:{args.port}/ (Beenden mit Strg+C)", flush=True)
    app.run(host=args.host, port=args.port, access_log=False, workers=1)


async def deliver_forever(app: Sanic) -> None:
    from bot.notify.delivery import deliver_due

    while True:
        try:
            report = await asyncio.to_thread(deliver_due, app.ctx.db_url)
            if report.sent or report.failed:
                log.info("Benachrichtigungen: %s gesendet, %s fehlgeschlagen", report.sent, report.failed)
        except Exception:  # keep the inbox running; the next round retries
            log.exception("Versand der Benachrichtigungen fehlgeschlagen")
        try:
            done = await asyncio.to_thread(_process_deletions, app.ctx.db_url)
            if done:
                log.info("Löschaufträge aus dem Chat ausgeführt: %s", done)
        except Exception:
            log.exception("Löschaufträge konnten nicht ausgeführt werden")
        await asyncio.sleep(DELIVERY_INTERVAL_SECONDS)


def _process_deletions(db_url: str) -> int:
    """In-chat "Bitte löschen Sie meine Daten": also the conversation in Rasa's tracker store."""
    from bot.db.session import session_scope, wipe_deleted
    from bot.privacy.requests import process_deletion_requests

    with session_scope(db_url) as session:
        done = process_deletion_requests(session, load_settings().tracker_db_url)
    if done:
        wipe_deleted(db_url)
    return done


if __name__ == "__main__":
    main()
