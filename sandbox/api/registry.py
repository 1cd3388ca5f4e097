"""What the sandbox's Kubernetes API serves, and how a request path names it.

A subset of a 1.32 kube-apiserver's resources, with the verbs and subresources its discovery
documents lists for them (``kubectl api-resources -o wide`` on a kind cluster): core/v1 pods,
namespaces, nodes and events, and events.k8s.io/v1 events, which are the core events in another
shape (eventsv1.py). Paths follow the API's layout (apiserver pkg/endpoints/installer.go):

    /api/v1/pods                                  every namespace
    /api/v1/namespaces/NS/pods[/NAME[/SUB]]       namespaced
    /api/v1/nodes[/NAME[/SUB]]                    cluster-scoped
    /apis/events.k8s.io/v1/namespaces/NS/events   a named group
    /api/v1/watch/...                             the deprecated watch prefix (= ?watch=true)
"""
from __future__ import annotations

from dataclasses import dataclass

ALL_VERBS = ("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch")
NAMESPACE_VERBS = ("create", "delete", "get", "list", "patch", "update", "watch")


@dataclass(frozen=True, slots=True)
class Subresource:
    name: str
    kind: str
    verbs: tuple[str, ...]
    group: str = ""
    version: str = "v1"


@dataclass(frozen=True, slots=True)
class Served:
    group: str
    version: str
    plural: str
    singular: str
    kind: str
    namespaced: bool
    verbs: tuple[str, ...]
    short_names: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    subresources: tuple[Subresource, ...] = ()
    store: str = ""                # the simulation's store resource ("" = plural)

    @property
    def group_version(self) -> str:
        return f"{self.group}/{self.version}" if self.group else self.version

    @property
    def stored_as(self) -> str:
        return self.store or self.plural

    def subresource(self, name: str) -> Subresource | None:
        return next((s for s in self.subresources if s.name == name), None)


_POD_SUBRESOURCES = (
    Subresource("attach", "PodAttachOptions", ("create", "get")),
    Subresource("exec", "PodExecOptions", ("create", "get")),
    Subresource("log", "Pod", ("get",)),
    Subresource("status", "Pod", ("get", "patch", "update")),
)

SERVED: tuple[Served, ...] = (
    Served("", "v1", "events", "event", "Event", True, ALL_VERBS, ("ev",)),
    Served("", "v1", "namespaces", "namespace", "Namespace", False, NAMESPACE_VERBS, ("ns",),
           subresources=(Subresource("status", "Namespace", ("get", "patch", "update")),)),
    Served("", "v1", "nodes", "node", "Node", False, ALL_VERBS, ("no",),
           subresources=(Subresource("status", "Node", ("get", "patch", "update")),)),
    Served("", "v1", "pods", "pod", "Pod", True, ALL_VERBS, ("po",), ("all",), _POD_SUBRESOURCES),
    Served("events.k8s.io", "v1", "events", "event", "Event", True, ALL_VERBS, ("ev",), store="events"),
)

# The groups, in the order discovery lists them ("" is the legacy core group under /api).
GROUPS: dict[str, tuple[str, ...]] = {"": ("v1",), "events.k8s.io": ("v1",)}

# Read by kubectl describe, not stored by the simulation, and not in discovery (so that
# ``api-resources`` lists what the sandbox really has): a node's Lease is answered from the node
# (describe node's "Lease:" section), a namespace has no ResourceQuota or LimitRange (describe
# namespace's "No resource quota." / "No LimitRange resource.").
LEASES = Served("coordination.k8s.io", "v1", "leases", "lease", "Lease", True, ("get",), store="nodes")
QUOTAS = Served("", "v1", "resourcequotas", "resourcequota", "ResourceQuota", True, ("get", "list"))
LIMIT_RANGES = Served("", "v1", "limitranges", "limitrange", "LimitRange", True, ("get", "list"))
UNSTORED = (LEASES, QUOTAS, LIMIT_RANGES)


def served_in(group: str, version: str) -> list[Served]:
    return [s for s in SERVED if s.group == group and s.version == version]


def lookup(group: str, version: str, plural: str) -> Served | None:
    hidden = next((s for s in UNSTORED if (s.group, s.version, s.plural) == (group, version, plural)), None)
    return hidden or next((s for s in served_in(group, version) if s.plural == plural), None)


@dataclass(frozen=True, slots=True)
class Target:
    """One REST path: a collection, an object, or a subresource of an object."""

    served: Served
    namespace: str | None = None          # None: cluster-scoped, or every namespace
    name: str | None = None
    subresource: str | None = None
    watch_prefix: bool = False

    @property
    def is_collection(self) -> bool:
        return self.name is None


class UnknownPath(Exception):
    """No resource lives at this path (the API server's 404 "the server could not find the requested resource")."""


def parse_resource_path(group: str, version: str, parts: list[str]) -> Target:
    """The target of ``parts`` (the segments after ``/api/v1`` or ``/apis/GROUP/VERSION``)."""
    watch = bool(parts) and parts[0] == "watch"
    if watch:
        parts = parts[1:]
    if not parts:
        raise UnknownPath()
    namespace: str | None = None
    if parts[0] == "namespaces" and len(parts) >= 3:
        inner = lookup(group, version, parts[2])
        if inner is not None and inner.namespaced:
            namespace, parts = parts[1], parts[2:]
    served = lookup(group, version, parts[0])
    if served is None or (served.namespaced is False and namespace is not None):
        raise UnknownPath()
    name = parts[1] if len(parts) > 1 else None
    sub = parts[2] if len(parts) > 2 else None
    if len(parts) > 3 or (sub is not None and served.subresource(sub) is None):
        raise UnknownPath()
    if name == "":
        raise UnknownPath()
    return Target(served, namespace, name, sub, watch)
