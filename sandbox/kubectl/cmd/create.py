"""``kubectl create -f FILE`` and ``kubectl create namespace NAME`` (k8s.io/kubectl
pkg/cmd/create/create.go, create_namespace.go).

Every object of every file is created in turn; a failure is reported as ``Error from server
(AlreadyExists): error when creating "pod.yaml": pods "nginx" already exists`` and the others go
on (ContinueOnError), the errors printed at the end. ``--save-config`` stores the
``kubectl.kubernetes.io/last-applied-configuration`` annotation as ``apply`` would.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sandbox.kubectl.cmd import builder
from sandbox.kubectl.cmd.base import Command, Invocation
from sandbox.kubectl.cmd.common import (DRY_RUN_FLAG, dry_run_strategy, dry_run_suffix, file_request,
                                       filename_flags, make_printer, output_flags, render_objects, visited)
from sandbox.kubectl.cmd.lastapplied import set_last_applied
from sandbox.kubectl.cmd.validate import VALIDATE_FLAG, prepare_for_server
from sandbox.kubectl.errors import UsageError, add_source
from sandbox.kubectl.flags import bool_flag, string_flag
from sandbox.sim.errors import StatusError

if TYPE_CHECKING:
    from sandbox.kubectl.context import Kube

SAVE_CONFIG_FLAG = bool_flag(
    "save-config", "If true, the configuration of current object will be saved in its annotation. Otherwise, the "
    "annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the "
    "future.")


def object_to_send(info: builder.Info, save_config: bool) -> dict[str, Any]:
    """A file's object as create and replace send it: in its namespace, with ``--save-config``'s
    last-applied annotation when asked."""
    obj: dict[str, Any] = dict(info.obj or {})
    if info.resource.namespaced:
        obj["metadata"] = {**(obj.get("metadata") or {}), "namespace": info.namespace}
    return set_last_applied(obj) if save_config else obj


def run_create(k: Kube, inv: Invocation) -> int:
    strategy, validation, printer, req = file_request(k, inv)
    errors: list[Exception] = []
    count = 0
    for info in builder.visit(k, req):
        if isinstance(info, Exception):
            errors.append(info)
            continue
        obj = object_to_send(info, inv.flags["save-config"])
        if strategy != "client":
            try:
                body = prepare_for_server(k, obj, info.resource.plural, validation)
                obj = k.api.create(body, namespace=info.namespace or None, dry_run=strategy == "server",
                                   resource=info.resource.plural)
            except StatusError as err:
                errors.append(add_source("creating", info.source, err))
                continue
        count += 1
        k.out(render_objects(printer, [obj], single=True, operation="created" + dry_run_suffix(strategy)))
    return visited("create", errors, count)


def run_create_namespace(k: Kube, inv: Invocation) -> int:
    if len(inv.args) != 1:
        raise UsageError(inv.path, f"exactly one NAME is required, got {len(inv.args)}")
    strategy = dry_run_strategy(k, inv)
    printer = make_printer(k, inv)
    namespace: dict[str, Any] = {"kind": "Namespace", "apiVersion": "v1",
                                 "metadata": {"name": inv.args[0], "creationTimestamp": None},
                                 "spec": {}, "status": {}}
    if inv.flags["save-config"]:
        namespace = set_last_applied(namespace)
    if strategy != "client":
        namespace = k.api.create(namespace, dry_run=strategy == "server", resource="namespaces")
    k.out(render_objects(printer, [namespace], single=True, operation="created" + dry_run_suffix(strategy),
                         typed=True))
    return 0


NAMESPACE = Command(
    "namespace", "Create a namespace with the specified name", aliases=("ns",), help_topic="create_namespace",
    flags=(DRY_RUN_FLAG,
           string_flag("field-manager", "Name of the manager used to track field ownership.",
                       default="kubectl-create"),
           SAVE_CONFIG_FLAG, VALIDATE_FLAG, *output_flags()),
    run=run_create_namespace)

COMMAND = Command(
    "create", "Create a resource from a file or from stdin",
    flags=(DRY_RUN_FLAG,
           string_flag("field-manager", "Name of the manager used to track field ownership.",
                       default="kubectl-create"),
           *filename_flags("Filename, directory, or URL to files to use to create the resource"),
           SAVE_CONFIG_FLAG,
           string_flag("selector", "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l "
                       "key1=value1,key2=value2). Matching objects must satisfy all of the specified label "
                       "constraints.", "l"),
           VALIDATE_FLAG, *output_flags()),
    run=run_create, subcommands=(NAMESPACE,))
