"""The kubeconfig on the learner's host: where it is, reading it, writing it, and the global
``--context``/``--cluster``/``--user`` flags checked against it (client-go tools/clientcmd).

The file is kubeadm's ``/etc/kubernetes/admin.conf`` (``$KUBECONFIG``, see sandbox/terminal/host.py);
``--kubeconfig`` names another. When no file can be read, the sandbox's own settings are used, so a
learner who deletes the file does not lose kubectl.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import yaml

from sandbox.kubectl.errors import CmdError, RawError
from sandbox.kubectl.flags import Parsed
from sandbox.kubectl.yamlreader import safe_load
from sandbox.sim.fs import FsError, normpath

if TYPE_CHECKING:
    from sandbox.kubectl.context import Kube

DEFAULT_SERVER = "https://172.18.0.4:6443"
DEFAULT_CONFIG: dict[str, Any] = {
    "apiVersion": "v1", "kind": "Config", "preferences": {},
    "clusters": [{"cluster": {"server": DEFAULT_SERVER}, "name": "kubernetes"}],
    "contexts": [{"context": {"cluster": "kubernetes", "user": "kubernetes-admin"},
                  "name": "kubernetes-admin@kubernetes"}],
    "current-context": "kubernetes-admin@kubernetes",
    "users": [{"name": "kubernetes-admin", "user": {}}],
}


def config_path(k: Kube, parsed: Parsed | None = None) -> str:
    """--kubeconfig, else the first path of $KUBECONFIG, else ~/.kube/config."""
    if parsed is not None and parsed.get("kubeconfig"):
        return normpath(parsed["kubeconfig"], k.cwd)
    env = k.env.get("KUBECONFIG", "")
    if env:
        return normpath(env.split(":")[0], k.cwd)
    return normpath(f"{k.env.get('HOME', '/root')}/.kube/config")


def load(k: Kube, parsed: Parsed | None = None) -> dict[str, Any]:
    try:
        data = safe_load(k.fs.read(config_path(k, parsed)))
    except (FsError, yaml.YAMLError):
        return dict(DEFAULT_CONFIG)
    return data if isinstance(data, dict) else dict(DEFAULT_CONFIG)


def save(k: Kube, config: dict[str, Any], parsed: Parsed | None = None) -> None:
    """clientcmd.WriteToFile: the config as sigs.k8s.io/yaml writes it (keys sorted)."""
    from sandbox.kubectl.printers.yaml import to_yaml
    try:
        k.fs.write(config_path(k, parsed), to_yaml(config))
    except FsError as err:
        raise CmdError(f"open {err.path}: {err.strerror.lower()}") from None


def named(config: dict[str, Any], section: str, name: str) -> dict[str, Any] | None:
    for entry in config.get(section) or []:
        if isinstance(entry, dict) and entry.get("name") == name:
            return entry
    return None


def current_context(config: dict[str, Any], parsed: Parsed | None = None) -> str:
    if parsed is not None and parsed.get("context"):
        return str(parsed["context"])
    return str(config.get("current-context") or "")


def server(k: Kube, parsed: Parsed | None = None) -> str:
    config = load(k, parsed)
    ctx = named(config, "contexts", current_context(config, parsed)) or {}
    cluster_name = (parsed.get("cluster") if parsed else "") or (ctx.get("context") or {}).get("cluster", "")
    cluster = named(config, "clusters", cluster_name) or {}
    return str((cluster.get("cluster") or {}).get("server") or DEFAULT_SERVER)


def check_selection(k: Kube, parsed: Parsed, local: set[str] | frozenset[str] = frozenset()) -> None:
    """The errors clientcmd raises for a context, cluster or user the kubeconfig lacks (flags a
    command defines itself, as ``config set-context --cluster``, mean something else)."""
    context, cluster, user = ("" if name in local else parsed.get(name) for name in ("context", "cluster", "user"))
    if not (context or cluster or user):
        return
    config = load(k, parsed)
    if context and named(config, "contexts", context) is None:
        raise RawError(f"Error in configuration: context was not found for specified context: {context}")
    if cluster and named(config, "clusters", cluster) is None:
        raise CmdError(f'no server found for cluster "{cluster}"')
    if user and named(config, "users", user) is None:
        raise CmdError(f'auth info "{user}" does not exist')
