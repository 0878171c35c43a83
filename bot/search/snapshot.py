"""An in-memory, column-wise snapshot of the offer that answers a search in a few milliseconds.

Why not plain SQL: on SQLite, one pass of ``LIKE`` over 50,000 courses' search text costs about
30 ms and grouping 100,000 course dates for the next start another 20-40 ms, before ranking;
the target is 20 ms at the 95th percentile. The snapshot keeps what matching, filtering and
ranking need as NumPy arrays plus inverted indexes of the folded search text and titles
(a few MB at 50,000 courses), so a query is a handful of vectorised operations. The database
stays the source of truth: the snapshot is rebuilt when the data changes (``bot.search.cache``),
and the details shown to the citizen are always read fresh from the database.

What a course is found by is its own text: title, keywords, degree, provider and description,
folded (``bot.search.text``). Not the synonyms of its topic: those are matched through the topic
(a query word that names a topic matches every course of it), so that "SAP" finds the courses
that mention SAP, not every accounting course because "SAP FI" is a synonym of Buchhaltung.
Every word of a query must match (see ``Snapshot.matching``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
from sqlalchemy import Float, Text, cast, select
from sqlalchemy.orm import Session

from bot.db.models import FORMATS, PRICE_AMOUNT, RUN_ACTIVE, SCHEDULES, STATES, Course, CourseDate, Place, Provider
from bot.geo import distances_km
from bot.search.cache import PerDatabase
from bot.search.ellipsis import elided_compounds
from bot.search.filters import DAYTIME, DAYTIME_SCHEDULES, Filters
from bot.search.text import fold
from bot.search.understand import TermGroup, Understanding

#: Terms shorter than this match whole words only: "it" must not match "arbeit" or "mit".
WHOLE_WORD_BELOW = 4
_EMPTY = np.zeros(0, dtype=np.int32)
_NO_DATE = np.iinfo(np.int32).max
#: Place id standing for "online" in the date arrays (online runs have no place).
ONLINE_PLACE = -1


class TokenIndex:
    """Folded word -> positions of the courses containing it, with substring lookup.

    A term of four letters or more matches every word that contains it, so "pflege" finds
    "altenpflegehelfer" (German compounds); shorter terms match whole words only.
    """

    def __init__(self, postings: dict[str, list[int]]) -> None:
        self._postings = {t: np.asarray(p, dtype=np.int32) for t, p in postings.items()}
        self._memo: dict[str, np.ndarray] = {}

    def positions(self, term: str) -> np.ndarray:
        found = self._memo.get(term)
        if found is None:
            found = self._lookup(term)
            if len(self._memo) > 50_000:
                self._memo.clear()
            self._memo[term] = found
        return found

    def _lookup(self, term: str) -> np.ndarray:
        words = term.split()
        if len(words) > 1:  # a phrase ("erste hilfe"): every word must occur
            result = self.positions(words[0])
            for word in words[1:]:
                result = np.intersect1d(result, self.positions(word), assume_unique=True)
            return result
        if len(term) < WHOLE_WORD_BELOW:
            return self._postings.get(term, _EMPTY)
        hits = [p for token, p in self._postings.items() if term in token]
        return np.unique(np.concatenate(hits)) if hits else _EMPTY


@dataclass(frozen=True)
class WordMatch:
    """What became of the query's words, as typed: the answer tells the citizen.

    ``unknown``: words no course in the whole offer matches ("Tiefseetauchen"). ``ignored``: words
    left out because no course matches them together with the words that name a topic ("Excel
    für Senioren" when no Excel course mentions seniors: the Excel courses are shown).
    """

    unknown: tuple[str, ...] = ()
    ignored: tuple[str, ...] = ()


@dataclass
class Candidates:
    """Courses that pass a search, with what ranking needs; all arrays are aligned."""

    course_ids: np.ndarray
    next_start: np.ndarray  # ordinal days
    next_place: np.ndarray  # place id of that run, -1 for online
    topic_exact: np.ndarray
    title_hits: np.ndarray
    text_hits: np.ndarray
    any_local: bool  # some candidate has a run at one of the requested places (not only online)
    next_run: np.ndarray = field(default_factory=lambda: _EMPTY)  # run id of the next run
    distance: np.ndarray = field(default_factory=lambda: np.zeros(0))  # km from the searched point, NaN
    words: WordMatch = field(default_factory=WordMatch)
    #: How many query words the course's own title or description has (not counting its topic).
    own_hits: np.ndarray = field(default_factory=lambda: _EMPTY)

    def subset(self, keep: np.ndarray) -> Candidates:
        """The candidates where ``keep`` (a boolean array aligned with them) holds."""
        return Candidates(
            self.course_ids[keep], self.next_start[keep], self.next_place[keep], self.topic_exact[keep],
            self.title_hits[keep], self.text_hits[keep], bool((self.next_place[keep] != ONLINE_PLACE).any()),
            self.next_run[keep] if len(self.next_run) else self.next_run, self.distance[keep], self.words,
            self.own_hits[keep] if len(self.own_hits) else self.own_hits,
        )  # fmt: skip

    def ranked(self) -> np.ndarray:
        """Order: relevance groups (the exact topic; the query words in the title; the words
        elsewhere; the rest), each by nearest start, then id. Counting hits more finely would scatter
        the dates: "Die nächsten Termine" must run in date order across pages within a group."""
        return np.lexsort((self.course_ids, self.next_start, self.text_hits == 0, self.title_hits == 0,
                           ~self.topic_exact))


class Snapshot:
    """Arrays over all courses (by position) and all current runs, plus the two token indexes.

    Runs are what a search filters: place or distance, start, format, schedule and price are per
    run. Ended runs are not loaded. A run without a date (Einstieg jederzeit, dates on request) is
    current until its end date and is shown as starting at the search's first day.
    """

    def __init__(self, session: Session) -> None:
        rows = session.execute(
            select(Course.id, Course.topic_id, Course.title, Course.description, cast(Course.keywords, Text),
                   Course.degree, Provider.name, Course.bildungsgutschein, Course.aufstiegs_bafoeg,
                   cast(Course.bildungsurlaub_states, Text))
            .outerjoin(Provider, Provider.id == Course.provider_id).order_by(Course.id)
        ).all()
        self.ids = np.array([r[0] for r in rows], dtype=np.int64)
        self.topic = np.array([-1 if r[1] is None else r[1] for r in rows], dtype=np.int32)
        self.gutschein = np.array([bool(r[7]) for r in rows], dtype=bool)
        self.bafoeg = np.array([bool(r[8]) for r in rows], dtype=bool)
        states = [_states(r[9]) for r in rows]
        self.bildungsurlaub = {s: np.array([s in st for st in states], dtype=bool) for s in STATES}
        text: dict[str, list[int]] = defaultdict(list)
        title: dict[str, list[int]] = defaultdict(list)
        folded: dict[str, set[str]] = {}  # the same title, provider or description recurs: fold it once

        def words(raw: str | None) -> set[str]:
            if not raw:
                return set()
            found = folded.get(raw)
            if found is None:
                found = folded[raw] = set(fold(raw).split())
            return found

        for pos, row in enumerate(rows):
            own = words(row[2]) | words(row[3]) | words(row[5]) | words(row[6])
            for keyword in _strings(row[4]):
                own |= words(keyword)
            for token in own:
                text[token].append(pos)
            for token in words(row[2]):
                title[token].append(pos)
        # "Lohn- und Gehaltsabrechnung" is found as "Lohnabrechnung" too (its head is a word of the catalogue)
        for pos, row in enumerate(rows):
            for written, index in ((row[2], (text, title)), (row[3], (text,))):
                for whole in set(elided_compounds(written or "", text.__contains__)):
                    for postings in index:
                        if not postings[whole] or postings[whole][-1] != pos:
                            postings[whole].append(pos)
        self.text, self.title = TokenIndex(text), TokenIndex(title)
        places = {p.id: (p.latitude, p.longitude) for p in session.execute(
            select(Place.id, Place.latitude, Place.longitude))}
        runs = session.execute(
            select(CourseDate.id, CourseDate.course_id, CourseDate.start_date, CourseDate.end_date,
                   CourseDate.place_id, CourseDate.flexible_start, CourseDate.format, CourseDate.schedule,
                   cast(CourseDate.price_eur, Float), CourseDate.price_state, CourseDate.latitude,
                   CourseDate.longitude).where(CourseDate.status == RUN_ACTIVE)
        ).all()
        course_pos = np.searchsorted(self.ids, np.array([r[1] for r in runs], dtype=np.int64))
        undated = np.array([r[5] or r[2] is None for r in runs], dtype=bool)
        start = np.array([r[2].toordinal() if r[2] is not None else 0 for r in runs], dtype=np.int32)
        end = np.array([r[3].toordinal() if r[3] is not None else _NO_DATE for r in runs], dtype=np.int32)
        place = np.array([ONLINE_PLACE if r[4] is None else r[4] for r in runs], dtype=np.int32)
        lat = np.array([_coordinate(r[10], places.get(r[4]), 0) for r in runs], dtype=np.float64)
        lon = np.array([_coordinate(r[11], places.get(r[4]), 1) for r in runs], dtype=np.float64)
        fmt = np.array([_code(r[6], FORMATS) for r in runs], dtype=np.int8)
        schedule = np.array([_code(r[7], SCHEDULES) for r in runs], dtype=np.int8)
        price = np.array([r[8] if r[9] == PRICE_AMOUNT and r[8] is not None else np.nan for r in runs],
                         dtype=np.float64)
        run_ids = np.array([r[0] for r in runs], dtype=np.int64)
        # By course, then start, then in-town before online: the first passing row per course is its
        # next run (undated runs sort first; they count as starting on the search's first day).
        order = np.lexsort((place == ONLINE_PLACE, start, course_pos))
        self.d_course = course_pos[order].astype(np.int32)
        self.d_start, self.d_end, self.d_place = start[order], end[order], place[order]
        self.d_undated, self.d_lat, self.d_lon = undated[order], lat[order], lon[order]
        self.d_format, self.d_schedule, self.d_price = fmt[order], schedule[order], price[order]
        self.d_run = run_ids[order]

    def _course_mask(
        self, f: Filters, u: Understanding, index: TokenIndex | None = None
    ) -> tuple[np.ndarray, list[np.ndarray], WordMatch]:
        """Courses passing the course-level parts of ``f`` and matching ``u`` in ``index``."""
        matching, groups, words = self.matching(u, index or self.text)
        mask = matching.copy()
        if f.bildungsgutschein:
            mask &= self.gutschein
        if f.aufstiegs_bafoeg:
            mask &= self.bafoeg
        if f.bildungsurlaub_state:
            mask &= self.bildungsurlaub[f.bildungsurlaub_state]
        return mask, groups, words

    def matching(self, u: Understanding, index: TokenIndex) -> tuple[np.ndarray, list[np.ndarray], WordMatch]:
        """Courses anywhere that match every word of ``u``, the per-word matches, and what was left out.

        A word matches a course whose own text contains one of its alternatives, or whose topic the
        word names. Decided over the whole offer, before place and dates, so a word means the same
        in every town: when no course has all words, the words that name a topic decide alone (the
        others are ``ignored``); when none does, nothing matches and the words no course has are
        ``unknown``.
        """
        everything = np.ones(len(self.ids), dtype=bool)
        if u.is_empty:
            return everything, [], WordMatch()
        if not u.groups:  # a topic's full name, from a button
            return np.isin(self.topic, sorted(u.topic_ids)), [], WordMatch()
        groups = [self._word(index, g) for g in u.groups]
        found = np.logical_and.reduce(groups)
        if found.any():
            return found, groups, WordMatch()
        unknown = tuple(g.typed or g.word for g, hit in zip(u.groups, groups, strict=True) if not hit.any())
        topical = [(g, hit) for g, hit in zip(u.groups, groups, strict=True) if g.topic_ids and hit.any()]
        if topical:
            relaxed = np.logical_and.reduce([hit for _, hit in topical])
            if relaxed.any():
                kept = {g.word for g, _ in topical}
                ignored = tuple(g.typed or g.word for g in u.groups if g.word not in kept and g.typed not in unknown)
                return relaxed, groups, WordMatch(unknown, ignored)
        return np.zeros_like(everything), groups, WordMatch(unknown)

    def _word(self, index: TokenIndex, group: TermGroup) -> np.ndarray:
        hit = self._group(index, group.alternatives)
        if group.topic_ids:
            hit |= np.isin(self.topic, sorted(group.topic_ids))
        return hit

    def _runs(self, f: Filters, mask: np.ndarray) -> np.ndarray:
        """Runs of courses in ``mask`` inside the start window and passing the run-level filters."""
        cutoff = f.cutoff.toordinal()
        dated = ~self.d_undated & (self.d_start >= cutoff)
        current = self.d_undated & (self.d_end >= cutoff)
        runs = (dated | current) & mask[self.d_course]
        if f.latest_start is not None:
            runs &= self.d_start <= f.latest_start.toordinal()
        if f.format:
            runs &= self.d_format == FORMATS.index(f.format)
        if f.schedule == DAYTIME:  # "vormittags": the data have no time of day, only full or part time
            runs &= np.isin(self.d_schedule, [SCHEDULES.index(s) for s in DAYTIME_SCHEDULES])
        elif f.schedule:
            runs &= self.d_schedule == SCHEDULES.index(f.schedule)
        if f.max_price is not None:  # unknown or funded prices are not "up to X €"
            with np.errstate(invalid="ignore"):
                runs &= self.d_price <= float(f.max_price) + 1e-9
        return runs

    def courses_per_place(self, f: Filters, u: Understanding) -> dict[int, int]:
        """Place id -> how many courses passing ``f`` and matching ``u`` start a run there.

        ``f.place_ids`` is ignored: this answers "where else is there something?". Online runs
        are not counted; they are found wherever a citizen searches.
        """
        mask, _, _ = self._course_mask(f, u)
        runs = self._runs(f, mask) & (self.d_place != ONLINE_PLACE)
        pairs = np.unique(np.stack([self.d_place[runs], self.d_course[runs]]), axis=1)
        places, counts = np.unique(pairs[0], return_counts=True)
        return {int(p): int(n) for p, n in zip(places, counts, strict=True)}

    def topics_by_title(self, f: Filters, u: Understanding) -> dict[int, int]:
        """Topic id -> how many courses anywhere pass ``f`` and match ``u`` *in their title*.

        Places are ignored. Titles, not descriptions: a word in a title says what a course is
        about ("Wundexperte/Wundexpertin ICW"), a word in a description may be anything.
        """
        mask, _, _ = self._course_mask(f, u, self.title)
        courses = np.unique(self.d_course[self._runs(f, mask)])
        topics, counts = np.unique(self.topic[courses], return_counts=True)
        return {int(t): int(n) for t, n in zip(topics, counts, strict=True) if t >= 0}

    def titled_anywhere(self, groups: Sequence[TermGroup]) -> bool:
        """Whether some course of the whole offer has every one of ``groups`` in its title.

        Decided before place, dates and filters, like ``matching``: when the words have courses of
        their own somewhere, the other courses of their topic are no match for them anywhere."""
        if not groups:
            return False
        return bool(np.logical_and.reduce([self._group(self.title, g.alternatives) for g in groups]).any())

    def _group(self, index: TokenIndex, alternatives: frozenset[str]) -> np.ndarray:
        hit = np.zeros(len(self.ids), dtype=bool)
        for term in alternatives:
            hit[index.positions(term)] = True
        return hit

    def search(self, f: Filters, u: Understanding) -> Candidates:
        """All courses passing ``f`` and matching ``u`` with a run inside the start window."""
        mask, groups, words = self._course_mask(f, u)
        dm = self._runs(f, mask)
        distance = None
        if f.place_ids is not None or f.near is not None:
            local = np.isin(self.d_place, f.place_ids or [])
            if f.near is not None:
                lat, lon, km = f.near
                idx = np.flatnonzero(dm)
                d = np.full(len(self.d_place), np.nan)
                d[idx] = distances_km(lat, lon, self.d_lat[idx], self.d_lon[idx])
                with np.errstate(invalid="ignore"):
                    local |= d <= km
                distance = d
            dm &= local | (self.d_place == ONLINE_PLACE)
        course, start, place = self.d_course[dm], self.d_start[dm], self.d_place[dm]
        first = np.ones(len(course), dtype=bool)
        first[1:] = course[1:] != course[:-1]
        pos = course[first]
        text_hits = np.zeros(len(pos), dtype=np.int32)
        title_hits = np.zeros(len(pos), dtype=np.int32)
        own_hits = np.zeros(len(pos), dtype=np.int32)
        for g, group in zip(groups, u.groups, strict=True):
            text_hits += g[pos]
            title_hits += self._group(self.title, group.alternatives)[pos]
            own_hits += self._group(self.text, group.alternatives)[pos]  # its own words, not its topic
        next_start = np.maximum(start[first], f.cutoff.toordinal())
        return Candidates(
            course_ids=self.ids[pos],
            next_start=next_start,
            next_place=place[first],
            topic_exact=np.isin(self.topic[pos], sorted(u.topic_ids)),
            title_hits=title_hits,
            text_hits=text_hits,
            any_local=bool((place != ONLINE_PLACE).any()),
            next_run=self.d_run[dm][first],
            distance=distance[dm][first] if distance is not None else np.full(len(pos), np.nan),
            words=words,
            own_hits=own_hits,
        )


def _coordinate(own: float | None, place: tuple[float | None, float | None] | None, which: int) -> float:
    """The run's own coordinate, else its place's, else NaN (then it is not found by distance)."""
    if own is not None:
        return float(own)
    if place is not None and place[which] is not None:
        return float(place[which])  # type: ignore[arg-type]
    return np.nan


def _code(value: str, allowed: tuple[str, ...]) -> int:
    return allowed.index(value) if value in allowed else -1


def _strings(raw: object) -> list[str]:
    """A JSON list column as strings (some drivers hand back the list, others its text)."""
    values: Any = json.loads(raw) if isinstance(raw, str) else raw
    return [str(v) for v in values or []]


def _states(raw: object) -> set[str]:
    values: Any = json.loads(raw) if isinstance(raw, str) else raw
    return {str(v) for v in values or []}


_snapshots: PerDatabase[Snapshot] = PerDatabase(Snapshot)


def get_snapshot(session: Session) -> Snapshot:
    """The cached snapshot of the session's database, rebuilt when the data has changed."""
    return _snapshots.get(session)


def refresh_snapshot(session: Session | None = None) -> None:
    _snapshots.refresh(session)


def to_date(ordinal: int) -> date:
    return date.fromordinal(int(ordinal))
