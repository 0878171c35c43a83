"""A small model of Kubernetes NetworkPolicy semantics, enough for deploy/k8s/network-policies.yaml.

Rules (kubernetes.io/docs/concepts/services-networking/network-policies): a pod selected by no
policy of a direction accepts everything in that direction; once selected, a connection is allowed
only if some rule of some selecting policy matches both the peer and the port. Supported peers:
podSelector, namespaceSelector and both together; no ipBlock, no matchExpressions, numeric ports.
A connection needs the sender's egress and the receiver's ingress.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tests.deploy.files import selects

NAMESPACE = "lotse"


@dataclass(frozen=True)
class Pod:
    labels: dict[str, str]
    namespace: str = NAMESPACE
    namespace_labels: dict[str, str] = field(default_factory=dict)

    def ns_labels(self) -> dict[str, str]:
        return {"kubernetes.io/metadata.name": self.namespace, **self.namespace_labels}


def _peer_matches(peer: dict[str, Any], pod: Pod) -> bool:
    assert set(peer) <= {"podSelector", "namespaceSelector"}, f"nicht modelliert: {peer}"
    for selector in peer.values():
        assert set(selector) <= {"matchLabels"}, f"nicht modelliert: {selector}"
    if "namespaceSelector" in peer:
        if not selects(peer["namespaceSelector"].get("matchLabels", {}), pod.ns_labels()):
            return False
    elif pod.namespace != NAMESPACE:
        return False
    return selects(peer.get("podSelector", {}).get("matchLabels", {}), pod.labels)


def _port_matches(ports: list[dict[str, Any]] | None, port: int, protocol: str) -> bool:
    if not ports:
        return True
    return any(p.get("port") == port and p.get("protocol", "TCP") == protocol for p in ports)


def _direction_allows(
    policies: list[dict[str, Any]], target: Pod, peer: Pod, port: int, protocol: str, direction: str
) -> bool:
    key, peers_key = ("ingress", "from") if direction == "Ingress" else ("egress", "to")
    selecting = [
        p
        for p in policies
        if target.namespace == NAMESPACE
        and direction in p["spec"].get("policyTypes", ["Ingress"])
        and selects(p["spec"]["podSelector"].get("matchLabels", {}), target.labels)
    ]
    if not selecting:
        return True
    for policy in selecting:
        for rule in policy["spec"].get(key, []):
            peers = rule.get(peers_key)
            peer_ok = not peers or any(_peer_matches(x, peer) for x in peers)
            if peer_ok and _port_matches(rule.get("ports"), port, protocol):
                return True
    return False


def allowed(policies: list[dict[str, Any]], source: Pod, target: Pod, port: int, protocol: str = "TCP") -> bool:
    return _direction_allows(policies, source, target, port, protocol, "Egress") and _direction_allows(
        policies, target, source, port, protocol, "Ingress"
    )
