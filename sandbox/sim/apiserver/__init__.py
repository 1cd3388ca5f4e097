"""The simulated kube-apiserver's request pipeline for Pods, Namespaces, Nodes and Events (1.32).

A create goes through, in kube-apiserver's order:

    obj = decode.decode(body, resource="pods")           # strict decoding (400)
    pod = prepare_pod_create(obj, rng, namespace="default")  # defaults, admission, PrepareForCreate
    errs = validate_pod_create(pod)                      # field errors
    if errs: raise invalid_object("Pod", name, errs)     # 422

``create_pod`` does all four. An update: ``prepare_pod_update(new, old)`` then
``validate_pod_update(new, old)`` (``update_pod`` does both). The caller's store adds uid,
resourceVersion and creationTimestamp.
"""
from __future__ import annotations

import random
from typing import Any

from ..errors import StatusError, invalid_object
from .admission import generate_name, prepare_create, prepare_namespace_create, prepare_pod_create, random_string
from . import decode  # the module: decode.decode(obj, resource=...) is the function
from .decode import Decoded, decode_request
from .defaults import apply_defaults
from .field_selectors import FieldSelector, parse_field_selector, selectable_fields
from .qos import qos_class
from .quantity import Quantity, QuantityError, canonical_quantity, parse_quantity
from .selectors import LabelSelector, SelectorError, label_selector_as_selector, parse_label_selector, selector_from_set
from .validation_namespace import validate_namespace, validate_namespace_update, validate_node
from .validation_pod import validate_pod_create, warnings_on_pod_create
from .validation_update import prepare_pod_update, validate_pod_update

__all__ = [
    "Decoded", "FieldSelector", "StatusError", "LabelSelector", "Quantity", "QuantityError", "SelectorError",
    "apply_defaults", "canonical_quantity", "create_namespace", "create_pod", "decode", "decode_object", "decode_request",
    "generate_name", "label_selector_as_selector", "parse_field_selector", "parse_label_selector",
    "parse_quantity", "prepare_create", "prepare_namespace_create", "prepare_pod_create", "prepare_pod_update",
    "qos_class", "random_string", "selectable_fields", "selector_from_set", "update_pod", "validate_namespace",
    "validate_namespace_update", "validate_node", "validate_pod_create", "validate_pod_update",
    "warnings_on_pod_create",
]


decode_object = decode.decode


def create_pod(body: object, rng: random.Random, *, namespace: str = "default", **admission: Any) -> dict[str, Any]:
    """Decode, admit and validate a pod create; the object to store, or StatusError (400/403/422)."""
    pod = prepare_pod_create(decode_object(body, resource="pods"), rng, namespace=namespace, **admission)
    errs = validate_pod_create(pod)
    if errs:
        raise invalid_object("Pod", pod["metadata"].get("name", ""), errs)
    return pod


def update_pod(body: object, old: dict[str, Any]) -> dict[str, Any]:
    """Decode and validate a pod update (PUT) against the stored pod; the object to store."""
    pod = prepare_pod_update(decode_object(body, resource="pods"), old)
    errs = validate_pod_update(pod, old)
    if errs:
        raise invalid_object("Pod", pod["metadata"].get("name", ""), errs)
    return pod


def create_namespace(body: object, rng: random.Random) -> dict[str, Any]:
    """Decode, prepare and validate a namespace create."""
    namespace = prepare_namespace_create(decode_object(body, resource="namespaces"), rng)
    errs = validate_namespace(namespace)
    if errs:
        raise invalid_object("Namespace", namespace["metadata"].get("name", ""), errs)
    return namespace
