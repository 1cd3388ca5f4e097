"""A pod's QoS class, as pkg/apis/core/helper/qos/qos.go ComputePodQOS decides it at creation.

Requests and limits of cpu and memory are summed over containers and init containers (positive
values only). None at all: BestEffort. Every container limiting both cpu and memory, and the summed
requests equal to the summed limits: Guaranteed. Anything else: Burstable.
"""
from __future__ import annotations

from fractions import Fraction
from typing import Any

from .quantity import QuantityError, parse_quantity

_QOS_RESOURCES = ("cpu", "memory")


def _amount(value: Any) -> Fraction:
    try:
        return parse_quantity(str(value)).value
    except QuantityError:
        return Fraction(0)


def qos_class(pod: dict[str, Any]) -> str:
    """"Guaranteed", "Burstable" or "BestEffort"."""
    spec = pod.get("spec") or {}
    requests: dict[str, Fraction] = {}
    limits: dict[str, Fraction] = {}
    guaranteed = True
    for container in list(spec.get("containers") or []) + list(spec.get("initContainers") or []):
        resources = (container or {}).get("resources") or {}
        for name, value in (resources.get("requests") or {}).items():
            amount = _amount(value)
            if name in _QOS_RESOURCES and amount > 0:
                requests[name] = requests.get(name, Fraction(0)) + amount
        found = set()
        for name, value in (resources.get("limits") or {}).items():
            amount = _amount(value)
            if name in _QOS_RESOURCES and amount > 0:
                found.add(name)
                limits[name] = limits.get(name, Fraction(0)) + amount
        if not found.issuperset(_QOS_RESOURCES):
            guaranteed = False
    if not requests and not limits:
        return "BestEffort"
    if guaranteed and any(limits.get(name) != amount for name, amount in requests.items()):
        guaranteed = False
    if guaranteed and len(requests) == len(limits):
        return "Guaranteed"
    return "Burstable"
