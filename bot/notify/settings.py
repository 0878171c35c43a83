"""Notification settings from the environment, with a safe default: nothing is sent unless configured."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class NotifySettings:
    #: Empty host: e-mail is switched off (the embedded default has no mail server).
    smtp_host: str
    smtp_port: int
    smtp_from: str
    smtp_user: str
    smtp_password: str
    smtp_starttls: bool
    #: Optional URL that receives a JSON POST per new record (no personal data in it).
    webhook_url: str
    #: Optional shared secret; when set, webhook requests carry an HMAC-SHA256 signature header.
    webhook_secret: str
    #: Address for records whose centre has no e-mail address (or no centre at all).
    fallback_to: str
    #: Where advisors open the inbox; used for the links in notifications.
    advisor_url: str


def load_notify_settings() -> NotifySettings:
    env = os.environ.get
    return NotifySettings(
        smtp_host=env("LOTSE_SMTP_HOST", ""),
        smtp_port=int(env("LOTSE_SMTP_PORT", "25")),
        smtp_from=env("LOTSE_SMTP_FROM", "weiterbildungslotse@localhost"),
        smtp_user=env("LOTSE_SMTP_USER", ""),
        smtp_password=env("LOTSE_SMTP_PASSWORD", ""),
        smtp_starttls=env("LOTSE_SMTP_STARTTLS", "0").lower() in ("1", "true", "ja", "yes"),
        webhook_url=env("LOTSE_NOTIFY_WEBHOOK", ""),
        webhook_secret=env("LOTSE_NOTIFY_WEBHOOK_SECRET", ""),
        fallback_to=env("LOTSE_NOTIFY_FALLBACK_TO", ""),
        advisor_url=env("LOTSE_ADVISOR_URL", "http://127.0.0.1:8090").rstrip("/"),
    )
