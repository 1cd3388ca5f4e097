"""``kubectl cluster-info`` (k8s.io/kubectl pkg/cmd/clusterinfo/clusterinfo.go).

kubectl colours the names with go-colortext escape codes whether or not standard output is a
terminal (``printService``). The control plane's address is the kubeconfig's server. Podlab runs
no cluster services (no CoreDNS), so no service lines follow it. ``cluster-info dump`` is not
simulated.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from sandbox.kubectl.cmd import kubeconfig
from sandbox.kubectl.cmd.base import Command, Invocation

if TYPE_CHECKING:
    from sandbox.kubectl.context import Kube

GREEN, YELLOW, RESET = "\x1b[0;32m", "\x1b[0;33m", "\x1b[0m"


def print_service(name: str, link: str) -> str:
    return f"{GREEN}{name}{RESET} is running at {YELLOW}{link}{RESET}\n"


def run_cluster_info(k: Kube, inv: Invocation) -> int:
    k.out(print_service("Kubernetes control plane", kubeconfig.server(k, inv.flags)))
    k.out("\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n")
    return 0


COMMAND = Command("cluster-info", "Display cluster information", run=run_cluster_info)
