"""A Redis lock store whose tickets stay correct when several Rasa replicas share one Redis.

Why not Rasa's own ``RedisLockStore`` (``rasa/core/lock_store.py``, Rasa 3.6): it keeps the whole
``TicketLock`` of a conversation as one JSON string and changes it read-modify-write (GET, change
in Python, SET). When two replicas receive a message for the same conversation at the same moment,
both GET the same lock, both compute ``last_issued + 1`` and so issue the *same* ticket number, and
the second SET overwrites the first. Both replicas then see ``now_serving == my ticket`` and run
the turn at the same time. ``SQLTrackerStore.save`` stores only the events beyond the number
already in the database, so one turn's events are lost or the two turns end up interleaved. The
release path has the same flaw: ``cleanup`` reads "is anyone waiting?" and then deletes the whole
lock, which can delete a ticket another replica issued in between, and ``update_lock`` writes back a
stale copy. This is RasaHQ/rasa#9213; the fix (#11256) was reverted in the open-source edition
(#11427, #11428) and lives on only in Rasa Pro's ``ConcurrentRedisLockStore``.

Here every step is one Lua script, which Redis runs atomically:

- issue: ``INCR`` gives the ticket number, the ticket goes into a sorted set per conversation
  with its expiry (Redis server time, so the replicas' clocks do not matter) as score;
- turn check: drop expired tickets, refresh the caller's own ticket, count live tickets with a
  smaller number (0 = your turn: first come, first served);
- release: remove the ticket; keys of an idle conversation expire after the lifetime.

A ticket expires only when its holder stops refreshing it: a waiting replica refreshes on each
poll and the holder in the background, so the lifetime (``TICKET_LOCK_LIFETIME``, 60 s by default)
is how long a crashed replica can block its conversation, not a limit on how long a turn may take.

``endpoints.yml``::

    lock_store:
      type: stores.redis_lock.AtomicRedisLockStore
      url: redis://host:6379/0     # any redis:// or rediss:// URL (password inside the URL)
      key_prefix: lotse            # optional
      poll_interval: 0.05          # optional: seconds between turn checks of a waiting message
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import redis
import redis.asyncio as aioredis
from rasa.core.lock import Ticket, TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, LockStore
from rasa.shared.exceptions import ConnectionException
from rasa.utils.endpoints import EndpointConfig
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff

logger = logging.getLogger(__name__)

DEFAULT_KEY_PREFIX = "lotse"
#: Seconds between turn checks of a waiting message. Rasa polls once a second; a chat user
#: notices that, and a check is one cheap script call.
DEFAULT_POLL_INTERVAL = 0.05
SOCKET_TIMEOUT_SECONDS = 10

_NOW_AND_HELPERS = """
redis.replicate_commands()  -- Redis < 5 only: allows writes after TIME
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local function keep_keys_alive(lifetime)
  -- the keys outlive every live ticket; if all holders crash, Redis forgets the conversation
  for _, key in ipairs(KEYS) do
    if redis.call('PTTL', key) < lifetime + 1000 then redis.call('PEXPIRE', key, lifetime + 1000) end
  end
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
"""

#: KEYS: tickets (sorted set), counter. ARGV: lifetime in ms. Returns the new ticket number.
ISSUE = _NOW_AND_HELPERS + """
local lifetime = tonumber(ARGV[1])
local number = redis.call('INCR', KEYS[2])
-- if the counter was lost (eviction), never hand out a number below a live ticket
local highest = 0
for _, member in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  highest = math.max(highest, tonumber(member))
end
if number <= highest then
  number = highest + 1
  redis.call('SET', KEYS[2], number)
