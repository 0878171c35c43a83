"""The import rules of docs/architecture.md, checked on the source (every import, also inside functions)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ("bot", "actions", "channels", "components", "rasa_ext", "stores", "advisor")
#: What each layer may import among the layers and Rasa's two packages (libraries are not listed).
ALLOWED = {
    "bot": {"bot"},
    "actions": {"actions", "bot", "rasa_sdk"},
    "channels": {"channels", "bot", "rasa", "rasa_ext"},
    "components": {"components", "bot", "rasa"},
    "rasa_ext": {"rasa_ext", "bot", "rasa", "rasa_sdk"},
    "stores": {"stores", "bot", "rasa", "rasa_ext"},
    "advisor": {"advisor", "bot"},
}
GOVERNED = set(LAYERS) | {"rasa", "rasa_sdk"}


def imported_packages(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found & GOVERNED


def test_the_rules_cover_every_layer() -> None:
    assert set(ALLOWED) == set(LAYERS)


@pytest.mark.parametrize("layer", LAYERS)
def test_a_layer_imports_only_what_the_architecture_page_allows(layer: str) -> None:
    broken = {
        str(path.relative_to(ROOT)): sorted(imported_packages(path) - ALLOWED[layer])
        for path in sorted((ROOT / layer).rglob("*.py"))
    }
    assert {path: packages for path, packages in broken.items() if packages} == {}


def test_the_check_sees_an_import_inside_a_function(tmp_path: Path) -> None:
    module = tmp_path / "late.py"
    module.write_text("def f():\n    from rasa.core import agent\n    import actions.common\n", encoding="utf-8")
    assert imported_packages(module) == {"rasa", "actions"}
