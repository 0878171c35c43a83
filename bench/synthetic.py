"""Synthetic offer data for the search benchmark: realistic shape, any size, reproducible.

Kept out of ``bot/demo`` on purpose: the demo data is for people, this is for stopwatches.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import insert
from sqlalchemy.engine import Connection

from bot.db.models import Course, CourseDate, Place, Provider, Region, Topic
from bot.search.text import build_search_text, fold

REGIONS = {
    "krefeld": ("Krefeld", "NW", [("Krefeld", "47798")]),
    "kreis-wesel": ("Kreis Wesel", "NW", [
        ("Wesel", "46483"), ("Moers", "47441"), ("Dinslaken", "46535"), ("Kamp-Lintfort", "47475"),
        ("Voerde (Niederrhein)", "46562"), ("Rheinberg", "47495"), ("Xanten", "46509"),
        ("Neukirchen-Vluyn", "47506"), ("Hünxe", "46569"),
    ]),
    "bottrop": ("Bottrop", "NW", [("Bottrop", "46236")]),
    "waldeck-frankenberg": ("Landkreis Waldeck-Frankenberg", "HE", [
        ("Korbach", "34497"), ("Bad Arolsen", "34454"), ("Frankenberg (Eder)", "35066"),
        ("Bad Wildungen", "34537"),
    ]),
    "schwalm-eder": ("Schwalm-Eder-Kreis", "HE", [
        ("Homberg (Efze)", "34576"), ("Schwalmstadt", "34613"), ("Melsungen", "34212"),
        ("Fritzlar", "34560"), ("Borken (Hessen)", "34582"),
    ]),
}

TOPICS = {
    "pflege": ("Pflege", ["Altenpflege", "Pflegehelfer", "Betreuungskraft", "Pflegefachkraft"],
               ["Pflegebasiskurs", "Altenpflegehelfer/in", "Betreuungskraft nach §53c", "Pflegeassistenz"]),
    "it": ("IT und Programmierung", ["EDV", "Informatik", "Programmierung", "Python", "Linux"],
           ["Python für Einsteiger", "Linux-Administration", "Fachinformatiker Umschulung", "Webentwicklung"]),
    "office": ("Office und Computer-Grundlagen", ["Computer", "PC", "Excel", "Word"],
               ["Excel für Einsteiger", "Excel Aufbaukurs", "MS Office kompakt", "Computerführerschein"]),
    "buchhaltung": ("Buchhaltung und Rechnungswesen", ["Buchführung", "Fibu", "DATEV", "Lohnabrechnung"],
                    ["Finanzbuchhaltung mit DATEV", "Buchhaltung Grundlagen", "Lohn- und Gehaltsabrechnung",
                     "Geprüfte/r Bilanzbuchhalter/in"]),
    "logistik": ("Lager und Logistik", ["Gabelstapler", "Staplerschein", "Lager", "Fachlagerist"],
                 ["Gabelstaplerschein", "Fachkraft für Lagerlogistik", "Flurförderzeuge Schulung", "Logistik kompakt"]),
    "deutsch": ("Deutsch und Integration", ["Deutschkurs", "Integrationskurs", "DaF", "B1", "B2"],
                ["Integrationskurs allgemein", "Berufssprachkurs B2", "Deutsch im Beruf", "Alphabetisierungskurs"]),
    "sprachen": ("Fremdsprachen", ["Englisch", "Spanisch", "Niederländisch", "Sprachkurs"],
                 ["Business English", "Englisch A2", "Niederländisch für den Beruf", "Spanisch Grundkurs"]),
    "meister": ("Handwerk und Meister", ["Meister", "Meisterschule", "Techniker", "Handwerk"],
                ["Industriemeister Metall", "Meistervorbereitung Elektro", "Staatlich geprüfte/r Techniker/in",
                 "Ausbildung der Ausbilder (AdA)"]),
    "kaufm": ("Kaufmännische Weiterbildung", ["Fachwirt", "Kaufmann", "BWL", "Vertrieb"],
              ["Wirtschaftsfachwirt/in IHK", "Geprüfte/r Betriebswirt/in", "Vertriebstraining", "Einkauf kompakt"]),
    "erziehung": ("Pädagogik und Erziehung", ["Erzieher", "Kita", "Kindertagespflege", "Pädagogik"],
                  ["Erzieher/in berufsbegleitend", "Kindertagespflege Qualifizierung", "Sozialassistenz",
                   "Schulbegleitung"]),
    "schweissen": ("Metall und Schweißen", ["Schweißen", "Schweißer", "CNC", "Metall"],
                   ["Schweißkurs MAG", "CNC-Fräsen", "Schweißer-Prüfung", "Metallbearbeitung Grundlagen"]),
    "bewerbung": ("Bewerbung und Beruf", ["Bewerbung", "Coaching", "Karriere", "Wiedereinstieg"],
                  ["Bewerbungstraining", "Wiedereinstieg in den Beruf", "Jobcoaching", "Karriereplanung"]),
}

FILLER = [
    "Der Kurs vermittelt praxisnahe Kenntnisse für den beruflichen Alltag.",
    "Sie lernen in kleinen Gruppen mit erfahrenen Dozentinnen und Dozenten.",
    "Am Ende erhalten Sie ein anerkanntes Zertifikat.",
    "Vorkenntnisse sind nicht erforderlich.",
    "Die Teilnahme ist auch für Wiedereinsteigerinnen und Wiedereinsteiger geeignet.",
    "Ein Praktikum in einem regionalen Betrieb ist Teil der Maßnahme.",
    "Die Inhalte orientieren sich an den Anforderungen der Arbeitgeber in der Region.",
]
FORMATS = ["praesenz"] * 6 + ["online"] * 2 + ["hybrid"] * 2
SCHEDULES = ["vollzeit", "teilzeit", "berufsbegleitend", "abends", "wochenende"]


def populate(conn: Connection, n_courses: int, today: date, seed: int = 7) -> None:
    """Insert regions, places, topics, 300 providers and ``n_courses`` courses with 1-3 runs each."""
    rnd = random.Random(seed)
    place_ids: list[int] = []
    pid = 0
    for rid, (slug, (name, state, places)) in enumerate(REGIONS.items(), start=1):
        conn.execute(insert(Region), [{"id": rid, "slug": slug, "name": name, "state": state}])
        rows = []
        for pname, postcode in places:
            pid += 1
            place_ids.append(pid)
            rows.append({"id": pid, "region_id": rid, "name": pname, "name_folded": fold(pname),
                         "postcode": postcode})
        conn.execute(insert(Place), rows)
    topic_rows = [{"id": i, "slug": slug, "name": name, "synonyms": syn}
                  for i, (slug, (name, syn, _)) in enumerate(TOPICS.items(), start=1)]
    conn.execute(insert(Topic), topic_rows)
    conn.execute(insert(Provider), [
        {"id": i, "name": f"Bildungsträger {i}", "azav_certified": i % 3 != 0, "is_demo": True}
        for i in range(1, 301)
    ])
    topics = list(TOPICS.values())
    courses, dates = [], []
    date_id = 0
    for cid in range(1, n_courses + 1):
        t = rnd.randrange(len(topics))
        name, synonyms, titles = topics[t]
        title = rnd.choice(titles) + rnd.choice(["", "", " kompakt", " (Modul 2)", " Intensiv"])
        keywords = rnd.sample(synonyms, 2)
        description = " ".join(rnd.sample(FILLER, 3)) + f" Schwerpunkt: {', '.join(keywords)}."
        # Format, schedule and price belong to a course's runs (migration 0006), one choice per course here.
        fmt, schedule = rnd.choice(FORMATS), rnd.choice(SCHEDULES)
        price = rnd.choice([0, 89, 190, 450, 980, 2400, 5600])
        courses.append({
            "id": cid, "provider_id": rnd.randint(1, 300), "external_id": f"K{cid}", "title": title,
            "description": description, "topic_id": t + 1, "keywords": keywords, "hours": 40,
            "language": "Deutsch", "target_groups": [],
            "bildungsgutschein": rnd.random() < 0.4, "aufstiegs_bafoeg": rnd.random() < 0.1,
            "bildungsurlaub_states": rnd.choice([[], [], ["NW"], ["HE"], ["NW", "HE"]]),
            "search_text": build_search_text(title, name, *synonyms, *keywords, description),
            "is_demo": True,
        })
        for _ in range(rnd.randint(1, 3)):
            date_id += 1
            start = today + timedelta(days=rnd.randint(-120, 365))
            dates.append({"id": date_id, "course_id": cid, "start_date": start,
                          "end_date": start + timedelta(days=30),
                          "place_id": None if fmt == "online" else rnd.choice(place_ids), "seats": 12,
                          "format": fmt, "schedule": schedule, "price_eur": price, "price_state": "betrag"})
        if len(courses) >= 5000:
            conn.execute(insert(Course), courses)
            conn.execute(insert(CourseDate), dates)
            courses, dates = [], []
    if courses:
        conn.execute(insert(Course), courses)
        conn.execute(insert(CourseDate), dates)
