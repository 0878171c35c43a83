"""Word-level knowledge the database does not hold: everyday synonyms and words that carry no topic.

``Topic.synonyms`` in the database maps words to *topics*; this map works one level lower, on
single words, so that "Buchführung" also finds a course whose title says "Buchhaltung" even when
it belongs to another topic. Keys and values are folded (see ``bot.search.text.fold``).
"""

from __future__ import annotations

from pathlib import Path

import yaml

#: word -> words that mean the same for a citizen looking for a course (both directions are listed
#: where the relation is symmetric).
WORD_SYNONYMS: dict[str, tuple[str, ...]] = {
    "edv": ("it", "computer"),
    "it": ("edv", "informatik"),
    "pc": ("computer",),
    "computer": ("pc", "edv"),
    "rechner": ("computer",),
    "buchfuehrung": ("buchhaltung",),
    "buchhaltung": ("buchfuehrung",),
    "fibu": ("finanzbuchhaltung", "buchhaltung"),
    "stapler": ("gabelstapler",),
    "staplerschein": ("gabelstapler",),
    "staplerfahrer": ("gabelstapler",),
    "flurfoerderzeug": ("gabelstapler",),
    "gabelstapler": ("stapler",),
    "altenpflege": ("pflege",),
    "krankenpflege": ("pflege",),
    "excel": ("tabellenkalkulation",),
    "tabellenkalkulation": ("excel",),
    "englischkurs": ("englisch",),
    "deutschkurs": ("deutsch",),
    "sprachkurs": ("sprache",),
    "ki": ("kuenstliche intelligenz",),
    "programmieren": ("programmierung",),
    "programmierung": ("programmieren",),
    "schweissen": ("schweisser", "schweisstechnik"),
    "lkw": ("berufskraftfahrer",),
    "fuehrerschein": ("fahrerlaubnis",),
    "bewerbung": ("bewerbungstraining",),
    "lohnbuchhaltung": ("lohnabrechnung",),
    "lohnabrechnung": ("lohnbuchhaltung",),
    "sekretaerin": ("sekretariat",),
    "kita": ("kindertagesstaette", "erzieher"),
}

#: Words that say "course" or are grammar; they would match almost everything, so the search
#: ignores them ("Ich suche einen Kurs für Excel" searches for "Excel").
_STOPWORD_TEXT = """
    ich du er sie es wir ihr man mich mir mein meine meinen bitte danke hallo hi gerne gern
    suche suchen sucht gesucht finde finden moechte moechten will wuerde wuerden haette gibt gebt
    habe hat haben bin ist sind war waere kann koennen koennte interesse interessiere lernen
    machen mache etwas was wo wie welche welcher welches wann
    ein eine einen einem einer eines der die das den dem des und oder aber auch noch nur
    fuer mit ohne von vom zu zum zur in im ins an am auf aus bei beim nach ueber unter um als
    so sehr mehr nicht kein keine
    kurs kurse kurses kursen kursangebot kursangebote angebot angebote lehrgang lehrgaenge
    lehrgangs schulung schulungen seminar seminare weiterbildung weiterbildungen fortbildung
    fortbildungen qualifizierung qualifizierungen massnahme massnahmen bildungsangebot
    irgendwas irgendwie irgendetwas irgendein irgendeinen was sowas thema themen bereich richtung
    gebiet art moeglich moeglichkeit moeglichkeiten gut gute guten passend passende passenden
    dort da hier hallo guten tag morgen abend dafuer darin dazu mal eigentlich vielleicht
    brauche braucht benoetige benoetigen wuerde wollte sollte muss will wollen weiss wohne wohnen komme
    weiterbilden fortbilden qualifizieren beruflich berufliche beruflichen neues neu
    online abends vormittags nachmittags teilzeit vollzeit wochenende berufsbegleitend praesenz
    kostenlos kostenlose kostenlosen guenstig guenstige guenstigen
    ab bis naechste naechsten naechster januar februar maerz april mai juni juli august september
    oktober november dezember fruehjahr sommer herbst winter jahr monat woche bald demnaechst
"""
STOPWORDS: frozenset[str] = frozenset(_STOPWORD_TEXT.split())

#: A message is read as English when at least this many of its words are English function words or
#: English words of the map below ("I am looking for a German course", "german course").
ENGLISH_MIN_SIGNALS = 2
#: The English words, maintained as data (bot/search/english.yaml).
_ENGLISH = yaml.safe_load((Path(__file__).with_name("english.yaml")).read_text(encoding="utf-8"))
ENGLISH_STOPWORDS: frozenset[str] = frozenset(str(_ENGLISH["stopwords"]).split())
#: English words of people who ask in English for a course taught in Germany -> the German words
#: the catalogue uses. Only read when the message is English (see ``ENGLISH_MIN_SIGNALS``).
ENGLISH_WORDS: dict[str, tuple[str, ...]] = {word: tuple(german) for word, german in _ENGLISH["topics"].items()}

#: Words around a place name that say nothing about which place ("in der Nähe von Moers").
PLACE_NOISE: frozenset[str] = frozenset(
    {"in", "im", "bei", "nahe", "naehe", "der", "von", "raum", "umgebung", "gegend", "um", "rund"}
)
#: Words of a region's official name that citizens leave out ("Landkreis Waldeck-Frankenberg").
REGION_WORDS: frozenset[str] = frozenset({"kreis", "landkreis", "stadt", "region"})
