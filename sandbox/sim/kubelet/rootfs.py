"""A container's root file system: the image's files, the files the kubelet writes for every pod
(/etc/hostname, /etc/hosts, /etc/resolv.conf, /dev/termination-log) and the pod's volumes.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..catalogue import ImageSpec
from ..fs import Mount, Volume
from .state import PodState

if TYPE_CHECKING:
    from . import Kubelet


def volume(kubelet: Kubelet, ps: PodState, name: str) -> Volume:
    key = f"{ps.uid}/{name}"
    vol = kubelet.volumes.get(key)
    if vol is None:
        data = ps.emptydirs.get(name)
        vol = Volume.from_json(data) if data is not None else Volume()
        kubelet.volumes[key] = vol
    return vol


def mounts(kubelet: Kubelet, ps: PodState, pod: dict[str, Any], cspec: dict[str, Any]) -> dict[str, Mount]:
    volumes = {v["name"]: v for v in pod["spec"].get("volumes", [])}
    mounts: dict[str, Mount] = {}
    for m in cspec.get("volumeMounts", []):
        vspec = volumes.get(m["name"], {})
        read_only = bool(m.get("readOnly"))
        if "projected" in vspec:
            vol = kubelet.projected_volume(ps, pod)
            read_only = True
        else:
            vol = volume(kubelet, ps, m["name"])
        path = m["mountPath"]
        # subPath mounts are not modelled: the whole volume is mounted at mountPath.
        mounts[path] = Mount(vol, read_only)
    return mounts


def base_files(ps: PodState, image: ImageSpec) -> tuple[dict[str, str], frozenset[str]]:
    files = dict(image.files)
    files["/etc/hostname"] = ps.name + "\n"
    files["/etc/hosts"] = (
        "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"
        "fe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n"
        f"{ps.ip}\t{ps.name}\n")
    files["/etc/resolv.conf"] = (
        f"search {ps.namespace}.svc.cluster.local svc.cluster.local cluster.local\n"
        "nameserver 10.96.0.10\noptions ndots:5\n")
    files["/dev/termination-log"] = ""
    dirs = set(image.dirs) | {"/etc", "/dev", "/tmp", "/proc", "/var", "/var/run"}
    return files, frozenset(dirs)
