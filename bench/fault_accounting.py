"""Loss accounting for bench/faults.py: what counts as a lost message or booking, and the report.

Plain data and functions without I/O (apart from writing the docs section), so the rules are
tested on their own (tests/bench/test_faults_report.py).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

DOCS_HEADING = "## Störungsprobe unter Last (bench/faults.py)"

# --- what happened: plain data, accounted for without I/O --------------------------------------------


@dataclass
class Sent:
    """One message a citizen sent and what came back; times in seconds since the load started."""

    sender: str
    text: str
    started: float
    finished: float
    outcome: str  # answered / apology / no answer (empty) / HTTP 502 / timeout / ClientOSError ...
    answer: str = ""
    stored: bool | None = None  # filled in from the tracker store

    @property
    def answered(self) -> bool:
        return self.outcome in ("answered", "apology")


@dataclass
class Booking:
    """One callback conversation: did the citizen confirm, which references did the bot show?"""

    sender: str
    confirmed_at: float | None = None  # start of the first confirming message
    references: list[str] = field(default_factory=list)
    last_answer: str = ""  # what the citizen saw last, for a finding


@dataclass
class Fault:
    name: str
    injected: float
    recovered: float
    detail: str = ""


def outcome_of(error: str | None) -> str:
    """bench.load's error kind as an outcome: the apology is an answer, an empty one is not."""
    if error is None:
        return "answered"
    if error == "apology":
        return "apology"
    if error == "empty answer":
        return "no answer (empty)"
    return error


def account_messages(sent: Sequence[Sent], stored_texts: dict[str, list[str]]) -> None:
    """Mark each message stored or not: matched by text against the user events of its conversation
    (a retry and its original are two messages; each needs its own event).

    A message that got a real answer was certainly processed, so it claims an event first; the
    others (apology, error) get what is left, in the order they were sent. An apology can mean
    "processed later" (too slow) or "never processed" (the lock store failed): matched in plain
    order, such a first attempt took the event of its answered retry, which then counted as
    "answered, not stored" (seen in the fault run of 2026-11-23).
    """
    left = {sender: Counter(t.strip() for t in texts) for sender, texts in stored_texts.items()}
    for message in sorted(sent, key=lambda m: m.outcome != "answered"):  # stable: sending order kept
        counter = left.get(message.sender, Counter())
        key = message.text.strip()
        message.stored = counter[key] > 0
        if message.stored:
            counter[key] -= 1


def message_category(message: Sent) -> str:
    if message.outcome == "answered":
        return "answered"
    if message.outcome == "apology":
        return "apology"
    return "stored, unanswered" if message.stored else "lost"


@dataclass
class BookingIssue:
    sender: str
    kind: str  # reference not in DB / stored twice / confirmed, no reference, no row / booked, not shown
    detail: str = ""


LOSSES = ("reference not in DB", "reference of another conversation", "stored twice")


def account_bookings(bookings: Sequence[Booking], rows: Iterable[tuple[str, str]]) -> list[BookingIssue]:
    """Compare what citizens were shown with the callback rows ``(sender_id, reference)``.

    Losses (``LOSSES``): a reference shown that is not stored, or stored for another conversation,
    and a conversation stored twice. Reported but no loss: a confirmation that got neither a
    reference nor a row (the citizen saw an error and knows it failed), and a row whose reference
    the citizen never saw (booked although the answer was an apology: the advisor calls anyway).
    """
    by_sender: dict[str, list[str]] = {}
    owner: dict[str, str] = {}
    for sender, reference in rows:
        by_sender.setdefault(sender, []).append(reference)
        owner[reference] = sender
    issues = []
    for booking in bookings:
        stored = by_sender.get(booking.sender, [])
        for reference in dict.fromkeys(booking.references):
            if reference not in owner:
                issues.append(BookingIssue(booking.sender, "reference not in DB", reference))
            elif owner[reference] != booking.sender:
                issues.append(BookingIssue(booking.sender, "reference of another conversation", reference))
        if len(stored) > 1:
            issues.append(BookingIssue(booking.sender, "stored twice", ", ".join(sorted(stored))))
        if booking.confirmed_at is not None and not booking.references:
            kind = "booked, reference not shown" if stored else "confirmed, no reference, no row"
            issues.append(BookingIssue(booking.sender, kind, ", ".join(stored) or f"„{booking.last_answer[:160]}“"))
    return issues


