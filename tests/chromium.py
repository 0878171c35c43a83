"""Debian's Chromium in headless Playwright for the browser tests of the advisors' app (skipped, with
the reason, where Playwright or Chromium is missing; `.ci/run` installs Chromium)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip


@contextmanager
def chromium_page(**page_options: Any) -> Iterator[object]:
    """A new page of a headless Chromium, closed afterwards."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright ist nicht installiert")
    if not shutil.which("chromium"):
        pytest.skip("Chromium fehlt (apt-get install -y chromium)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser.new_page(**page_options)
        finally:
            browser.close()
