"""Fictitious Bildungsträger for the demo, spread over the five regions.

Names, streets and contacts are invented; any likeness to a real organisation is unintended.
Contacts are built so that nobody real can be reached by mistake:

* e-mail and web addresses live under ``example.org`` (reserved by RFC 2606 for examples);
* phone numbers follow the pattern ``+49 <Vorwahl> 555 01xx``: the real area code of the town
  (so the number looks local) and the subscriber block ``555 01xx``, used only for demo data.
  The block is not officially reserved – the Bundesnetzagentur reserves no fictitious numbers
  for these area codes – so the bot must present demo contacts as examples (``is_demo``).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.demo.regions import place
from bot.search.text import fold

#: Area codes (without the leading 0) of the towns providers sit in; only for demo phone numbers.
AREA_CODES = {
    "Krefeld": "2151", "Wesel": "281", "Moers": "2841", "Dinslaken": "2064", "Kamp-Lintfort": "2842",
    "Xanten": "2801", "Rheinberg": "2843", "Neukirchen-Vluyn": "2845", "Hamminkeln": "2852",
    "Voerde (Niederrhein)": "2855", "Bottrop": "2041", "Kirchhellen": "2045", "Korbach": "5631",
    "Frankenberg (Eder)": "6451", "Bad Arolsen": "5691", "Willingen (Upland)": "5632",
    "Bad Wildungen": "5621", "Homberg (Efze)": "5681", "Melsungen": "5661", "Fritzlar": "5622",
    "Schwalmstadt": "6691", "Neukirchen (Knüll)": "6694", "Felsberg": "5662", "Borken (Hessen)": "5682",
    "Spangenberg": "5663", "Gudensberg": "5603",
}


@dataclass(frozen=True)
class ProviderSpec:
    code: str  # prefix of the provider's own course ids
    name: str
    city: str  # a PlaceSpec name; decides the region
    street: str
    azav_certified: bool
    topics: tuple[str, ...]
    #: Distance-learning providers run online wherever the offer allows it.
    prefers_online: bool = False

    @property
    def region(self) -> str:
        return place(self.city).region

    @property
    def postcode(self) -> str:
        return place(self.city).postcode

    @property
    def slug(self) -> str:
        return fold(self.name).replace(" ", "-")

    @property
    def website(self) -> str:
        return f"https://{self.slug}.example.org"

    @property
    def email(self) -> str:
        return f"info@{self.slug}.example.org"

    def phone(self, index: int) -> str:
        return f"+49 {AREA_CODES[self.city]} 555 01{index:02d}"


P = ProviderSpec

PROVIDERS: tuple[ProviderSpec, ...] = (
    # Krefeld
    P("PSK", "Pflegeschule am Stadtpark Krefeld", "Krefeld", "Parkstraße 14", True,
      ("pflege", "gesundheit", "deutsch")),
    P("BWN", "Bildungswerk Niederrhein", "Krefeld", "Ostwall 120", True,
      ("buchhaltung", "kaufmaennisch", "buero", "office", "bewerbung")),
    P("SDA", "Seidenstadt Digitalakademie", "Krefeld", "Dießemer Bruch 50", True,
      ("it", "digitalisierung", "office", "marketing")),
    P("RTZ", "Rheinhafen Technikzentrum Krefeld", "Krefeld", "Hafenstraße 31", True,
      ("schweissen", "metall-cnc", "elektrotechnik", "logistik")),
    P("SKK", "Sprachschule Kompass Krefeld", "Krefeld", "Rheinstraße 76", True,
      ("deutsch", "sprachen")),
    P("FSU", "Fachschule für Sozialpädagogik Uerdingen", "Krefeld", "Am Marktplatz 9", False,
      ("erziehung", "soziale-arbeit")),
    P("LCL", "Logistikcampus Krefeld-Linn", "Krefeld", "Düsseldorfer Straße 210", True,
      ("logistik", "teilqualifizierung", "sicherheit")),
    P("MAK", "Meisterakademie Krefeld", "Krefeld", "Gladbacher Straße 400", False,
      ("handwerk-meister", "fuehrung", "personal")),
    P("GAH", "Gesundheitsakademie Hüls", "Krefeld", "Klever Straße 88", False,
      ("gesundheit", "medizinische-fachangestellte", "pflege")),
    # Kreis Wesel
    P("WZW", "Weiterbildungszentrum Wesel", "Wesel", "Kaiserring 22", True,
      ("office", "buero", "buchhaltung", "bewerbung", "schulabschluss")),
    P("MBZ", "Moerser Bildungszentrum", "Moers", "Homberger Straße 60", True,
      ("pflege", "hauswirtschaft", "gastronomie", "teilqualifizierung")),
    P("NTA", "Niederrheinische Technikakademie", "Dinslaken", "Thyssenstraße 15", True,
      ("elektrotechnik", "umwelt-energie", "metall-cnc", "schweissen")),
    P("LPK", "Lippe-Pflegekolleg", "Wesel", "Schillstraße 5", True,
      ("pflege", "soziale-arbeit")),
    P("KLL", "Kompetenzzentrum Logistik Kamp-Lintfort", "Kamp-Lintfort", "Friedrich-Heinrich-Allee 140", True,
      ("logistik", "teilqualifizierung", "einzelhandel")),
    P("SFX", "Sprachenforum Xanten", "Xanten", "Marsstraße 12", False,
      ("sprachen", "deutsch")),
    P("RAF", "Rheinberger Akademie für Führung", "Rheinberg", "Orsoyer Straße 33", False,
      ("fuehrung", "personal", "digitalisierung")),
    P("KFV", "Kita-Fachschule Neukirchen-Vluyn", "Neukirchen-Vluyn", "Niederrheinallee 18", True,
      ("erziehung", "soziale-arbeit")),
    P("HBD", "Handwerksbildungszentrum Dinslaken", "Dinslaken", "Gerhard-Malina-Straße 90", True,
      ("handwerk-meister", "umwelt-energie", "elektrotechnik")),
    P("MDL", "Moers Digital Lab", "Moers", "Uerdinger Straße 25", True,
      ("it", "marketing", "digitalisierung")),
    P("GAI", "Gastro-Akademie Issel", "Hamminkeln", "Brüner Straße 7", False,
      ("gastronomie", "hauswirtschaft")),
    P("SSV", "Sicherheitsschule Voerde", "Voerde (Niederrhein)", "Frankfurter Straße 81", True,
      ("sicherheit", "logistik")),
    P("ZBN", "Zweiter Bildungsweg Niederrhein", "Moers", "Repelener Straße 44", False,
      ("schulabschluss", "bewerbung", "deutsch")),
    # Bottrop
    P("RAB", "Revierakademie Bottrop", "Bottrop", "Gladbecker Straße 180", True,
      ("logistik", "schweissen", "metall-cnc", "teilqualifizierung")),
    P("PBE", "Pflegebildung Bottrop-Eigen", "Bottrop", "Am Eigen 20", True,
      ("pflege", "gesundheit", "hauswirtschaft")),
    P("KBB", "Kaufmännisches Bildungsinstitut Bottrop", "Bottrop", "Hochstraße 38", True,
      ("buchhaltung", "kaufmaennisch", "buero", "personal")),
    P("STB", "Sprachzentrum am Tetraeder", "Bottrop", "Prosperstraße 71", True,
      ("deutsch", "sprachen", "bewerbung")),
    P("ZEB", "Zukunftswerkstatt Energie Bottrop", "Bottrop", "Knappenstraße 12", False,
      ("umwelt-energie", "elektrotechnik", "digitalisierung")),
    P("BHK", "Bildungshof Kirchhellen", "Kirchhellen", "Hauptstraße 65", False,
      ("gastronomie", "erziehung", "hauswirtschaft")),
    P("PAR", "Praxisakademie Ruhr", "Bottrop", "Osterfelder Straße 150", True,
      ("medizinische-fachangestellte", "gesundheit", "buero")),
    # Landkreis Waldeck-Frankenberg
    P("NHT", "Nordhessische Technikakademie", "Korbach", "Industriestraße 9", True,
      ("metall-cnc", "schweissen", "elektrotechnik", "handwerk-meister")),
    P("EBW", "Ederbergland Bildungswerk", "Frankenberg (Eder)", "Bahnhofstraße 27", True,
      ("office", "buchhaltung", "buero", "kaufmaennisch", "bewerbung")),
    P("WPA", "Waldecker Pflegeakademie", "Bad Arolsen", "Große Allee 40", True,
      ("pflege", "soziale-arbeit", "hauswirtschaft")),
    P("UGT", "Upland Schule für Gastronomie und Tourismus", "Willingen (Upland)", "Briloner Straße 15", False,
      ("gastronomie", "sprachen", "einzelhandel")),
    P("GCW", "Gesundheitscampus Bad Wildungen", "Bad Wildungen", "Brunnenallee 30", True,
      ("gesundheit", "medizinische-fachangestellte", "pflege")),
    P("KSI", "Korbacher Sprach- und Integrationszentrum", "Korbach", "Professor-Bier-Straße 6", True,
      ("deutsch", "sprachen", "schulabschluss")),
    P("DWF", "Digitalwerkstatt Waldeck-Frankenberg", "Korbach", "Medebacher Landstraße 21", False,
      ("it", "digitalisierung", "marketing", "office")),
    P("LFF", "Logistik- und Fahrschule Frankenberg", "Frankenberg (Eder)", "Röddenauer Straße 50", True,
      ("logistik", "sicherheit", "teilqualifizierung")),
    # Schwalm-Eder-Kreis
    P("SEB", "Schwalm-Eder Bildungsakademie", "Homberg (Efze)", "Ziegenhainer Straße 12", True,
      ("office", "buero", "kaufmaennisch", "bewerbung", "teilqualifizierung")),
    P("TZM", "Technologiezentrum Melsungen", "Melsungen", "Kasseler Straße 70", True,
      ("metall-cnc", "elektrotechnik", "it", "umwelt-energie")),
    P("PFF", "Pflegefachschule Fritzlar", "Fritzlar", "Gießener Straße 18", True,
      ("pflege", "gesundheit")),
    P("SIS", "Sprachinstitut Schwalmstadt", "Schwalmstadt", "Wiederholdstraße 8", True,
      ("deutsch", "sprachen")),
    P("KWB", "Knüll-Werkstatt Berufsbildung", "Neukirchen (Knüll)", "Kurhessenstraße 22", True,
      ("handwerk-meister", "schweissen", "hauswirtschaft", "teilqualifizierung")),
    P("EFS", "Ederauen Fachschule für Sozialwesen", "Felsberg", "Untergasse 4", False,
      ("erziehung", "soziale-arbeit")),
    P("BLS", "Borkener Logistik- und Sicherheitsschule", "Borken (Hessen)", "Am Amtsgericht 3", True,
      ("logistik", "sicherheit", "einzelhandel")),
    P("NMI", "Nordhessisches Management-Institut", "Melsungen", "Rotenburger Straße 19", False,
      ("fuehrung", "personal", "marketing", "digitalisierung")),
    P("SGH", "Spangenberger Schule für Gastronomie und Hauswirtschaft", "Spangenberg", "Rathausstraße 10", False,
      ("gastronomie", "hauswirtschaft", "einzelhandel")),
    P("FLG", "Fernlernzentrum Gudensberg", "Gudensberg", "Kasseler Straße 5", True,
      ("it", "office", "buchhaltung", "sprachen", "personal"), prefers_online=True),
)
