"""``kubectl get nodes`` and ``kubectl get namespaces`` cells (printNode, printNamespace)."""
from __future__ import annotations

from sandbox.kubectl.printers.namespaces import namespace_columns, namespace_row
from sandbox.kubectl.printers.nodes import node_columns, node_roles, node_row, node_status
from sandbox.sim.timefmt import DEFAULT_EPOCH, rfc3339

T0 = DEFAULT_EPOCH


def node(conditions=None, *, labels=None, unschedulable=False, info=None, addresses=None) -> dict:
    n = {"metadata": {"name": "node01", "creationTimestamp": rfc3339(T0 - 3 * 86400),
                      "labels": labels or {}},
         "spec": {}, "status": {"conditions": conditions if conditions is not None else [],
                                "nodeInfo": info or {"kubeletVersion": "v1.32.0"}}}
    if unschedulable:
        n["spec"]["unschedulable"] = True
    if addresses is not None:
        n["status"]["addresses"] = addresses
    return n


def ready(status: str) -> dict:
    return {"type": "Ready", "status": status}


def test_it_shows_ready_not_ready_and_unknown():
    assert node_status(node([ready("True")])) == "Ready"
    assert node_status(node([ready("False")])) == "NotReady"
    assert node_status(node([ready("Unknown")])) == "NotReady"  # any non-True is "Not" + type
    assert node_status(node([{"type": "MemoryPressure", "status": "False"}])) == "Unknown"


def test_it_appends_scheduling_disabled_for_a_cordoned_node():
    assert node_status(node([ready("True")], unschedulable=True)) == "Ready,SchedulingDisabled"
    assert node_status(node([], unschedulable=True)) == "Unknown,SchedulingDisabled"


def test_it_lets_the_last_ready_condition_win():
    assert node_status(node([ready("False"), ready("True")])) == "Ready"


def test_it_finds_roles_from_labels_sorted():
    labels = {"node-role.kubernetes.io/worker": "", "node-role.kubernetes.io/control-plane": "",
              "node-role.kubernetes.io/": "", "kubernetes.io/role": "master"}
    assert node_roles(node(labels=labels)) == ["control-plane", "master", "worker"]
    assert node_row(node([ready("True")]), T0)[2] == "<none>"


def test_it_prints_a_node_row_and_its_wide_cells():
    n = node([ready("True")], labels={"node-role.kubernetes.io/control-plane": ""},
             addresses=[{"type": "Hostname", "address": "node01"},
                        {"type": "InternalIP", "address": "172.18.0.2"}],
             info={"kubeletVersion": "v1.32.0", "osImage": "Debian GNU/Linux 12 (bookworm)",
                   "kernelVersion": "6.8.0", "containerRuntimeVersion": "containerd://1.7.24"})
    assert node_row(n, T0) == ["node01", "Ready", "control-plane", "3d", "v1.32.0"]
    assert node_row(n, T0, wide=True)[5:] == ["172.18.0.2", "<none>", "Debian GNU/Linux 12 (bookworm)",
                                              "6.8.0", "containerd://1.7.24"]
    bare = node([ready("True")], info={"kubeletVersion": "v1.32.0"})
    assert node_row(bare, T0, wide=True)[5:] == ["<none>", "<none>", "<unknown>", "<unknown>", "<unknown>"]


def test_it_names_node_columns_like_kubectl():
    assert [c.name.upper() for c in node_columns(wide=True)] == [
        "NAME", "STATUS", "ROLES", "AGE", "VERSION", "INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE",
        "KERNEL-VERSION", "CONTAINER-RUNTIME"]
    assert len(node_columns()) == 5


def test_it_prints_namespaces_with_their_phase():
    ns = {"metadata": {"name": "default", "creationTimestamp": rfc3339(T0 - 312)},
          "status": {"phase": "Active"}}
    assert namespace_row(ns, T0) == ["default", "Active", "5m12s"]
    ns["status"]["phase"] = "Terminating"
    assert namespace_row(ns, T0)[1] == "Terminating"
    assert [c.name for c in namespace_columns()] == ["Name", "Status", "Age"]
