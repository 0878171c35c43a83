"""Fixtures of the privacy tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture()
def tracker_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'tracker.sqlite3'}"