@dataclass
class Window:
    name: str
    start: float
    end: float


def fault_windows(faults: Sequence[Fault], end: float, grace_s: float = 3.0, after_s: float = 15.0) -> list[Window]:
    """"during" each fault (injection until recovery plus ``grace_s``), "after" it (the next
    ``after_s``, cut at the next fault), and "no fault" for the time before the first."""
    ordered = sorted(faults, key=lambda f: f.injected)
    windows = [Window("ohne Störung / no fault", 0.0, ordered[0].injected if ordered else end)]
    for i, fault in enumerate(ordered):
        limit = ordered[i + 1].injected if i + 1 < len(ordered) else end
        during_end = min(fault.recovered + grace_s, limit)
        windows.append(Window(f"{fault.name}: während / during", fault.injected, during_end))
        windows.append(Window(f"{fault.name}: danach / after", during_end, min(during_end + after_s, limit)))
    return windows


def window_of(windows: Sequence[Window], moment: float) -> str:
    """The window ``moment`` falls into; later than every window: "rest"."""
    for w in windows:
        if w.start <= moment < w.end:
            return w.name
    return "übrige Zeit / rest"


COLUMNS = ("sent", "answered", "apology", "error", "stored, unanswered", "lost", "not stored",
           "confirmed", "bookings lost")


def tally(sent: Sequence[Sent], bookings: Sequence[Booking], issues: Sequence[BookingIssue],
          windows: Sequence[Window]) -> dict[str, dict[str, int]]:
    """Counts per window (by when the message was sent) and in total; "error" = no answer at all."""
    names = [w.name for w in windows] + ["übrige Zeit / rest", "gesamt / total"]
    table = {name: dict.fromkeys(COLUMNS, 0) for name in names}
    for message in sent:
        category = message_category(message)
        for name in (window_of(windows, message.started), "gesamt / total"):
            row = table[name]
            row["sent"] += 1
            row["not stored"] += not message.stored
            if category in ("answered", "apology"):
                row[category] += 1
            else:
                row["error"] += 1
                row[category] += 1
    lost_senders = Counter(i.sender for i in issues if i.kind in LOSSES)
    for booking in bookings:
        if booking.confirmed_at is None:
            continue
        for name in (window_of(windows, booking.confirmed_at), "gesamt / total"):
            table[name]["confirmed"] += 1
            table[name]["bookings lost"] += lost_senders[booking.sender]
    return {name: row for name, row in table.items() if row["sent"] or name == "gesamt / total"}


HEADERS = {
    "sent": "gesendet / sent",
    "answered": "beantwortet / answered",
    "apology": "Entschuldigung / apology",
    "error": "HTTP-/Verbindungsfehler / error",
    "stored, unanswered": "gespeichert, unbeantwortet / stored, unanswered",
    "lost": "**verloren / lost**",
    "not stored": "nicht gespeichert / not stored",
    "confirmed": "Buchungen bestätigt / bookings confirmed",
    "bookings lost": "**Buchungen verloren / bookings lost**",
}


def markdown_table(table: dict[str, dict[str, int]]) -> str:
    lines = ["| Fenster / window | " + " | ".join(HEADERS[c] for c in COLUMNS) + " |",
             "|---|" + "---:|" * len(COLUMNS)]
    for name, row in table.items():
        label = f"**{name}**" if name == "gesamt / total" else name
        lines.append(f"| {label} | " + " | ".join(str(row[c]) for c in COLUMNS) + " |")
    return "\n".join(lines)


