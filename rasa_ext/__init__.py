"""Every change this bot makes to Rasa's internals, declared in one registry and installed by one call.

Nothing here is installed by importing it: the server entry point (``stores/process.py``) calls
:func:`install` once, before Rasa starts. It refuses to patch a Rasa version the patches were not
written for, and ``LOTSE_RASA_PATCHES=0`` runs stock Rasa with the same bot.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass

logger = logging.getLogger(__name__)

#: The Rasa release the patches were written and checked against (tests/rasa_ext pins their sources).
RASA_VERSION = "3.6.21"


@dataclass(frozen=True)
class Patch:
    name: str
    targets: tuple[str, ...]
    kind: str  # "behaviour" or "speed"
    why: str
    test: str
    removable_when: str
    install: Callable[[Mapping[str, str]], None]


def _turn_guard(env: Mapping[str, str]) -> None:
    from rasa_ext import turn_guard

    turn_guard.install(env)


REGISTRY: tuple[Patch, ...] = (
    Patch(
        name="turn_guard",
        targets=(
            "rasa.core.processor.MessageProcessor._run_prediction_loop",
            "rasa.core.processor.MessageProcessor.predict_next_with_tracker_if_should",
        ),
        kind="behaviour",
        why="A turn runs at most LOTSE_MAX_ACTIONS_PER_TURN actions and then ends politely; Rasa's own "
        "limit does not trip after an action that reverts the user's message, and the server froze.",
        test="tests/rasa_ext/test_turn_guard.py",
        removable_when="Rasa counts predictions per turn itself (not fixed as of 3.6.21).",
        install=_turn_guard,
    ),
)

_installed: list[str] = []


def installed() -> tuple[str, ...]:
    return tuple(_installed)


def install(env: Mapping[str, str] = os.environ) -> tuple[str, ...]:
    """Installs every registered patch once; returns the names installed (empty when switched off)."""
    if _installed:
        return tuple(_installed)
    if env.get("LOTSE_RASA_PATCHES", "1").strip() == "0":
        logger.warning("LOTSE_RASA_PATCHES=0: Rasa runs without this bot's changes to its internals.")
        return ()
    import rasa

    if rasa.__version__ != RASA_VERSION:
        raise RuntimeError(
            f"rasa_ext: written for Rasa {RASA_VERSION}, installed is {rasa.__version__}. Review the patches "
            "(tests/rasa_ext) or start with LOTSE_RASA_PATCHES=0."
        )
    for patch in REGISTRY:
        patch.install(env)
        _installed.append(patch.name)
    return tuple(_installed)
