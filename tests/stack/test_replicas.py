"""Two Rasa replicas behind HAProxy share one conversation without losing or mixing anything.

The whole stack of `make stack` runs once for this module (each replica loads the model, which
takes a while); each test uses its own conversation id. What is checked is what a citizen sees
(the answers) and what Rasa stored (the tracker in PostgreSQL): every message exactly once, in
order, followed by exactly the answers the citizen got for it.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import json
import os
import re
import shutil
import signal
import threading
import time
import urllib.request
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.botstack import newest_model
from tests.stack.harness import Stack, running_stack

CARD = re.compile(r"^\d+\. ")


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    postgres_url = os.environ.get("LOTSE_TEST_POSTGRES_URL")
    redis_url = os.environ.get("LOTSE_TEST_REDIS_URL")
    if not postgres_url or not redis_url:
        pytest.skip("LOTSE_TEST_POSTGRES_URL und LOTSE_TEST_REDIS_URL müssen gesetzt sein (Stack mit zwei Replikaten)")
    if not shutil.which("haproxy"):
        pytest.skip("HAProxy fehlt (Lastverteiler des Stacks): apt-get install -y haproxy")
    model = newest_model()
    if model is None or not model.is_file():
        pytest.skip("kein trainiertes Modell unter models/ – erst `make train` oder `make test` ausführen")
    amqp_url = os.environ.get("LOTSE_TEST_AMQP_URL", "")  # without it the stack runs without broker
    with running_stack(model, tmp_path_factory.mktemp("lotse-stack"), postgres_url, redis_url, amqp_url) as running:
        yield running


def turns(events: list[dict]) -> list[list[dict]]:
    """The stored conversation cut at each user message; checks that nothing precedes the first."""
    before, cut = [], []
    for event in events:
        if event["event"] == "user":
            cut.append([event])
        elif cut:
            cut[-1].append(event)
        else:
            before.append(event)
    assert {e.get("name") for e in before if e["event"] == "action"} <= {"action_session_start", "action_listen"}
    return cut


def assert_turn_is_whole(turn: list[dict], message: str, answer: list[str]) -> None:
    """One user message, exactly the answers the citizen saw, then the bot listens (once)."""
    assert turn[0]["text"] == message
    assert [e["text"] for e in turn if e["event"] == "bot" and e.get("text")] == answer
    listens = [e for e in turn if e["event"] == "action" and e.get("name") == "action_listen"]
    assert listens == [turn[-1]], "the turn does not end with exactly one action_listen"


def cards(answer: list[str]) -> list[str]:
    return [text for text in answer if CARD.match(text)]


def test_a_conversation_alternating_between_replicas_keeps_its_state(stack: Stack) -> None:
    sender = f"stack-{uuid.uuid4().hex}"
    rasa1, rasa2 = stack.replicas
    plan = [
        (rasa1, "Ich suche einen Pflegekurs in Krefeld"),
        (rasa2, "lieber online"),  # only makes sense with the search from the other replica
        (stack.balancer, "mehr anzeigen"),
        (stack.balancer, "nur abends"),
    ]
    answers = [stack.say(url, sender, message) for url, message in plan]

    first, online, more, evening = answers
    assert cards(first), first
    assert "Welches Thema" not in " ".join(online), "replica 2 did not know the topic from replica 1"
    assert cards(online) and all("online" in card for card in cards(online)), online
    assert cards(more)[0].startswith("4. "), more  # continues the list shown by the other replica
    assert cards(evening) and all("online" in c and "abends" in c for c in cards(evening)), evening

    stored = turns(stack.events(sender))
    assert [turn[0]["text"] for turn in stored] == [message for _, message in plan]
    for turn, (_, message), answer in zip(stored, plan, answers, strict=True):
        assert_turn_is_whole(turn, message, answer)
    assert all(count > 0 for count in stack.requests_per_replica().values()), "HAProxy used only one replica"


def test_simultaneous_messages_to_both_replicas_are_handled_one_after_another(stack: Stack) -> None:
    sender = f"stack-{uuid.uuid4().hex}"
    messages = [
        "Ich suche einen Pflegekurs in Krefeld",
        "Ich suche einen Deutschkurs in Wesel",
        "Ich suche einen Excel-Kurs in Bottrop",
        "Ich suche einen Staplerschein in Moers",
        "Ich suche einen Buchhaltungskurs in Korbach",
        "Ich suche einen Englischkurs in Homberg",
    ]
    start = threading.Barrier(len(messages))

    def send(index: int) -> list[str]:
        start.wait()  # all at the same moment, alternately to replica 1 and 2
        return stack.say(stack.replicas[index % 2], sender, messages[index])

    with ThreadPoolExecutor(len(messages)) as pool:
        answers = dict(zip(messages, pool.map(send, range(len(messages))), strict=True))

    stored = turns(stack.events(sender))
    assert sorted(turn[0]["text"] for turn in stored) == sorted(messages), "a message was lost or stored twice"
    for turn in stored:  # in whatever order they came, each turn is whole and not interleaved
        assert_turn_is_whole(turn, turn[0]["text"], answers[turn[0]["text"]])


def test_the_event_broker_carries_the_conversation(stack: Stack) -> None:
    if not stack.amqp_url:
        pytest.skip("LOTSE_TEST_AMQP_URL ist nicht gesetzt (Stack läuft ohne Ereignis-Broker)")
    import aio_pika

    sender = f"stack-{uuid.uuid4().hex}"
    message = "Ich suche einen Pflegekurs in Krefeld"

    async def listen_while_chatting() -> tuple[list[str], list[dict]]:
        connection = await aio_pika.connect(stack.amqp_url)
        try:
            channel = await connection.channel()
            exchange = await channel.get_exchange("lotse-events")  # declared by Rasa (endpoints.production.yml)
            queue = await channel.declare_queue(exclusive=True)  # our own copy of every event
            await queue.bind(exchange)
            answer = await asyncio.to_thread(stack.say, stack.balancer, sender, message)
            seen: list[dict] = []
            async with queue.iterator() as incoming:
                async for delivery in incoming:
                    await delivery.ack()
                    event = json.loads(delivery.body)
                    if event.get("sender_id") != sender:
                        continue  # other conversations on the same exchange
                    seen.append(event)
                    turn_done = event.get("event") == "action" and event.get("name") == "action_listen"
                    if turn_done and any(e.get("event") == "user" for e in seen):
                        return answer, seen
        finally:
            await connection.close()
        raise AssertionError("the broker stopped delivering")

    # In its own thread: after the browser tests in the same session, Playwright's sync API leaves an
    # event loop registered in the main thread, and asyncio.run() refuses to start there.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        answer, seen = pool.submit(asyncio.run, asyncio.wait_for(listen_while_chatting(), 120)).result()
    assert [e["text"] for e in seen if e["event"] == "user"] == [message]
    assert [e["text"] for e in seen if e["event"] == "bot" and e.get("text")] == answer


def test_socketio_long_polling_through_the_balancer_gets_its_answer(stack: Stack) -> None:
    """Every long-polling request of one client must reach the replica that holds its session."""
    base = f"{stack.balancer}/socket.io/?EIO=4&transport=polling"

    def request(url: str, body: str | None = None) -> str:
        data = body.encode() if body is not None else None
        with urllib.request.urlopen(urllib.request.Request(url, data=data), timeout=60) as response:
            return response.read().decode()

    def poll_until(url: str, expected: str) -> str:
        received = ""
        for _ in range(6):  # each poll waits until the server has something (at most 25 s)
            received += request(url)
            if expected in received:
                return received
        raise AssertionError(f"{expected!r} never arrived: {received[-1000:]}")

    handshake = request(base)  # engine.io: 0{"sid": ...}
    polling = f"{base}&sid={json.loads(handshake[1:])['sid']}"
    request(polling, "40")  # socket.io: connect to the default namespace
    poll_until(polling, "40{")
    session = uuid.uuid4().hex
    request(polling, "42" + json.dumps(["session_request", {"session_id": session}]))
    poll_until(polling, "session_confirm")
    message = {"message": "Ich suche einen Pflegekurs in Krefeld", "session_id": session}
    request(polling, "42" + json.dumps(["user_uttered", message]))
    answer = poll_until(polling, "passende Kurse")
    assert "bot_uttered" in answer


def _replica_pid(port: str) -> int:
    """The Rasa server listening on this port (its command line names the port)."""
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            args = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        ours = b"run" in args and b"actions" not in args and b"--port" in args
        if ours and args[args.index(b"--port") + 1] == port.encode():
            return int(proc.name)
    raise AssertionError(f"no Rasa server on port {port}")


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=3) as response:
            return response.status == 200
    except OSError:
        return False


def test_a_frozen_replica_is_restarted_while_the_other_carries_the_citizens(stack: Stack) -> None:
    """Issue 16: a replica whose event loop stops answering is killed and started again by the
    stack's watchdog (scripts/watchdog.py); citizens are answered throughout. Runs last: it
    leaves replica 1 newly started."""
    port = stack.replicas[0].rsplit(":", 1)[1]
    frozen = _replica_pid(port)
    os.kill(frozen, signal.SIGSTOP)  # alive, port open, answers no one: like a blocked event loop
    sender = uuid.uuid4().hex
    try:
        deadline = time.monotonic() + 600  # detection ~10 s, then the model loads again
        while not (_answers(stack.replicas[0] + "/") and not Path(f"/proc/{frozen}").exists()):
            assert time.monotonic() < deadline, "the frozen replica was not restarted"
            assert stack.say(stack.balancer, sender, "Hallo"), "the balancer left a citizen without answer"
            time.sleep(5)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(frozen, signal.SIGCONT)
    assert _replica_pid(port) != frozen
    assert stack.say(stack.replicas[0], uuid.uuid4().hex, "Ich suche einen Pflegekurs in Krefeld")