end
redis.call('ZADD', KEYS[1], now + lifetime, number)
keep_keys_alive(lifetime)
return number
"""

#: KEYS: tickets, counter. ARGV: ticket, lifetime in ms. Returns live tickets ahead, -1 if expired.
TURN = _NOW_AND_HELPERS + """
local lifetime = tonumber(ARGV[2])
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then return -1 end
redis.call('ZADD', KEYS[1], 'XX', now + lifetime, ARGV[1])
keep_keys_alive(lifetime)
local mine, ahead = tonumber(ARGV[1]), 0
for _, member in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  if tonumber(member) < mine then ahead = ahead + 1 end
end
return ahead
"""

#: KEYS: tickets, counter. ARGV: ticket. Returns 1 if the ticket was still there. Redis deletes
#: the emptied sorted set itself; the counter expires with its TTL, so numbers keep increasing.
RELEASE = """
return redis.call('ZREM', KEYS[1], ARGV[1])
"""


class AtomicRedisLockStore(LockStore):
    """Ticket lock per conversation in Redis, safe across processes and machines.

    Rasa uses a lock store only through ``lock()`` (agent, processor, HTTP API); this class
    implements that. The base class's read-modify-write helpers (``get_lock``, ``save_lock``,
    ``issue_ticket`` ...) are deliberately left unimplemented: they are the race described above.
    """

    def __init__(self, endpoint_config: EndpointConfig) -> None:
        """Called by Rasa as ``cls(endpoint_config=...)`` (``rasa.core.lock_store``)."""
        if not endpoint_config.url:
            raise ConnectionException("lock_store: 'url' fehlt (z. B. redis://127.0.0.1:6379/0).")
        self.url: str = endpoint_config.url
        options = endpoint_config.kwargs
        self.key_prefix = f"{options.get('key_prefix') or DEFAULT_KEY_PREFIX}:lock:"
        self.poll_interval = float(options.get("poll_interval", DEFAULT_POLL_INTERVAL))
        self._check_reachable()
        self._client: aioredis.Redis | None = None
        self._client_loop: asyncio.AbstractEventLoop | None = None
        super().__init__()

    def _check_reachable(self) -> None:
        """Fail at start-up, not on the first citizen's message."""
        client = redis.Redis.from_url(self.url, socket_timeout=SOCKET_TIMEOUT_SECONDS)
        try:
            client.ping()
        except redis.RedisError as error:
            raise ConnectionException(f"Redis für den Lock-Store nicht erreichbar: {error}") from error
        finally:
            client.close()

    def _keys(self, conversation_id: str) -> list[str]:
        # The braces are a Redis Cluster hash tag: both keys of a conversation land on one node.
        base = f"{self.key_prefix}{{{conversation_id}}}"
        return [f"{base}:tickets", f"{base}:counter"]

    def _redis(self) -> aioredis.Redis:
        """A client bound to the running event loop (asyncio connections cannot change loops)."""
        loop = asyncio.get_running_loop()
        if self._client is None or self._client_loop is not loop:
            # A restarted Redis leaves dead connections in the pool; each failed its next command
            # (measured: 16 apologies in 5 s after CLIENT KILL, bench/faults.py). One retry on a new
            # connection: a command on a dead connection never reached Redis, so it ran once.
            self._client = aioredis.Redis.from_url(
                self.url,
                socket_timeout=SOCKET_TIMEOUT_SECONDS,
                retry=Retry(NoBackoff(), 1),
                retry_on_error=[redis.ConnectionError],
            )
            self._client_loop = loop
        return self._client

    async def issue(self, conversation_id: str, lifetime: float = LOCK_LIFETIME) -> int:
        """Take the next ticket for the conversation; tickets are served in this order."""
        return int(await self._redis().eval(ISSUE, 2, *self._keys(conversation_id), int(lifetime * 1000)))

    async def tickets_ahead(self, conversation_id: str, ticket: int, lifetime: float = LOCK_LIFETIME) -> int:
        """Live tickets before ``ticket`` (0: its turn); -1 if it expired. Keeps ``ticket`` alive."""
        keys = self._keys(conversation_id)
        return int(await self._redis().eval(TURN, 2, *keys, ticket, int(lifetime * 1000)))

    async def release(self, conversation_id: str, ticket: int) -> bool:
        """Give the turn to the next ticket; False if ``ticket`` had already expired."""
        return bool(await self._redis().eval(RELEASE, 2, *self._keys(conversation_id), ticket))

    @asynccontextmanager
    async def lock(
        self,
        conversation_id: str,
        lock_lifetime: float = LOCK_LIFETIME,
        wait_time_in_seconds: float | None = None,
    ) -> AsyncIterator[TicketLock]:
        """Wait for this conversation's turn, hold it for the ``async with`` block, then pass it on.

        Yields a ``TicketLock`` holding just the caller's ticket (Rasa ignores the value).
        Raises ``LockError`` if the caller's own ticket expired while it waited, which happens
        only when this process could not poll for longer than the lifetime.
        """
        poll = wait_time_in_seconds or self.poll_interval
        ticket = await self.issue(conversation_id, lock_lifetime)
        try:
            await self._wait_for_turn(conversation_id, ticket, lock_lifetime, poll)
            heartbeat = asyncio.create_task(self._keep_alive(conversation_id, ticket, lock_lifetime))
            try:
                yield TicketLock(conversation_id, deque([Ticket(ticket, time.time() + lock_lifetime)]))
            finally:
                heartbeat.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await heartbeat
        finally:
            await self._release_quietly(conversation_id, ticket)

    async def _wait_for_turn(self, conversation_id: str, ticket: int, lifetime: float, poll: float) -> None:
        while True:
            ahead = await self.tickets_ahead(conversation_id, ticket, lifetime)
            if ahead == 0:
                return
            if ahead < 0:
                raise LockError(f"Ticket {ticket} for conversation '{conversation_id}' expired while waiting.")
            logger.debug(f"Conversation '{conversation_id}': {ahead} ticket(s) before {ticket}, waiting.")
            await asyncio.sleep(poll)

    async def _keep_alive(self, conversation_id: str, ticket: int, lifetime: float) -> None:
        while True:
            await asyncio.sleep(lifetime / 3)
            try:
                expired = await self.tickets_ahead(conversation_id, ticket, lifetime) < 0
            except redis.RedisError as error:  # the next beat retries; the turn itself goes on
                logger.warning(f"Could not refresh the lock of conversation '{conversation_id}': {error}")
                continue
            if expired:
                logger.warning(f"Lock of conversation '{conversation_id}' expired while its turn was still running.")
                return

    async def _release_quietly(self, conversation_id: str, ticket: int) -> None:
        """A failed release must not turn a finished turn into an error: the ticket expires anyway."""
        try:
            if not await self.release(conversation_id, ticket):
                logger.warning(f"Ticket {ticket} of conversation '{conversation_id}' had expired before release.")
        except redis.RedisError as error:
            logger.warning(f"Could not release ticket {ticket} of conversation '{conversation_id}': {error}")
