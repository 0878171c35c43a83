"""Which passwords advisors may choose: long enough and not among what guessers try first.

The estimate is zxcvbn's (Dropbox's estimator, Python port ``zxcvbn`` 4.5, MIT): it knows the
most common passwords of published leaks, common words and names (English Wikipedia, US census,
film and TV), keyboard walks, dates, repeats and l33t spellings, and counts how many guesses a
password costs. It knows no German, so the German words people build passwords from are added
here, with the advisor's own name and e-mail address and the names of this service.
A password must cost at least 10^8 guesses (zxcvbn's score 3, "safely unguessable" online),
besides the minimum length of advisor/passwords.py.
"""

from __future__ import annotations

import re

from zxcvbn import zxcvbn

from advisor.passwords import MIN_LENGTH

MIN_SCORE = 3
#: zxcvbn looks at the first 100 characters only; longer passwords are not weaker for that.
CHECKED_CHARS = 100
GERMAN_WORDS = (
    "passwort", "kennwort", "geheim", "hallo", "willkommen", "sommer", "winter", "herbst", "frühling",
    "fruehling", "januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober",
    "november", "dezember", "montag", "freitag", "schatz", "liebe", "fussball", "fußball", "deutschland",
    "berlin", "hamburg", "münchen", "köln", "krefeld", "bottrop", "stadt", "rathaus", "verwaltung", "beratung",
    "beratungsstelle", "weiterbildung", "weiterbildungslotse", "lotse", "volkshochschule", "vhs", "agentur",
    "arbeit", "jobcenter", "postfach", "anmelden", "zugang", "benutzer", "mitarbeiter", "kollege", "büro",
    "buero", "dienst", "dienstkonto", "qwertz", "asdfgh", "ichliebedich", "schalke", "borussia",
)


def password_problem(password: str, *personal: str) -> str | None:
    """Why ``password`` may not be chosen (German, for the page or the CLI), or None when it is fine.

    ``personal``: the advisor's name and e-mail address, whose parts must not carry the password.
    """
    if len(password) < MIN_LENGTH:
        return f"Das Passwort muss mindestens {MIN_LENGTH} Zeichen lang sein."
    words = [part for value in personal for part in re.split(r"[^\w]+", value.lower()) if len(part) >= 3]
    if any(len(word) >= 4 and word in password.lower() for word in words):
        return "Das Passwort darf Ihren Namen und Ihre E-Mail-Adresse nicht enthalten."
    if zxcvbn(password[:CHECKED_CHARS], user_inputs=[*GERMAN_WORDS, *words])["score"] < MIN_SCORE:
        return ("Dieses Passwort ist zu leicht zu erraten: Es ähnelt häufigen Passwörtern, Wörtern, Namen oder "
                "Ihrem Namen. Gut sind zum Beispiel drei oder vier zufällige Wörter mit Bindestrichen.")
    return None
