"""yamllint over every YAML file in deploy/ (manifests, Helm values, Secret template).

Same check by hand: ``.venv/bin/yamllint -c tests/deploy/yamllint.yaml deploy/``
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.deploy.files import DEPLOY, YAMLLINT_CONFIG, yaml_files

yamllint_config = pytest.importorskip(
    "yamllint.config", reason="yamllint ist nicht installiert (pip install yamllint==1.38.0 pathspec==1.1.1)"
)
from yamllint import linter  # noqa: E402  (only after the skip above)


def problems(text: str, path: Path) -> list[str]:
    config = yamllint_config.YamlLintConfig(file=str(YAMLLINT_CONFIG))
    return [f"{path.name}:{p.line}:{p.column} {p.level} {p.message} ({p.rule})" for p in linter.run(text, config, path)]


def test_there_are_yaml_files_to_lint() -> None:
    names = {path.relative_to(DEPLOY).as_posix() for path in yaml_files()}
    assert {"helm/rasa-values.yaml", "k8s/action-server.yaml", "k8s/advisor.yaml"} <= names


@pytest.mark.parametrize("path", yaml_files(), ids=lambda p: p.relative_to(DEPLOY).as_posix())
def test_yaml_file_is_clean(path: Path) -> None:
    assert problems(path.read_text(encoding="utf-8"), path) == []


def test_broken_yaml_is_reported() -> None:
    broken = (
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\ndata:\n   x: 'unterschiedlich eingerückt'\n"
    )
    found = problems(broken, Path("kaputt.yaml"))
    assert any("key-duplicates" in p for p in found)
    assert any("indentation" in p for p in found)
