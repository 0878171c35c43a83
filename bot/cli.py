"""``lotse``: the one command line for the city's IT and editorial staff.

    lotse [--db URL] db init | upgrade | seed [--today JJJJ-MM-TT] | stats
    lotse [--db URL] db import DATEI [--format csv|xml|kursnet|openqcat|openvhs] [--anbieter NAME] [--dry-run]
    lotse [--db URL] db sync ba (--region KÜRZEL | --ort NAME [--umkreis KM]) [--dry-run]
    lotse [--db URL] db export DATEI [--format csv|xml]
    lotse [--db URL] nlu lookups [--out VERZEICHNIS]
    lotse [--db URL] advisor add --centre KÜRZEL --email ADRESSE --name NAME [--admin] | demo-accounts
    lotse [--db URL] notify send
    lotse [--db URL] privacy purge [--dry-run] [--days N] [--tracker-db URL] | delete GESPRÄCHS-ID
    lotse [--db URL] privacy export GESPRÄCHS-ID [--out DATEI] [--tracker-db URL]

Output is German and free of stack traces: the people running it fix data, not code. Exit
codes: 0 success, 1 import with rejected records, 2 nothing could be done (unreadable file,
database unreachable). Demo data, funding programmes and NLU lookups live in their own
packages and are imported inside the commands, so the other commands work without them.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import warnings
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import NoReturn

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.config import REPO_ROOT, load_settings
from bot.db import models
from bot.db.session import session_scope
from bot.exchange.records import FormatError

EXIT_OK, EXIT_REJECTED, EXIT_FAILED = 0, 1, 2
#: What ``advisor add --role`` accepts (advisor.accounts.ROLES, kept here so --help needs no import).
ADVISOR_ROLES = ("advisor", "admin", "leitung", "netzwerk")
#: What ``db import --format`` accepts (bot.exchange.importer.FORMATS, kept here so --help needs no import).
IMPORT_FORMATS = ("csv", "xml", "kursnet", "openqcat", "openvhs")

#: Tables counted by ``lotse db stats``, with their German names.
STATS_TABLES: tuple[tuple[str, type], ...] = (
    ("Regionen", models.Region),
    ("Orte", models.Place),
    ("Themen", models.Topic),
    ("Anbieter", models.Provider),
    ("Kurse", models.Course),
    ("Kurstermine", models.CourseDate),
    ("Förderprogramme", models.FundingProgramme),
    ("Beratungsstellen", models.CounsellingCentre),
    ("Beraterinnen und Berater", models.Advisor),
    ("Rückrufwünsche", models.CallbackRequest),
    ("Übergaben", models.Handover),
)


class CommandError(Exception):
    """A command cannot do what was asked, for a reason the user can fix; shown without traceback."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_FAILED, f"Fehler: {message}\n")


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"„{value}“ ist kein Datum im Format JJJJ-MM-TT") from None


