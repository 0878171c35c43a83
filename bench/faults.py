"""Fault injection under load: are messages or callback bookings lost when parts of the stack fail?

    .venv/bin/python -m bench.faults [--citizens 20] [--duration 90] [--write-docs]

Starts the production shape of scripts/stack.py (two Rasa replicas, two action servers, HAProxy,
PostgreSQL tracker store and offer database, Redis lock store, no event broker) on free ports with
databases and a Redis database of its own. The stack is started here, from stack.py's own commands,
and not by running stack.py: stack.py stops everything as soon as one child dies, so a killed action
server could never come back under it.

While simulated citizens chat through HAProxy (course searches and complete callback bookings, each
conversation with a fresh sender id), faults are injected one after another:

* ``kill -9`` of action server 1, restarted after ``--restart-after`` seconds;
* every PostgreSQL connection to this run's two databases ended (``pg_terminate_backend``);
* Redis "restarted" for this stack only: its client connections killed and its database emptied.
  The machine's Redis server is shared with other engineers, has no persistence (``save ""``,
  ``appendonly no``) and is not ours to restart: a real restart would wipe everyone's keys. For the
  stack, losing every connection and every lock at once is exactly what a restart means.

Afterwards the tracker store and the offer database are read directly and every message and every
booking is accounted for (``account_messages``/``account_bookings``, tested in
tests/bench/test_faults_report.py; the rules are in bench/fault_accounting.py). Expected: nothing lost.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import shlex
import shutil
import sys
import tempfile
import time
import uuid
from collections import Counter
from datetime import datetime
from pathlib import Path

import aiohttp
from sqlalchemy import create_engine, text

from bench.compare import machine
from bench.fault_accounting import (
    INTRO,
    Booking,
    Fault,
    Report,
    Sent,
    account_bookings,
    account_messages,
    fault_windows,
    message_category,
    outcome_of,
    tally,
    write_docs,
)
from bench.fault_stack import Clock, Stack, drop_postgres_connections, kill_action_server, restart_redis_for_stack
from bench.load import first_answer, send
from bench.targets import ROOT, newest_model, shown

RESULTS = ROOT / "results" / "bench"
DOCS = ROOT / "docs" / "security.md"
APOLOGY_MARK = "technische Störung"
BOOKED = re.compile(r"WL-[A-Z0-9]{6}")
SEARCH = ("Ich suche einen Pflegekurs in Krefeld", "lieber online", "mehr anzeigen")
BOOKING_START = "Ich möchte einen Rückruf"
#: How a citizen answers the callback form, by words of the bot's last message (plain-language
#: variants included). The confirmation is last: its summary repeats words of the other questions.
CALLBACK_ANSWERS = (
    ("Soll ich den Rückruf so eintragen", "ja"),
    ("einverstanden", "Ja, einverstanden"),
    ("Worum soll es", "Förderung und Kosten"),
    ("Wie heißen Sie", "Anna Schmidt"),
    ("Telefon", "0151 23456789"),
    ("Wann", "morgen vormittag"),
)
CONFIRM = "ja"
RETRIES = 2  # a citizen who gets the apology or an error sends the same message again, at most twice

# --- citizens ----------------------------------------------------------------------------------------


class Citizens:
    """Simulated citizens, each in a loop of conversations, alternating search and booking."""

    def __init__(self, url: str, prefix: str, stop_at: float, begin: float, timeout_s: float) -> None:
        self.url, self.prefix, self.stop_at, self.begin, self.timeout_s = url, prefix, stop_at, begin, timeout_s
        self.sent: list[Sent] = []
        self.bookings: list[Booking] = []
        self.off_script: list[str] = []

    async def say(self, session: aiohttp.ClientSession, sender: str, message: str) -> Sent:
        """Send, and resend after a pause when the answer is the apology or nothing."""
        for attempt in range(RETRIES + 1):
            sample = await send(session, self.url, sender, message, self.timeout_s, {APOLOGY_MARK: "apology"})
            sent = Sent(sender, message, sample.started - self.begin, sample.finished - self.begin,
                        outcome_of(sample.error), sample.answer)
            self.sent.append(sent)
            if sent.outcome == "answered" or attempt == RETRIES or time.perf_counter() >= self.stop_at:
                return sent
            await asyncio.sleep(2)
        raise AssertionError("unreachable")

    async def search(self, session: aiohttp.ClientSession, sender: str) -> None:
        for message in SEARCH:
            if time.perf_counter() >= self.stop_at:
                return
            await self.say(session, sender, message)

    async def book(self, session: aiohttp.ClientSession, sender: str) -> None:
        booking = Booking(sender)
        self.bookings.append(booking)
        said = await self.say(session, sender, BOOKING_START)
        for _ in range(10):
            booking.references += BOOKED.findall(said.answer)
            booking.last_answer = said.answer
            if booking.confirmed_at is not None or time.perf_counter() >= self.stop_at:
                return
            if said.outcome != "answered":
                return  # retries used up: this citizen gives up the conversation
            last = said.answer.rsplit(" | ", 1)[-1]
            reply = next((answer for key, answer in CALLBACK_ANSWERS if key in last), None)
            if reply is None:
                self.off_script.append(f"{sender}: {last[:120]}")
                return
            if reply == CONFIRM:
                booking.confirmed_at = time.perf_counter() - self.begin
            said = await self.say(session, sender, reply)
        booking.references += BOOKED.findall(said.answer)
        booking.last_answer = said.answer

    async def citizen(self, session: aiohttp.ClientSession, n: int, delay: float) -> None:
        await asyncio.sleep(delay)
        k = 0
        while time.perf_counter() < self.stop_at:
            sender = f"{self.prefix}-{n}-{k}"
            await (self.book if (n + k) % 2 else self.search)(session, sender)
            k += 1


# --- the run -----------------------------------------------------------------------------------------


def stored_user_texts(tracker_url: str, prefix: str) -> dict[str, list[str]]:
    engine = create_engine(tracker_url, future=True)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT sender_id, data FROM events WHERE type_name = 'user' AND sender_id LIKE :p ORDER BY id"),
                {"p": f"{prefix}-%"},
            )
            found: dict[str, list[str]] = {}
            for sender, data in rows:
                found.setdefault(sender, []).append(json.loads(data).get("text") or "")
            return found
    finally:
        engine.dispose()


def callback_rows(offer_url: str, prefix: str) -> list[tuple[str, str]]:
    engine = create_engine(offer_url, future=True)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT sender_id, reference FROM callback_requests WHERE sender_id LIKE :p"), {"p": f"{prefix}-%"}
            )
            return [(s, r) for s, r in rows]
    finally:
        engine.dispose()


async def drive(stack: Stack, args: argparse.Namespace, prefix: str) -> tuple[Citizens, list[Fault]]:
    probe = await first_answer(stack.url, "Hallo", f"{prefix}-probe", time.perf_counter() + 300)
    if probe.error:
        raise RuntimeError(f"the stack does not answer through HAProxy: {probe.error}")
    begin = time.perf_counter()
    clock: Clock = lambda: time.perf_counter() - begin  # noqa: E731
    citizens = Citizens(stack.url, prefix, begin + args.duration, begin, args.timeout)
    d = args.duration
    schedule = [
        (0.15 * d, lambda: kill_action_server(stack, args.restart_after, clock)),
        (0.45 * d, lambda: drop_postgres_connections(stack, clock)),
        (0.70 * d, lambda: restart_redis_for_stack(stack, clock)),
    ]

    async def inject() -> list[Fault]:
        faults = []
        for at, fault in schedule:
            await asyncio.sleep(max(0.0, at - clock()))
            faults.append(await asyncio.to_thread(fault))
            print(f"  {faults[-1].name}: {faults[-1].injected:.1f} s → {faults[-1].recovered:.1f} s", flush=True)
        return faults

    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=args.citizens + 5)) as session:
        injecting = asyncio.create_task(inject())
        await asyncio.gather(*(citizens.citizen(session, n, 5.0 * n / args.citizens) for n in range(args.citizens)))
        faults = await injecting
    return citizens, faults


def run(args: argparse.Namespace, command: str) -> Report:
    model = args.model or newest_model()
    if model is None:
        raise RuntimeError("no trained model under models/")
    started = datetime.now().isoformat(timespec="seconds")
    info = machine()
    prefix = f"faults-{uuid.uuid4().hex}"  # 128 bits: the public channels refuse guessable ids
    with tempfile.TemporaryDirectory(prefix="lotse-faults-") as tmp:
        workdir = Path(tmp)
        (workdir / "data").mkdir()
        stack = Stack(model, workdir, args.redis_db, args.reply_timeout)
        try:
            print(f"Starting the stack (model {shown(model)}) …", flush=True)
            t0 = time.perf_counter()
            stack.start()
            print(f"Stack up after {time.perf_counter() - t0:.0f} s; load: {args.citizens} citizens, "
                  f"{args.duration:.0f} s", flush=True)
            citizens, faults = asyncio.run(drive(stack, args, prefix))
            print(f"Load over; waiting {args.settle:.0f} s for turns still running …", flush=True)
            time.sleep(args.settle)
            stored = stored_user_texts(stack.urls["LOTSE_TRACKER_DB_URL"], prefix)
            rows = callback_rows(stack.urls["LOTSE_OFFER_DB_URL"], prefix)
        except BaseException:
            print(f"Stack log (tail):\n{(workdir / 'stack.log').read_text(errors='replace')[-3000:]}", file=sys.stderr)
            raise
        finally:
            stack.stop()
            if args.keep_databases:
                print(f"Databases kept: {', '.join(stack.databases.values())}", flush=True)
            else:
                stack.drop_databases()
            if args.log:
                shutil.copyfile(workdir / "stack.log", args.log)
    account_messages(citizens.sent, stored)
    issues = account_bookings(citizens.bookings, rows)
    windows = fault_windows(faults, end=args.duration + args.timeout)
    notes = [f"Gespräch verließ das Skript / off script: {o}" for o in citizens.off_script[:10]]
    if len(citizens.off_script) > 10:
        notes.append(f"… {len(citizens.off_script) - 10} more off-script conversations")
    notes.append(f"{len(rows)} callback rows stored, {sum(1 for b in citizens.bookings if b.references)} "
                 "conversations showed a reference")
    return Report(
        command=command, started=started, machine=info,
        settings={"citizens": args.citizens, "duration_s": args.duration, "restart_after_s": args.restart_after,
                  "reply_timeout_s": args.reply_timeout, "settle_s": args.settle, "timeout_s": args.timeout,
                  "model": shown(model), "redis_db": args.redis_db},
        faults=faults,
        table=tally(citizens.sent, citizens.bookings, issues, windows),
        booking_issues=issues,
        lost_messages=[m for m in citizens.sent if message_category(m) == "lost"],
        answered_not_stored=[m for m in citizens.sent if m.answered and not m.stored],
        stored_unanswered=[m for m in citizens.sent if message_category(m) == "stored, unanswered"],
        errors=dict(Counter(m.outcome for m in citizens.sent if m.outcome != "answered")),
        notes=notes,
    )


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--citizens", type=int, default=20, help="concurrent simulated citizens")
    parser.add_argument("--duration", type=float, default=90.0, help="seconds of load")
    parser.add_argument("--restart-after", type=float, default=10.0, help="seconds the action server stays dead")
    parser.add_argument("--reply-timeout", type=float, default=20.0, help="LOTSE_REPLY_TIMEOUT of the replicas")
    parser.add_argument("--timeout", type=float, default=70.0, help="client timeout per message (HAProxy: 65 s)")
    parser.add_argument("--settle", type=float, default=30.0, help="seconds to wait for late turns before counting")
    parser.add_argument("--redis-db", type=int, default=12, help="Redis database of the lock store (must be empty)")
    parser.add_argument("--model", type=Path)
    parser.add_argument("--keep-databases", action="store_true", help="leave the stack's databases for inspection")
    parser.add_argument("--log", type=Path, help="keep the stack's log (all replicas) in this file")
    parser.add_argument("--write-docs", action="store_true", help=f"put the table into {DOCS.relative_to(ROOT)}")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    command = ".venv/bin/python -m bench.faults " + shlex.join(sys.argv[1:] if argv is None else argv)
    report = run(args, command.strip())
    rendered = report.markdown()
    print("\n" + rendered)
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"faults-{report.started.replace(':', '').replace('-', '')}.json"
    path.write_text(report.to_json() + "\n")
    print(f"\nJSON: {path.relative_to(ROOT)}")
    if args.write_docs:
        write_docs(DOCS, INTRO + rendered)
        print(f"Table written to {DOCS.relative_to(ROOT)}")
    total = report.table["gesamt / total"]
    return 1 if total["lost"] or total["bookings lost"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
