"""Rasa's RabbitMQ (pika) event broker, configured by one AMQP URL that may be empty.

Rasa's ``type: pika`` needs the user name and password as separate, required fields next to the
URL, and if the URL holds credentials too, they must match exactly or Rasa builds an invalid URL.
Operators have one URL (``amqp://user:password@host:5672/vhost``), so this class reads everything
from it. An empty URL
means "no event broker": ``endpoints.production.yml`` can then stay the same file for every
installation (Rasa refuses an *unset* ``${LOTSE_AMQP_URL}``, but accepts an empty one).

``endpoints.yml``::

    event_broker:
      type: stores.amqp_broker.AmqpUrlEventBroker
      url: ${LOTSE_AMQP_URL}
      queues: [lotse_events]
"""

from __future__ import annotations

import logging
from asyncio import AbstractEventLoop
from urllib.parse import urlsplit, urlunsplit

from rasa.core.brokers.pika import PikaEventBroker
from rasa.utils.endpoints import EndpointConfig

logger = logging.getLogger(__name__)

DEFAULT_PORT = 5672


class AmqpUrlEventBroker(PikaEventBroker):
    """Publishes every tracker event to a fanout exchange on RabbitMQ, like ``type: pika``."""

    @classmethod
    async def from_endpoint_config(
        cls,
        broker_config: EndpointConfig | None,
        event_loop: AbstractEventLoop | None = None,
    ) -> AmqpUrlEventBroker | None:
        url = (broker_config.url or "").strip() if broker_config else ""
        if not broker_config or not url:
            logger.info("No AMQP URL configured: running without an event broker.")
            return None
        parts = urlsplit(url)
        # Credentials stay percent-encoded: PikaEventBroker puts them back into the URL verbatim.
        host = urlunsplit((parts.scheme, f"{parts.hostname}:{parts.port or DEFAULT_PORT}", parts.path, parts.query, ""))
        broker = cls(
            host,
            username=parts.username or "guest",
            password=parts.password or "guest",
            port=parts.port or DEFAULT_PORT,
            event_loop=event_loop,
            **broker_config.kwargs,
        )
        await broker.connect()
        return broker