def build_parser() -> argparse.ArgumentParser:
    db_option = _Parser(add_help=False)
    db_option.add_argument(
        "--db", metavar="URL", default=argparse.SUPPRESS, help="Datenbank-URL (sonst LOTSE_OFFER_DB_URL)"
    )
    parser = _Parser(prog="lotse", description="Weiterbildungslotse: Daten verwalten.", parents=[db_option])
    areas = parser.add_subparsers(
        dest="area", required=True, metavar="{db,nlu,advisor,notify,privacy}", parser_class=_Parser
    )

    db = areas.add_parser("db", help="Angebotsdatenbank").add_subparsers(dest="command", required=True)
    db.add_parser("init", parents=[db_option], help="Schema anlegen; leere Datenbank mit Demo-Daten füllen")
    db.add_parser("upgrade", parents=[db_option], help="Schema auf den neuesten Stand bringen")
    seed = db.add_parser("seed", parents=[db_option], help="Demo-Daten einspielen")
    seed.add_argument("--today", type=_iso_date, default=None, help="Stichtag der Demo-Termine (JJJJ-MM-TT)")
    imp = db.add_parser("import", parents=[db_option],
                        help="Kurse importieren (CSV, XML, KURSNET-JSON, openQ-cat, Open-vhs)")
    imp.add_argument("file", metavar="DATEI", type=Path)
    imp.add_argument("--format", choices=IMPORT_FORMATS, help="sonst am Inhalt erkannt, dann an der Dateiendung")
    imp.add_argument("--anbieter", metavar="NAME", help="Anbieter für Open-vhs-Dateien ohne <ersteller>")
    imp.add_argument("--dry-run", action="store_true", help="nur prüfen, nichts speichern")
    sync = db.add_parser("sync", parents=[db_option], help="Kurse aus der Weiterbildungssuche der BA abgleichen")
    sync.add_argument("source", choices=("ba",), help="ba: Weiterbildungssuche der Bundesagentur für Arbeit")
    where = sync.add_mutually_exclusive_group(required=True)
    where.add_argument("--region", metavar="KÜRZEL", help="alle Orte einer gespeicherten Region, z. B. krefeld")
    where.add_argument("--ort", metavar="NAME", help="ein Ort in Deutschland, z. B. Kassel")
    sync.add_argument("--umkreis", type=float, metavar="KM", help="mit --ort: Umkreis in km (bis 200)")
    sync.add_argument("--dry-run", action="store_true", help="abrufen und prüfen, nichts speichern")
    exp = db.add_parser("export", parents=[db_option], help="alle Kurse als CSV oder XML exportieren")
    exp.add_argument("file", metavar="DATEI", type=Path)
    exp.add_argument("--format", choices=("csv", "xml"), help="sonst aus der Dateiendung")
    db.add_parser("stats", parents=[db_option], help="Anzahl der Einträge je Tabelle")

    nlu = areas.add_parser("nlu", help="Trainingsdaten für das Sprachverständnis").add_subparsers(
        dest="command", required=True
    )
    lookups = nlu.add_parser("lookups", parents=[db_option], help="Lookup-Tabellen (Orte, Themen) schreiben")
    lookups.add_argument("--out", type=Path, default=REPO_ROOT / "data" / "nlu" / "lookups")
    _add_inbox_commands(areas, db_option)
    return parser


def _add_inbox_commands(areas: argparse._SubParsersAction, db_option: argparse.ArgumentParser) -> None:
    """Commands for the advisors' inbox, notifications and data protection (issue 7)."""
    advisor = areas.add_parser("advisor", help="Konten des Beratungspostfachs").add_subparsers(
        dest="command", required=True
    )
    add = advisor.add_parser("add", parents=[db_option], help="Konto anlegen (Passwort wird abgefragt oder erzeugt)")
    add.add_argument("--centre", required=True, metavar="KÜRZEL", help="Kürzel der Beratungsstelle")
    add.add_argument("--email", required=True)
    add.add_argument("--name", required=True)
    add.add_argument("--admin", action="store_true", help="Rolle Kontenverwaltung (wie --role admin)")
    add.add_argument("--role", choices=ADVISOR_ROLES, default="advisor",
                     help="advisor: Beratung; admin: Kontenverwaltung; leitung: Leitung einer Stelle (Auswertung "
                          "der Stelle); netzwerk: Netzwerkbüro der Region der Stelle (Auswertung der Region, "
                          "kein Postfach)")
    demo = advisor.add_parser("demo-accounts", parents=[db_option], help="Demo-Zugänge je Demo-Beratungsstelle")
    demo.add_argument("--out", type=Path, default=load_settings().data_dir / "advisor-demo-zugang.txt")
    notify = areas.add_parser("notify", help="Benachrichtigungen").add_subparsers(dest="command", required=True)
    notify.add_parser("send", parents=[db_option], help="wartende E-Mails und Webhooks jetzt senden")
    privacy = areas.add_parser("privacy", help="Datenschutz").add_subparsers(dest="command", required=True)
    tracker = argparse.ArgumentParser(add_help=False)
    tracker.add_argument("--tracker-db", metavar="URL", help="Rasa-Tracker-Datenbank (sonst LOTSE_TRACKER_DB_URL)")
    purge = privacy.add_parser("purge", parents=[db_option, tracker], help="Abgelaufenes löschen (für den Zeitplan)")
    purge.add_argument("--dry-run", action="store_true", help="nur zählen, nichts löschen")
    purge.add_argument("--days", type=int, help="Aufbewahrungsfrist in Tagen (sonst LOTSE_RETENTION_DAYS)")
    delete = privacy.add_parser("delete", parents=[db_option, tracker], help="Löschantrag: alles zu einer Gesprächs-ID")
    delete.add_argument("sender_id", metavar="GESPRÄCHS-ID")
    export = privacy.add_parser("export", parents=[db_option, tracker],
                                help="Auskunft (Art. 15 DSGVO): alles zu einer Gesprächs-ID als JSON")
    export.add_argument("sender_id", metavar="GESPRÄCHS-ID")
    export.add_argument("--out", type=Path, metavar="DATEI", help="in diese Datei schreiben (sonst Standardausgabe)")


