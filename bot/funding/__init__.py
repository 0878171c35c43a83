"""Funding programmes for continuing education: the catalogue, its database copy, and answers.

Programmes are data (``programmes.yaml``), every fact with source and date. ``catalogue`` loads,
validates, syncs and finds them; ``answers`` turns one into the German chat messages the bot
sends. German programme names stay German (Bildungsgutschein, Aufstiegs-BAföG, Bildungsurlaub).
"""

from bot.funding.catalogue import (
    CatalogueError,
    find_programme,
    get_programme,
    load_catalogue,
    programme_data,
    programmes_for_state,
    sync_programmes,
)
from bot.funding.model import Fact, Office, ProgrammeData

__all__ = [
    "CatalogueError",
    "Fact",
    "Office",
    "ProgrammeData",
    "find_programme",
    "get_programme",
    "load_catalogue",
    "programme_data",
    "programmes_for_state",
    "sync_programmes",
]
