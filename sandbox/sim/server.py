"""The simulated API server's verbs over the store: create, get, list, watch, update, delete.

Requests go through the real server's stages (staging/src/k8s.io/apiserver registry): strict
decoding, defaulting and admission, validation, then storage; errors are ``StatusError``s. Callers
get deep copies: nothing outside the simulation ever holds a stored object.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import errors, limits
from .apiserver import admission, decode as decoding, selectors, validation
from .apiserver.validation_update import prepare_pod_update
from .clock import PRIO_CONTROL
from .jsoncopy import copy_json
from .podio import PodIO
from .timefmt import rfc3339

if TYPE_CHECKING:
    from .cluster import Cluster

RESOURCE_OF = {"Pod": "pods", "Namespace": "namespaces", "Node": "nodes", "Event": "events"}
KIND_OF = {v: k for k, v in RESOURCE_OF.items()}
IMMORTAL_NAMESPACES = ("default", "kube-system", "kube-public")


def _resource_hint(obj: Any) -> str | None:
    """The endpoint a kubectl request for this object goes to (it picks it from the kind)."""
    # (a kind that is not a string, ``kind: []``, is for decoding to refuse, not a TypeError here)
    if isinstance(obj, dict) and obj.get("apiVersion") in ("v1", None) and isinstance(obj.get("kind"), str) \
            and obj["kind"] in RESOURCE_OF:
        return RESOURCE_OF[obj["kind"]]
    return None


class ApiServer:
    def __init__(self, cluster: Cluster) -> None:
        self.cluster = cluster
        self.io = PodIO(cluster)

    def handlers(self) -> dict[str, Any]:
        return {"namespaces.finalize": self.namespace_maybe_done}

    def to_json(self) -> dict[str, Any]:
        return {}

    def load(self, data: dict[str, Any]) -> None:
        return None

    # -- reads -----------------------------------------------------------------------------------
    def _require_namespace(self, namespace: str) -> dict[str, Any]:
        ns = self.cluster.store.get("namespaces", "", namespace)
        if ns is None:
            raise errors.not_found("namespaces", namespace)
        return ns

    def get(self, resource: str, namespace: str, name: str) -> dict[str, Any]:
        obj = self.cluster.store.get(resource, namespace, name)
        if obj is None:
            raise errors.not_found(resource, name)
        return copy_json(obj)

    def list(self, resource: str, namespace: str | None = None, label_selector: str = "",
             field_selector: str = "") -> dict[str, Any]:
        """A list in the API's shape: ``{"items": [...], "resourceVersion": "..."}``."""
        try:
            labels = selectors.parse_label_selector(label_selector) if label_selector else None
            fields = selectors.parse_field_selector(field_selector, resource) if field_selector else None
        except selectors.SelectorError as err:
            raise errors.bad_request(str(err)) from None
        items = []
        for obj in self.cluster.store.list(resource, namespace):
            if labels is not None and not labels.matches(obj["metadata"].get("labels") or {}):
                continue
            if fields is not None and not fields.matches_object(obj):
                continue
            items.append(copy_json(obj))
        return {"items": items, "resourceVersion": str(self.cluster.store.rv)}

    # -- create ----------------------------------------------------------------------------------
    def create(self, obj: Any, *, namespace: str | None = None, dry_run: bool = False,
               resource: str | None = None) -> dict[str, Any]:
        _check_request(obj)
        decoded = decoding.decode(obj, resource=resource or _resource_hint(obj))
        kind = decoded["kind"]
        if kind not in RESOURCE_OF:
            raise errors.StatusError(405, "MethodNotAllowed", f"the server does not allow this method on the "
                                     f"requested resource (post {kind.lower()}s)")
        res = RESOURCE_OF[kind]
        meta = decoded.setdefault("metadata", {})
        if res in ("pods", "events"):
            target = namespace or meta.get("namespace") or "default"
            if meta.get("namespace") and namespace and meta["namespace"] != namespace:
                raise errors.bad_request("the namespace of the provided object does not match the namespace "
                                         "sent on the request")
            meta["namespace"] = target
            ns = self._require_namespace(target)
            if ns["metadata"].get("deletionTimestamp"):
                raise errors.forbidden_error(res, meta.get("name") or meta.get("generateName", ""),
                                             f"unable to create new content in namespace {target} because it is "
                                             "being terminated")
        if res == "pods":
            prepared = admission.prepare_pod_create(decoded, self.cluster.ids.rng)
            errs = validation.validate_pod_create(prepared)
        elif res == "namespaces":
            prepared = admission.prepare_namespace_create(decoded, self.cluster.ids.rng)
            errs = validation.validate_namespace(prepared)
        else:
            prepared = admission.prepare_generic_create(decoded, self.cluster.ids.rng)
            errs = validation.validate_object_meta_only(prepared, namespaced=res == "events")
        name = prepared["metadata"].get("name", "")
        if errs:
            raise errors.invalid_object(kind, name, errs)
        self._check_quota(res, name)
        if self.cluster.store.get(res, prepared["metadata"].get("namespace", ""), name) is not None:
            raise errors.already_exists(res, name)
        stamped = {**prepared, "metadata": {**self.cluster.new_metadata(name, prepared["metadata"].get("namespace", "")),
                                             **{k: v for k, v in prepared["metadata"].items()
                                                if k not in ("uid", "creationTimestamp", "resourceVersion")}}}
        stamped["metadata"]["creationTimestamp"] = self.cluster.now_rfc3339()
        if dry_run:
            return copy_json(stamped)
        stored = self.cluster.store.create(res, stamped)
        if res == "pods":
            if stored["spec"].get("nodeName"):
                self.cluster.kubelet.on_bound(stored)
            else:
                self.cluster.scheduler.enqueue(stored)
        elif res == "nodes":
            self.cluster.scheduler.retry_pending()
        return copy_json(stored)

    def _check_quota(self, resource: str, name: str) -> None:
        """Podlab's built-in per-sandbox quota (limits.MAX_OBJECTS), checked where ResourceQuota
        admission runs: after validation, before storage."""
        limited = limits.MAX_OBJECTS.get(resource)
        if limited is None:
            return
        used = self.cluster.store.count(resource)
        if used >= limited:
            raise errors.exceeded_quota(resource, name, limits.QUOTA_NAME, resource, used, limited)

    # -- update ----------------------------------------------------------------------------------
    def update(self, obj: Any, *, namespace: str | None = None, dry_run: bool = False,
               resource: str | None = None) -> dict[str, Any]:
        """PUT: replace spec and metadata (not status) of an existing object."""
        _check_request(obj)
        decoded = decoding.decode(obj, resource=resource or _resource_hint(obj))
        res = RESOURCE_OF.get(decoded["kind"], "")
        meta = decoded.get("metadata") or {}
        ns = meta.get("namespace") or (namespace or "default" if res in ("pods", "events") else "")
        old = self.cluster.store.get(res, ns, meta.get("name", ""))
        if old is None:
            raise errors.not_found(res, meta.get("name", ""))
        if meta.get("resourceVersion") and meta["resourceVersion"] != old["metadata"]["resourceVersion"]:
            raise errors.conflict(res, old["metadata"]["name"], "the object has been modified; please apply your "
                                  "changes to the latest version and try again")
        if res == "pods":
            new = prepare_pod_update(decoded, old)
            errs = validation.validate_pod_update(new, old)
        else:
            new = {**decoded, "status": old.get("status", decoded.get("status"))}
            errs = []
        if errs:
            raise errors.invalid_object(decoded["kind"], old["metadata"]["name"], errs)
        kept = {k: old["metadata"][k] for k in ("uid", "creationTimestamp", "namespace", "deletionTimestamp",
                                                 "deletionGracePeriodSeconds") if k in old["metadata"]}
        new = {**new, "metadata": {**{k: v for k, v in new["metadata"].items() if k != "resourceVersion"}, **kept},
               "status": old.get("status", {})}
        if dry_run:
            return copy_json({**new, "metadata": {**new["metadata"],
                                                      "resourceVersion": old["metadata"]["resourceVersion"]}})
        stored = self.cluster.store.replace(res, new)
        if res == "pods":
            self.cluster.kubelet.on_pod_updated(old, stored)
            self._finalizers_released(stored)
        elif res == "nodes" and _scheduling_view(old) != _scheduling_view(stored):
            # A node update that may make a pending pod fit (labels for a nodeSelector or affinity,
            # taints, cordon) moves unschedulable pods back to the active queue at once, as the
            # scheduler's NodeUpdate queueing hints do (pkg/scheduler/framework/plugins/*/queueing hints).
            self.cluster.scheduler.retry_pending()
        return copy_json(stored)

    def _finalizers_released(self, pod: dict[str, Any]) -> None:
        meta = pod["metadata"]
        if meta.get("deletionTimestamp") and not meta.get("finalizers") \
                and meta["uid"] not in self.cluster.kubelet.pods:
            self.cluster.store.delete("pods", meta["namespace"], meta["name"])
            self.namespace_maybe_done(meta["namespace"])

    # -- delete ----------------------------------------------------------------------------------
    def delete(self, resource: str, namespace: str, name: str, *, grace_period: int | None = None,
               dry_run: bool = False) -> dict[str, Any]:
        obj = self.cluster.store.get(resource, namespace, name)
        if obj is None:
            raise errors.not_found(resource, name)
        if resource == "pods":
            return self._delete_pod(obj, grace_period, dry_run)
        if resource == "namespaces":
            return self._delete_namespace(obj, dry_run)
        if dry_run:
            return copy_json(obj)
        final = self.cluster.store.delete(resource, namespace, name)
        if resource == "nodes":
            for pod in self.cluster.store.list("pods"):
                if pod["spec"].get("nodeName") == name:
                    self._delete_pod(pod, 0, False)
        return copy_json(final)

    def _delete_pod(self, pod: dict[str, Any], grace_period: int | None, dry_run: bool) -> dict[str, Any]:
        """Graceful deletion (pod strategy CheckGracefulDelete, spec §7.1)."""
        meta, spec = pod["metadata"], pod["spec"]
        grace = int(spec.get("terminationGracePeriodSeconds", 30)) if grace_period is None else int(grace_period)
        if grace < 0:
            grace = 1
        if not spec.get("nodeName") or (pod.get("status") or {}).get("phase") in ("Succeeded", "Failed"):
            grace = 0
        now = self.cluster.clock.now
        if meta.get("deletionTimestamp"):
            current = int(meta.get("deletionGracePeriodSeconds", 0))
            if grace >= current and grace != 0:
                return copy_json(pod)
        if grace == 0:
            if dry_run:
                return copy_json(pod)
            if meta.get("finalizers"):
                held = {**pod, "metadata": {**meta, "deletionTimestamp": self.cluster.now_rfc3339(),
                                            "deletionGracePeriodSeconds": 0}}
                return copy_json(self.cluster.store.replace("pods", held))
            final = self.cluster.store.delete("pods", meta["namespace"], meta["name"])
            self.cluster.kubelet.on_pod_gone(pod)
            self.cluster.scheduler.retry_pending()
            self.namespace_maybe_done(meta["namespace"])
            return copy_json(final)
        deleting = {**pod, "metadata": {**meta, "deletionTimestamp": rfc3339(self.cluster.epoch + now + grace),
                                        "deletionGracePeriodSeconds": grace}}
        if dry_run:
            return copy_json(deleting)
        stored = self.cluster.store.replace("pods", deleting)
        self.cluster.kubelet.on_pod_deleting(stored)
        return copy_json(self.cluster.store.get("pods", meta["namespace"], meta["name"]) or stored)

    def _delete_namespace(self, ns: dict[str, Any], dry_run: bool) -> dict[str, Any]:
        name = ns["metadata"]["name"]
        if name in IMMORTAL_NAMESPACES:
            raise errors.forbidden_error("namespaces", name, "this namespace may not be deleted")
        if ns["metadata"].get("deletionTimestamp"):
            return copy_json(ns)
        terminating = {**ns, "metadata": {**ns["metadata"], "deletionTimestamp": self.cluster.now_rfc3339()},
                       "status": {**ns.get("status", {}), "phase": "Terminating"}}
        if dry_run:
            return copy_json(terminating)
        stored = self.cluster.store.replace("namespaces", terminating)
        for pod in self.cluster.store.list("pods", name):
            if not pod["metadata"].get("deletionTimestamp"):
                self._delete_pod(pod, None, False)
        self.cluster.clock.schedule(self.cluster.clock.now, "namespaces.finalize", [name], PRIO_CONTROL)
        return copy_json(stored)

    def namespace_maybe_done(self, name: str) -> None:
        """The namespace controller: a terminating namespace goes once nothing is left in it."""
        ns = self.cluster.store.get("namespaces", "", name)
        if ns is None or not ns["metadata"].get("deletionTimestamp"):
            return
        if self.cluster.store.list("pods", name):
            return
        for event in self.cluster.store.list("events", name):
            self.cluster.store.delete("events", name, event["metadata"]["name"])
        self.cluster.store.delete("namespaces", "", name)

    # -- pods' logs and exec ---------------------------------------------------------------------
    def logs(self, namespace: str, name: str, container: str | None = None, previous: bool = False) -> Any:
        return self.io.logs(namespace, name, container, previous)

    def exec(self, namespace: str, name: str, container: str | None, argv: list[str], stdin: str = "") -> Any:
        return self.io.exec(namespace, name, container, argv, stdin)


def _check_request(obj: Any) -> None:
    """The request's size (kube-apiserver's 3 MiB) and nesting (limits.MAX_DEPTH), before decoding."""
    if isinstance(obj, (str, bytes)):
        size = len(obj.encode("utf-8") if isinstance(obj, str) else obj)
        if size > limits.MAX_REQUEST_BYTES:
            raise errors.request_entity_too_large(limits.MAX_REQUEST_BYTES)
        deep = limits.json_text_too_deep(obj.decode("utf-8", "replace") if isinstance(obj, bytes) else obj)
    else:
        deep = limits.too_deep(obj)
    if deep:
        raise errors.bad_request(f"couldn't get version/kind; json parse error: exceeded max depth of {limits.MAX_DEPTH}")
    if not isinstance(obj, (str, bytes)) and limits.encoded_size(obj) > limits.MAX_REQUEST_BYTES:
        raise errors.request_entity_too_large(limits.MAX_REQUEST_BYTES)


def _scheduling_view(node: dict[str, Any]) -> tuple[Any, ...]:
    """What of a node the scheduler's filters read: its labels, taints and cordon."""
    spec = node.get("spec") or {}
    return (node["metadata"].get("labels"), spec.get("taints"), spec.get("unschedulable"))