@dataclass
class Report:
    command: str
    started: str
    machine: dict[str, str]
    settings: dict[str, object]
    faults: list[Fault]
    table: dict[str, dict[str, int]]
    booking_issues: list[BookingIssue]
    lost_messages: list[Sent]
    answered_not_stored: list[Sent]  # the citizen saw an answer, the tracker lacks the message
    stored_unanswered: list[Sent]  # in the tracker, but the citizen saw no answer
    errors: dict[str, int]
    notes: list[str] = field(default_factory=list)

    def markdown(self) -> str:
        faults = "\n".join(
            f"- {f.name}: bei {f.injected:.1f} s, wieder bereit / recovered bei {f.recovered:.1f} s ({f.detail})"
            for f in self.faults
        )
        issues = "\n".join(f"- {i.kind}: `{i.sender}` {i.detail}" for i in self.booking_issues) or "- keine / none"
        lost = "\n".join(f"- `{m.sender}` „{m.text}“ ({m.outcome}, {m.started:.1f} s)" for m in self.lost_messages)
        errors = ", ".join(f"{k}: {v}" for k, v in sorted(self.errors.items())) or "keine / none"
        notes = "\n".join(f"- {n}" for n in self.notes)
        s = self.settings
        return "\n".join([
            f"Befehl / command: `{self.command}`  ",
            f"Datum / date: {self.started}  ",
            f"Rechner / machine: {self.machine.get('cpus')} × {self.machine.get('cpu')}, {self.machine.get('memory')}, "
            f"Rasa {self.machine.get('rasa')}, Last vorher / load before {self.machine.get('load_before')} "
            "(geteilter, ausgelasteter Rechner / shared, busy machine)  ",
            f"Last / load: {s['citizens']} Bürger·innen, {s['duration_s']} s, Antwortfrist / reply timeout "
            f"{s['reply_timeout_s']} s, Nachlauf / settle {s['settle_s']} s",
            "",
            "Störungen / faults:",
            faults,
            "",
            markdown_table(self.table),
            "",
            f"Fehlerarten / error kinds: {errors}",
            "",
            "Buchungen, Auffälligkeiten / booking findings:",
            issues,
            *(["", "Verlorene Nachrichten / lost messages:", lost] if lost else []),
            *(["", "Beantwortet, aber nicht im Tracker / answered, not stored:", _listed(self.answered_not_stored)]
              if self.answered_not_stored else []),
            *(["", "Gespeichert, ohne Antwort / stored, unanswered:", _listed(self.stored_unanswered)]
              if self.stored_unanswered else []),
            *(["", "Hinweise / notes:", notes] if notes else []),
        ])

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, ensure_ascii=False)


def _listed(messages: Sequence[Sent], limit: int = 12) -> str:
    lines = [f"- {m.started:.1f} s `{m.sender}` „{m.text}“ → {m.outcome}: „{m.answer[:100]}“" for m in messages[:limit]]
    if len(messages) > limit:
        lines.append(f"- … {len(messages) - limit} weitere / more (JSON)")
    return "\n".join(lines)


INTRO = """\
Ausfälle unter Last, gemessen mit `.venv/bin/python -m bench.faults`: 20 simulierte Bürger·innen
führen 90 s lang über HAProxy Kurssuchen („Ich suche einen Pflegekurs in Krefeld“, „lieber online“,
„mehr anzeigen“) und vollständige Rückrufbuchungen, jedes Gespräch mit neuer Sender-ID. Währenddessen:
`kill -9` eines Aktionsservers (Neustart nach 10 s), alle PostgreSQL-Verbindungen der Stack-Datenbanken
beendet (`pg_terminate_backend`), Redis-Neustart für den Stack. Der Redis-Server dieses Rechners wird
mit anderen geteilt, läuft ohne Persistenz und gehört nicht zum Stack: Ein echter Neustart würde alle
fremden Schlüssel löschen. Deshalb trennt die Probe nur die Verbindungen des Stacks (`CLIENT KILL ID`)
und leert nur seine Datenbank (`FLUSHDB`), was für den Stack einem Neustart entspricht. Danach prüft sie
Tracker-Store und Angebotsdatenbank direkt. **Verloren** = weder beantwortet noch im Tracker gespeichert;
**Buchung verloren** = gezeigte Vorgangsnummer fehlt in der Datenbank, gehört zu einem anderen Gespräch
oder ein Gespräch ist doppelt gebucht. Erwartet: 0. Wiederholt eine Nachricht nach Entschuldigung oder
Fehler (höchstens zweimal), zählt jede Sendung einzeln.

"""


def write_docs(path: Path, section: str) -> None:
    """Append the section at the end of ``path``, or replace it there if an earlier run wrote it."""
    content = path.read_text()
    head, found, tail = content.partition(DOCS_HEADING)
    rest = ""
    if found:
        following = tail.find("\n## ")
        rest = tail[following:] if following >= 0 else ""
    path.write_text(f"{head.rstrip()}\n\n{DOCS_HEADING}\n\n{section.strip()}\n{rest}")
