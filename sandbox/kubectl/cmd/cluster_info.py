"""``kubectl cluster-info`` (k8s.io/kubectl pkg/cmd/clusterinfo/clusterinfo.go).

kubectl 1.32 prints plain text (``printService``; the go-colortext colouring of older releases is
gone: the 1.32.5 binary carries no trace of it). The control plane's address is the kubeconfig's
server. Podlab runs
no cluster services (no CoreDNS), so no service lines follow it. ``cluster-info dump`` is not
simulated.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from sandbox.kubectl.cmd import kubeconfig
from sandbox.kubectl.cmd.base import Command, Invocation

if TYPE_CHECKING:
    from sandbox.kubectl.context import Kube

def print_service(name: str, link: str) -> str:
    return f"{name} is running at {link}\n"


def run_cluster_info(k: Kube, inv: Invocation) -> int:
    k.out(print_service("Kubernetes control plane", kubeconfig.server(k, inv.flags)))
    k.out("\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n")
    return 0


COMMAND = Command("cluster-info", "Display cluster information", run=run_cluster_info)
