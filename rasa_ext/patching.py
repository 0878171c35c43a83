"""How a patch replaces an attribute of Rasa: the original is always kept.

Every patch in this package replaces attributes only through :func:`replace`. It remembers what
was there before (the raw class attribute, so a ``staticmethod`` or ``classmethod`` comes back as
it was), which gives three things: :func:`restore` puts stock Rasa back (tests), the tripwire test
hashes the source of the original even after the patch is installed, and a test checks that every
attribute replaced is declared in the registry (``rasa_ext.REGISTRY``) and really replaced.
"""

from __future__ import annotations

import importlib
import inspect
from typing import Any

#: Stands for an attribute that did not exist before the patch (it is deleted again on restore).
ABSENT: Any = type("Absent", (), {"__repr__": lambda self: "<absent>"})()

#: target ("module.Class.attribute" or "module.attribute") -> (owner, attribute name, original)
_originals: dict[str, tuple[Any, str, Any]] = {}


def target_of(owner: Any, name: str) -> str:
    if inspect.ismodule(owner):
        return f"{owner.__name__}.{name}"
    return f"{owner.__module__}.{owner.__qualname__}.{name}"


def replace(owner: Any, name: str, new: Any) -> None:
    """``owner.name = new``, keeping the attribute it replaces (once: a second replace keeps the first)."""
    target = target_of(owner, name)
    if target not in _originals:
        _originals[target] = (owner, name, vars(owner).get(name, ABSENT))
    setattr(owner, name, new)


def replaced() -> tuple[str, ...]:
    """The targets replaced so far, in the order they were first replaced."""
    return tuple(_originals)


def resolve(target: str) -> tuple[Any, str]:
    """The owner (module or class) of a target and the attribute's name, importing what is needed."""
    parts = target.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        try:
            owner: Any = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for part in parts[cut:-1]:
            owner = getattr(owner, part)
        return owner, parts[-1]
    raise ImportError(f"no module in {target!r}")


def current(target: str) -> Any:
    """The raw attribute the target names now (ABSENT if there is none)."""
    owner, name = resolve(target)
    return vars(owner).get(name, ABSENT)


def original(target: str) -> Any:
    """Rasa's own attribute for the target, whether or not a patch replaced it since."""
    kept = _originals.get(target)
    return kept[2] if kept is not None else current(target)


def restore(targets: tuple[str, ...] | None = None) -> None:
    """Stock Rasa again: the replaced attributes (all, or those of ``targets``) get their originals back."""
    for target in reversed([t for t in _originals if targets is None or t in targets]):
        owner, name, found = _originals.pop(target)
        if found is ABSENT:
            if name in vars(owner):
                delattr(owner, name)
        else:
            setattr(owner, name, found)
