"""``kubectl get nodes`` rows: NAME STATUS ROLES AGE VERSION (+ INTERNAL-IP EXTERNAL-IP OS-IMAGE
KERNEL-VERSION CONTAINER-RUNTIME).

A port of ``printNode``, ``findNodeRoles``, ``getNodeInternalIP`` and ``getNodeExternalIP`` in
kubernetes ``pkg/printers/internalversion/printers.go``.
"""
from __future__ import annotations

from typing import Any, Mapping

from sandbox.kubectl.printers.table import CREATION_TIMESTAMP_DOC, NAME_DOC, Column, Row, age

Node = Mapping[str, Any]

LABEL_NODE_ROLE_PREFIX = "node-role.kubernetes.io/"
NODE_LABEL_ROLE = "kubernetes.io/role"

# nodeColumnDefinitions; the NodeSystemInfo/NodeStatus SwaggerDoc descriptions are not reproduced.
NODE_COLUMNS: tuple[Column, ...] = (
    Column("Name", format="name", description=NAME_DOC),
    Column("Status", description="The status of the node"),
    Column("Roles", description="The roles of the node"),
    Column("Age", description=CREATION_TIMESTAMP_DOC),
    Column("Version"),
    Column("Internal-IP", priority=1),
    Column("External-IP", priority=1),
    Column("OS-Image", priority=1),
    Column("Kernel-Version", priority=1),
    Column("Container-Runtime", priority=1),
)


def node_columns(wide: bool = False) -> list[Column]:
    return [c for c in NODE_COLUMNS if wide or c.priority == 0]


def node_status(node: Node) -> str:
    """``Ready``, ``NotReady``, ``Unknown`` (no Ready condition), ``+,SchedulingDisabled`` if cordoned."""
    # conditionMap: a later condition of the same type overwrites an earlier one.
    conditions = {c.get("type"): c for c in (node.get("status") or {}).get("conditions") or []}
    status: list[str] = []
    for kind in ("Ready",):  # NodeAllConditions
        condition = conditions.get(kind)
        if condition is not None:
            status.append(kind if condition.get("status") == "True" else "Not" + kind)
    if not status:
        status.append("Unknown")
    if (node.get("spec") or {}).get("unschedulable"):
        status.append("SchedulingDisabled")
    return ",".join(status)


def node_roles(node: Node) -> list[str]:
    """findNodeRoles: ``node-role.kubernetes.io/<role>`` keys and ``kubernetes.io/role=<role>``, sorted."""
    roles: set[str] = set()
    for key, value in ((node.get("metadata") or {}).get("labels") or {}).items():
        if key.startswith(LABEL_NODE_ROLE_PREFIX):
            role = key[len(LABEL_NODE_ROLE_PREFIX):]
            if role:
                roles.add(role)
        elif key == NODE_LABEL_ROLE and value:
            roles.add(value)
    return sorted(roles)


def _address(node: Node, kind: str) -> str:
    for address in (node.get("status") or {}).get("addresses") or []:
        if address.get("type") == kind:
            return address.get("address", "")
    return "<none>"


def node_row(node: Node, now: float, *, wide: bool = False) -> list[str]:
    meta = node.get("metadata") or {}
    info = (node.get("status") or {}).get("nodeInfo") or {}
    cells = [meta.get("name", ""), node_status(node), ",".join(node_roles(node)) or "<none>",
             age(now, meta.get("creationTimestamp")), info.get("kubeletVersion", "")]
    if wide:
        cells += [_address(node, "InternalIP"), _address(node, "ExternalIP"),
                  info.get("osImage") or "<unknown>", info.get("kernelVersion") or "<unknown>",
                  info.get("containerRuntimeVersion") or "<unknown>"]
    return cells


def node_table_row(node: Node, now: float) -> Row:
    return Row(list(node_row(node, now, wide=True)), node)
