"""What kube-apiserver does to a decoded object between decoding and validation on create.

In order (apiserver handlers/create.go, then registry/rest/create.go BeforeCreate):
1. the request's namespace is enforced (EnsureObjectNamespaceMatchesRequestNamespace);
2. mutating admission, in the default plugin order: ServiceAccount
   (plugin/pkg/admission/serviceaccount/admission.go), Priority (plugin/pkg/admission/priority),
   DefaultTolerationSeconds (plugin/pkg/admission/defaulttolerationseconds);
3. the strategy's PrepareForCreate (pkg/registry/core/pod/strategy.go: status reset to Pending with
   the QoS class, the SchedulingGated condition; namespace strategy: Active and the kubernetes
   finalizer);
4. generateName -> name (apiserver pkg/storage/names SimpleNameGenerator: base cut to 58 characters
   plus utilrand.String(5)).
uid, resourceVersion and creationTimestamp are left to the caller's store.
"""
from __future__ import annotations

import copy
import random
from collections.abc import Collection, Mapping
from typing import Any

from ..errors import bad_request, forbidden_error
from .defaults import LABEL_METADATA_NAME, apply_defaults, default_pod
from .qos import qos_class

# apimachinery pkg/util/rand/rand.go: "We omit vowels from the set of available characters to
# reduce the chances of "bad words" being formed."
ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789"
MAX_GENERATED_NAME_LENGTH = 63 - 5

SERVICE_ACCOUNT_VOLUME_PREFIX = "kube-api-access-"
API_TOKEN_MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount"
# pkg/serviceaccount: WarnOnlyBoundTokenExpirationSeconds = 60*60 + 7
TOKEN_EXPIRATION_SECONDS = 3607
TOLERATION_SECONDS = 300  # --default-not-ready-toleration-seconds / unreachable, both 300

# scheduling.SystemPriorityClasses(); any other name must exist as a PriorityClass.
SYSTEM_PRIORITY_CLASSES = {"system-node-critical": 2000001000, "system-cluster-critical": 2000000000}


def random_string(rng: random.Random, n: int = 5) -> str:
    """utilrand.String(n): n characters of ALPHANUMS."""
    return "".join(rng.choice(ALPHANUMS) for _ in range(n))


def generate_name(base: str, rng: random.Random) -> str:
    """names.SimpleNameGenerator.GenerateName."""
    return base[:MAX_GENERATED_NAME_LENGTH] + random_string(rng)


def _meta(obj: dict[str, Any]) -> dict[str, Any]:
    meta = obj.get("metadata")
    if not isinstance(meta, dict):
        meta = obj["metadata"] = {}
    return meta


def _before_create(obj: dict[str, Any], namespace: str | None) -> dict[str, Any]:
    """The handler's namespace rule and BeforeCreate's clearing of system fields."""
    meta = _meta(obj)
    if namespace is None:  # cluster-scoped: a namespace in the body is dropped
        meta.pop("namespace", None)
    elif not meta.get("namespace"):
        meta["namespace"] = namespace
    elif meta["namespace"] != namespace:
        raise bad_request("the namespace of the provided object does not match the namespace sent on the request")
    for key in ("deletionTimestamp", "deletionGracePeriodSeconds", "uid", "creationTimestamp",
                "selfLink", "managedFields"):
        meta.pop(key, None)
    return meta


def _admission_name(meta: dict[str, Any]) -> str:
    """admission.NewForbidden's extractResourceName: the name, else generateName, else "Unknown"."""
    return meta.get("name") or meta.get("generateName") or "Unknown"


def _finish_name(meta: dict[str, Any], rng: random.Random) -> None:
    if meta.get("generateName") and not meta.get("name"):
        meta["name"] = generate_name(meta["generateName"], rng)


def prepare_pod_create(pod: dict[str, Any], rng: random.Random, *, namespace: str | None = None,
                       service_accounts: Collection[str] | None = None,
                       priority_classes: Mapping[str, int] | None = None) -> dict[str, Any]:
    """The pod as it would be stored, before validation (see validate_pod_create).

    ``pod`` is a decoded v1 Pod (decode.py); ``namespace`` the request's namespace (default: the
    pod's own, else ``default``). ``service_accounts`` are the accounts that exist in the namespace
    (default: just ``default``); ``priority_classes`` the extra PriorityClasses by name.
    Raises StatusError 403 for an admission refusal and 400 for a namespace mismatch.
    """
    pod = default_pod(copy.deepcopy(pod))
    if namespace is None:
        namespace = str((pod.get("metadata") or {}).get("namespace") or "default")
    meta = _before_create(pod, namespace)
    spec = pod["spec"]
    if not spec.get("serviceAccountName") and spec.get("serviceAccount"):
        spec["serviceAccountName"] = spec["serviceAccount"]  # Convert_v1_PodSpec_To_core_PodSpec
    _admit_service_account(pod, rng, namespace, service_accounts)
    _admit_priority(pod, priority_classes or {})
    _admit_default_toleration_seconds(spec)
    spec["serviceAccount"] = spec.get("serviceAccountName", "")  # DeprecatedServiceAccount on output
    default_pod(pod)  # defaults apply again whenever the object is read back
    pod["status"] = {"phase": "Pending", "qosClass": qos_class(pod)}
    if spec.get("schedulingGates"):
        pod["status"]["conditions"] = [{
            "type": "PodScheduled", "status": "False", "reason": "SchedulingGated",
            "message": "Scheduling is blocked due to non-empty scheduling gates",
            "lastProbeTime": None, "lastTransitionTime": None,
        }]
    _finish_name(meta, rng)
    return pod


