"""The settings module: one reading of each variable, the same value wherever it is used."""

from __future__ import annotations

from bot.config import DEFAULT_HOTLINE, load_settings
from channels.faults import FaultSettings


def test_the_hotline_set_once_is_the_number_in_the_actions_and_the_channels_apology() -> None:
    env = {"LOTSE_HOTLINE": " 02151 86-0 "}
    assert load_settings(env).hotline == "02151 86-0"
    assert "02151 86-0" in FaultSettings.from_env(env).apology


def test_an_empty_hotline_falls_back_to_the_default_number_everywhere() -> None:
    env = {"LOTSE_HOTLINE": "  "}
    assert load_settings(env).hotline == DEFAULT_HOTLINE
    assert DEFAULT_HOTLINE in FaultSettings.from_env(env).apology


def test_region_and_default_centre_come_from_the_given_environment() -> None:
    settings = load_settings({"LOTSE_REGION": "kreis-wesel", "LOTSE_DEFAULT_CENTRE": " vhs-krefeld "})
    assert (settings.region, settings.default_centre) == ("kreis-wesel", "vhs-krefeld")
    assert (load_settings({}).region, load_settings({}).default_centre) == ("", "")
