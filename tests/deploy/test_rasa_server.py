"""The Rasa server the chart starts from our values: its arguments, what it serves, what is public.

The chart (templates/deployment.yaml, 1.17.3) starts ``rasa run --port <port> --cors <origin>
--jwt-method HS256 --jwt-secret $(JWT_SECRET) --auth-token $(RASA_TOKEN)`` (plus ``--enable-api``
and ``--debug`` when switched on) in /app, where it mounts endpoints.yml and credentials.yml.
The app is built with Rasa's own ``configure_app`` from the channels, CORS origin and API switch
in deploy/helm/rasa-values.yaml, as ``rasa run`` does in the pod, and its routes are compared with
the Ingress paths in deploy/k8s/ingress.yaml (Kubernetes "Prefix" matching).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from sanic import Sanic

from tests.deploy.files import helm_values, named


def chart_arguments() -> list[str]:
    settings = helm_values()["applicationSettings"]
    args = ["run"] + (["--enable-api"] if settings["enableAPI"] else [])
    args += ["--port", str(settings["port"]), "--cors", settings["cors"]]
    args += ["--jwt-method", "HS256", "--jwt-secret", "$(JWT_SECRET)", "--auth-token", "$(RASA_TOKEN)"]
    return args + (["--debug"] if settings["debugMode"] else [])


def test_chart_arguments_are_understood_by_rasa_3_6() -> None:
    from rasa.__main__ import create_argument_parser

    args = create_argument_parser().parse_args(chart_arguments())
    assert args.enable_api is False
    assert args.cors == [helm_values()["applicationSettings"]["cors"]]
    # Relative to the working directory /app: the model in the image, the files the chart mounts.
    assert args.model == "models"
    assert args.endpoints == "endpoints.yml"
    assert args.credentials is None  # rasa run then reads credentials.yml from the working directory


def rasa_routes(tmp_path: Path, enable_api: bool) -> set[str]:
    from rasa.core import run

    settings = helm_values()["applicationSettings"]
    credentials = tmp_path / "credentials.yml"
    credentials.write_text(yaml.safe_dump(settings["credentials"]["additionalChannelCredentials"]), encoding="utf-8")
    channels = run.create_http_input_channels(None, str(credentials))
    Sanic.test_mode = True  # several apps in one process
    app = run.configure_app(channels, cors=settings["cors"], enable_api=enable_api, port=settings["port"])
    return {"/" + route.path for route in app.router.routes}


def published(path: str) -> bool:
    """Kubernetes Prefix matching: whole path elements, trailing slash ignored."""
    ingress = named("Ingress", "lotse-bot")
    parts = [p for p in path.split("/") if p]
    for rule in ingress["spec"]["rules"]:
        for entry in rule["http"]["paths"]:
            assert entry["pathType"] == "Prefix"
            prefix = [p for p in entry["path"].split("/") if p]
            if parts[: len(prefix)] == prefix:
                return True
    return False


@pytest.fixture(scope="module")
def routes(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    assert helm_values()["applicationSettings"]["enableAPI"] is False
    return rasa_routes(tmp_path_factory.mktemp("rasa"), enable_api=False)


def test_every_channel_is_published(routes: set[str]) -> None:
    channel_routes = {route for route in routes if route.startswith(("/webhooks/", "/socket.io"))}
    assert {"/webhooks/rest/webhook", "/webhooks/feedback/rating", "/socket.io"} <= channel_routes
    assert [route for route in channel_routes if not published(route)] == []


def test_nothing_but_the_channels_is_served_or_published(routes: set[str]) -> None:
    others = {route for route in routes if not route.startswith(("/webhooks/", "/socket.io"))}
    assert others == {"/"}  # "Hello from Rasa", the probes' path
    assert not published("/")


def test_probe_path_exists(routes: set[str]) -> None:
    values = helm_values()
    for probe in ("readinessProbe", "livenessProbe"):
        assert values[probe]["httpGet"]["path"] in routes


def test_with_the_api_switched_on_the_api_would_be_served(tmp_path: Path) -> None:
    """Counter-check that the route comparison above can see the HTTP API at all."""
    routes = rasa_routes(tmp_path, enable_api=True)
    assert "/conversations/<conversation_id:path>/tracker" in routes
    assert not published("/conversations/x/tracker")
    assert not published("/model")
