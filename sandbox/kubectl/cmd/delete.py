"""``kubectl delete`` (k8s.io/kubectl pkg/cmd/delete/delete.go, spec §7.4).

``pod "x" deleted`` is printed as soon as the API server has accepted the deletion; then, with
``--wait`` (the default), the command waits until every deleted object is gone (or has come back
with another UID): it returns a ``Wait`` on the ``delete`` waiter, which ends the command when the
objects have gone or prints ``error: timed out waiting for the condition on pods/x`` at
``--timeout``. ``--grace-period=0`` without ``--force`` becomes 1, ``--now`` is 1, ``--force``
alone is 0 with kubectl's warning. If any object could not be deleted, kubectl reports the errors
and does not wait.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sandbox.kubectl.cmd import builder
from sandbox.kubectl.cmd.base import Command, Invocation, Result
from sandbox.kubectl.cmd.common import DRY_RUN_FLAG, dry_run_strategy, filename_flags
from sandbox.kubectl.context import Poll, Wait, waiter
from sandbox.kubectl.errors import Aggregate, CmdError, add_source
from sandbox.kubectl.flags import bool_flag, duration_flag, int_flag, string_flag
from sandbox.sim.errors import StatusError

if TYPE_CHECKING:
    from sandbox.kubectl.context import Kube

FORCE_WARNING = ("Warning: Immediate deletion does not wait for confirmation that the running resource has been "
                 "terminated. The resource may continue to run on the cluster indefinitely.\n")
CASCADES = ("background", "foreground", "orphan")
# cmdutil.DeleteFlags: the flags delete shares with replace --force.
CASCADE_FLAG = string_flag(
    "cascade", 'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the '
    "dependents (e.g. Pods created by a ReplicationController). Defaults to background.", default="background",
    no_opt="background")
FORCE_FLAG = bool_flag(
    "force", "If true, immediately remove resources from API and bypass graceful deletion. Note that immediate "
    "deletion of some resources may result in inconsistency or data loss and requires confirmation.")
GRACE_PERIOD_FLAG = int_flag(
    "grace-period", "Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. "
    "Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).", default=-1)
TIMEOUT_FLAG = duration_flag(
    "timeout", "The length of time to wait before giving up on a delete, zero means determine a timeout from the "
    "size of the object")


def check_cascade(inv: Invocation) -> None:
    cascade = inv.flags["cascade"]
    if cascade not in CASCADES and cascade not in ("true", "false"):
        raise CmdError(f'invalid cascade value ({cascade}). Must be "background", "foreground", or "orphan"')


def grace_period(inv: Invocation) -> int:
    """Complete's rules for --grace-period, --now and --force."""
    grace = int(inv.flags["grace-period"])
    if inv.flags["now"]:
        if grace != -1:
            raise CmdError("--now and --grace-period cannot be specified together")
        grace = 1
    if grace == 0 and not inv.flags["force"]:
        grace = 1  # kubectl turns --grace-period=0 into 1 unless --force is given
    if inv.flags["force"] and grace < 0:
        grace = 0
    return grace


