"""Discovery documents: what ``kubectl api-resources`` and every client's RESTMapper read first.

Legacy discovery is three kinds of documents: ``/api`` (APIVersions), ``/apis`` (APIGroupList),
``/api/v1`` and ``/apis/GROUP/VERSION`` (APIResourceList). Aggregated discovery (apidiscovery.k8s.io
v2, GA in 1.30) answers ``/api`` and ``/apis`` with every resource at once when the client asks for
it in its Accept header, which kubectl 1.32 does, saving it a request per group version
(apiserver pkg/endpoints/discovery/aggregated). Both are built from registry.SERVED.
"""
from __future__ import annotations

from typing import Any

from sandbox.api.registry import GROUPS, Served, served_in
from sandbox.kubectl.cmd.version import INFO

AGGREGATED_CONTENT_TYPE = "application/json;g=apidiscovery.k8s.io;v={v};as=APIGroupDiscoveryList"


def version() -> dict[str, Any]:
    """GET /version: the version.Info of the 1.32 release the sandbox imitates."""
    return dict(INFO)


def api_versions(server_address: str) -> dict[str, Any]:
    return {"kind": "APIVersions", "versions": list(GROUPS[""]),
            "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": server_address}]}


def _group_versions(group: str) -> list[dict[str, str]]:
    return [{"groupVersion": f"{group}/{v}", "version": v} for v in GROUPS[group]]


def api_group(group: str) -> dict[str, Any]:
    versions = _group_versions(group)
    return {"kind": "APIGroup", "apiVersion": "v1", "name": group, "versions": versions,
            "preferredVersion": versions[0]}


def api_group_list() -> dict[str, Any]:
    groups = []
    for group in GROUPS:
        if group:
            body = api_group(group)
            groups.append({k: body[k] for k in ("name", "versions", "preferredVersion")})
    return {"kind": "APIGroupList", "apiVersion": "v1", "groups": groups}


def api_resource_list(group: str, version: str) -> dict[str, Any]:
    resources: list[dict[str, Any]] = []
    for s in sorted(served_in(group, version), key=lambda s: s.plural):
        entry: dict[str, Any] = {"name": s.plural, "singularName": s.singular, "namespaced": s.namespaced,
                                 "kind": s.kind, "verbs": list(s.verbs)}
        if s.short_names:
            entry["shortNames"] = list(s.short_names)
        if s.categories:
            entry["categories"] = list(s.categories)
        resources.append(entry)
        for sub in s.subresources:
            resources.append({"name": f"{s.plural}/{sub.name}", "singularName": "", "namespaced": s.namespaced,
                              "kind": sub.kind, "verbs": list(sub.verbs)})
    gv = f"{group}/{version}" if group else version
    return {"kind": "APIResourceList", "groupVersion": gv, "resources": resources}


def _aggregated_resource(s: Served) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "resource": s.plural,
        "responseKind": {"group": s.group, "version": s.version, "kind": s.kind},
        "scope": "Namespaced" if s.namespaced else "Cluster",
        "singularResource": s.singular,
        "verbs": list(s.verbs),
    }
    if s.short_names:
        entry["shortNames"] = list(s.short_names)
    if s.categories:
        entry["categories"] = list(s.categories)
    if s.subresources:
        entry["subresources"] = [{"subresource": sub.name,
                                  "responseKind": {"group": sub.group, "version": sub.version, "kind": sub.kind},
                                  "verbs": list(sub.verbs)} for sub in s.subresources]
    return entry


def aggregated(legacy: bool, version: str) -> dict[str, Any]:
    """APIGroupDiscoveryList for ``/api`` (legacy=True: the core group) or ``/apis``."""
    items = []
    for group, versions in GROUPS.items():
        if (group == "") != legacy:
            continue
        metadata: dict[str, Any] = {"creationTimestamp": None}
        if group:
            metadata["name"] = group
        items.append({"metadata": metadata, "versions": [
            {"version": v, "resources": [_aggregated_resource(s) for s in
                                         sorted(served_in(group, v), key=lambda s: s.plural)],
             "freshness": "Current"} for v in versions]})
    return {"kind": "APIGroupDiscoveryList", "apiVersion": f"apidiscovery.k8s.io/{version}",
            "metadata": {}, "items": items}
