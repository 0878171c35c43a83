"""The event broker from one AMQP URL; an empty URL means no broker (endpoints.production.yml)."""

from __future__ import annotations

import asyncio
import json
import os
import uuid

import pytest
import rasa.shared.core.events  # noqa: F401  (loaded by every Rasa server; the broker needs it)
from rasa.core.brokers.broker import EventBroker
from rasa.utils.endpoints import EndpointConfig

from stores.amqp_broker import AmqpUrlEventBroker

BROKER = "stores.amqp_broker.AmqpUrlEventBroker"


def test_an_empty_url_runs_without_broker() -> None:
    assert asyncio.run(EventBroker.create(EndpointConfig(url="", type=BROKER, queues=["q"]))) is None


def test_events_arrive_with_the_credentials_taken_from_the_url() -> None:
    url = os.environ.get("LOTSE_TEST_AMQP_URL")
    if not url:
        pytest.skip("LOTSE_TEST_AMQP_URL ist nicht gesetzt (RabbitMQ-Integrationstest)")
    import aio_pika

    name = f"lotse-test-{uuid.uuid4().hex[:10]}"
    event = {"event": "user", "sender_id": "frau-a", "text": "Ich suche einen Pflegekurs in Krefeld"}

    async def publish_and_read() -> dict | None:
        config = EndpointConfig(url=url, type=BROKER, exchange_name=name, queues=[name])
        broker = await EventBroker.create(config)
        assert isinstance(broker, AmqpUrlEventBroker)
        connection = await aio_pika.connect(url)
        try:
            broker.publish(event)
            channel = await connection.channel()
            queue = await channel.get_queue(name)
            for _ in range(100):  # publishing runs in the background
                message = await queue.get(fail=False)
                if message:
                    await message.ack()
                    return json.loads(message.body)
                await asyncio.sleep(0.1)
            return None
        finally:
            await broker.close()
            channel = await connection.channel()
            await channel.queue_delete(name)
            await channel.exchange_delete(name)
            await connection.close()

    assert asyncio.run(publish_and_read()) == event