def run_delete(k: Kube, inv: Invocation) -> Result:
    check_cascade(inv)
    selecting = inv.flags["all"] or inv.flags["selector"] or inv.flags["field-selector"]
    ignore_not_found = inv.flags["ignore-not-found"] if inv.changed("ignore-not-found") else bool(selecting)
    grace = grace_period(inv)
    strategy = dry_run_strategy(k, inv)
    req = builder.Request(args=inv.args, filenames=inv.flags["filename"], recursive=inv.flags["recursive"],
                          selector=inv.flags["selector"], field_selector=inv.flags["field-selector"],
                          select_all=inv.flags["all"], all_namespaces=inv.flags["all-namespaces"],
                          namespace=inv.namespace, explicit_namespace=inv.explicit_namespace)
    builder.validate(req)
    output = inv.flags["output"]
    if output not in ("", "name"):
        raise CmdError(f"unexpected -o output mode: {output}. We only support '-o name'")
    if inv.flags["all"] and inv.flags["selector"]:
        raise CmdError("cannot set --all and --selector at the same time")
    if grace == 0 and inv.flags["force"]:
        k.err(FORCE_WARNING)
    elif grace > 0 and inv.flags["force"]:
        raise CmdError("--force and --grace-period greater than 0 cannot be specified together")
    errors: list[Exception] = []
    targets: list[list[Any]] = []
    found = 0
    for info in builder.visit(k, req):
        if isinstance(info, StatusError) and info.reason == "NotFound" and ignore_not_found:
            continue
        if isinstance(info, Exception):
            errors.append(info)
            continue
        found += 1
        operation = "force deleted" if grace == 0 else "deleted"
        if strategy == "client":
            _print(k, info, output, operation + " (dry run)")
            continue
        try:
            gone = k.api.delete(info.resource.plural, info.namespace, info.name,
                                grace_period=grace if grace >= 0 else None, dry_run=strategy == "server")
        except StatusError as err:
            if not (err.reason == "NotFound" and ignore_not_found):
                errors.append(add_source("deleting", info.source, err))
            continue
        _print(k, info, output, operation + (" (server dry run)" if strategy == "server" else ""))
        targets.append([info.resource.plural, info.namespace, info.name, gone["metadata"].get("uid", "")])
    if errors:
        raise Aggregate(errors)
    if found == 0:
        if selecting:
            k.out("No resources found\n")  # a list came back empty (named objects not found say nothing)
        return 0
    if not inv.flags["wait"] or strategy != "none" or not targets:
        return 0
    timeout = float(inv.flags["timeout"])
    deadline = k.now + timeout if timeout > 0 else None
    return Wait("delete", {"targets": targets}, deadline)


def _print(k: Kube, info: builder.Info, output: str, operation: str) -> None:
    if output == "name":
        k.out(f"{info.kind_name}\n")
    else:
        k.out(f'{info.resource.kind_lower} "{info.name}" {operation}\n')


def remaining(k: Kube, targets: list[list[Any]]) -> list[list[Any]]:
    """The targets still there with the same UID (cmdwait.IsDeleted)."""
    left = []
    for resource, namespace, name, uid in targets:
        obj = k.cluster.store.get(resource, namespace, name)
        if obj is not None and (not uid or obj["metadata"].get("uid") == uid):
            left.append([resource, namespace, name, uid])
    return left


@waiter("delete")
def poll_delete(k: Kube, args: dict[str, Any], expired: bool) -> Poll:
    left = remaining(k, args["targets"])
    if not left:
        return Poll(True, 0)
    if expired:
        resource, _, name, _ = left[0]
        k.err(f"error: timed out waiting for the condition on {resource}/{name}\n")
        return Poll(True, 1)
    return Poll(False, args={"targets": left})


COMMAND = Command(
    "delete", "Delete resources by file names, stdin, resources and names, or by resources and label selector",
    flags=(
        bool_flag("all", "Delete all resources, in the namespace of the specified resource types."),
        bool_flag("all-namespaces", "If present, list the requested object(s) across all namespaces. Namespace in "
                  "current context is ignored even if specified with --namespace.", "A"),
        CASCADE_FLAG,
        DRY_RUN_FLAG,
        string_flag("field-selector", "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. "
                    "--field-selector key1=value1,key2=value2). The server only supports a limited number of field "
                    "queries per type."),
        *filename_flags("containing the resource to delete."),
        FORCE_FLAG,
        GRACE_PERIOD_FLAG,
        bool_flag("ignore-not-found", 'Treat "resource not found" as a successful delete. Defaults to "true" when '
                  "--all is specified."),
        bool_flag("now", "If true, resources are signaled for immediate shutdown (same as --grace-period=1)."),
        string_flag("output", "Output mode. Use \"-o name\" for shorter output (resource/name).", "o"),
        string_flag("selector", "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l "
                    "key1=value1,key2=value2). Matching objects must satisfy all of the specified label "
                    "constraints.", "l"),
        TIMEOUT_FLAG,
        bool_flag("wait", "If true, wait for resources to be gone before returning. This waits for finalizers.",
                  default=True),
    ),
    run=run_delete)
