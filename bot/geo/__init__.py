"""Places in Germany: the gazetteer of all municipalities and distances between them.

``find("Münster, Westfalen")``, ``find_postcode("47495")``, ``distance_km(...)``. Rasa-free and
independent of the offer database (see ``gazetteer.py`` for where the data comes from).
"""

from bot.geo.distance import distance_km, distances_km
from bot.geo.gazetteer import STATE_NAMES, Municipality, by_key, find, find_postcode, gazetteer

__all__ = ["STATE_NAMES", "Municipality", "by_key", "distance_km", "distances_km", "find", "find_postcode",
           "gazetteer"]
