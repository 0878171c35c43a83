"""deploy/k8s: what the manifests promise about security, health and wiring, checked file by file.

The schema test (test_k8s_schema.py) says each object is valid Kubernetes; these tests say the
objects fit together (selectors, ports, names, keys) and match the programs they start.
"""

from __future__ import annotations

import re

import pytest

from tests.deploy.files import (
    INGRESS_NAMESPACE,
    RASA_POD_LABELS,
    SECRET_TEMPLATE,
    containers,
    dangling_references,
    documents,
    manifests,
    named,
    of_kind,
    pod_templates,
    selects,
)
from tests.deploy.netpol import Pod, allowed

SECRET_NAME = re.compile(r"PASSWORD|TOKEN|SECRET|_URL$")
LONG_RUNNING = {"lotse-action-server", "lotse-advisor"}

RASA = Pod(RASA_POD_LABELS)
ACTIONS = Pod({"app.kubernetes.io/name": "lotse-action-server"})
ADVISOR = Pod({"app.kubernetes.io/name": "lotse-advisor"})
PURGE = Pod({"app.kubernetes.io/name": "lotse-privacy-purge"})
INGRESS = Pod({"app.kubernetes.io/name": "ingress-nginx"}, namespace=INGRESS_NAMESPACE)
STRANGER = Pod({"app": "irgendwas"}, namespace="andere-anwendung")
DNS = Pod({"k8s-app": "kube-dns"}, namespace="kube-system")


def container_ids() -> list[str]:
    return [f"{name}/{container['name']}" for name, _, container in containers()]


@pytest.mark.parametrize(("workload", "pod", "container"), list(containers()), ids=container_ids())
def test_container_runs_locked_down(workload: str, pod: dict, container: dict) -> None:
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] != 0
    assert pod["automountServiceAccountToken"] is False
    context = container["securityContext"]
    assert context["readOnlyRootFilesystem"] is True
    assert context["allowPrivilegeEscalation"] is False
    assert context["capabilities"]["drop"] == ["ALL"]
    # HOME and temporary files need one writable place.
    assert {"name": "tmp", "mountPath": "/tmp"} in container["volumeMounts"]


@pytest.mark.parametrize(("workload", "pod", "container"), list(containers()), ids=container_ids())
def test_container_has_requests_and_limits(workload: str, pod: dict, container: dict) -> None:
    for kind in ("requests", "limits"):
        assert set(container["resources"][kind]) == {"cpu", "memory"}, f"{workload}: {kind}"


@pytest.mark.parametrize(("workload", "pod", "container"), list(containers()), ids=container_ids())
def test_secrets_come_only_from_the_secret(workload: str, pod: dict, container: dict) -> None:
    for entry in container.get("env", []):
        if SECRET_NAME.search(entry["name"]):
            assert "secretKeyRef" in entry["valueFrom"], f"{workload}: {entry['name']}"
    assert dangling_references(container.get("env", [])) == []
    assert [source["configMapRef"]["name"] for source in container.get("envFrom", [])] == ["lotse-config"]


def test_secret_template_holds_placeholders_only() -> None:
    secret = documents(SECRET_TEMPLATE)[0]
    assert "data" not in secret
    for key, value in secret["stringData"].items():
        assert re.search(r"<[A-Z-]+>", value), f"{key}: kein Platzhalter"


def test_long_running_pods_are_probed_on_their_health_route() -> None:
    probed = {}
    for workload, _, container in containers():
        if workload in LONG_RUNNING:
            paths = {container[p]["httpGet"]["path"] for p in ("startupProbe", "readinessProbe", "livenessProbe")}
            ports = {container[p]["httpGet"]["port"] for p in ("startupProbe", "readinessProbe", "livenessProbe")}
            assert ports == {port["name"] for port in container["ports"]}
            probed[workload] = paths
    assert probed == {"lotse-action-server": {"/health"}, "lotse-advisor": {"/health"}}


def test_action_server_health_route_exists() -> None:
    from rasa_sdk.endpoint import create_app

    app = create_app("actions")
    assert "health" in {route.path for route in app.router.routes}


