"""How kubectl prints server-side tables: decorateTable, printTable, the watch printer
(cli-runtime pkg/printers/tableprinter.go; spec §8.1)."""
from __future__ import annotations

from sandbox.kubectl.printers import PrintOptions, TablePrinter, build_table, print_get
from sandbox.kubectl.printers.table import (Column, Row, Table, format_cell, format_labels,
                                            print_table, render_table)
from sandbox.sim.timefmt import DEFAULT_EPOCH, rfc3339

T0 = DEFAULT_EPOCH


def a_pod(name: str, state: dict, *, ready: bool = False, ns: str = "default", labels=None) -> dict:
    return {"metadata": {"name": name, "namespace": ns, "creationTimestamp": rfc3339(T0),
                         "labels": labels or {}},
            "spec": {"containers": [{"name": name, "image": "nginx"}]},
            "status": {"phase": "Running" if "running" in state else "Pending",
                       "containerStatuses": [{"name": name, "ready": ready, "restartCount": 0,
                                              "state": state}]}}


NGINX = a_pod("nginx", {"running": {}}, ready=True, labels={"run": "nginx", "app": "web"})
BUSY = a_pod("busybox-with-a-long-name", {"waiting": {"reason": "ContainerCreating"}}, ns="kube-system")


def test_it_upper_cases_headers_and_aligns_rows():
    assert render_table(["Name", "Nominated Node"], [["a", "<none>"]]) == "NAME   NOMINATED NODE\na      <none>\n"


def test_it_prints_nothing_for_no_rows():
    # kubectl then writes "No resources found in default namespace." to stderr.
    assert render_table(["Name"], []) == ""
    assert print_get("pods", [], T0) == ""


def test_it_omits_the_header_with_no_headers():
    assert print_get("pods", [NGINX], T0 + 5, PrintOptions(no_headers=True)) == "nginx   1/1   Running   0     5s\n"


def test_it_puts_namespace_first_with_all_namespaces():
    assert print_get("pods", [BUSY, NGINX], T0 + 5, PrintOptions(with_namespace=True)) == (
        "NAMESPACE     NAME                       READY   STATUS              RESTARTS   AGE\n"
        "kube-system   busybox-with-a-long-name   0/1     ContainerCreating   0          5s\n"
        "default       nginx                      1/1     Running             0          5s\n")


def test_it_puts_sorted_labels_last_with_show_labels():
    assert print_get("pods", [NGINX, BUSY], T0 + 5, PrintOptions(show_labels=True)) == (
        "NAME                       READY   STATUS              RESTARTS   AGE   LABELS\n"
        "nginx                      1/1     Running             0          5s    app=web,run=nginx\n"
        "busybox-with-a-long-name   0/1     ContainerCreating   0          5s    <none>\n")
    assert format_labels({"b": "2", "a": "1"}) == "a=1,b=2"


def test_it_adds_label_columns_before_labels_and_a_kind_prefix():
    options = PrintOptions(column_labels=("example.com/run",), show_labels=True, kind="Pod")
    pod = a_pod("web", {"running": {}}, ready=True, labels={"example.com/run": "web"})
    assert print_get("pods", [pod], T0, options) == (
        "NAME      READY   STATUS    RESTARTS   AGE   RUN   LABELS\n"
        "pod/web   1/1     Running   0          0s    web   example.com/run=web\n")


def test_it_shows_priority_columns_only_when_wide():
    table = build_table("pods", [NGINX], T0)
    assert len(table.rows[0].cells) == 9  # the server always generates the wide cells
    assert print_table(table, PrintOptions()).splitlines()[0] == "NAME    READY   STATUS    RESTARTS   AGE"
    assert print_table(table, PrintOptions(wide=True)).splitlines()[0] == (
        "NAME    READY   STATUS    RESTARTS   AGE   IP       NODE     NOMINATED NODE   READINESS GATES")


def test_it_cuts_cells_at_line_breaks_and_escapes_terminal_controls():
    assert format_cell("first line\nsecond") == "first line..."
    assert format_cell("a\rb") == "a..."
    assert format_cell("\x1b[31mred") == "^[[31mred"
    assert format_cell(3) == "3" and format_cell(True) == "true" and format_cell(None) == ""


def test_it_prints_the_header_once_and_never_shrinks_columns_while_watching():
    # kubectl get pods -w: one PrintObj + Flush per watch event on one remembering tabwriter.
    printer = TablePrinter()
    printer.print(build_table("pods", [a_pod("nginx", {"waiting": {"reason": "ContainerCreating"}})], T0))
    first = printer.flush()
    printer.print(build_table("pods", [NGINX], T0 + 3))
    second = printer.flush()
    printer.print(Table([], [Row(["nginx", "1/1", "Running", "0", "9s"], NGINX)]))  # columns omitted
    third = printer.flush()
    assert first + second + third == (
        "NAME    READY   STATUS              RESTARTS   AGE\n"
        "nginx   0/1     ContainerCreating   0          0s\n"
        "nginx   1/1     Running             0          3s\n"
        "nginx   1/1     Running             0          9s\n")


def test_it_prefixes_watch_event_types_with_output_watch_events():
    printer = TablePrinter()
    printer.print(build_table("pods", [NGINX], T0), event_type="ADDED")
    printer.print(build_table("pods", [NGINX], T0 + 1), event_type="MODIFIED")
    assert printer.flush() == (
        "EVENT      NAME    READY   STATUS    RESTARTS   AGE\n"
        "ADDED      nginx   1/1     Running   0          0s\n"
        "MODIFIED   nginx   1/1     Running   0          1s\n")


def test_it_serialises_a_server_side_table():
    table = build_table("namespaces", [{"metadata": {"name": "default", "creationTimestamp": rfc3339(T0)},
                                        "status": {"phase": "Active"}}], T0 + 60)
    body = table.to_dict(resource_version="42")
    assert body["kind"] == "Table" and body["apiVersion"] == "meta.k8s.io/v1"
    assert body["metadata"] == {"resourceVersion": "42"}
    assert body["columnDefinitions"][1] == {"name": "Status", "type": "string", "format": "",
                                            "description": "The status of the namespace", "priority": 0}
    assert body["rows"][0]["cells"] == ["default", "Active", "60s"]
    assert body["rows"][0]["object"]["metadata"]["name"] == "default"


def test_it_keeps_columns_it_is_given_even_with_priority():
    assert render_table([Column("A"), Column("B", priority=1)], [["x", "y"]]) == "A     B\nx     y\n"