def main(argv: Sequence[str] | None = None) -> int:
    # Prices have two decimals and stay far below float precision limits; the warning SQLite
    # triggers for every Decimal would only alarm the staff reading the output.
    warnings.filterwarnings("ignore", message=r"Dialect sqlite\+pysqlite does \*not\* support Decimal")
    args = build_parser().parse_args(argv)
    url = getattr(args, "db", None) or load_settings().offer_db_url
    command: Callable[[argparse.Namespace, str], int] = COMMANDS[(args.area, args.command)]
    try:
        return command(args, url)
    except (FormatError, CommandError) as exc:
        _error(f"{exc}")
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        _error(f"Datenbankfehler: {reason}. Ist die Datenbank eingerichtet (lotse db upgrade)?")
    except ImportError as exc:
        _error(f"Diese Funktion ist in dieser Installation nicht verfügbar ({exc.name}).")
    return EXIT_FAILED


def _error(message: str) -> None:
    print(f"Fehler: {message}", file=sys.stderr)


def db_init(_args: argparse.Namespace, url: str) -> int:
    from bot.db.migrate import upgrade

    upgrade(url)
    print("Datenbankschema ist aktuell.")
    with session_scope(url) as session:
        empty = _count(session, models.Course) == 0
        if empty:
            _seed(session, date.today())
        else:
            print("Es gibt schon Kurse: keine Demo-Daten eingespielt.")
        if empty or _count(session, models.FundingProgramme) == 0:
            from bot.funding.catalogue import sync_programmes

            print(f"Förderprogramme abgeglichen: {sync_programmes(session)}.")
    return EXIT_OK


def db_upgrade(_args: argparse.Namespace, url: str) -> int:
    from bot.db.migrate import upgrade

    upgrade(url)
    print("Datenbankschema ist aktuell.")
    return EXIT_OK


def db_seed(args: argparse.Namespace, url: str) -> int:
    with session_scope(url) as session:
        _seed(session, args.today or date.today())
    return EXIT_OK


def _seed(session: Session, today: date) -> None:
    from bot.demo.seed import seed

    try:
        counts = seed(session, today)
    except ValueError as exc:  # the seeder refuses a database that already holds offers
        raise CommandError(str(exc)) from None
    listed = ", ".join(f"{name}: {count}" for name, count in counts.items())
    print(f"Demo-Daten zum Stichtag {today:%d.%m.%Y} eingespielt ({listed}).")


