"""deploy/helm/rasa-values.yaml: only keys the official Rasa chart knows, and data protection.

Helm and the chart cannot be run here (no helm binary, helm.rasa.com not reachable), so the
values are checked against a schema of the chart's values.yaml (chart 1.17.3; every mapping the
chart fills is closed, see the schema's $comment), and the settings that matter for a public
body are asserted one by one.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import jsonschema
import pytest
import yaml

from tests.deploy.files import CHART_SCHEMA, REPO, containers, dangling_references, helm_values

VARIABLE = re.compile(r"\$\{(\w+)\}")
SECRET_NAME = re.compile(r"PASSWORD|TOKEN|SECRET|_URL$", re.IGNORECASE)
SECRET_KEY = re.compile(r"password|token|secret|verify", re.IGNORECASE)


def chart_schema() -> dict[str, Any]:
    return json.loads(CHART_SCHEMA.read_text(encoding="utf-8"))


def settings() -> dict[str, Any]:
    return helm_values()["applicationSettings"]


def env_entries() -> dict[str, dict[str, Any]]:
    return {entry["name"]: entry for entry in helm_values()["extraEnv"]}


def test_values_use_only_keys_and_types_of_the_chart() -> None:
    jsonschema.validate(helm_values(), chart_schema())


@pytest.mark.parametrize(
    ("path", "key"),
    [
        (("applicationSettings", "telemetry"), "enable"),  # typo of "enabled"
        (("applicationSettings", "endpoints", "lockStore"), "key_prefix"),  # Rasa key, not a chart key
        ((), "replicas"),  # Kubernetes name, the chart says replicaCount
    ],
)
def test_key_the_chart_does_not_know_is_rejected(path: tuple[str, ...], key: str) -> None:
    values = copy.deepcopy(helm_values())
    node = values
    for part in path:
        node = node[part]
    node[key] = "x"
    with pytest.raises(jsonschema.ValidationError, match=key):
        jsonschema.validate(values, chart_schema())


def test_wrong_type_is_rejected() -> None:
    values = copy.deepcopy(helm_values())
    values["applicationSettings"]["endpoints"]["trackerStore"]["port"] = 5432  # the chart wants a string
    with pytest.raises(jsonschema.ValidationError, match="5432"):
        jsonschema.validate(values, chart_schema())


def test_no_telemetry_no_debug_log_no_http_api() -> None:
    assert settings()["telemetry"]["enabled"] is False
    assert settings()["debugMode"] is False
    assert settings()["enableAPI"] is False


def test_cors_allows_exactly_one_https_origin() -> None:
    assert re.fullmatch(r"https://[a-z0-9.-]+", settings()["cors"]), settings()["cors"]


def test_model_comes_from_the_image_not_from_a_download() -> None:
    assert settings()["initialModel"] == ""
    assert settings()["trainInitialModel"] is False
    assert settings()["endpoints"]["models"]["enabled"] is False


def test_no_secret_values_in_the_values_file() -> None:
    assert "token" not in settings(), "the chart copies this token into its own Secret: keep the API off instead"

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if SECRET_KEY.search(str(key)) and value is not None and not isinstance(value, dict):
                    assert VARIABLE.fullmatch(str(value)), f"{where}.{key}: Klartext statt ${{VARIABLE}}"
                walk(value, f"{where}.{key}")

    walk(settings()["endpoints"], "endpoints")
    walk(settings()["credentials"], "credentials")
    for name, entry in env_entries().items():
        if SECRET_NAME.search(name):
            assert "secretKeyRef" in entry.get("valueFrom", {}), f"{name} muss aus einem Secret kommen"


def rendered_sections() -> dict[str, Any]:
    """The parts of endpoints.yml/credentials.yml the chart writes (enabled sections only)."""
    endpoints = settings()["endpoints"]
    stores = ("trackerStore", "lockStore", "eventBroker")
    sections = {name: endpoints[name] for name in stores if endpoints[name]["enabled"]}
    sections.update(endpoints.get("additionalEndpoints") or {})
    sections["credentials"] = settings()["credentials"]["additionalChannelCredentials"]
    return sections


def test_every_variable_rasa_expands_is_set_in_the_pod() -> None:
    # Rasa refuses to start when a ${VARIABLE} in endpoints.yml or credentials.yml is unset.
    env = env_entries()
    for section, content in rendered_sections().items():
        for variable in VARIABLE.findall(yaml.safe_dump(content)):
            assert variable in env, f"{section}: ${{{variable}}} wird nirgends gesetzt"
            ref = next(iter(env[variable].get("valueFrom", {}).values()), {})
            assert not ref.get("optional"), f"{section} braucht {variable}, der Verweis ist aber optional"


def test_event_broker_needs_only_the_switch_to_be_turned_on() -> None:
    broker = settings()["endpoints"]["eventBroker"]
    assert set(VARIABLE.findall(yaml.safe_dump(broker))) <= set(env_entries())


def test_environment_references_point_to_existing_keys() -> None:
    assert dangling_references(helm_values()["extraEnv"]) == []


def test_channels_are_those_of_credentials_yml() -> None:
    local = yaml.safe_load((REPO / "credentials.yml").read_text(encoding="utf-8"))
    chart = settings()["credentials"]["additionalChannelCredentials"]
    assert settings()["credentials"]["enabled"] is True
    assert {name: value or {} for name, value in chart.items()} == {name: value or {} for name, value in local.items()}


def test_replicas_share_the_atomic_redis_lock_store() -> None:
    values = helm_values()
    lock = settings()["endpoints"]["lockStore"]
    assert values["replicaCount"] >= 2 and lock["enabled"] is True
    assert lock["type"] == "stores.redis_lock.AtomicRedisLockStore"
    assert lock["url"] == "${REDIS_URL}"
    # The class reads one URL; the chart's other defaults would be rendered as unknown options.
    assert lock["port"] is None and lock["password"] is None and lock["db"] is None


def test_lock_store_class_resolves_as_rasa_resolves_it() -> None:
    from rasa.core.lock_store import LockStore
    from rasa.shared.utils.common import class_from_module_path

    assert issubclass(class_from_module_path(settings()["endpoints"]["lockStore"]["type"]), LockStore)


def test_action_server_is_the_one_from_deploy_k8s_and_gets_the_shared_secret() -> None:
    action = helm_values()["rasa-action-server"]
    # The chart's own action_endpoint has no headers: it stays off, ours is an additional endpoint.
    assert action["install"] is False and action["external"]["enabled"] is False
    endpoint = settings()["endpoints"]["additionalEndpoints"]["action_endpoint"]
    assert endpoint["url"] == "http://lotse-action-server:5055/webhook"
    assert endpoint["headers"] == {"Authorization": "Bearer ${LOTSE_ACTION_TOKEN}"}
    committed = yaml.safe_load((REPO / "endpoints.yml").read_text(encoding="utf-8"))["action_endpoint"]
    assert endpoint["headers"] == committed["headers"]
    assert env_entries()["LOTSE_ACTION_TOKEN"]["valueFrom"]["secretKeyRef"] == {
        "name": "lotse-secrets", "key": "action-token"
    }


def test_the_action_server_pod_checks_the_same_secret() -> None:
    (server,) = [c for _, _, c in containers() if c["name"] == "action-server"]
    token = next(e for e in server["env"] if e["name"] == "LOTSE_ACTION_TOKEN")
    assert token["valueFrom"]["secretKeyRef"] == {"name": "lotse-secrets", "key": "action-token"}


def test_rasa_uses_the_same_image_as_the_other_pods() -> None:
    image = helm_values()["image"]
    ours = f"{image['repository']}:{image['tag']}"
    assert {container["image"] for _, _, container in containers()} == {ours}


def test_a_replica_that_answers_no_one_is_restarted_within_a_minute() -> None:
    """Issue 16: a frozen event loop took a replica out for good; the liveness probe ends it."""
    probe = helm_values()["livenessProbe"]
    assert probe["httpGet"]["path"] == "/"
    assert probe["periodSeconds"] * probe["failureThreshold"] + probe["timeoutSeconds"] <= 60
    assert probe["initialDelaySeconds"] >= helm_values()["readinessProbe"]["initialDelaySeconds"]