def _admit_service_account(pod: dict[str, Any], rng: random.Random, namespace: str,
                           service_accounts: Collection[str] | None) -> None:
    meta, spec = pod["metadata"], pod["spec"]
    if "kubernetes.io/config.mirror" in (meta.get("annotations") or {}):
        return  # mirror pods are left alone
    if not spec.get("serviceAccountName"):
        spec["serviceAccountName"] = "default"
    name = spec["serviceAccountName"]
    if name not in (service_accounts if service_accounts is not None else ("default",)):
        raise forbidden_error("pods", _admission_name(meta),
                              f'error looking up service account {namespace}/{name}: serviceaccount "{name}" not found')
    if spec.get("automountServiceAccountToken") is False:
        return  # shouldAutomount: the pod's preference wins
    volumes = spec.setdefault("volumes", [])
    existing = next((v["name"] for v in volumes if isinstance(v, dict)
                     and str(v.get("name", "")).startswith(SERVICE_ACCOUNT_VOLUME_PREFIX)), None)
    volume_name = existing or generate_name(SERVICE_ACCOUNT_VOLUME_PREFIX, rng)
    mount = {"name": volume_name, "readOnly": True, "mountPath": API_TOKEN_MOUNT_PATH}
    needed = False
    for key in ("initContainers", "containers"):
        for container in spec.get(key) or []:
            mounts = container.setdefault("volumeMounts", [])
            if not any(m.get("mountPath") == API_TOKEN_MOUNT_PATH for m in mounts):
                mounts.append(dict(mount))
                needed = True
    if not volumes:
        del spec["volumes"]
    if existing is None and needed:
        spec.setdefault("volumes", []).append({"name": volume_name, "projected": _token_volume_source()})


def _token_volume_source() -> dict[str, Any]:
    """serviceaccount.TokenVolumeSource()."""
    return {
        "defaultMode": 420,
        "sources": [
            {"serviceAccountToken": {"expirationSeconds": TOKEN_EXPIRATION_SECONDS, "path": "token"}},
            {"configMap": {"name": "kube-root-ca.crt", "items": [{"key": "ca.crt", "path": "ca.crt"}]}},
            {"downwardAPI": {"items": [{"path": "namespace",
                                        "fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}}]}},
        ],
    }


def _admit_priority(pod: dict[str, Any], priority_classes: Mapping[str, int]) -> None:
    """Priority admission on create: resolve priorityClassName, or the no-default-class value 0."""
    meta, spec = pod["metadata"], pod["spec"]
    class_name = spec.get("priorityClassName") or ""
    if not class_name:
        priority = 0  # scheduling.DefaultPriorityWhenNoDefaultClassExists
    elif class_name in SYSTEM_PRIORITY_CLASSES or class_name in priority_classes:
        priority = {**SYSTEM_PRIORITY_CLASSES, **priority_classes}[class_name]
    else:
        raise forbidden_error("pods", _admission_name(meta), f"no PriorityClass with name {class_name} was found")
    if spec.get("priority") is not None and spec["priority"] != priority:
        raise forbidden_error("pods", _admission_name(meta),
                              f"the integer value of priority ({spec['priority']}) must not be provided in pod spec; "
                              f"priority admission controller computed {priority} from the given PriorityClass name")
    spec["priority"] = priority
    policy = "PreemptLowerPriority"
    if spec.get("preemptionPolicy") and spec["preemptionPolicy"] != policy:
        raise forbidden_error("pods", _admission_name(meta),
                              f"the string value of PreemptionPolicy ({spec['preemptionPolicy']}) must not be provided "
                              f"in pod spec; priority admission controller computed {policy} from the given "
                              "PriorityClass name")
    spec["preemptionPolicy"] = policy


def _admit_default_toleration_seconds(spec: dict[str, Any]) -> None:
    """DefaultTolerationSeconds: tolerate not-ready and unreachable NoExecute taints for 300 s."""
    tolerations = spec.setdefault("tolerations", [])
    wanted = []
    for key in ("node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"):
        if not any(t.get("key", "") in (key, "") and t.get("effect", "") in ("NoExecute", "")
                   for t in tolerations if isinstance(t, dict)):
            wanted.append({"key": key, "operator": "Exists", "effect": "NoExecute",
                           "tolerationSeconds": TOLERATION_SECONDS})
    tolerations.extend(wanted)


def prepare_namespace_create(namespace: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """Namespace strategy PrepareForCreate (Active, the ``kubernetes`` finalizer), generateName, and
    Canonicalize's ``kubernetes.io/metadata.name`` label."""
    namespace = apply_defaults(copy.deepcopy(namespace))
    meta = _before_create(namespace, None)
    namespace["status"] = {"phase": "Active"}
    spec = namespace.setdefault("spec", {})
    finalizers = spec.setdefault("finalizers", [])
    if "kubernetes" not in finalizers:
        finalizers.append("kubernetes")
    _finish_name(meta, rng)
    if meta.get("name"):
        meta.setdefault("labels", {})[LABEL_METADATA_NAME] = meta["name"]
    return namespace


def prepare_generic_create(obj: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """Node, Event and other kinds without admission: defaults, BeforeCreate's clearing of system
    fields and generateName. A Node (cluster-scoped) loses any namespace; others keep theirs."""
    obj = apply_defaults(copy.deepcopy(obj))
    namespace = None if obj.get("kind") == "Node" else str(_meta(obj).get("namespace") or "default")
    meta = _before_create(obj, namespace)
    _finish_name(meta, rng)
    return obj


def prepare_create(obj: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """The create preparation for any kind Podlab serves."""
    if obj.get("kind") == "Pod":
        return prepare_pod_create(obj, rng)
    if obj.get("kind") == "Namespace":
        return prepare_namespace_create(obj, rng)
    return prepare_generic_create(obj, rng)


