"""Two processes (two Rasa replicas) send many messages of one conversation through a lock store.

Used by tests/stack/test_redis_lock.py, and runnable to compare with Rasa's own RedisLockStore
(the numbers in docs/production.md come from this):

    .venv/bin/python -m tests.stack.lock_race --redis redis://127.0.0.1:6379/0 --store rasa
    .venv/bin/python -m tests.stack.lock_race --redis redis://127.0.0.1:6379/0 --store lotse
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import uuid
from dataclasses import dataclass
from urllib.parse import urlsplit

import redis
import redis.asyncio as aioredis
from rasa.core.lock_store import LockError, LockStore, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

from stores.redis_lock import AtomicRedisLockStore

GUARD_SECONDS = 300  # only so that a broken lock fails instead of hanging (Rasa's store polls once a second)


@dataclass(frozen=True)
class RaceResult:
    turns: int  # critical sections entered
    crowded: int  # of those, entered while another holder was inside
    # Rasa's own store starts again at ticket 0 whenever its lock is deleted, so for it these two
    # say little; for ours numbers only ever increase while a conversation is busy.
    duplicate_tickets: int  # ticket numbers handed out more than once
    out_of_order: bool  # served in another order than issued
    refused: int  # messages that got a LockError instead of their turn


def atomic_store(redis_url: str, key_prefix: str) -> AtomicRedisLockStore:
    """Built the way Rasa builds it from endpoints.yml."""
    config = EndpointConfig(
        url=redis_url, type="stores.redis_lock.AtomicRedisLockStore", key_prefix=key_prefix, poll_interval=0.01
    )
    store = LockStore.create(config)
    assert isinstance(store, AtomicRedisLockStore)
    return store


def make_store(redis_url: str, key_prefix: str, kind: str) -> LockStore:
    """``lotse``: ours; ``rasa``: Rasa's own RedisLockStore on the same Redis."""
    if kind == "lotse":
        return atomic_store(redis_url, key_prefix)
    parts = urlsplit(redis_url)
    db = int(parts.path.strip("/") or 0)
    return RedisLockStore(host=parts.hostname or "localhost", port=parts.port or 6379, db=db, key_prefix=key_prefix)


def _replica(redis_url: str, key_prefix: str, kind: str, tasks: int, rounds: int) -> None:
    """One replica: ``tasks`` concurrent messages, each taking the lock ``rounds`` times."""
    probe_key = f"{key_prefix}probe:"

    async def message(store: LockStore, probe: aioredis.Redis) -> None:
        for _ in range(rounds):
            try:
                async with store.lock("gespraech") as held:
                    holders = await probe.incr(probe_key + "holders")
                    await probe.rpush(probe_key + "served", held.tickets[0].number)
                    await probe.rpush(probe_key + "holders-seen", holders)
                    await asyncio.sleep(0.005)  # give another holder every chance to get in
                    await probe.decr(probe_key + "holders")
            except LockError:
                await probe.incr(probe_key + "refused")

    async def main() -> None:
        store = make_store(redis_url, key_prefix, kind)
        probe = aioredis.Redis.from_url(redis_url)
        await asyncio.gather(*(message(store, probe) for _ in range(tasks)))
        await probe.close()

    asyncio.run(main())


def run_race(redis_url: str, key_prefix: str, kind: str = "lotse", tasks: int = 15, rounds: int = 3) -> RaceResult:
    context = multiprocessing.get_context("fork")
    replicas = [context.Process(target=_replica, args=(redis_url, key_prefix, kind, tasks, rounds)) for _ in range(2)]
    for process in replicas:
        process.start()
    for process in replicas:
        process.join(GUARD_SECONDS)
    if any(process.exitcode != 0 for process in replicas):
        for process in replicas:
            process.kill()
        raise RuntimeError(f"a replica failed or hung (exit codes {[p.exitcode for p in replicas]})")
    client = redis.Redis.from_url(redis_url)
    probe_key = f"{key_prefix}probe:"
    holders_seen = [int(n) for n in client.lrange(probe_key + "holders-seen", 0, -1)]
    served = [int(n) for n in client.lrange(probe_key + "served", 0, -1)]
    refused = int(client.get(probe_key + "refused") or 0)
    client.close()
    return RaceResult(
        turns=len(holders_seen),
        crowded=sum(1 for n in holders_seen if n > 1),
        duplicate_tickets=len(served) - len(set(served)),
        out_of_order=served != sorted(served),
        refused=refused,
    )


def delete_keys(redis_url: str, key_prefix: str) -> None:
    client = redis.Redis.from_url(redis_url)
    for key in client.scan_iter(f"{key_prefix}*"):
        client.delete(key)
    client.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--store", choices=("lotse", "rasa"), default="lotse")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    for run in range(1, args.runs + 1):
        prefix = f"lotserace{uuid.uuid4().hex[:8]}"
        try:
            result = run_race(args.redis, prefix, args.store)
        except RuntimeError as error:
            print(f"{args.store} run {run}: {error}", flush=True)
            continue
        finally:
            delete_keys(args.redis, prefix)
        print(
            f"{args.store} run {run}: {result.turns} turns, {result.crowded} with two holders at once, "
            f"{result.duplicate_tickets} duplicate tickets, out of order: {result.out_of_order}, "
            f"{result.refused} refused (LockError)",
            flush=True,
        )


if __name__ == "__main__":
    main()
