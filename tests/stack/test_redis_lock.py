"""The Redis lock store against a real Redis: two processes stand in for two Rasa replicas.

What a citizen would notice if this broke: two messages of one conversation handled at the same
time by two replicas, so that one answer is lost or the conversation jumps back.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Iterator

import pytest
import redis

from tests.stack.lock_race import atomic_store, delete_keys, run_race

GUARD_SECONDS = 60  # only so that a broken lock fails the test instead of hanging it


@pytest.fixture()
def redis_url() -> str:
    url = os.environ.get("LOTSE_TEST_REDIS_URL")
    if not url:
        pytest.skip("LOTSE_TEST_REDIS_URL ist nicht gesetzt (Redis-Integrationstest)")
    try:
        redis.Redis.from_url(url, socket_timeout=5).ping()
    except redis.RedisError as error:
        pytest.fail(f"Redis unter LOTSE_TEST_REDIS_URL nicht erreichbar: {error}")
    return url


@pytest.fixture()
def key_prefix(redis_url: str) -> Iterator[str]:
    """Own keys per test, removed afterwards, so parallel runs on one Redis do not meet."""
    prefix = f"lotsetest{uuid.uuid4().hex[:10]}"
    yield prefix
    delete_keys(redis_url, prefix)


def test_two_replicas_never_hold_one_conversation_at_once_and_serve_in_ticket_order(
    redis_url: str, key_prefix: str
) -> None:
    result = run_race(redis_url, key_prefix, "lotse", tasks=15, rounds=3)
    assert result.turns == 2 * 15 * 3, "a message never got its turn"
    assert result.refused == 0
    assert result.crowded == 0, "two holders were inside the lock at the same time"
    assert result.duplicate_tickets == 0, "a ticket number was handed out twice"
    assert not result.out_of_order, "tickets were not served in the order they were issued"


def test_waiting_tickets_are_served_first_come_first_served(redis_url: str, key_prefix: str) -> None:
    replica_a, replica_b = atomic_store(redis_url, key_prefix), atomic_store(redis_url, key_prefix)

    async def scenario() -> list[list[int]]:
        first = await replica_a.issue("c")
        second = await replica_b.issue("c")
        third = await replica_a.issue("c")
        tickets = [(replica_a, first), (replica_b, second), (replica_a, third)]
        before = [await store.tickets_ahead("c", t) for store, t in tickets]
        await replica_a.release("c", first)
        after = [await store.tickets_ahead("c", t) for store, t in tickets[1:]]
        return [before, after]

    before, after = asyncio.run(scenario())
    assert before == [0, 1, 2]
    assert after == [0, 1]


def test_ticket_of_a_crashed_replica_does_not_block_the_conversation_forever(redis_url: str, key_prefix: str) -> None:
    crashed, survivor = atomic_store(redis_url, key_prefix), atomic_store(redis_url, key_prefix)

    async def scenario() -> tuple[int, int]:
        # A replica took its turn and died: no release, no heartbeat. Its ticket lives 1 s.
        dead_ticket = await crashed.issue("c", lifetime=1)
        async with survivor.lock("c") as held:
            served = held.tickets[0].number
        return dead_ticket, served

    dead_ticket, served = asyncio.run(asyncio.wait_for(scenario(), GUARD_SECONDS))
    assert served > dead_ticket
    assert asyncio.run(survivor.tickets_ahead("c", dead_ticket)) == -1  # dropped, not just skipped


def test_other_conversations_are_not_blocked(redis_url: str, key_prefix: str) -> None:
    replica_a, replica_b = atomic_store(redis_url, key_prefix), atomic_store(redis_url, key_prefix)

    async def scenario() -> tuple[int, bool]:
        async with replica_a.lock("frau-a"):
            waiting = await replica_b.issue("frau-a")
            same_conversation_ahead = await replica_b.tickets_ahead("frau-a", waiting)
            await replica_b.release("frau-a", waiting)
            async with replica_b.lock("herr-b"):  # would hang here if conversations shared a lock
                other_served = True
        return same_conversation_ahead, other_served

    same_conversation_ahead, other_served = asyncio.run(asyncio.wait_for(scenario(), GUARD_SECONDS))
    assert same_conversation_ahead == 1
    assert other_served


def test_a_turn_longer_than_the_lifetime_keeps_its_lock(redis_url: str, key_prefix: str) -> None:
    """The lifetime is how long a crashed replica blocks, not how long a living one may work."""
    holder, other = atomic_store(redis_url, key_prefix), atomic_store(redis_url, key_prefix)
    happened: list[str] = []

    async def scenario() -> None:
        inside = asyncio.Event()

        async def long_turn() -> None:
            async with holder.lock("c", lock_lifetime=2):
                happened.append("erste Nachricht beginnt")
                inside.set()
                await asyncio.sleep(5)  # two and a half lifetimes
                happened.append("erste Nachricht fertig")

        async def next_turn() -> None:
            await inside.wait()
            async with other.lock("c", lock_lifetime=2):
                happened.append("zweite Nachricht beginnt")

        await asyncio.gather(long_turn(), next_turn())

    asyncio.run(asyncio.wait_for(scenario(), GUARD_SECONDS))
    assert happened == ["erste Nachricht beginnt", "erste Nachricht fertig", "zweite Nachricht beginnt"]


def test_after_redis_dropped_its_connections_the_next_messages_are_served(redis_url: str, key_prefix: str) -> None:
    """A Redis restart (here: CLIENT KILL of the store's connections) leaves dead connections in the
    store's pool. Each used to fail its next command, and the citizen got the apology instead of
    an answer; now the command is sent again on a new connection."""
    admin = redis.Redis.from_url(redis_url)
    existing = {c["id"] for c in admin.client_list()}  # other users of this Redis keep theirs
    store = atomic_store(redis_url, key_prefix)
    served: list[str] = []

    async def scenario() -> None:
        # Several connections in the pool, as under load: turns of other conversations at once.
        async def turn(conversation: str) -> None:
            async with store.lock(conversation):
                await asyncio.sleep(0.05)
                served.append(conversation)

        await asyncio.gather(*(turn(f"vorher-{n}") for n in range(4)))
        ours = [c["id"] for c in admin.client_list() if c["id"] not in existing]
        assert sum(admin.client_kill_filter(_id=client) for client in ours) >= 1
        await asyncio.gather(*(turn(f"nachher-{n}") for n in range(4)))

    asyncio.run(asyncio.wait_for(scenario(), GUARD_SECONDS))
    admin.close()
    assert sorted(served) == sorted([f"vorher-{n}" for n in range(4)] + [f"nachher-{n}" for n in range(4)])
