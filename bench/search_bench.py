"""Search latency benchmark: p50/p95 of a fixed query mix on SQLite and PostgreSQL.

    .venv/bin/python -m bench.search_bench            # 50,000 courses plus a demo-sized 400
    .venv/bin/python -m bench.search_bench 20000 --repeat 20

Each backend gets a fresh database (a temporary SQLite file; on PostgreSQL the database
``lotse_bench``, dropped and recreated), migrated with Alembic and filled with synthetic courses.
The first search per database (vocabulary build, lemma table load) is reported separately as
"cold"; the percentiles are over the warm runs, which is what a running action server sees.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from bench.synthetic import populate
from bot.db.migrate import upgrade
from bot.db.session import get_engine, session_scope
from bot.search import CourseQuery, search_courses

TODAY = date(2026, 11, 23)
PG_ADMIN_URLS = ("postgresql://postgres@127.0.0.1:5432/test", "postgresql://root@127.0.0.1:5432/test")
PG_DB = "lotse_bench"

QUERIES = [
    CourseQuery(text="Excel", place="Krefeld"),
    CourseQuery(text="exel"),
    CourseQuery(text="Altenpflegehelferin", place="Moers"),
    CourseQuery(text="Buchführung", schedule="abends"),
    CourseQuery(text="Stapler", place="Bottrop", bildungsgutschein=True),
    CourseQuery(text="EDV", format="online"),
    CourseQuery(text="Deutschkurs", place="Korbach", max_price=500),
    CourseQuery(place="Kreis Wesel", start_after=TODAY + timedelta(days=60)),
    CourseQuery(text="buchaltung", place="Schwalmstadt", page=2),
    CourseQuery(text="Meister", aufstiegs_bafoeg=True, place="Krefled"),
    CourseQuery(text="Englisch", bildungsurlaub_state="NRW", place="47441"),
    CourseQuery(text="Ich suche eine Weiterbildung in der Pflege", place="Fritzlar", schedule="Teilzeit"),
]


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def run(url: str, n_courses: int, repeat: int) -> dict[str, float]:
    upgrade(url)
    with get_engine(url).begin() as conn:
        populate(conn, n_courses, TODAY)
    if url.startswith("postgresql"):
        with get_engine(url).connect() as conn:
            conn.execute(text("ANALYZE"))
            conn.commit()
    timings: list[float] = []
    with session_scope(url) as session:
        started = time.perf_counter()
        total = search_courses(session, _today(QUERIES[0])).total
        cold = (time.perf_counter() - started) * 1000
        for _ in range(repeat):
            for query in QUERIES:
                started = time.perf_counter()
                search_courses(session, _today(query))
                timings.append((time.perf_counter() - started) * 1000)
    return {"cold": cold, "p50": statistics.median(timings), "p95": _percentile(timings, 95),
            "max": max(timings), "n": len(timings), "first_total": total}


def _today(query: CourseQuery) -> CourseQuery:
    query.today = TODAY
    return query


def _postgres_url() -> str | None:
    for admin in PG_ADMIN_URLS:
        try:
            engine = create_engine(admin, future=True, isolation_level="AUTOCOMMIT")
            with engine.connect() as conn:
                conn.execute(text(f"DROP DATABASE IF EXISTS {PG_DB}"))
                conn.execute(text(f"CREATE DATABASE {PG_DB}"))
            engine.dispose()
            return admin.rsplit("/", 1)[0] + f"/{PG_DB}"
        except OperationalError:
            continue
    return None


def _drop_postgres(url: str) -> None:
    get_engine(url).dispose()
    admin = url.rsplit("/", 1)[0] + "/test"
    engine = create_engine(admin, future=True, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {PG_DB}"))
    engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("courses", nargs="?", type=int, default=50_000)
    parser.add_argument("--demo-size", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=25, help="rounds of the query mix per database")
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args(argv)
    print(f"{'backend':<11}{'courses':>9}{'queries':>9}{'cold ms':>9}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for size in (args.demo_size, args.courses):
        with tempfile.TemporaryDirectory() as tmp:
            rows = [("sqlite", run(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}", size, args.repeat))]
        if not args.no_postgres:
            pg = _postgres_url()
            if pg is None:
                print("PostgreSQL not reachable at 127.0.0.1:5432; skipped")
            else:
                try:
                    rows.append(("postgresql", run(pg, size, args.repeat)))
                finally:
                    _drop_postgres(pg)
        for backend, r in rows:
            print(f"{backend:<11}{size:>9}{r['n']:>9}{r['cold']:>9.1f}{r['p50']:>9.2f}{r['p95']:>9.2f}"
                  f"{r['max']:>9.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
