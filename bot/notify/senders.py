"""The two ways a notification leaves the building: SMTP and an HTTP webhook."""

from __future__ import annotations

import hashlib
import hmac
import json
import smtplib
import urllib.request
from email.message import EmailMessage

from bot.config import NotifySettings
from bot.db.models_advisor import OutboxMessage

TIMEOUT_SECONDS = 15


class DeliveryError(Exception):
    """The message could not be delivered now; it stays in the outbox for a later attempt."""


def send_email(message: OutboxMessage, settings: NotifySettings) -> None:
    if not settings.smtp_host:
        raise DeliveryError("kein SMTP-Server eingestellt (LOTSE_SMTP_HOST)")
    mail = EmailMessage()
    mail["From"] = settings.smtp_from
    mail["To"] = message.recipient
    mail["Subject"] = message.subject
    mail.set_content(message.body)
    try:
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=TIMEOUT_SECONDS) as smtp:
            if settings.smtp_starttls:
                smtp.starttls()
            if settings.smtp_user:
                smtp.login(settings.smtp_user, settings.smtp_password)
            smtp.send_message(mail)
    except (OSError, smtplib.SMTPException) as exc:
        raise DeliveryError(f"SMTP: {exc}") from exc


def send_webhook(message: OutboxMessage, settings: NotifySettings) -> None:
    body = json.dumps(message.payload, ensure_ascii=False).encode("utf-8")
    headers = {"Content-Type": "application/json; charset=utf-8", "User-Agent": "Weiterbildungslotse"}
    if settings.webhook_secret:
        signature = hmac.new(settings.webhook_secret.encode(), body, hashlib.sha256).hexdigest()
        headers["X-Lotse-Signature"] = f"sha256={signature}"
    request = urllib.request.Request(message.recipient, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            if not 200 <= response.status < 300:
                raise DeliveryError(f"Webhook: HTTP {response.status}")
    except OSError as exc:  # URLError and HTTPError are OSErrors
        raise DeliveryError(f"Webhook: {exc}") from exc


SENDERS = {"email": send_email, "webhook": send_webhook}
