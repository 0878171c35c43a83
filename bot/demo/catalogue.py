"""What a demo course offer looks like before it is given a provider, price and dates.

A ``CourseTemplate`` is a realistic offer type ("Excel für Einsteiger", "MAG-Schweißen …").
The generator in ``courses.py`` lets several fictitious providers run the same offer type at
their own price and dates, which is how the real course market looks. The templates themselves
live in the ``catalogue_*`` data modules, grouped by subject area.
"""

from __future__ import annotations

from dataclasses import dataclass

# Target groups, worded as course databases print them.
ARBEITSUCHENDE = "Arbeitsuchende"
BESCHAEFTIGTE = "Beschäftigte"
QUEREINSTEIGENDE = "Quereinsteigende"
RUECKKEHRENDE = "Berufsrückkehrende"
EINGEWANDERTE = "Menschen mit Einwanderungsgeschichte"
OHNE_ABSCHLUSS = "Menschen ohne Berufsabschluss"
FACHKRAEFTE = "Fachkräfte"
FUEHRUNGSKRAEFTE = "Führungskräfte"
EINSTEIGENDE = "Einsteigerinnen und Einsteiger"
SENIOREN = "Seniorinnen und Senioren"
JUNGE = "Jugendliche und junge Erwachsene"
SELBSTSTAENDIGE = "Selbstständige"


@dataclass(frozen=True)
class CourseTemplate:
    """A course offer type.

    ``vocational`` marks longer job-qualifying measures that an AZAV-certified provider would have
    certified for the Bildungsgutschein; ``aufstieg`` marks upgrading qualifications (Meister,
    Fachwirt, Techniker, Erzieher) that Aufstiegs-BAföG funds from 400 hours; ``bildungsurlaub``
    marks five-day full-time seminars a provider may have recognised as Bildungsurlaub in its state.
    """

    topic: str
    title: str
    description: str
    hours: int
    price: int
    degree: str | None
    keywords: tuple[str, ...]
    formats: tuple[str, ...] = ("praesenz",)
    schedules: tuple[str, ...] = ("teilzeit",)
    level: str | None = None
    target_groups: tuple[str, ...] = (BESCHAEFTIGTE, ARBEITSUCHENDE)
    vocational: bool = False
    aufstieg: bool = False
    bildungsurlaub: bool = False
    language: str = "Deutsch"
    #: Price set by regulation (e.g. BAMF courses); providers do not vary it.
    fixed_price: bool = False
    #: Course length in weeks when it is not derived from hours (Umschulungen, Fachschulen).
    weeks: int | None = None
    #: Only offered in these states ("NW"/"HE"), e.g. school-leaving certificates named by state law.
    states: tuple[str, ...] = ()


def all_templates() -> tuple[CourseTemplate, ...]:
    """Every template, in a fixed order (the generator's determinism depends on it)."""
    from bot.demo import catalogue_care, catalogue_language, catalogue_office, catalogue_technical

    return (
        *catalogue_care.TEMPLATES,
        *catalogue_technical.TEMPLATES,
        *catalogue_office.TEMPLATES,
        *catalogue_language.TEMPLATES,
    )
