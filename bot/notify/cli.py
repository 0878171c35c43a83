"""``lotse notify send``: deliver queued notifications once (for cron, or when the app is not running)."""

from __future__ import annotations

import argparse

from bot.notify.delivery import deliver_due


def notify_send(_args: argparse.Namespace, url: str) -> int:
    report = deliver_due(url)
    print(f"Benachrichtigungen: {report.sent} gesendet, {report.failed} fehlgeschlagen, "
          f"{report.waiting} warten noch.")
    return 0 if report.failed == 0 else 1
