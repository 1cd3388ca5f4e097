"""kubectl's verbs, one module each; importing this package registers every waiter (context.py).

Each verb module declares ``COMMAND`` (base.Command): its flags and its run function, written as
kubectl writes a command (options → Complete → Validate → Run, k8s.io/kubectl pkg/cmd/<verb>).
"""
from __future__ import annotations

from sandbox.kubectl.cmd import (annotate, api_resources, apply, cluster_info, config, cordon, create, delete,
                                 describe, edit, events, exec as exec_, explain, get, label, logs, options, patch,
                                 replace, run, version, wait)
from sandbox.kubectl.cmd.base import Command

COMMANDS: tuple[Command, ...] = (
    create.COMMAND, run.COMMAND, explain.COMMAND, get.COMMAND, edit.COMMAND, delete.COMMAND,
    cluster_info.COMMAND, cordon.COMMAND, cordon.UNCORDON, describe.COMMAND, logs.COMMAND, exec_.COMMAND,
    events.COMMAND, apply.COMMAND, patch.COMMAND, replace.COMMAND, wait.COMMAND, label.COMMAND, annotate.COMMAND,
    api_resources.COMMAND, api_resources.API_VERSIONS, config.COMMAND, version.COMMAND, options.COMMAND,
)
ROOT = Command("kubectl", "kubectl controls the Kubernetes cluster manager", subcommands=COMMANDS)

# Real kubectl 1.32 commands Podlab does not simulate: they answer with an honest message.
UNSUPPORTED = frozenset({
    "expose", "set", "rollout", "scale", "autoscale", "certificate", "top", "drain", "taint",
    "attach", "port-forward", "proxy", "cp", "auth", "debug", "diff", "kustomize",
    "completion", "plugin", "alpha",
})

__all__ = ["COMMANDS", "ROOT", "UNSUPPORTED"]
