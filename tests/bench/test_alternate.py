"""The alternating comparison: which setting runs when, and how settings are written."""

from __future__ import annotations

import argparse

import pytest

from bench.alternate import _order, _setting


def test_each_setting_goes_first_in_half_of_the_rounds() -> None:
    order = _order(4)
    assert order == ["a", "b", "b", "a", "a", "b", "b", "a"]
    assert order.count("a") == order.count("b") == 4


def test_settings_are_environment_variables() -> None:
    assert _setting("LOTSE_OLDEST_FIRST=0") == {"LOTSE_OLDEST_FIRST": "0"}
    assert _setting("A=1,B=x=y") == {"A": "1", "B": "x=y"}
    for wrong in ("", "LOTSE_OLDEST_FIRST", "A=1,B"):
        with pytest.raises(argparse.ArgumentTypeError):
            _setting(wrong)
