"""The resource types Podlab's API server serves, and how kubectl resolves what a learner types.

kubectl asks the server's discovery for resources and matches the typed word against plural,
singular, short names and kind, case-insensitively (client-go restmapper, the shortcut expander;
cli-runtime resource/builder.go ``mappingFor``). ``all`` is the category every workload type
belongs to; in Podlab only pods do. Anything else is
``error: the server doesn't have a resource type "foo"``.
"""
from __future__ import annotations

from dataclasses import dataclass

from sandbox.kubectl.errors import ResourceTypeError


@dataclass(frozen=True, slots=True)
class Resource:
    plural: str
    singular: str
    kind: str
    short_names: tuple[str, ...]
    namespaced: bool
    verbs: tuple[str, ...]
    categories: tuple[str, ...] = ()
    group: str = ""
    version: str = "v1"

    @property
    def api_version(self) -> str:
        return f"{self.group}/{self.version}" if self.group else self.version

    @property
    def kind_lower(self) -> str:
        """What the name printer and ``deleted`` messages call it: ``pod`` (``kind.group`` for a group)."""
        return f"{self.kind.lower()}.{self.group}" if self.group else self.kind.lower()

    def names(self) -> tuple[str, ...]:
        return (self.plural, self.singular, self.kind.lower(), *self.short_names)


_ALL_VERBS = ("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch")

# discovery (GET /api/v1) of a 1.32 server, restricted to what Podlab stores.
RESOURCES: tuple[Resource, ...] = (
    Resource("events", "event", "Event", ("ev",), True, _ALL_VERBS),
    Resource("namespaces", "namespace", "Namespace", ("ns",), False,
             ("create", "delete", "get", "list", "patch", "update", "watch")),
    Resource("nodes", "node", "Node", ("no",), False, _ALL_VERBS),
    Resource("pods", "pod", "Pod", ("po",), True, _ALL_VERBS, ("all",)),
)
BY_PLURAL = {r.plural: r for r in RESOURCES}
BY_KIND = {r.kind: r for r in RESOURCES}
_BY_NAME = {name: r for r in RESOURCES for name in r.names()}

def resolve(word: str) -> Resource:
    """One resource type as typed: ``po``, ``Pods``, ``Pod``, or fully specified ``pods.v1.``
    (resource.version.group). ``pods.v1`` names group "v1" and, as on a real server, matches
    nothing (cli-runtime builder.go mappingFor, apimachinery schema.ParseResourceArg)."""
    lowered = word.lower()
    parts = lowered.split(".")
    if len(parts) == 1:
        found = _BY_NAME.get(lowered)
    elif len(parts) >= 3 and parts[1] == "v1" and ".".join(parts[2:]) == "":
        found = _BY_NAME.get(parts[0])
    else:
        found = None
    if found is None:
        raise ResourceTypeError(parts[0])
    return found


def resolve_types(words: str) -> list[Resource]:
    """A comma-separated list of types; ``all`` expands to the ``all`` category (in order)."""
    out: list[Resource] = []
    for word in words.split(","):
        if not word:
            continue
        if word.lower() == "all":
            members = [r for r in RESOURCES if "all" in r.categories]
        else:
            members = [resolve(word)]
        for r in members:
            if r not in out:
                out.append(r)
    return out


def for_kind(kind: str, api_version: str) -> Resource | None:
    """The resource serving objects of this apiVersion/kind (an object read from a file), or None."""
    resource = BY_KIND.get(kind)
    if resource is None:
        return None
    if api_version == resource.api_version or (kind == "Event" and api_version == "events.k8s.io/v1"):
        return resource
    return None