def db_import(args: argparse.Namespace, url: str) -> int:
    from bot.exchange.importer import import_file

    with session_scope(url) as session:
        report = import_file(session, args.file, args.format, dry_run=args.dry_run, progress=sys.stderr.isatty(),
                             provider=args.anbieter)
    print("\n".join(report.lines()))
    return report.exit_code


def db_sync(args: argparse.Namespace, url: str) -> int:
    from bot.exchange import ba_sync

    if args.umkreis is not None and not args.ort:
        raise CommandError("--umkreis gilt nur mit --ort.")
    settings = load_settings()
    client = ba_sync.Client(settings.ba_api_url, settings.ba_api_key, ba_sync.http_fetch(), pause=settings.ba_pause)
    try:
        with session_scope(url) as session:
            if args.region:
                areas = ba_sync.region_areas(session, args.region)
            else:
                areas = [ba_sync.place_area(args.ort, args.umkreis)]
            report = ba_sync.sync(session, client, areas, dry_run=args.dry_run)
    except ba_sync.SyncError as exc:
        raise CommandError(str(exc)) from None
    print("\n".join(report.lines()))
    return report.exit_code


def db_export(args: argparse.Namespace, url: str) -> int:
    from bot.exchange.exporter import export_file
    from bot.exchange.importer import detect_format

    fmt = detect_format(args.file, args.format)
    with session_scope(url) as session:
        count = export_file(session, args.file, fmt)
    print(f"{count} Kurse nach {args.file} exportiert ({fmt.upper()}).")
    return EXIT_OK


def db_stats(_args: argparse.Namespace, url: str) -> int:
    with session_scope(url) as session:
        for label, model in STATS_TABLES:
            print(f"{label + ':':<28}{_count(session, model):>7}")
        courses = _count(session, models.Course)
        demo = session.execute(select(func.count()).where(models.Course.is_demo.is_(True))).scalar_one()
        print(f"Demo-Daten: {'ja' if demo else 'nein'} ({demo} von {courses} Kursen sind Demo-Kurse)")
        for info in session.execute(select(models.DatasetInfo).order_by(models.DatasetInfo.key)).scalars():
            print(f"  {info.key}: {info.value}")
    return EXIT_OK


def nlu_lookups(args: argparse.Namespace, url: str) -> int:
    from bot.nlp.lookups import write_lookups

    with session_scope(url) as session:
        counts = write_lookups(session, args.out)
    listed = ", ".join(f"{name}: {count} Einträge" for name, count in counts.items())
    print(f"Lookup-Tabellen in {args.out} geschrieben ({listed}).")
    return EXIT_OK


def _lazy(module: str, name: str) -> Callable[[argparse.Namespace, str], int]:
    """A command implemented in another package, imported only when it runs."""

    def run(args: argparse.Namespace, url: str) -> int:
        return getattr(importlib.import_module(module), name)(args, url)

    return run


def _count(session: Session, model: type) -> int:
    return session.execute(select(func.count()).select_from(model)).scalar_one()


COMMANDS: dict[tuple[str, str], Callable[[argparse.Namespace, str], int]] = {
    ("db", "init"): db_init,
    ("db", "upgrade"): db_upgrade,
    ("db", "seed"): db_seed,
    ("db", "import"): db_import,
    ("db", "sync"): db_sync,
    ("db", "export"): db_export,
    ("db", "stats"): db_stats,
    ("nlu", "lookups"): nlu_lookups,
    ("advisor", "add"): _lazy("advisor.cli", "advisor_add"),
    ("advisor", "demo-accounts"): _lazy("advisor.cli", "demo_accounts"),
    ("notify", "send"): _lazy("bot.notify.cli", "notify_send"),
    ("privacy", "purge"): _lazy("bot.privacy.cli", "privacy_purge"),
    ("privacy", "delete"): _lazy("bot.privacy.cli", "privacy_delete"),
    ("privacy", "export"): _lazy("bot.privacy.cli", "privacy_export"),
}


if __name__ == "__main__":
    sys.exit(main())
