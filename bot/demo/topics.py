"""Subject areas citizens search by, with the words they actually type for them.

Pure data. Synonyms include abbreviations, colloquial words and spellings without umlauts
("Staplerschein", "EDV", "Fuehrung"), because search and NLU match on them; the topic *name*
is what the bot shows back to the citizen.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TopicSpec:
    slug: str
    name: str
    synonyms: tuple[str, ...]


TOPICS: tuple[TopicSpec, ...] = (
    TopicSpec("pflege", "Pflege", (
        "Altenpflege", "Altenpfleger", "Krankenpflege", "Pflegehelfer", "Pflegehelferin",
        "Pflegeassistenz", "Pflegefachkraft", "Pflegefachmann", "Pflegefachfrau", "Betreuungskraft",
        "Alltagsbegleiter", "Demenz", "Pflegebasiskurs", "Pflegekraft", "Pflegekurs", "Pflegeberuf",
    )),
    TopicSpec("gesundheit", "Gesundheit und Medizin", (
        "Gesundheitswesen", "Medizin", "Erste Hilfe", "Ersthelfer", "Hygiene", "Rettungsdienst",
        "Sanitäter", "Sanitaeter", "Physiotherapie", "Ernährung", "Ernaehrung", "Praevention",
    )),
    TopicSpec("medizinische-fachangestellte", "Medizinische Fachangestellte und Praxis", (
        "MFA", "Arzthelferin", "Arzthelfer", "Praxismanagement", "Zahnmedizinische Fachangestellte",
        "ZFA", "Praxis", "Abrechnung GOÄ", "EBM", "Praxisanleitung",
    )),
    TopicSpec("it", "IT und Programmierung", (
        "EDV", "Informatik", "Programmieren", "Programmierung", "Softwareentwicklung", "Python",
        "Java", "Webentwicklung", "Fachinformatiker", "Netzwerk", "Linux", "IT-Sicherheit",
        "Cybersecurity", "Datenbanken", "SQL", "Coding", "Admin", "Systemadministrator",
    )),
    TopicSpec("office", "Office und Computer-Grundlagen", (
        "Computer", "PC", "PC-Kurs", "Computerkurs", "Excel", "Word", "PowerPoint", "Outlook",
        "MS Office", "Microsoft Office", "Office", "Tabellenkalkulation", "Internet", "Smartphone",
        "Tablet", "Computerführerschein", "Computerfuehrerschein", "ECDL", "ICDL",
    )),
    TopicSpec("digitalisierung", "Digitalisierung und KI", (
        "Digitalisierung", "digital", "KI", "künstliche Intelligenz", "kuenstliche Intelligenz",
        "ChatGPT", "AI", "Datenschutz", "DSGVO", "Cloud", "Industrie 4.0", "digitale Kompetenzen",
        "New Work", "agiles Arbeiten", "Scrum",
    )),
    TopicSpec("buchhaltung", "Buchhaltung und Rechnungswesen", (
        "Buchhaltung", "Buchführung", "Buchfuehrung", "Finanzbuchhaltung", "Fibu", "Lohnbuchhaltung",
        "Lohnabrechnung", "Gehaltsabrechnung", "DATEV", "Lexware", "SAP FI", "Bilanz", "Bilanzbuchhalter",
        "Rechnungswesen", "Controlling", "Steuern", "Kostenrechnung",
    )),
    TopicSpec("kaufmaennisch", "Kaufmännische Weiterbildung und Fachwirte", (
        "kaufmännisch", "kaufmaennisch", "Kaufmann", "Kauffrau", "Fachwirt", "Fachwirtin",
        "Wirtschaftsfachwirt", "Betriebswirt", "BWL", "Industriekaufmann", "Umschulung kaufmännisch",
        "IHK", "Einkauf", "Vertrieb",
    )),
    TopicSpec("buero", "Büro und Sekretariat", (
        "Büro", "Buero", "Sekretariat", "Sekretärin", "Sekretaerin", "Bürokauffrau", "Bürokaufmann",
        "Kaufleute für Büromanagement", "Office-Management", "Assistenz", "Empfang", "Korrespondenz",
        "Büroorganisation", "Verwaltung",
    )),
    TopicSpec("personal", "Personal und Arbeitsrecht", (
        "Personalwesen", "HR", "Human Resources", "Personalreferent", "Personalsachbearbeiter",
        "Personalfachkaufmann", "Arbeitsrecht", "Recruiting", "Personalentwicklung",
    )),
    TopicSpec("deutsch", "Deutsch und Integration", (
        "Deutsch", "Deutschkurs", "Deutsch lernen", "DaF", "DaZ", "Deutsch als Fremdsprache",
        "Integrationskurs", "Integrationskurse", "Berufssprachkurs", "Berufssprachkurse", "DeuFöV",
        "DeuFoeV", "Sprachkurs Deutsch", "B1", "B2", "C1", "DTZ", "Alphabetisierung", "Orientierungskurs",
        "Einbürgerungstest", "Leben in Deutschland",
    )),
    TopicSpec("sprachen", "Fremdsprachen", (
        "Sprachen", "Sprachkurs", "Englisch", "Business English", "Spanisch", "Französisch",
        "Franzoesisch", "Niederländisch", "Niederlaendisch", "Holländisch", "Italienisch", "Türkisch",
        "Tuerkisch", "Polnisch", "Arabisch", "Russisch", "TOEIC", "Cambridge",
    )),
    TopicSpec("handwerk-meister", "Handwerk und Meister", (
        "Handwerk", "Meister", "Meisterschule", "Meisterkurs", "Meisterprüfung", "Meisterpruefung",
        "Ausbildereignung", "AdA", "AEVO", "Ausbilderschein", "Tischler", "Schreiner", "Maler",
        "Friseur", "Kfz", "KFZ-Meister", "Anlagenmechaniker", "SHK", "Dachdecker", "Bau",
    )),
    TopicSpec("schweissen", "Schweißen", (
        "Schweißen", "Schweissen", "Schweißer", "Schweisser", "Schweißkurs", "Schweisskurs", "MAG",
        "MIG", "WIG", "E-Hand", "Elektrodenschweißen", "Schweißerprüfung", "Schweisserpruefung",
        "DIN EN ISO 9606", "Schweißschein", "Schweissschein",
    )),
    TopicSpec("logistik", "Logistik, Lager und Stapler", (
        "Logistik", "Lager", "Lagerlogistik", "Lagerist", "Fachlagerist", "Fachkraft für Lagerlogistik",
        "Gabelstapler", "Stapler", "Staplerschein", "Staplerführerschein", "Staplerfuehrerschein",
        "Flurförderzeuge", "Berufskraftfahrer", "LKW", "Lkw-Führerschein", "Führerschein C/CE",
        "Modul 95", "BKrFQG", "Kran", "Ladungssicherung", "Spedition", "Kurierfahrer",
    )),
    TopicSpec("fuehrung", "Führung und Management", (
        "Führung", "Fuehrung", "Führungskraft", "Fuehrungskraft", "Teamleitung", "Teamleiter",
        "Management", "Projektmanagement", "Leadership", "Mitarbeiterführung", "Konfliktmanagement",
        "Kommunikation", "Zeitmanagement", "Selbstmanagement", "PRINCE2",
    )),
    TopicSpec("erziehung", "Erziehung und Kinderbetreuung", (
        "Erzieher", "Erzieherin", "Kita", "Kindergarten", "Kinderpflege", "Kinderpfleger",
        "Kinderpflegerin", "Kindertagespflege", "Tagesmutter", "Tagesvater", "OGS", "Sozialassistent",
        "Sozialassistentin", "Frühpädagogik", "Fruehpaedagogik", "Ganztag", "Schulbegleitung",
    )),
    TopicSpec("soziale-arbeit", "Soziale Arbeit und Sozialpädagogik", (
        "Sozialarbeit", "Sozialpädagogik", "Sozialpaedagogik", "Sozialpädagoge", "Heilerziehungspflege",
        "Heilerziehungspfleger", "Eingliederungshilfe", "Betreuungsassistenz", "Jugendhilfe",
        "Suchtberatung", "Ehrenamt", "Inklusion",
    )),
    TopicSpec("gastronomie", "Gastronomie und Hotellerie", (
        "Gastronomie", "Gastro", "Koch", "Köchin", "Koechin", "Küche", "Kueche", "Küchenhilfe",
        "Service", "Kellner", "Restaurantfachmann", "Hotel", "Hotellerie", "Hygieneschulung",
        "Infektionsschutz", "Barista", "Catering",
    )),
    TopicSpec("hauswirtschaft", "Hauswirtschaft und Reinigung", (
        "Hauswirtschaft", "Hauswirtschafter", "Hauswirtschafterin", "Reinigung", "Gebäudereinigung",
        "Gebaeudereinigung", "Reinigungskraft", "Putzen", "Hausmeister", "Haustechnik",
        "Alltagshilfe", "Unterhaltsreinigung",
    )),
    TopicSpec("teilqualifizierung", "Teilqualifizierungen", (
        "Teilqualifizierung", "Teilqualifizierungen", "TQ", "TQ-Modul", "Modul", "Berufsabschluss",
        "Berufsabschluss nachholen", "Nachqualifizierung", "Externenprüfung", "Externenpruefung",
        "Abschluss in Etappen", "ETAPPE", "Berufsanschlussfähige Teilqualifikation",
    )),
    TopicSpec("elektrotechnik", "Elektrotechnik", (
        "Elektro", "Elektriker", "Elektroniker", "Elektrotechnik", "Elektrofachkraft",
        "Elektrofachkraft für festgelegte Tätigkeiten", "EFKffT", "SPS", "Steuerungstechnik",
        "Automatisierung", "E-Check", "VDE", "Photovoltaik-Installation", "Hochvolt", "E-Mobilität",
    )),
    TopicSpec("metall-cnc", "Metall und CNC", (
        "Metall", "Metallbau", "CNC", "CNC-Fräsen", "CNC-Drehen", "Zerspanung", "Zerspanungsmechaniker",
        "Industriemechaniker", "Konstruktionsmechaniker", "Maschinenbau", "CAD", "Fräsen", "Fraesen",
        "Drehen", "Heidenhain", "Siemens Sinumerik", "Technisches Zeichnen",
    )),
    TopicSpec("sicherheit", "Sicherheit und Bewachung", (
        "Sicherheit", "Security", "Bewachung", "Sicherheitsdienst", "Wachmann", "34a",
        "§34a", "Paragraph 34a", "Sachkundeprüfung", "Sachkundepruefung", "Unterrichtung",
        "Werkschutz", "Fachkraft für Schutz und Sicherheit", "Brandschutzhelfer", "Objektschutz",
    )),
    TopicSpec("einzelhandel", "Einzelhandel und Verkauf", (
        "Einzelhandel", "Verkauf", "Verkäufer", "Verkaeufer", "Verkäuferin", "Kasse", "Kassierer",
        "Kauffrau im Einzelhandel", "Handel", "Filialleitung", "Kundenberatung", "E-Commerce",
        "Onlinehandel", "Visual Merchandising",
    )),
    TopicSpec("marketing", "Marketing und Social Media", (
        "Marketing", "Social Media", "Online-Marketing", "Onlinemarketing", "SEO", "Instagram",
        "Facebook", "TikTok", "Content", "Werbung", "PR", "Öffentlichkeitsarbeit", "Mediengestaltung",
        "Grafikdesign", "Webdesign", "Canva",
    )),
    TopicSpec("umwelt-energie", "Umwelt, Energie und Klimatechnik", (
        "Umwelt", "Energie", "Solar", "Photovoltaik", "PV", "Wärmepumpe", "Waermepumpe", "Klimatechnik",
        "Kältetechnik", "Kaeltetechnik", "Energieberater", "Gebäudeenergieberater", "Nachhaltigkeit",
        "Klimaschutz", "Erneuerbare Energien", "Kältemittel",
    )),
    TopicSpec("schulabschluss", "Schulabschlüsse nachholen", (
        "Schulabschluss", "Hauptschulabschluss", "Realschulabschluss", "Mittlere Reife", "MSA",
        "Fachoberschulreife", "FOR", "Abitur", "Fachabitur", "Fachhochschulreife", "Abendschule",
        "zweiter Bildungsweg", "Erster Schulabschluss", "Schulabschluss nachholen",
    )),
    TopicSpec("bewerbung", "Bewerbung und Berufsorientierung", (
        "Bewerbung", "Bewerbungstraining", "Lebenslauf", "Anschreiben", "Vorstellungsgespräch",
        "Vorstellungsgespraech", "Berufsorientierung", "Neuorientierung", "Jobsuche", "Coaching",
        "Jobcoaching", "Berufswegeplanung", "Wiedereinstieg", "Potenzialanalyse", "AVGS",
    )),
)


def topic(slug: str) -> TopicSpec:
    for spec in TOPICS:
        if spec.slug == slug:
            return spec
    raise KeyError(slug)
