"""Restart a Rasa replica whose event loop stopped answering, and the load balancer's German error pages.

A replica can be alive as a process and still answer nobody: a turn that computes for ever blocks
its event loop (issue 16). HAProxy then marks it DOWN and sends everyone to the other one; when
that one freezes too, every citizen gets HAProxy's own error page. The turn guard (rasa_ext)
prevents the known cause; this is the defence in depth for `make stack`, as the liveness probe is
in Kubernetes (deploy/helm/rasa-values.yaml).
"""

from __future__ import annotations

import html
import json
import threading
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

#: Seconds between two looks at a replica, seconds it may take to answer, misses in a row that
#: count as frozen: a frozen replica is restarted within about 15 s.
INTERVAL_S = 2.0
TIMEOUT_S = 3.0
MISSES = 3


def answers(url: str, timeout: float = TIMEOUT_S) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status == 200
    except OSError:
        return False


@dataclass
class Watch:
    """Looks at one replica's root in a thread; ``frozen`` is set after ``misses`` failures in a row.

    Only a replica that has answered once is watched: a replica that is still loading its model
    is not frozen. After a restart, :meth:`restarted` waits for the first answer again.
    """

    name: str
    url: str
    misses: int = MISSES
    interval: float = INTERVAL_S
    probe: Callable[[str], bool] = answers
    frozen: threading.Event = field(default_factory=threading.Event)
    _seen_up: bool = False
    _missed: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)

    def start(self) -> Watch:
        threading.Thread(target=self._run, name=f"watchdog {self.name}", daemon=True).start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def restarted(self) -> None:
        self._seen_up, self._missed = False, 0
        self.frozen.clear()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            if self.frozen.is_set():
                continue
            if self.probe(self.url):
                self._seen_up, self._missed = True, 0
            elif self._seen_up:
                self._missed += 1
                if self._missed >= self.misses:
                    self.frozen.set()


def write_error_pages(directory: Path, apology: str) -> Path:
    """HAProxy's 502/503/504 in German: JSON with "meldung" for the REST channel, HTML elsewhere.

    The widget shows the "meldung" of a JSON error as it shows the channels' own (channels/rest.py).
    """
    directory.mkdir(parents=True, exist_ok=True)
    reasons = {502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout"}
    for status, reason in reasons.items():
        rest = json.dumps({"code": "unavailable", "meldung": apology}, ensure_ascii=False).encode()
        page = (
            '<!doctype html>\n<html lang="de"><head><meta charset="utf-8"><title>Vorübergehend nicht erreichbar'
            f"</title></head>\n<body><p>{html.escape(apology)}</p></body></html>\n"
        ).encode()
        for suffix, kind, body in (("-rest", "application/json", rest), ("", "text/html", page)):
            head = (
                f"HTTP/1.0 {status} {reason}\r\nCache-Control: no-cache\r\nConnection: close\r\nRetry-After: 30\r\n"
                f"Content-Type: {kind}; charset=utf-8\r\nContent-Length: {len(body)}\r\n\r\n"
            ).encode()
            (directory / f"{status}{suffix}.http").write_bytes(head + body)
    return directory
