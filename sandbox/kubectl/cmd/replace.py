"""``kubectl replace -f FILE`` and ``kubectl replace --force -f FILE`` (k8s.io/kubectl
pkg/cmd/replace/replace.go).

Without ``--force`` every object of the files is PUT over the live one. kubectl's helper copies the
live resourceVersion into a file that has none; here the update checks none it is not given, which
comes to the same (a stale one is a Conflict either way). The API server judges it as any update:
for a pod, only images, activeDeadlineSeconds, tolerations and the grace period may change, so
replacing a running pod from a hand-written manifest is refused with the full ``spec: Forbidden``
diff, as on a real cluster. ``pod/web replaced`` otherwise.

``--force`` is what a learner uses to change anything else: the objects are deleted (``pod "web"
deleted``; one that does not exist is skipped, since replace creates it anyway), kubectl waits
until they are gone (PollImmediate every second, ``--timeout`` or five minutes: a ``Wait`` on the
``replace`` waiter here, which goes on at the instant the last one is gone), then creates them
again from the files as they were read: ``pod/web replaced``. ``--grace-period=0`` becomes 1, as
kubectl turns it, and ``--dry-run`` cannot be combined with ``--force``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sandbox.kubectl.cmd import builder
from sandbox.kubectl.cmd.base import Command, Invocation, Result
from sandbox.kubectl.cmd.common import (DRY_RUN_FLAG, Printer, dry_run_strategy, dry_run_suffix, filename_flags,
                                        make_printer, output_flags, render_objects, subresource_refusal, visited)
from sandbox.kubectl.cmd.create import SAVE_CONFIG_FLAG, object_to_send
from sandbox.kubectl.cmd.delete import (CASCADE_FLAG, FORCE_FLAG, GRACE_PERIOD_FLAG, TIMEOUT_FLAG, check_cascade,
                                        remaining)
from sandbox.kubectl.cmd.validate import VALIDATE_FLAG, field_validation, prepare_for_server
from sandbox.kubectl.context import Poll, Wait, waiter
from sandbox.kubectl.errors import Aggregate, CmdError, add_source, check_err
from sandbox.kubectl.flags import bool_flag, string_flag
from sandbox.sim.errors import StatusError

if TYPE_CHECKING:
    from sandbox.kubectl.context import Kube

FORCE_TIMEOUT = 300.0          # seconds kubectl waits for the deleted objects without --timeout


def run_replace(k: Kube, inv: Invocation) -> Result:
    strategy = dry_run_strategy(k, inv)
    printer = make_printer(k, inv)
    check_cascade(inv)
    if not inv.flags["filename"]:
        raise CmdError("must specify one of -f and -k")
    force, grace, timeout = inv.flags["force"], int(inv.flags["grace-period"]), float(inv.flags["timeout"])
    if grace >= 0 and not force:
        raise CmdError("--grace-period must have --force specified")
    if timeout != 0 and not force:
        raise CmdError("--timeout must have --force specified")
    if force and strategy != "none":
        raise CmdError("--dry-run can not be used when --force is set")
    validation = field_validation(inv)
    if force:
        return _force(k, inv, printer, validation, grace, timeout)
    req = builder.Request(filenames=inv.flags["filename"], recursive=inv.flags["recursive"], namespace=inv.namespace,
                          explicit_namespace=inv.explicit_namespace, validate=validation != "Ignore")
    errors: list[Exception] = []
    for info in builder.visit(k, req):
        if isinstance(info, Exception):
            errors.append(info)
            continue
        obj = object_to_send(info, inv.flags["save-config"])
        if strategy != "client":
            try:
                refused = subresource_refusal("put", inv.flags["subresource"], info.resource.plural)
                if refused is not None:
                    raise refused
                body = prepare_for_server(k, obj, info.resource.plural, validation)
                obj = k.api.update(body, namespace=info.namespace or None, dry_run=strategy == "server",
                                   resource=info.resource.plural)
            except StatusError as err:
                errors.append(add_source("replacing", info.source, err))
                continue
        k.out(render_objects(printer, [obj], single=True, operation="replaced" + dry_run_suffix(strategy)))
    if errors:
        raise Aggregate(errors)
    return 0


def _force(k: Kube, inv: Invocation, printer: Printer, validation: str, grace: int, timeout: float) -> Result:
    """Delete what the files name, then (once it is gone) create it again: the ``replace`` waiter."""
    req = builder.Request(args=list(inv.args), filenames=inv.flags["filename"], recursive=inv.flags["recursive"],
                          namespace=inv.namespace, explicit_namespace=inv.explicit_namespace)
    errors: list[Exception] = []
    targets: list[list[Any]] = []
    objects: list[list[Any]] = []
    for info in builder.visit(k, req):
        if isinstance(info, Exception):
            errors.append(info)
            continue
        objects.append([info.source, info.resource.plural, object_to_send(info, inv.flags["save-config"])])
        try:
            gone = k.api.delete(info.resource.plural, info.namespace, info.name,
                                grace_period=(1 if grace == 0 else grace) if grace >= 0 else None)
        except StatusError as err:
            if err.reason != "NotFound":     # replace creates what does not exist: not found is fine
                errors.append(add_source("deleting", info.source, err))
            continue
        k.out(f"{info.kind_name}\n" if printer.format == "name" else
              f'{info.resource.kind_lower} "{info.name}" deleted\n')
        targets.append([info.resource.plural, info.namespace, info.name, gone["metadata"].get("uid", "")])
    if errors:
        raise Aggregate(errors)
    args = {"targets": targets, "objects": objects, "validation": validation, "subresource": inv.flags["subresource"],
            "printer": [printer.format, printer.template, printer.allow_missing]}
    return Wait("replace", args, k.now + (timeout if timeout > 0 else FORCE_TIMEOUT))


@waiter("replace")
def poll_replace(k: Kube, args: dict[str, Any], expired: bool) -> Poll:
    """Waits for the deleted objects to go, then creates the files' objects again."""
    left = remaining(k, args["targets"])
    if left:
        if expired:
            k.err("error: timed out waiting for the condition\n")
            return Poll(True, 1)
        return Poll(False, args={**args, "targets": left})
    printer = Printer(*args["printer"])
    errors: list[Exception] = []
    count = 0
    for source, plural, obj in args["objects"]:
        try:
            refused = subresource_refusal("put", args["subresource"], plural)
            if refused is not None:
                raise refused
            # Helper.Create(modify=true): a resourceVersion copied from the live object is dropped
            meta = {key: value for key, value in (obj.get("metadata") or {}).items() if key != "resourceVersion"}
            body = prepare_for_server(k, {**obj, "metadata": meta}, plural, args["validation"])
            created = k.api.create(body, namespace=(obj.get("metadata") or {}).get("namespace") or None,
                                   resource=plural)
        except StatusError as err:
            errors.append(add_source("creating", source, err))
            continue
        count += 1
        k.out(render_objects(printer, [created], single=True, operation="replaced"))
    try:
        visited("replace", errors, count)
    except (CmdError, Aggregate) as err:
        return Poll(True, check_err(k, err))
    return Poll(True, 0)


COMMAND = Command(
    "replace", "Replace a resource by file name or stdin",
    flags=(
        CASCADE_FLAG,
        DRY_RUN_FLAG,
        string_flag("field-manager", "Name of the manager used to track field ownership.", default="kubectl-replace"),
        *filename_flags("The files that contain the configurations to replace."),
        FORCE_FLAG,
        GRACE_PERIOD_FLAG,
        SAVE_CONFIG_FLAG,
        string_flag("subresource", "If specified, replace will operate on the subresource of the requested object. "
                    "This flag is beta and may change in the future."),
        TIMEOUT_FLAG,
        VALIDATE_FLAG,
        bool_flag("wait", "If true, wait for resources to be gone before returning. This waits for finalizers."),
        *output_flags(),
    ),
    run=run_replace)
