"""The deployment files under test (deploy/), read the way kubectl and Helm read them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"
K8S_DIR = DEPLOY / "k8s"
SECRET_TEMPLATE = K8S_DIR / "secret-template" / "lotse-secrets.yaml"
CONFIG_MAP = K8S_DIR / "config.yaml"
HELM_VALUES = DEPLOY / "helm" / "rasa-values.yaml"
CHART_SCHEMA = DEPLOY / "helm" / "rasa-chart-1.17.3.values.schema.json"
DOCKERFILE = DEPLOY / "Dockerfile"
DOCKERIGNORE = REPO / ".dockerignore"
YAMLLINT_CONFIG = Path(__file__).with_name("yamllint.yaml")

#: The Kubernetes minor version the manifests are checked against (the newest schema that
#: kubernetes-validate 1.28.x bundles; every API used here is GA there).
KUBERNETES_VERSION = "1.28"
#: deploy/k8s/ addresses the chart's Rasa pods by their labels, which contain the release name.
RELEASE = "lotse"
RASA_POD_LABELS = {"app.kubernetes.io/name": "rasa", "app.kubernetes.io/instance": RELEASE}
#: Namespace of the ingress controller that the NetworkPolicies admit.
INGRESS_NAMESPACE = "ingress-nginx"

Doc = dict[str, Any]


def yaml_files() -> list[Path]:
    return sorted(DEPLOY.rglob("*.yaml"))


def manifest_files() -> list[Path]:
    return sorted(K8S_DIR.rglob("*.yaml"))


def documents(path: Path) -> list[Doc]:
    return [doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc is not None]


def manifests() -> list[Doc]:
    return [doc for path in manifest_files() for doc in documents(path)]


def of_kind(kind: str) -> list[Doc]:
    return [doc for doc in manifests() if doc["kind"] == kind]


def named(kind: str, name: str) -> Doc:
    matches = [doc for doc in of_kind(kind) if doc["metadata"]["name"] == name]
    assert len(matches) == 1, f"{kind} {name}: {len(matches)} Stück"
    return matches[0]


def helm_values() -> Doc:
    return yaml.safe_load(HELM_VALUES.read_text(encoding="utf-8"))


def pod_templates() -> Iterator[tuple[str, Doc]]:
    """(workload name, pod template) of every Deployment and CronJob in deploy/k8s."""
    for doc in manifests():
        if doc["kind"] == "Deployment":
            yield doc["metadata"]["name"], doc["spec"]["template"]
        elif doc["kind"] == "CronJob":
            yield doc["metadata"]["name"], doc["spec"]["jobTemplate"]["spec"]["template"]


def containers() -> Iterator[tuple[str, Doc, Doc]]:
    """(workload name, pod spec, container) for every container of deploy/k8s."""
    for name, template in pod_templates():
        for container in template["spec"]["containers"]:
            yield name, template["spec"], container


def selects(selector: dict[str, str], labels: dict[str, str]) -> bool:
    return all(labels.get(key) == value for key, value in selector.items())


def config_map_keys() -> set[str]:
    return set(documents(CONFIG_MAP)[0]["data"])


def secret_template_keys() -> set[str]:
    return set(documents(SECRET_TEMPLATE)[0]["stringData"])


def dangling_references(env: list[Doc]) -> list[str]:
    """References to keys that neither deploy/k8s/config.yaml nor the Secret template defines.

    A required reference to a missing key keeps the pod from starting ("couldn't find key").
    """
    known = {"lotse-config": config_map_keys(), "lotse-secrets": secret_template_keys()}
    missing = []
    for entry in env:
        source = entry.get("valueFrom", {})
        ref = source.get("configMapKeyRef") or source.get("secretKeyRef")
        if ref and ref["key"] not in known.get(ref["name"], set()):
            missing.append(f"{entry['name']} -> {ref['name']}/{ref['key']}")
    return missing
