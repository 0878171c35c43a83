"""Import and search at scale: a 50,000-run KURSNET delivery, imported, re-imported, then searched.

    .venv/bin/python -m bench.import_bench                    # 50,000 runs, one offer each
    .venv/bin/python -m bench.import_bench --runs 5000 --runs-per-offer 2 --repeat 5

The delivery is built from the real Termine in tests/data/real/kursnet-termine.json: their shape,
fields and HTML, with offer and run numbers, titles, towns (municipalities with coordinates from
the gazetteer, all over Germany), providers, dates and prices varied. The import is ``lotse db import``
itself, in its own process (start, read, check, upsert, commit; peak memory is that process's) into a
fresh, migrated SQLite file; then the same file again (every record unchanged); then a query mix
against that database, warm, as a running action server searches it. Figures go to
docs/performance.md and docs/import-formats.md.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bench.search_bench import _percentile
from bot.db.migrate import upgrade
from bot.db.models import Topic
from bot.db.session import session_scope
from bot.demo.topics import TOPICS
from bot.exchange.fields import KURSNET_STATES
from bot.geo import gazetteer
from bot.search import CourseQuery, search_courses

REAL = Path(__file__).resolve().parent.parent / "tests" / "data" / "real" / "kursnet-termine.json"
TODAY = date(2027, 1, 11)
BERLIN = ZoneInfo("Europe/Berlin")
STATE_CODES = {iso: code for code, iso in KURSNET_STATES.items() if code != "THU"}
#: Titles and KURSNET classification codes as real offers carry them (codes outside topic_map.yaml
#: are matched by words or stay without topic).
SUBJECTS = [
    ("Fachinformatiker/in Anwendungsentwicklung (Umschulung)", "C 1435-10-10", ["Programmierung", "Java"]),
    ("C++ und Scrum Master", "C 1435-10-10", ["Scrum", "C++"]),
    ("Python für Data Science", "C 1435-10-10", ["Python", "Datenanalyse"]),
    ("Consultant für Forschungsmethoden im Therapiewesen", "C 1020-10", ["Forschung", "Therapie"]),
    ("Pflegehelfer/in mit Prüfung", "C 2310-20", ["Pflege", "Altenpflege"]),
    ("Berufssprachkurs Deutsch B2", "MB 01-07", ["Deutsch", "B2"]),
    ("Finanzbuchhaltung mit DATEV", "C 1210-10", ["Buchhaltung", "DATEV"]),
    ("Gabelstaplerschein nach DGUV 308-001", "C 2530-10", ["Stapler", "Lager"]),
    ("Geprüfte/r Wirtschaftsfachwirt/in (IHK)", "D 1110-20", ["Fachwirt", "IHK"]),
    ("Schweißen MAG 135 – Prüfung nach DIN EN ISO 9606", "C 2720-30", ["Schweißen", "MAG"]),
    ("Projektmanagement mit PRINCE2", "C 1140-40", ["Projektmanagement"]),
    ("Kindertagespflege – Qualifizierung nach QHB", "C 3110-10", ["Kita", "Kindertagespflege"]),
]
SUFFIXES = ["", "", " – Teilzeit", " (Modul 2)", " kompakt", " online"]
PRICES = [None, None, None, "0.0", "1290.00", "3450.50", "8900.00", "245.00"]


def delivery(runs: int, runs_per_offer: int, seed: int = 7) -> dict[str, Any]:
    """A KURSNET answer with ``runs`` Termine in ``runs // runs_per_offer`` offers."""
    rnd = random.Random(seed)
    templates = json.loads(REAL.read_text(encoding="utf-8"))["_embedded"]["termine"]
    towns = [m for m in gazetteer().places if m.lat is not None and m.postcodes and m.state in STATE_CODES]
    towns = rnd.sample(towns, 400)
    termine = []
    offer: dict[str, Any] = {}
    for i in range(runs):
        if i % runs_per_offer == 0:
            title, code, words = rnd.choice(SUBJECTS)
            template = templates[i // runs_per_offer % 2]
            offer = copy.deepcopy(template["angebot"])
            offer.update(id=20_000_000 + i // runs_per_offer, titel=title + rnd.choice(SUFFIXES),
                         systematiken=[{"codeNr": code}], suchworte=[{"suchwort": w} for w in words])
            offer["inhalt"] = offer["inhalt"][:1500]
            provider = rnd.randrange(600)
            offer["bildungsanbieter"] = {**offer["bildungsanbieter"], "id": 900_000 + provider,
                                         "name": f"Bildungsträger {provider} GmbH"}
        termin = copy.deepcopy(templates[i % 2])
        termin["angebot"] = offer
        town = rnd.choice(towns)
        start = TODAY + timedelta(days=rnd.randint(-60, 300))
        termin.update(id=300_000_000 + i, beginn=_epoch(start), ende=_epoch(start + timedelta(days=90)),
                      individuellerEinstieg=rnd.random() < 0.1, aktualisierungsdatum=_epoch(TODAY - timedelta(days=9)))
        price = rnd.choice(PRICES)
        termin.update(kostenWert=price, foerderung=price == "0.0" or rnd.random() < 0.5)
        termin["adresse"] = {**termin["adresse"], "koordinaten": {"lat": town.lat, "lon": town.lon}, "ortStrasse": {
            "name": town.name, "plz": town.postcode, "land": {"code": STATE_CODES[town.state]}}}
        termine.append(termin)
    return {"_embedded": {"termine": termine}}


def _epoch(day: date) -> int:
    return int(datetime(day.year, day.month, day.day, tzinfo=BERLIN).timestamp() * 1000)


def queries(towns: list[str]) -> list[CourseQuery]:
    return [
        CourseQuery(text="Python"), CourseQuery(text="Scrum", place=towns[0]),
        CourseQuery(text="Pflegehelfer", place=f"in der Nähe von {towns[1]}"),
        CourseQuery(text="Buchhaltung DATEV", format="online"), CourseQuery(text="Staplerschein", place=towns[2]),
        CourseQuery(text="Deutschkurs B2", max_price=500), CourseQuery(text="Forschungsmethoden", schedule="Teilzeit"),
        CourseQuery(text="Schweißen", place=f"im Umkreis von 50 km um {towns[3]}"),
        CourseQuery(text="Fachwirt", bildungsgutschein=True, page=2), CourseQuery(text="Kindertagespflege"),
        CourseQuery(text="Programmierung", start_after=TODAY + timedelta(days=90)),
        CourseQuery(text="Projektmanagement PRINCE2", place=towns[4]),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50_000)
    parser.add_argument("--runs-per-offer", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=10, help="rounds of the query mix")
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore", message=r"Dialect sqlite\+pysqlite does \*not\* support Decimal")
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        upgrade(url)
        with session_scope(url) as session:
            session.add_all(Topic(slug=t.slug, name=t.name, synonyms=list(t.synonyms)) for t in TOPICS)
        started = time.perf_counter()
        data = delivery(args.runs, args.runs_per_offer)
        path = Path(tmp) / "kursnet.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        towns = [t["adresse"]["ortStrasse"]["name"] for t in data["_embedded"]["termine"][:5]]
        del data
        print(f"delivery: {args.runs} runs, {path.stat().st_size / 1e6:.0f} MB, built in "
              f"{time.perf_counter() - started:.1f} s")
        for label in ("import", "re-import"):  # as the staff run it: its own process, commit included
            started = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "bot.cli", "--db", url, "db", "import", str(path)],
                                  capture_output=True, text=True, check=True)
            seconds = time.perf_counter() - started
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            print(f"{label}: {seconds:.1f} s ({args.runs / seconds:.0f} runs/s), peak {peak:.0f} MB resident; "
                  + done.stdout.splitlines()[1])
        timings: list[float] = []
        with session_scope(url) as session:
            mix = [_dated(q) for q in queries(towns)]
            started = time.perf_counter()
            total = search_courses(session, mix[0]).total
            cold = (time.perf_counter() - started) * 1000
            for _ in range(args.repeat):
                for query in mix:
                    started = time.perf_counter()
                    search_courses(session, query)
                    timings.append((time.perf_counter() - started) * 1000)
        print(f"search over {args.runs // args.runs_per_offer} courses: cold {cold:.0f} ms ({total} hits), "
              f"p50 {statistics.median(timings):.2f} ms, p95 {_percentile(timings, 95):.2f} ms, "
              f"max {max(timings):.1f} ms over {len(timings)} searches")
    return 0


def _dated(query: CourseQuery) -> CourseQuery:
    query.today = TODAY
    return query


if __name__ == "__main__":
    raise SystemExit(main())
