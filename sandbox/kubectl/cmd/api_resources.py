"""``kubectl api-resources`` and ``kubectl api-versions`` (k8s.io/kubectl pkg/cmd/apiresources).

The rows are the resources Podlab's API server serves (resources.py), in discovery order, sorted
stably by API group unless ``--sort-by`` says name or kind. The header is printed even when no
resource matches, as kubectl prints it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from sandbox.kubectl.cmd.base import Command, Invocation
from sandbox.kubectl.errors import CmdError, UsageError
from sandbox.kubectl.flags import bool_flag, slice_flag, string_flag
from sandbox.kubectl.printers.tabwriter import format_get
from sandbox.kubectl.resources import RESOURCES, Resource

if TYPE_CHECKING:
    from sandbox.kubectl.context import Kube


def _go_list(args: list[str]) -> str:
    return "[" + " ".join(args) + "]"


def _selected(inv: Invocation) -> list[Resource]:
    out = []
    for r in RESOURCES:
        if inv.changed("api-group") and inv.flags["api-group"] != r.group:
            continue
        if inv.changed("namespaced") and inv.flags["namespaced"] != r.namespaced:
            continue
        if inv.flags["verbs"] and not set(inv.flags["verbs"]) <= set(r.verbs):
            continue
        if inv.flags["categories"] and not set(inv.flags["categories"]) <= set(r.categories):
            continue
        out.append(r)
    sort_by = inv.flags["sort-by"]
    if sort_by == "name":
        out.sort(key=lambda r: r.plural)
    elif sort_by == "kind":
        out.sort(key=lambda r: r.kind)
    else:
        out.sort(key=lambda r: r.group)
    return out


def run_api_resources(k: Kube, inv: Invocation) -> int:
    if inv.args:
        raise UsageError(inv.path, f"unexpected arguments: {_go_list(inv.args)}")
    output = inv.flags["output"]
    if output not in ("", "wide", "name"):
        raise CmdError(f"--output {output} is not available")
    if inv.flags["sort-by"] not in ("", "name", "kind"):
        raise CmdError("--sort-by accepts only name or kind")
    rows = _selected(inv)
    if output == "name":
        k.out("".join(f"{r.plural}.{r.group}\n" if r.group else f"{r.plural}\n" for r in rows))
        return 0
    lines = []
    if not inv.flags["no-headers"]:
        header = "NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND"
        lines.append(header + ("\tVERBS\tCATEGORIES\n" if output == "wide" else "\n"))
    for r in rows:
        line = f"{r.plural}\t{','.join(r.short_names)}\t{r.api_version}\t{'true' if r.namespaced else 'false'}\t{r.kind}"
        if output == "wide":
            line += f"\t{','.join(r.verbs)}\t{','.join(r.categories)}"
        lines.append(line + "\n")
    k.out(format_get("".join(lines)))
    return 0


def run_api_versions(k: Kube, inv: Invocation) -> int:
    if inv.args:
        raise UsageError(inv.path, f"unexpected arguments: {_go_list(inv.args)}")
    versions = sorted({r.api_version for r in RESOURCES})
    k.out("".join(v + "\n" for v in versions))
    return 0


COMMAND = Command(
    "api-resources", "Print the supported API resources on the server",
    flags=(
        string_flag("api-group", "Limit to resources in the specified API group."),
        bool_flag("cached", "Use the cached list of resources if available."),
        slice_flag("categories", "Limit to resources that belong to the specified categories."),
        bool_flag("namespaced", "If false, non-namespaced resources will be returned, otherwise returning "
                  "namespaced resources by default.", default=True),
        bool_flag("no-headers", "When using the default or custom-column output format, don't print headers "
                  "(default print headers)."),
        string_flag("output", "Output format. One of: (wide, name).", "o"),
        string_flag("sort-by", "If non-empty, sort list of resources using specified field. The field can be "
                    "either 'name' or 'kind'."),
        slice_flag("verbs", "Limit to resources that support the specified verbs."),
    ),
    run=run_api_resources)

API_VERSIONS = Command("api-versions", 'Print the supported API versions on the server, in the form of '
                       '"group/version"', run=run_api_versions)
