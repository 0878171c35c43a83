"""Real public counselling centres for each region, with only the facts we could source.

These are not demo rows (``is_demo=False``): the bot names them as real places to go. So a
field is filled only when a source supports it; everything else stays empty and the bot says
"bitte prüfen" instead of showing an invented address, phone number or opening time. Sources are
the domain reference (/work/shared/domain/foerderung-und-kursdaten.md, sections 0, 16, 17) and
the press articles named in ``source``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

_AA_CHECK = "Adresse und Zeiten bitte auf arbeitsagentur.de prüfen (Dienststellensuche)."
_BA_SITE = "https://www.arbeitsagentur.de"


@dataclass(frozen=True)
class CentreSpec:
    slug: str
    region: str  # RegionSpec.slug
    name: str
    kind: str  # agentur_fuer_arbeit / jobcenter / vhs / integrationszentrum / beratungsstelle
    source: str
    street: str | None = None
    postcode: str | None = None
    city: str | None = None
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    opening_hours: dict[str, list[list[str]]] = field(default_factory=dict)
    languages: tuple[str, ...] = ("Deutsch",)


C = CentreSpec

CENTRES: tuple[CentreSpec, ...] = (
    # --- Krefeld ---
    C("aa-krefeld", "krefeld", "Agentur für Arbeit Krefeld", "agentur_fuer_arbeit",
      "Eigene Agentur für Arbeit für Krefeld und den Kreis Viersen (WZ, 2020). " + _AA_CHECK,
      city="Krefeld", website=_BA_SITE),
    C("jc-krefeld", "krefeld", "Jobcenter Krefeld", "jobcenter",
      "Neubau am Willy-Brandt-Platz südlich des Hauptbahnhofs, bezogen 2024 (crevelt.de, 04/2024; "
      "BNP Paribas Real Estate). Hausnummer und Öffnungszeiten bitte auf jobcenter-krefeld.de bzw. "
      "arbeitsagentur.de prüfen.",
      city="Krefeld"),
    C("vhs-krefeld", "krefeld", "Volkshochschule Krefeld/Neukirchen-Vluyn", "vhs",
      "Haus am Von-der-Leyen-Platz 2 (RP Online 08/2019; krefeld.de 12/2017). Zugelassener Träger für "
      "Integrations- und Berufssprachkurse (service.krefeld.de, o. D.). 2024 wurde ein Umzug in das "
      "ehemalige Kaufhof-Gebäude diskutiert (RP Online 01/2024) – Adresse vor Auskunft prüfen.",
      street="Von-der-Leyen-Platz 2", postcode="47798", city="Krefeld"),
    C("ki-krefeld", "krefeld", "Kommunales Integrationszentrum Krefeld", "integrationszentrum",
      "KIM-Case-Management für Menschen mit Einwanderungsgeschichte gibt es in allen Kreisen und "
      "kreisfreien Städten NRWs (mkjfgfi.nrw, ab 2022). Kontakt bitte auf krefeld.de prüfen.",
      city="Krefeld"),
    # --- Kreis Wesel ---
    C("aa-wesel", "kreis-wesel", "Agentur für Arbeit Wesel", "agentur_fuer_arbeit",
      "Eigene Agentur für Arbeit Wesel laut Domänenreferenz, dort als nicht belegt markiert. " + _AA_CHECK,
      city="Wesel", website=_BA_SITE),
    C("vhs-wesel", "kreis-wesel", "VHS Wesel-Hamminkeln-Schermbeck", "vhs",
      "Zweckverband seit 2002; Weiterbildungsberatung, BAMF-Sprachkursträger, Prüfungszentrum, "
      "Schulabschlüsse (buergerhaushalt-wesel.de, o. D.). Website laut schermbeck-online.de. "
      "Adresse und Zeiten bitte auf der Website prüfen. Für Neukirchen-Vluyn ist die VHS "
      "Krefeld/Neukirchen-Vluyn zuständig.",
      city="Wesel", website="https://www.vhs-wesel.de"),
    C("ki-kreis-wesel", "kreis-wesel", "Kommunales Integrationszentrum Kreis Wesel", "integrationszentrum",
      "KIM-Case-Management in allen Kreisen NRWs (mkjfgfi.nrw, ab 2022). Kontakt bitte auf "
      "kreis-wesel.de prüfen."),
    # --- Bottrop ---
    C("aa-bottrop", "bottrop", "Agentur für Arbeit Gelsenkirchen – Geschäftsstelle Bottrop",
      "agentur_fuer_arbeit",
      "Bottrop gehört zum Bezirk der Agentur für Arbeit Gelsenkirchen (WAZ, ca. 2012). " + _AA_CHECK,
      city="Bottrop", website=_BA_SITE),
    C("vhs-bottrop", "bottrop", "Volkshochschule Bottrop", "vhs",
      "Hauptsitz im Kulturzentrum August Everding, Böckenhoffstraße 30; Kurse an vielen Orten im "
      "Stadtgebiet, auch in Kirchhellen (WAZ 2024; bottrop.de 11/2019). Zeiten bitte auf bottrop.de prüfen.",
      street="Böckenhoffstraße 30", postcode="46236", city="Bottrop"),
    C("ki-bottrop", "bottrop", "Kommunales Integrationszentrum Bottrop", "integrationszentrum",
      "KIM-Case-Management in allen kreisfreien Städten NRWs (mkjfgfi.nrw, ab 2022). Kontakt bitte "
      "auf bottrop.de prüfen.",
      city="Bottrop"),
    # --- Landkreis Waldeck-Frankenberg ---
    C("aa-korbach", "waldeck-frankenberg", "Agentur für Arbeit Korbach", "agentur_fuer_arbeit",
      "Hauptagentur in Korbach mit Geschäftsstellen in Frankenberg und Bad Arolsen, seit 01.10.2012 "
      "auch für den Schwalm-Eder-Kreis zuständig (lokalo24.de, 2012). " + _AA_CHECK,
      city="Korbach", website=_BA_SITE),
    C("aa-korbach-frankenberg", "waldeck-frankenberg", "Agentur für Arbeit Korbach – Geschäftsstelle Frankenberg",
      "agentur_fuer_arbeit", "Geschäftsstelle laut lokalo24.de (2012). " + _AA_CHECK,
      city="Frankenberg (Eder)", website=_BA_SITE),
    C("aa-korbach-bad-arolsen", "waldeck-frankenberg", "Agentur für Arbeit Korbach – Geschäftsstelle Bad Arolsen",
      "agentur_fuer_arbeit", "Geschäftsstelle laut lokalo24.de (2012). " + _AA_CHECK,
      city="Bad Arolsen", website=_BA_SITE),
    C("kvhs-waldeck-frankenberg", "waldeck-frankenberg", "Kreisvolkshochschule Waldeck-Frankenberg", "vhs",
      "Kurse an 34 Orten, Schwerpunkte Frankenberg, Korbach und Bad Wildungen; starker Fokus auf "
      "Deutsch als Fremdsprache (HNA, 2023). Adresse und Zeiten bitte auf der Website der "
      "Kreisvolkshochschule prüfen."),
    # --- Schwalm-Eder-Kreis ---
    C("aa-korbach-homberg", "schwalm-eder", "Agentur für Arbeit Korbach – Geschäftsstelle Homberg (Efze)",
      "agentur_fuer_arbeit",
      "Seit 2016 Hauptstandort der Arbeitsagentur im Bereich Fritzlar-Homberg (HNA, 2015); zuständig "
      "ist die Agentur für Arbeit Korbach (lokalo24.de, 2012). " + _AA_CHECK,
      city="Homberg (Efze)", website=_BA_SITE),
    C("aa-korbach-melsungen", "schwalm-eder", "Agentur für Arbeit Korbach – Geschäftsstelle Melsungen",
      "agentur_fuer_arbeit", "Geschäftsstelle laut lokalo24.de (2012); Umzug innerhalb Melsungens war "
      "2015 geplant (HNA). " + _AA_CHECK,
      city="Melsungen", website=_BA_SITE),
    C("aa-korbach-fritzlar", "schwalm-eder", "Agentur für Arbeit Korbach – Geschäftsstelle Fritzlar",
      "agentur_fuer_arbeit", "Geschäftsstelle laut lokalo24.de (2012); Angebot seit 2016 reduziert, "
      "nicht mehr an allen Wochentagen (HNA, 2015). " + _AA_CHECK,
      city="Fritzlar", website=_BA_SITE),
    C("aa-korbach-schwalmstadt", "schwalm-eder", "Agentur für Arbeit Korbach – Geschäftsstelle Schwalmstadt",
      "agentur_fuer_arbeit", "Seit 01.10.2012 bei der Agentur Korbach, vorher Marburg (das-marburger.de, "
      "2012). " + _AA_CHECK,
      city="Schwalmstadt", website=_BA_SITE),
    C("vhs-schwalm-eder", "schwalm-eder", "vhs Schwalm-Eder", "vhs",
      "Sitz in der Kreisverwaltung, Parkstraße 6, 34576 Homberg (Efze); Programmbereiche Beruf/Computer, "
      "Sprachen und Integration, Schulabschlüsse (nh24.de 2019; seknews.de 2019). Zeiten bitte prüfen.",
      street="Parkstraße 6", postcode="34576", city="Homberg (Efze)"),
)
