"""A request for a task that is not this assistant's: a tax return, a letter, a benefit application.

"kannst du mir helfen meine steuererklärung auszufüllen" or "schreib mir bitte eine bewerbung als
lagerist" are clear requests; the NLU, which knows out-of-scope messages only by example, answered
"Das habe ich leider nicht verstanden". Said plainly that this is not what the assistant does, the
citizen knows where they stand. A job application is close to what it does: there are courses for
it (Bewerbungstraining), which the answer offers. Patterns work on folded text
(``bot.search.text.fold``); a message with a word of education in it is never read as another task.
"""

from __future__ import annotations

import re

from bot.search.text import fold

_ASK = (r"(?:kannst|koenntest|koennen|koennt|koenntet|koennten|wuerdest|kann|koennte) (?:du|sie|ihr|man)? ?"
        r"(?:mir|uns)? ?")
#: Tasks for someone else: fill in a form, write a text, do an errand.
_TASK = re.compile(
    rf"\b{_ASK}(?:bitte |mal |eben |schnell )*(?:\w+ ){{0,5}}"
    r"(?:ausfuellen|auszufuellen|schreiben|zu schreiben|erstellen|machen|uebersetzen|berechnen|reparieren|bestellen"
    r"|korrigieren|pruefen|beantragen)\b"
    r"|\b(?:hilf|helf)\w* (?:\w+ ){0,3}(?:bei|beim|mit) (?:der |dem |meiner |meinem |einem |einer )?"
    r"(?:steuer\w*|antrag|formular\w*|wohngeld\w*|kindergeld\w*|elterngeld\w*|miet\w*|umzug|rente\w*|bewerbung\w*"
    r"|lebenslauf|anschreiben)"
    r"|^(?:schreib|mach|erstell|uebersetz|fuell)\w* (?:mir |uns )?(?:bitte )?"
)
#: Words of what the assistant does: a message with one of them is not another task.
_EDUCATION = re.compile(
    r"kurs|weiterbildung|fortbildung|umschul|ausbildung|lehrgang|seminar|foerder|bildungs|lernen|beratung|rueckruf"
    r"|meister|zertifikat|schulung|deutsch|sprach|bafoeg|stipend|anerkennung"
    r"|einfach|leicht|nochmal|noch mal|kuerzer|verstaendlich|englisch|english"  # how the bot writes: a style wish
)
_APPLICATION = re.compile(r"\bbewerbung\w*|\blebenslauf\b|\banschreiben\b")


def other_task(text: str) -> str | None:
    """ "application" for a job application or CV, "other" for another task, None for anything else."""
    folded = fold(text or "")
    if not folded or not _TASK.search(folded):
        return None
    if _APPLICATION.search(folded):
        return "application"
    return None if _EDUCATION.search(folded) else "other"
