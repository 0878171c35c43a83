"""LOTSE_STATS_KEY: the operator's key, a generated key per embedded installation, none for production."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from bot.config import stats_key


def test_the_operators_key_is_used_and_checked(tmp_path: Path) -> None:
    key = "k" * 40
    assert stats_key({"LOTSE_STATS_KEY": key, "LOTSE_DATA_DIR": str(tmp_path)}) == key
    assert not (tmp_path / "stats-key").exists()
    with pytest.raises(ValueError, match="LOTSE_STATS_KEY ist zu kurz"):
        stats_key({"LOTSE_STATS_KEY": "kurz", "LOTSE_DATA_DIR": str(tmp_path)})


def test_the_embedded_setup_generates_one_private_key_and_keeps_it(tmp_path: Path) -> None:
    env = {"LOTSE_DATA_DIR": str(tmp_path)}
    first = stats_key(env)
    assert len(first) >= 32
    assert stat.S_IMODE((tmp_path / "stats-key").stat().st_mode) == 0o600
    assert stats_key(env) == first  # after a restart the same conversation is the same hash
    assert stats_key({**env, "LOTSE_OFFER_DB_URL": f"sqlite:///{tmp_path}/o.sqlite3"}) == first
    assert stats_key({"LOTSE_DATA_DIR": str(tmp_path / "andere")}) != first


def test_a_damaged_key_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "stats-key").write_text("kurz\n")
    with pytest.raises(ValueError, match="beschädigt"):
        stats_key({"LOTSE_DATA_DIR": str(tmp_path)})


def test_production_must_set_the_key(tmp_path: Path) -> None:
    env = {"LOTSE_DATA_DIR": str(tmp_path), "LOTSE_OFFER_DB_URL": "postgresql://lotse@db/lotse"}
    with pytest.raises(ValueError, match="LOTSE_STATS_KEY ist nicht gesetzt"):
        stats_key(env)
    assert not (tmp_path / "stats-key").exists()
