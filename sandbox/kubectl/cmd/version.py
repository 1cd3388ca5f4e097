"""``kubectl version`` (k8s.io/kubectl pkg/cmd/version/version.go).

Client and server are both v1.32.5, the release the sandbox imitates. ``-o json`` prints the Go
struct order of ``version.Info`` (not sorted keys), indented by two spaces as MarshalIndent is
called there; ``-o yaml`` goes through sigs.k8s.io/yaml and is sorted.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sandbox.kubectl.cmd.base import Command, Invocation
from sandbox.kubectl.errors import CmdError
from sandbox.kubectl.flags import bool_flag, string_flag

if TYPE_CHECKING:
    from sandbox.kubectl.context import Kube

KUSTOMIZE_VERSION = "v5.5.0"
INFO: dict[str, str] = {  # version.Info, in its struct order
    "major": "1", "minor": "32", "gitVersion": "v1.32.5", "gitCommit": "9894294ef13a5b32803e3ca2c0d620a088cc84d1",
    "gitTreeState": "clean", "buildDate": "2025-05-15T09:12:10Z", "goVersion": "go1.23.8", "compiler": "gc",
    "platform": "linux/amd64",
}


def _json(value: dict[str, Any], indent: str = "") -> str:
    from sandbox.kubectl.printers.json import go_quote_json
    inner = indent + "  "
    items = []
    for key, item in value.items():
        text = _json(item, inner) if isinstance(item, dict) else go_quote_json(item)
        items.append(f"{inner}{go_quote_json(key)}: {text}")
    return "{\n" + ",\n".join(items) + "\n" + indent + "}"


def run_version(k: Kube, inv: Invocation) -> int:
    if inv.args:
        raise CmdError(f"extra arguments: {_go_list(inv.args)}")
    output = inv.flags["output"]
    if output not in ("", "yaml", "json"):
        raise CmdError("--output must be 'yaml' or 'json'")
    client_only = inv.flags["client"]
    doc: dict[str, Any] = {"clientVersion": dict(INFO), "kustomizeVersion": KUSTOMIZE_VERSION}
    if not client_only:
        doc["serverVersion"] = dict(INFO)
    if output == "":
        k.out(f"Client Version: {INFO['gitVersion']}\nKustomize Version: {KUSTOMIZE_VERSION}\n")
        if not client_only:
            k.out(f"Server Version: {INFO['gitVersion']}\n")
    elif output == "yaml":
        from sandbox.kubectl.printers.yaml import to_yaml
        k.out(to_yaml(doc) + "\n")
    else:
        k.out(_json(doc) + "\n")
    return 0


def _go_list(args: list[str]) -> str:
    return "[" + " ".join(args) + "]"


COMMAND = Command(
    "version", "Print the client and server version information",
    flags=(bool_flag("client", "If true, shows client version only (no server required)."),
           string_flag("output", "One of 'yaml' or 'json'.", "o")),
    run=run_version)
