"""When the bot cannot answer: which turns get the apology, and how the action server is checked."""

from __future__ import annotations

import asyncio
import contextlib

import pytest
from rasa.utils.endpoints import EndpointConfig

from channels.faults import FaultSettings, Outcome, action_server_answers, health_url, needs_apology
from tests.channels.conftest import Agent, fake_api, free_port, healthy


def test_settings_come_from_the_environment() -> None:
    faults = FaultSettings.from_env({"LOTSE_REPLY_TIMEOUT": "7.5", "LOTSE_HOTLINE": "02151 86-0"})
    assert faults.reply_timeout == 7.5 and "02151 86-0" in faults.apology
    assert "0800 4 5555 00" in FaultSettings.from_env({}).apology
    with pytest.raises(ValueError, match="LOTSE_REPLY_TIMEOUT"):
        FaultSettings.from_env({"LOTSE_REPLY_TIMEOUT": "0"})


def test_the_action_server_health_check() -> None:
    assert health_url("http://actions:5055/webhook") == "http://actions:5055/health"
    with fake_api(healthy) as api:
        assert asyncio.run(action_server_answers(Agent(api.url + "/webhook"))) is True
    with fake_api(lambda path, body: (503, {})) as api:
        assert asyncio.run(action_server_answers(Agent(api.url + "/webhook"))) is False
    assert asyncio.run(action_server_answers(Agent(f"http://127.0.0.1:{free_port()}/webhook"))) is False
    assert asyncio.run(action_server_answers(Agent(None))) is False


def test_silence_is_an_apology_only_when_something_is_broken() -> None:
    with fake_api(healthy) as api:
        up = Agent(api.url + "/webhook")
        assert asyncio.run(needs_apology(Outcome.DONE, False, up)) is False  # e.g. "Neustart": silent by design
        assert asyncio.run(needs_apology(Outcome.DONE, True, up)) is False
        assert asyncio.run(needs_apology(Outcome.SLOW, True, up)) is True
        assert asyncio.run(needs_apology(Outcome.FAILED, False, up)) is True
        assert asyncio.run(needs_apology(Outcome.DONE, False, Agent(api.url + "/webhook", ready=False))) is True
    down = Agent(f"http://127.0.0.1:{free_port()}/webhook")
    assert asyncio.run(needs_apology(Outcome.DONE, False, down)) is True
    assert asyncio.run(needs_apology(Outcome.DONE, True, down)) is False  # an answer was given


def test_a_failed_custom_action_gets_the_apology_even_after_an_answer() -> None:
    """With two action servers behind a load balancer the health check passes while the one that
    got the call is gone (measured with bench/faults.py): the failed call itself must count."""
    from rasa.core.actions.action import RemoteAction
    from rasa.core.channels.channel import CollectingOutputChannel
    from rasa.core.nlg import TemplatedNaturalLanguageGenerator
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker

    from channels.faults import watch

    gone = RemoteAction("action_search_courses", EndpointConfig(url=f"http://127.0.0.1:{free_port()}/webhook"))
    domain = Domain.empty()

    async def turn_like_rasa() -> None:
        """Rasa's processor logs a failing action and goes on; the citizen already got a message."""
        tracker = DialogueStateTracker("c-1", [])
        with contextlib.suppress(Exception):
            await gone.run(CollectingOutputChannel(), TemplatedNaturalLanguageGenerator({}), tracker, domain)

    async def turn_without_actions() -> None:
        await asyncio.sleep(0)

    async def check(processing) -> bool:  # type: ignore[no-untyped-def]
        _, outcome = await watch(processing(), timeout=10)
        return await needs_apology(outcome, said_anything=True, agent=None)

    assert asyncio.run(check(turn_like_rasa)) is True
    assert asyncio.run(check(turn_without_actions)) is False  # the next turn starts clean
