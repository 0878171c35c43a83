"""A Rasa upgrade forces a review of every patch: Rasa's source of each patched attribute, and of
each function in Rasa that calls it, is pinned.

For every target in ``rasa_ext.REGISTRY`` the test hashes Rasa's own source (``inspect.getsource``
of the original, also when the patch is installed) and compares it with the hash pinned in
``rasa_sources.json`` next to this file. A patch also relies on how Rasa calls what it replaces
(arguments, what is done with the result): the functions of Rasa and Rasa SDK that name the
attribute, in a module that imports its module or names its class, are its callers, found in
their source (``callers``) and pinned the same way, so a changed, new or removed caller is
reviewed too. When one differs, the patch was written against code that is no longer there: read
the new source, check that the patch (and its test) still does what its registry entry says, then
pin the new hashes. ``LOTSE_REPIN_RASA_SOURCES=1`` rewrites the file after that review.
"""

from __future__ import annotations

import ast
import hashlib
import inspect
import json
import os
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import rasa
import rasa_sdk

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


@cache
def rasa_modules() -> dict[str, str]:
    """The source of every module of Rasa and Rasa SDK, by module name."""
    found = {}
    for package in (rasa, rasa_sdk):
        root = Path(package.__file__).parent
        for path in sorted(root.rglob("*.py")):
            name = ".".join((package.__name__, *path.relative_to(root).with_suffix("").parts))
            found[name.removesuffix(".__init__")] = path.read_text(encoding="utf-8")
    return found


@cache
def functions_of(module: str) -> tuple[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef], ...]:
    """Every function and method of a module, nested ones too, by qualified name."""
    found: list[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]] = []

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                visit(child, f"{prefix}{child.name}.")
            elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                found.append((f"{module}.{prefix}{child.name}", child))
                visit(child, f"{prefix}{child.name}.<locals>.")

    visit(ast.parse(rasa_modules()[module]), "")
    return tuple(found)


def _names(function: ast.AST, name: str) -> Iterator[bool]:
    for node in ast.walk(function):
        if node is not function:
            yield (isinstance(node, ast.Attribute) and node.attr == name) or (
                isinstance(node, ast.Name) and node.id == name)


@cache
def callers(target: str) -> dict[str, str]:
    """The functions of Rasa (and Rasa SDK) that call the target, with the hash of their source.

    Found by name: a function that names the attribute (``.past_states``; for ``__init__`` the class),
    in the target's own module, in a module that imports that module (``processor`` calls ``action.run``
    on any action) or that names its class (or, for a function of a module, the function). None for
    a module a patch replaces (its reviewed object is the whole using module) nor for an attribute
    Rasa does not have (``Slot.__copy__`` is called by ``copy.copy``, unnamed).
    """
    found = patching.original(target)
    if found is patching.ABSENT or inspect.ismodule(found):
        return {}
    owner, name = patching.resolve(target)
    home = owner.__name__ if inspect.ismodule(owner) else owner.__module__
    marker = name if inspect.ismodule(owner) else owner.__name__
    called = owner.__name__ if name == "__init__" else name
    hashes = {}
    for module, source in rasa_modules().items():
        if called not in source or (marker not in source and home not in source and module != home):
            continue
        lines = source.splitlines()
        for qualified, function in functions_of(module):
            if qualified != target and any(_names(function, called)):
                text = "\n".join(lines[function.lineno - 1: function.end_lineno])
                hashes[qualified] = hashlib.sha256(text.encode()).hexdigest()[:16]
    return hashes


def current_callers() -> dict[str, dict[str, str]]:
    return {target: callers(target) for patch in rasa_ext.REGISTRY for target in patch.targets if callers(target)}


def repin_if_asked() -> None:
    if os.environ.get("LOTSE_REPIN_RASA_SOURCES") == "1":
        pins = {"rasa": rasa_ext.RASA_VERSION, "sources": current_hashes(), "callers": current_callers()}
        PINNED.write_text(json.dumps(pins, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        pytest.skip(f"{PINNED.name} rewritten; review the diff before committing it")


REVIEW = (
    "Review each one: read Rasa's new code, check that the replacement in rasa_ext/ still does what Rasa's "
    "code does (or what the registry says it changes), run its test, then pin the new hashes with "
    "LOTSE_REPIN_RASA_SOURCES=1 and bump rasa_ext.RASA_VERSION.\n"
)


def test_rasa_sources_of_every_patched_attribute_are_the_reviewed_ones() -> None:
    found = current_hashes()
    repin_if_asked()
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
        + REVIEW
        + "\n".join(changed)
        + (f"\nPinned but no longer in the registry: {unknown}" if unknown else "")
    )


def test_rasa_sources_of_the_callers_of_every_patched_attribute_are_the_reviewed_ones() -> None:
    found = current_callers()
    repin_if_asked()
    pinned = json.loads(PINNED.read_text(encoding="utf-8")).get("callers", {})
    by_target = {target: patch for patch in rasa_ext.REGISTRY for target in patch.targets}
    differences = []
    for target in sorted(set(found) | set(pinned)):
        now, then = found.get(target, {}), pinned.get(target, {})
        moved = [f"changed {c}" for c in sorted(set(now) & set(then)) if now[c] != then[c]]
        moved += [f"new caller {c}" for c in sorted(set(now) - set(then))]
        moved += [f"no longer a caller {c}" for c in sorted(set(then) - set(now))]
        if moved:
            patch = by_target.get(target)
            about = f"patch {patch.name}: {patch.why} Test: {patch.test}" if patch else "no longer in the registry"
            differences.append(f"- {target} ({about}): " + "; ".join(moved))
    assert not differences, (
        "Rasa calls patched attributes from code that differs from what the patches were reviewed against.\n"
        + REVIEW
        + "\n".join(differences)
    )


def test_the_callers_found_are_the_ones_a_reader_would_name() -> None:
    """The search finds the call sites a patch relies on, and not every function of the same name."""
    assert set(callers("rasa.core.processor.MessageProcessor._run_prediction_loop")) == {
        "rasa.core.processor.MessageProcessor.handle_message",
        "rasa.core.processor.MessageProcessor.trigger_external_user_uttered",
    }
    assert "rasa.core.processor.MessageProcessor._run_action" in callers("rasa.core.actions.action.RemoteAction.run")
    constructors = callers("rasa.core.actions.action.RemoteAction.__init__")
    assert "rasa.core.actions.action.action_for_name_or_text" in constructors
    assert "rasa.core.run.serve_application" in callers("rasa.core.run.load_agent_on_start")
    assert callers("rasa.core.processor.copy") == {} and callers("rasa.shared.core.slots.Slot.__copy__") == {}


def test_the_reviewed_object_is_rasas_even_while_the_patches_are_installed(rasa_patches: tuple[str, ...]) -> None:
    assert rasa_patches
    for patch in rasa_ext.REGISTRY:
        for target in patch.targets:
            module = getattr(reviewed_object(target), "__module__", None) or reviewed_object(target).__name__
            assert module.startswith(("rasa.", "rasa_sdk.")), (target, module)
