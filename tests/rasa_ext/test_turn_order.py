"""Turns take the processor in the order their messages arrived, and give it up while they wait."""

from __future__ import annotations

import asyncio

import pytest

from rasa_ext import turn_order
from rasa_ext.turn_order import TurnOrder, enabled_by_env, take_turn, waiting_elsewhere


class Log:
    """What the turns did, in the order they did it; and how many worked at the same time."""

    def __init__(self) -> None:
        self.steps: list[str] = []
        self.working = 0
        self.most = 0

    def step(self, text: str) -> None:
        self.steps.append(text)

    async def turn(self, name: str, calls: list[asyncio.Future[None]] | None = None) -> str:
        """A turn like Rasa's: understands, waits for the action server per call, answers."""
        self.working += 1
        self.most = max(self.most, self.working)
        self.step(f"{name}: versteht")
        for call in calls or []:
            self.working -= 1
            async with waiting_elsewhere():
                await call
            self.working += 1
            self.step(f"{name}: Aktion zurück")
        self.step(f"{name}: antwortet")
        self.working -= 1
        return name


def test_an_older_turn_back_from_the_action_server_goes_before_a_newer_message() -> None:
    """The new message is ready to run first (asyncio's order); the older turn still goes first."""

    async def main() -> Log:
        log, action = Log(), asyncio.get_running_loop().create_future()
        old = asyncio.ensure_future(take_turn(log.turn("alt", [action])))
        await asyncio.sleep(0)  # the old turn understood and waits for the action server
        new = asyncio.ensure_future(take_turn(log.turn("neu")))  # ready before the old one ...
        action.set_result(None)  # ... which is ready right after it
        assert await asyncio.gather(old, new) == ["alt", "neu"]
        return log

    assert asyncio.run(asyncio.wait_for(main(), 10)).steps == [
        "alt: versteht", "alt: Aktion zurück", "alt: antwortet", "neu: versteht", "neu: antwortet",
    ]


def test_while_a_turn_waits_for_the_action_server_the_next_one_works() -> None:
    async def main() -> Log:
        log, action = Log(), asyncio.get_running_loop().create_future()
        first = asyncio.ensure_future(take_turn(log.turn("eins", [action])))
        second = asyncio.ensure_future(take_turn(log.turn("zwei")))
        while len(log.steps) < 3:  # "zwei" finishes while "eins" still waits
            await asyncio.sleep(0)
        action.set_result(None)
        await asyncio.gather(first, second)
        return log

    log = asyncio.run(asyncio.wait_for(main(), 10))
    assert log.steps[:3] == ["eins: versteht", "zwei: versteht", "zwei: antwortet"]
    assert log.most == 1


def test_many_turns_work_one_at_a_time_and_start_in_arrival_order() -> None:
    async def main() -> Log:
        log = Log()
        loop = asyncio.get_running_loop()
        calls = {n: [loop.create_future() for _ in range(n % 3)] for n in range(8)}
        tasks = [asyncio.ensure_future(take_turn(log.turn(str(n), calls[n]))) for n in range(8)]
        while not all(task.done() for task in tasks):  # the action server answers one call per turn and round
            await asyncio.sleep(0)
            for futures in calls.values():
                pending = [call for call in futures if not call.done()]
                if pending:
                    pending[0].set_result(None)
        assert [task.result() for task in tasks] == [str(n) for n in range(8)]
        return log

    log = asyncio.run(asyncio.wait_for(main(), 10))
    assert log.most == 1
    assert [step for step in log.steps if step.endswith("versteht")] == [f"{n}: versteht" for n in range(8)]
    assert len([step for step in log.steps if step.endswith("antwortet")]) == 8


def test_a_failing_turn_gives_up_the_processor() -> None:
    async def fails() -> None:
        raise RuntimeError("Datenbank weg")

    async def main() -> list[object]:
        log = Log()
        return await asyncio.gather(take_turn(fails()), take_turn(log.turn("danach")), return_exceptions=True)

    failed, answered = asyncio.run(main())
    assert isinstance(failed, RuntimeError) and answered == "danach"


def test_cancelled_turns_never_block_the_others() -> None:
    """Cancelled while waiting for its place, or just after being given it: the next goes on."""

    async def main() -> Log:
        log = Log()
        order = turn_order._order_of_this_loop()
        waiting = asyncio.ensure_future(take_turn(log.turn("abgebrochen")))
        given = asyncio.ensure_future(take_turn(log.turn("bekommt Platz")))
        last = asyncio.ensure_future(take_turn(log.turn("zuletzt")))
        await order.acquire(-1)  # this test holds the processor, older than every turn
        await asyncio.sleep(0)
        waiting.cancel()
        order.release()
        order._give()  # the place goes to "bekommt Platz" ...
        given.cancel()  # ... cancelled before it could start
        await asyncio.gather(waiting, given, last, return_exceptions=True)
        assert waiting.cancelled() and given.cancelled()
        assert not order.busy and all(place.done() for _, _, place in order.waiting)
        return log

    assert asyncio.run(main()).steps == ["zuletzt: versteht", "zuletzt: antwortet"]


def test_a_task_started_by_a_turn_is_not_that_turn() -> None:
    """Rasa starts background tasks inside a turn (event broker); they see the turn's context."""

    async def main() -> list[str]:
        log = Log()

        async def turn() -> None:
            log.step("versteht")

            async def background() -> None:
                async with waiting_elsewhere():  # not the turn: must neither give up nor wait
                    log.step("Hintergrund")

            await asyncio.ensure_future(background())
            log.step("antwortet")

        await take_turn(turn())
        return log.steps

    assert asyncio.run(main()) == ["versteht", "Hintergrund", "antwortet"]


def test_nested_turns_do_not_wait_for_themselves() -> None:
    async def main() -> str:
        return await take_turn(take_turn(Log().turn("innen")))

    assert asyncio.run(asyncio.wait_for(main(), 5)) == "innen"


def test_without_a_turn_waiting_elsewhere_changes_nothing() -> None:
    async def main() -> bool:
        async with waiting_elsewhere():
            return True

    assert asyncio.run(main())


def test_rasas_processor_takes_turns_and_action_calls_give_them_up(rasa_patches: tuple[str, ...]) -> None:
    from rasa.core.processor import MessageProcessor
    from rasa.utils.endpoints import EndpointConfig

    assert getattr(MessageProcessor.handle_message, "lotse_in_turns", False)  # installed by rasa_ext.install
    assert getattr(EndpointConfig.request, "lotse_elsewhere", False)
    before = MessageProcessor.handle_message
    turn_order.install()
    assert MessageProcessor.handle_message is before  # installing twice wraps once

    assert enabled_by_env({}) and enabled_by_env({"LOTSE_OLDEST_FIRST": "1"})
    assert not enabled_by_env({"LOTSE_OLDEST_FIRST": "0"})
    with pytest.raises(ValueError, match="LOTSE_OLDEST_FIRST"):
        enabled_by_env({"LOTSE_OLDEST_FIRST": "ja"})


def test_turn_order_alone() -> None:
    async def main() -> list[int]:
        order, given = TurnOrder(), []

        async def ask(arrival: int) -> None:
            await order.acquire(arrival)
            given.append(arrival)
            await asyncio.sleep(0)
            order.release()

        await asyncio.gather(*(ask(arrival) for arrival in (5, 3, 9, 1)))
        return given

    assert asyncio.run(main()) == [1, 3, 5, 9]
