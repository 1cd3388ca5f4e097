"""The control-plane host the learner's shell runs on: its files, environment and network.

``TerminalHost`` is the shell interpreter's ``Host`` (sandbox/sim/shell/host.py) for the learner's
terminal: what the shell prints goes to the session's output, ``curl`` reaches pods through
``cluster.http`` as a request from the control-plane node, ``date`` reads simulated time, and
``host.command(name)`` adds the terminal's own commands (kubectl, lab, history, timeout, watch ...:
see commands.py). It holds the session, not the cluster, because ``lab reset`` swaps the cluster.

The host looks like a kubeadm control-plane node: ``/root`` is the (empty) home, the kubeconfig is
kubeadm's ``/etc/kubernetes/admin.conf`` (``$KUBECONFIG``), the hostname is ``controlplane``.
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable

import yaml

from sandbox.kubectl.yamlreader import safe_load
from sandbox.sim.fs import FileSystem, FsError
from sandbox.sim.net import HttpResult, NetError

if TYPE_CHECKING:
    from sandbox.session import Session

HOSTNAME = "controlplane"
HOME = "/root"
KUBECONFIG = "/etc/kubernetes/admin.conf"
SHELL_PID = 1000
API_SERVER = "https://172.18.0.4:6443"

ENVIRONMENT = {
    "HOME": HOME, "HOSTNAME": HOSTNAME, "KUBECONFIG": KUBECONFIG, "LANG": "C.UTF-8",
    "LOGNAME": "root", "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    "PWD": HOME, "SHELL": "/bin/bash", "TERM": "xterm-256color", "USER": "root",
}

BASE_DIRS = frozenset({
    "/bin", "/boot", "/dev", "/etc", "/etc/kubernetes", "/etc/kubernetes/manifests", "/home", "/opt",
    "/root", "/sbin", "/srv", "/tmp", "/usr", "/usr/bin", "/usr/local", "/usr/local/bin", "/usr/sbin",
    "/var", "/var/log", "/var/lib", "/var/lib/kubelet",
})


def kubeconfig(ca_cert: str) -> str:
    """kubeadm's admin.conf, with the cluster's (make-believe) CA."""
    import base64
    ca = base64.b64encode(ca_cert.encode()).decode()
    return (f"apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: {ca}\n"
            f"    server: {API_SERVER}\n  name: kubernetes\ncontexts:\n- context:\n    cluster: kubernetes\n"
            "    user: kubernetes-admin\n  name: kubernetes-admin@kubernetes\n"
            "current-context: kubernetes-admin@kubernetes\nkind: Config\npreferences: {}\nusers:\n"
            "- name: kubernetes-admin\n  user:\n    client-certificate-data: UG9kbGFiIGFkbWluIGNlcnQ=\n"
            "    client-key-data: UG9kbGFiIGFkbWluIGtleQ==\n")


def base_files(ca_cert: str) -> dict[str, str]:
    return {
        "/etc/hostname": HOSTNAME + "\n",
        "/etc/hosts": "127.0.0.1 localhost\n172.18.0.4 controlplane\n172.18.0.2 node01\n172.18.0.3 node02\n",
        "/etc/os-release": ('PRETTY_NAME="Ubuntu 22.04.5 LTS"\nNAME="Ubuntu"\nVERSION_ID="22.04"\n'
                            'VERSION="22.04.5 LTS (Jammy Jellyfish)"\nID=ubuntu\nID_LIKE=debian\n'),
        KUBECONFIG: kubeconfig(ca_cert),
    }


def new_file_system(ca_cert: str, saved: dict[str, Any] | None = None) -> FileSystem:
    """The control-plane host's files; ``saved`` is what ``FileSystem.to_json`` gave (the
    learner's own writes: the base comes back from here)."""
    if saved is None:
        return FileSystem(base_files(ca_cert), BASE_DIRS)
    return FileSystem.from_json(saved, base=base_files(ca_cert), base_dirs=BASE_DIRS)


def current_namespace(fs: FileSystem, env: dict[str, str]) -> str:
    """The namespace of the kubeconfig's current context (``kubectl config set-context --current
    --namespace=x`` writes it there), else "default"."""
    path = env.get("KUBECONFIG") or f"{env.get('HOME', HOME)}/.kube/config"
    try:
        text = fs.read(path.split(":")[0])
    except FsError:
        return "default"
    return _namespace_of(text)


@lru_cache(maxsize=64)
def _namespace_of(text: str) -> str:
    """The current context's namespace in a kubeconfig's text. Every kubectl line asks and the
    text seldom changes: one YAML parse per distinct text, not one per command (docs/performance.md)."""
    try:
        config = safe_load(text)
    except yaml.YAMLError:
        return "default"
    if not isinstance(config, dict):
        return "default"
    current = config.get("current-context")
    for entry in config.get("contexts") or []:
        if isinstance(entry, dict) and entry.get("name") == current:
            namespace = (entry.get("context") or {}).get("namespace")
            return namespace if isinstance(namespace, str) and namespace else "default"
    return "default"


class TerminalHost:
    """The shell's world while it runs a line of the session."""

    def __init__(self, session: Session, commands: Callable[[str], Any]) -> None:
        self.session = session
        self.hostname = HOSTNAME
        self._commands = commands

    @property
    def fs(self) -> FileSystem:
        return self.session.fs

    @property
    def cluster(self) -> Any:
        return self.session.cluster

    def command(self, name: str) -> Any:
        return self._commands(name)

    def write(self, stream: str, text: str, now: float) -> bool:
        return self.session.emit(stream, text)

    def unix_time(self, now: float) -> float:
        return self.cluster.epoch + now

    def http(self, method: str, url: str, headers: list[tuple[str, str]], body: str | None,
             now: float) -> HttpResult:
        return self.cluster.http(method, url, headers, body or "")

    def tcp_connect(self, host: str, port: int, now: float) -> NetError | None:
        return self.cluster.tcp_from_kubelet(host, port)

    def has_program(self, name: str) -> bool:
        return False

    def kill(self, pid: int, sig: str, now: float) -> bool:
        return False

    def processes(self) -> list[tuple[int, list[str]]]:
        return [(1, ["/sbin/init"]), (SHELL_PID, ["-bash"])]