def test_advisor_health_route_exists(tmp_path) -> None:
    from advisor.web import create_app

    app = create_app(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert any(route.path == "health" and "GET" in route.methods for route in app.router.routes)


def command_of(workload: str) -> list[str]:
    [container] = [c for name, _, c in containers() if name == workload]
    return container["command"] + container["args"]


def test_commands_are_the_documented_ones() -> None:
    assert command_of("lotse-action-server") == [
        "python", "-m", "rasa_ext.command", "run", "actions", "--actions", "actions", "--port", "5055"
    ]
    assert command_of("lotse-advisor") == ["python", "-m", "advisor", "--host", "0.0.0.0", "--port", "8090"]
    assert command_of("lotse-privacy-purge") == ["lotse", "privacy", "purge"]


def test_purge_arguments_are_accepted_by_the_real_cli() -> None:
    from bot.cli import build_parser

    args = build_parser().parse_args(command_of("lotse-privacy-purge")[1:])
    assert (args.area, args.command, args.dry_run) == ("privacy", "purge", False)


def test_purge_runs_daily_one_at_a_time() -> None:
    cron = named("CronJob", "lotse-privacy-purge")["spec"]
    minute, hour, day, month, weekday = cron["schedule"].split()
    assert minute.isdigit() and hour.isdigit() and (day, month, weekday) == ("*", "*", "*")
    assert cron["concurrencyPolicy"] == "Forbid"


def test_services_reach_their_pods_on_named_ports() -> None:
    pods = {name: template for name, template in pod_templates()}
    for service in of_kind("Service"):
        selector = service["spec"]["selector"]
        if selector == RASA_POD_LABELS:
            # The chart's Rasa pods: container port named "http" (chart template deployment.yaml).
            assert service["spec"]["sessionAffinity"] == "ClientIP"
            assert [p["targetPort"] for p in service["spec"]["ports"]] == ["http"]
            continue
        [target] = [t for t in pods.values() if selects(selector, t["metadata"]["labels"])]
        names = {port["name"] for c in target["spec"]["containers"] for port in c["ports"]}
        assert {p["targetPort"] for p in service["spec"]["ports"]} <= names


def test_ingress_backends_exist() -> None:
    services = {s["metadata"]["name"]: s for s in of_kind("Service")}
    for ingress in of_kind("Ingress"):
        for rule in ingress["spec"]["rules"]:
            for path in rule["http"]["paths"]:
                backend = path["backend"]["service"]
                assert backend["port"]["name"] in {p["name"] for p in services[backend["name"]]["spec"]["ports"]}


def test_socketio_stays_on_one_replica() -> None:
    bot = named("Ingress", "lotse-bot")
    assert bot["metadata"]["annotations"]["nginx.ingress.kubernetes.io/upstream-hash-by"] == "$remote_addr"
    backends = {p["backend"]["service"]["name"] for r in bot["spec"]["rules"] for p in r["http"]["paths"]}
    assert backends == {"lotse-rasa-web"}
    assert named("Service", "lotse-rasa-web")["spec"]["sessionAffinity"] == "ClientIP"


def test_action_server_scales_and_keeps_one_pod_during_drains() -> None:
    deployment = named("Deployment", "lotse-action-server")
    assert "replicas" not in deployment["spec"], "the autoscaler owns the number of replicas"
    hpa = named("HorizontalPodAutoscaler", "lotse-action-server")["spec"]
    assert hpa["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": "lotse-action-server"}
    assert 2 <= hpa["minReplicas"] < hpa["maxReplicas"]
    budgets = {b["metadata"]["name"]: b["spec"] for b in of_kind("PodDisruptionBudget")}
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert selects(budgets["lotse-action-server"]["selector"]["matchLabels"], labels)
    assert budgets["lotse-action-server"]["minAvailable"] < hpa["minReplicas"]
    assert budgets["lotse-rasa"]["selector"]["matchLabels"] == RASA_POD_LABELS


def test_advisor_never_runs_twice() -> None:
    spec = named("Deployment", "lotse-advisor")["spec"]
    assert spec["replicas"] == 1 and spec["strategy"]["type"] == "Recreate"


def policies() -> list[dict]:
    return [doc for doc in manifests() if doc["kind"] == "NetworkPolicy"]


@pytest.mark.parametrize(
    ("source", "target", "port", "expected"),
    [
        (INGRESS, RASA, 5005, True),
        (INGRESS, ADVISOR, 8090, True),
        (RASA, ACTIONS, 5055, True),
        (INGRESS, ACTIONS, 5055, False),
        (ADVISOR, ACTIONS, 5055, False),
        (PURGE, ACTIONS, 5055, False),
        (STRANGER, ACTIONS, 5055, False),
        (STRANGER, RASA, 5005, False),
        (STRANGER, ADVISOR, 8090, False),
        (ACTIONS, RASA, 5005, False),
        (RASA, ADVISOR, 8090, False),
        (INGRESS, RASA, 5055, False),
    ],
)
def test_network_policies(source: Pod, target: Pod, port: int, expected: bool) -> None:
    assert allowed(policies(), source, target, port) is expected


@pytest.mark.parametrize("pod", [RASA, ACTIONS, ADVISOR, PURGE])
def test_every_pod_may_resolve_names(pod: Pod) -> None:
    assert allowed(policies(), pod, DNS, 53, "UDP")


def test_policies_select_the_pods_that_exist() -> None:
    labels = [t["metadata"]["labels"] for _, t in pod_templates()] + [RASA_POD_LABELS]
    for policy in policies():
        selector = policy["spec"]["podSelector"].get("matchLabels", {})
        assert any(selects(selector, pod) for pod in labels), policy["metadata"]["name"]
