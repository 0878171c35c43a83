"""Every manifest in deploy/k8s validates against the Kubernetes JSON schemas, offline.

kubernetes-validate bundles the schemas (no network needed); "strict" also rejects fields that
Kubernetes does not know, which is how a typo would otherwise slip through until `kubectl apply`.
Same check by hand: ``.venv/bin/kubernetes-validate --strict -k 1.28 deploy/k8s/*.yaml deploy/k8s/*/*.yaml``
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.deploy.files import (
    K8S_DIR,
    KUBERNETES_VERSION,
    RASA_POD_LABELS,
    documents,
    helm_values,
    manifest_files,
)

kubernetes_validate = pytest.importorskip(
    "kubernetes_validate",
    reason="kubernetes-validate ist nicht installiert "
    "(pip install kubernetes-validate==1.28.3 importlib-resources==7.1.0)",
)


def validate(doc: dict) -> None:
    kubernetes_validate.validate(doc, KUBERNETES_VERSION, True)


@pytest.mark.parametrize("path", manifest_files(), ids=lambda p: p.relative_to(K8S_DIR).as_posix())
def test_manifest_is_valid_kubernetes(path: Path) -> None:
    docs = documents(path)
    assert docs, f"{path} enthält kein Objekt"
    for doc in docs:
        validate(doc)


DEPLOYMENT = {
    "apiVersion": "apps/v1",
    "kind": "Deployment",
    "metadata": {"name": "kaputt"},
    "spec": {
        "selector": {"matchLabels": {"app": "x"}},
        "template": {"metadata": {"labels": {"app": "x"}}, "spec": {"containers": [{"name": "x", "image": "x"}]}},
    },
}


def test_the_reference_deployment_itself_is_valid() -> None:
    validate(DEPLOYMENT)


def test_misspelt_field_is_rejected() -> None:
    doc = {**DEPLOYMENT, "spec": {**DEPLOYMENT["spec"], "replika": 2}}
    with pytest.raises(kubernetes_validate.ValidationError, match="replika"):
        validate(doc)


def test_wrong_type_is_rejected() -> None:
    broken = """
apiVersion: apps/v1
kind: Deployment
metadata: {name: kaputt}
spec:
  replicas: "zwei"
  selector: {matchLabels: {app: x}}
  template:
    metadata: {labels: {app: x}}
    spec: {containers: [{name: x, image: x}]}
"""
    with pytest.raises(kubernetes_validate.ValidationError, match="zwei"):
        validate(yaml.safe_load(broken))


def test_missing_required_field_is_rejected() -> None:
    doc = {**DEPLOYMENT, "spec": {"template": DEPLOYMENT["spec"]["template"]}}
    with pytest.raises(kubernetes_validate.ValidationError, match="selector"):
        validate(doc)


def test_kubernetes_parts_of_the_helm_values_are_valid() -> None:
    """The values that the chart copies into its Deployment, placed where its template puts them.

    This is not a render of the chart (no helm here); it checks that each fragment is valid
    Kubernetes of the kind the chart's template expects (deployment.yaml of chart 1.17.3).
    """
    values = helm_values()
    env = [{"name": "RASA_TELEMETRY_ENABLED", "value": "false"}, *values["extraEnv"]]
    deployment = {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "lotse-rasa"},
        "spec": {
            "replicas": values["replicaCount"],
            "strategy": values["strategy"],
            "selector": {"matchLabels": RASA_POD_LABELS},
            "template": {
                "metadata": {"labels": {**RASA_POD_LABELS, **values["podLabels"]}},
                "spec": {
                    "securityContext": values["podSecurityContext"],
                    "affinity": values["affinity"],
                    "volumes": values["volumes"],
                    "containers": [
                        {
                            "name": "rasa-oss",
                            "image": f"{values['image']['repository']}:{values['image']['tag']}",
                            "ports": [{"name": "http", "containerPort": values["applicationSettings"]["port"]}],
                            "securityContext": values["securityContext"],
                            "resources": values["resources"],
                            "livenessProbe": values["livenessProbe"],
                            "readinessProbe": values["readinessProbe"],
                            "env": env,
                            "volumeMounts": values["volumeMounts"],
                        }
                    ],
                },
            },
        },
    }
    validate(deployment)
