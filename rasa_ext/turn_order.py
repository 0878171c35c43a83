"""Which turn a Rasa process works on next: the one whose message came first.

A Rasa server works on all messages in flight on one event loop. A turn runs until it waits for
something outside the process (the action server, a messenger's API) and then joins the back of
the loop's ready queue when the answer is there, behind every message that arrived meanwhile and
starts its language understanding and prediction first. Under load a turn that calls the action
server several times (a course search: form validation, search, details) thus waits behind newer
messages again at each call: with 20 conversations in flight its latency was 1.6-1.8 times the
median at p95, although every message costs about the same CPU (docs/performance.md).

Here the turns take turns on the processor in the order their messages arrived: one turn works at
a time, and when it waits for another process, the oldest turn that can go on goes on. A message
arriving while older turns are still working waits until they are done or waiting elsewhere.
Nothing is refused and no work is added, and the processor is never left idle while a turn could
work (a turn waiting for the action server does not hold it), so throughput stays as it was; what
changes is who waits: the wait of each message becomes about the work of the messages before it,
as at a counter, instead of growing with the number of its own calls. Measured on the single bot
at 20 conversations, alternating with and without it (bench/alternate.py): the same throughput,
p95 a quarter and p99 a third lower.

Where it hooks into Rasa: ``MessageProcessor.handle_message`` (inside the conversation's lock, so
a second message of the same conversation waits for the lock without holding up anyone else) takes
the processor, calls to other processes give it up for the time they wait: the action endpoint's
``EndpointConfig.request`` (rasa_ext/action_client.py) and the messengers' output
(channels/faults.CountingOutput). ``LOTSE_OLDEST_FIRST=0`` switches it off (Rasa's own order).
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import itertools
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")


def enabled_by_env(env: Mapping[str, str] | None = None) -> bool:
    env = os.environ if env is None else env
    raw = env.get("LOTSE_OLDEST_FIRST", "").strip()
    if raw not in ("", "0", "1"):
        raise ValueError(f"LOTSE_OLDEST_FIRST muss 0 oder 1 sein, nicht {raw!r}")
    return raw != "0"


class TurnOrder:
    """One holder at a time; a free place goes to the waiting turn that arrived first.

    A free place is not taken on the spot: the turns that are ready to run sit in the event loop's
    queue in the order they became ready, and the first of them to ask would take it. The place
    is given out by a callback queued behind them instead, once they have all asked.
    """

    def __init__(self) -> None:
        self.busy = False
        self.waiting: list[tuple[int, int, asyncio.Future[None]]] = []
        self._arrivals = itertools.count()
        self._asks = itertools.count()  # never compare two futures, even for one turn asking twice
        self._giving = False

    def arrival(self) -> int:
        """The number of a new turn: lower numbers came first."""
        return next(self._arrivals)

    async def acquire(self, arrival: int) -> None:
        place = asyncio.get_running_loop().create_future()
        heapq.heappush(self.waiting, (arrival, next(self._asks), place))
        self._give_soon()
        try:
            await place  # _give sets ``busy`` for this turn
        except asyncio.CancelledError:
            if place.done() and not place.cancelled():
                self.release()  # the place came with the cancellation: pass it on
            # else the cancelled future stays in the heap and _give skips it
            raise

    def release(self) -> None:
        self.busy = False
        self._give_soon()

    def _give_soon(self) -> None:
        if not self.busy and self.waiting and not self._giving:
            self._giving = True
            asyncio.get_running_loop().call_soon(self._give)

    def _give(self) -> None:
        self._giving = False
        while not self.busy and self.waiting:
            _, _, place = heapq.heappop(self.waiting)
            if not place.done():
                place.set_result(None)
                self.busy = True


@dataclass
class _Turn:
    order: TurnOrder
    arrival: int
    task: asyncio.Task[Any] | None
    holding: bool = False


_current: ContextVar[_Turn | None] = ContextVar("lotse_turn", default=None)
_orders: dict[asyncio.AbstractEventLoop, TurnOrder] = {}


def _order_of_this_loop() -> TurnOrder:
    loop = asyncio.get_running_loop()
    order = _orders.get(loop)
    if order is None:
        for ended in [known for known in _orders if known.is_closed()]:
            del _orders[ended]
        order = _orders[loop] = TurnOrder()
    return order


def _own_turn() -> _Turn | None:
    """The turn the running task works on; tasks it started see it in their context but are not it."""
    turn = _current.get()
    return turn if turn is not None and turn.task is asyncio.current_task() else None


async def take_turn(work: Awaitable[T]) -> T:
    """Awaits ``work`` as a turn: with the processor, in arrival order (see the module docstring)."""
    if _own_turn() is not None:  # already a turn (Rasa never nests them; a second take would wait forever)
        return await work
    order = _order_of_this_loop()
    turn = _Turn(order, order.arrival(), asyncio.current_task())
    token = _current.set(turn)
    try:
        try:
            await order.acquire(turn.arrival)
        except BaseException:
            _close(work)
            raise
        turn.holding = True
        return await work
    finally:
        if turn.holding:
            turn.holding = False
            order.release()
        _current.reset(token)


@contextlib.asynccontextmanager
async def waiting_elsewhere() -> AsyncIterator[None]:
    """Around a wait for another process: the processor goes to the next turn meanwhile."""
    turn = _own_turn()
    if turn is None or not turn.holding:
        yield
        return
    turn.holding = False
    turn.order.release()
    try:
        yield
    finally:
        await turn.order.acquire(turn.arrival)  # the oldest first: this turn is older than new ones
        turn.holding = True


def _close(work: Awaitable[object]) -> None:
    """A coroutine that never started is closed, so Python does not warn that it was never awaited."""
    close = getattr(work, "close", None)
    if callable(close):
        close()


def in_turns(handle: Callable[..., Awaitable[T]]) -> Callable[..., Awaitable[T]]:
    """``MessageProcessor.handle_message`` as a turn."""

    async def handle_message(self: Any, message: Any) -> T:
        return await take_turn(handle(self, message))

    handle_message.lotse_in_turns = True  # type: ignore[attr-defined]
    return handle_message


def elsewhere(call: Callable[..., Awaitable[T]]) -> Callable[..., Awaitable[T]]:
    """A coroutine method that waits for another process, giving up the processor meanwhile."""

    async def waiting(*args: Any, **kwargs: Any) -> T:
        async with waiting_elsewhere():
            return await call(*args, **kwargs)

    waiting.lotse_elsewhere = True  # type: ignore[attr-defined]
    return waiting


def install(env: Mapping[str, str] | None = None) -> None:
    """Takes turns in Rasa's processor and gives them up during action calls (off: LOTSE_OLDEST_FIRST=0)."""
    from rasa.core.processor import MessageProcessor
    from rasa.utils.endpoints import EndpointConfig

    from rasa_ext.patching import replace

    if not enabled_by_env(env):
        return
    if not getattr(MessageProcessor.handle_message, "lotse_in_turns", False):
        replace(MessageProcessor, "handle_message", in_turns(MessageProcessor.handle_message))
    if not getattr(EndpointConfig.request, "lotse_elsewhere", False):
        replace(EndpointConfig, "request", elsewhere(EndpointConfig.request))
