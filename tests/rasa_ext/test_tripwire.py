"""A Rasa upgrade forces a review of every patch: Rasa's source of each patched attribute is pinned.

For every target in ``rasa_ext.REGISTRY`` the test hashes Rasa's own source (``inspect.getsource``
of the original, also when the patch is installed) and compares it with the hash pinned in
``rasa_sources.json`` next to this file. When one differs, the patch was written against code
that is no longer there: read the new source, check that the patch (and its test) still does
what its registry entry says, then pin the new hash. ``LOTSE_REPIN_RASA_SOURCES=1`` rewrites the
file after that review.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
from pathlib import Path
from typing import Any

import pytest

import rasa_ext
from rasa_ext import patching

PINNED = Path(__file__).with_name("rasa_sources.json")


def reviewed_object(target: str) -> Any:
    """What a patch of ``target`` was written against.

    A method or function: Rasa's own. A module attribute that is a module (``copy`` in Rasa's
    processor and policies): the Rasa module that uses it, since the patch relies on how it is
    used there. An attribute Rasa does not have (``Slot.__copy__``): the class it is added to.
    """
    found = patching.original(target)
    owner, _ = patching.resolve(target)
    if found is patching.ABSENT or inspect.ismodule(found):
        return owner
    if isinstance(found, (staticmethod, classmethod)):
        return found.__func__
    return found


def source_hash(target: str) -> str:
    return hashlib.sha256(inspect.getsource(reviewed_object(target)).encode()).hexdigest()[:16]


def current_hashes() -> dict[str, str]:
    return {target: source_hash(target) for patch in rasa_ext.REGISTRY for target in patch.targets}


def test_rasa_sources_of_every_patched_attribute_are_the_reviewed_ones() -> None:
    found = current_hashes()
    if os.environ.get("LOTSE_REPIN_RASA_SOURCES") == "1":
        PINNED.write_text(
            json.dumps({"rasa": rasa_ext.RASA_VERSION, "sources": found}, indent=2, sort_keys=True) + "\n",
            encoding="utf-8",
        )
        pytest.skip(f"{PINNED.name} rewritten; review the diff before committing it")
    pinned = json.loads(PINNED.read_text(encoding="utf-8"))
    assert pinned["rasa"] == rasa_ext.RASA_VERSION, (
        f"{PINNED.name} was pinned for Rasa {pinned['rasa']}, the patches say {rasa_ext.RASA_VERSION}"
    )
    by_target = {target: patch for patch in rasa_ext.REGISTRY for target in patch.targets}
    changed = [
        f"- {target} (patch {patch.name}, {patch.kind}; pinned {pinned['sources'].get(target)}, now {digest}): "
        f"{patch.why} Test: {patch.test}. Removable when: {patch.removable_when}"
        for target, digest in sorted(found.items())
        if pinned["sources"].get(target) != digest
        for patch in (by_target[target],)
    ]
    unknown = sorted(set(pinned["sources"]) - set(found))
    assert not changed and not unknown, (
        "Rasa's source of patched attributes differs from the source the patches were reviewed against.\n"
        "Review each one: read Rasa's new code, check that the replacement in rasa_ext/ still does what Rasa's "
        "code does (or what the registry says it changes), run its test, then pin the new hashes with "
        "LOTSE_REPIN_RASA_SOURCES=1 and bump rasa_ext.RASA_VERSION.\n"
        + "\n".join(changed)
        + (f"\nPinned but no longer in the registry: {unknown}" if unknown else "")
    )


def test_the_reviewed_object_is_rasas_even_while_the_patches_are_installed(rasa_patches: tuple[str, ...]) -> None:
    assert rasa_patches
    for patch in rasa_ext.REGISTRY:
        for target in patch.targets:
            module = getattr(reviewed_object(target), "__module__", None) or reviewed_object(target).__name__
            assert module.startswith(("rasa.", "rasa_sdk.")), (target, module)
