"""Small HTTP helpers for posting webhooks the way the messengers do."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any


def post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, str]:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def post_json(url: str, payload: Any, headers: dict[str, str] | None = None) -> tuple[int, str]:
    return post(url, json.dumps(payload).encode(), {"Content-Type": "application/json", **(headers or {})})


def post_form(url: str, fields: dict[str, str], headers: dict[str, str] | None = None) -> tuple[int, str]:
    body = urllib.parse.urlencode(fields).encode()
    return post(url, body, {"Content-Type": "application/x-www-form-urlencoded", **(headers or {})})


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
