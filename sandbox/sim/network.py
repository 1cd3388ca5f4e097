"""The pod network: node pod CIDRs, IP allocation, and routing a connection to a container.

IPs come from each node's podCIDR the way the host-local IPAM plugin hands them out: the first
usable address is .2 (.1 is the bridge), and the allocator continues after the last address it
gave out instead of reusing a freed one at once (containernetworking/plugins host-local,
``range_set.go``/``allocator.go``: it remembers the last reserved IP).
"""
from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=256)
def _first_host(cidr: str) -> str:
    """``.1`` of a CIDR (parsed once per CIDR: every HTTP probe asks)."""
    return str(ipaddress.ip_network(cidr).network_address + 1)


@dataclass(slots=True)
class Ipam:
    cidr: str
    last: int = 1                                   # host offset handed out last
    used: dict[str, str] = field(default_factory=dict)   # ip -> pod uid

    def allocate(self, uid: str) -> str:
        net = ipaddress.ip_network(self.cidr)
        count = net.num_addresses - 3          # offsets .2 .. broadcast-1
        for step in range(1, count + 1):
            offset = 2 + (self.last - 2 + step) % count
            ip = str(net.network_address + offset)
            if ip not in self.used:
                self.last = offset
                self.used[ip] = uid
                return ip
        raise RuntimeError(f"no IP addresses available in range set: {self.cidr}")

    def release(self, ip: str) -> None:
        self.used.pop(ip, None)


@dataclass(slots=True)
class Network:
    ipam: dict[str, Ipam] = field(default_factory=dict)      # node -> allocator

    def add_node(self, node: str, cidr: str) -> None:
        self.ipam[node] = Ipam(cidr)

    def allocate(self, node: str, uid: str) -> str:
        return self.ipam[node].allocate(uid)

    def release(self, node: str, ip: str) -> None:
        if node in self.ipam:
            self.ipam[node].release(ip)

    def bridge_ip(self, node: str) -> str:
        """The node's bridge (cni0) address, ``.1`` of its pod CIDR: the source of every connection
        the node itself makes to its pods, such as the kubelet's probes ("" for an unknown node)."""
        ipam = self.ipam.get(node)
        return _first_host(ipam.cidr) if ipam is not None else ""

    def owner(self, ip: str) -> tuple[str, str] | None:
        """(node, pod uid) holding this pod IP, if any."""
        for node, ipam in self.ipam.items():
            uid = ipam.used.get(ip)
            if uid is not None:
                return node, uid
        return None

    def node_for_ip(self, ip: str) -> str | None:
        """The node whose pod CIDR contains ``ip`` (whether or not a pod holds it)."""
        try:
            addr = ipaddress.ip_address(ip)
        except ValueError:
            return None
        for node, ipam in self.ipam.items():
            if addr in ipaddress.ip_network(ipam.cidr):
                return node
        return None

    def to_json(self) -> dict[str, Any]:
        return {node: {"cidr": i.cidr, "last": i.last, "used": dict(i.used)} for node, i in self.ipam.items()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Network:
        return cls({node: Ipam(d["cidr"], int(d["last"]), dict(d["used"])) for node, d in data.items()})
