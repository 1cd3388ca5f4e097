"""``kubectl apply -f FILE``: client-side apply (k8s.io/kubectl pkg/cmd/apply/apply.go, patcher.go).

For each object: when it does not exist it is created with the last-applied annotation
(``pod/x created``); when it exists without the annotation kubectl warns on standard error and
patches it in; the three-way merge (lastapplied.py) then decides between ``pod/x unchanged`` (no
difference, nothing sent) and ``pod/x configured``. What the API server refuses comes back as it
says it (``The Pod "x" is invalid: spec: Forbidden: pod updates may not change fields ...``).
"""
from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from sandbox.kubectl.cmd import builder
from sandbox.kubectl.cmd.base import Command, Invocation
from sandbox.kubectl.cmd.builder import Info
from sandbox.kubectl.cmd.common import (DRY_RUN_FLAG, dry_run_suffix, file_request, filename_flags, output_flags,
                                       render_objects, visited)
from sandbox.kubectl.cmd.lastapplied import LAST_APPLIED, last_applied, merge, patch_for, set_last_applied
from sandbox.kubectl.cmd.validate import VALIDATE_FLAG, prepare_for_server
from sandbox.kubectl.errors import add_source
from sandbox.kubectl.flags import bool_flag, string_flag
from sandbox.kubectl.printers.json import marshal_compact
from sandbox.sim.errors import StatusError

if TYPE_CHECKING:
    from sandbox.kubectl.context import Kube

MISSING_ANNOTATION = (
    "Warning: resource {resource}/{name} is missing the kubectl.kubernetes.io/last-applied-configuration "
    "annotation which is required by kubectl apply. kubectl apply should only be used on resources created "
    "declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be "
    "patched automatically.\n")


def _patch_error(info: Info, patch: Any, err: StatusError) -> StatusError:
    """AddSourceToErr("applying patch:\\n<patch>\\nto:\\n<info>\\nfor:", source, err) of patcher.go."""
    where = (f'Resource: "/v1, Resource={info.resource.plural}", GroupVersionKind: "/v1, Kind={info.resource.kind}"'
             f'\nName: "{info.name}", Namespace: "{info.namespace}"')
    message = f'error when patching "{info.source}": {err.message}'
    return StatusError(err.code, err.reason, f"error when applying patch:\n{marshal_compact(patch or {})}\nto:\n"
                       f'{where}\nfor: "{info.source}": {message}', err.details)


def apply_one(k: Kube, info: Info, strategy: str, validation: str) -> str:
    """Apply one object from a file; the operation done: created, configured or unchanged."""
    obj: dict[str, Any] = copy.deepcopy(info.obj or {})
    if info.resource.namespaced:
        obj["metadata"] = {**(obj.get("metadata") or {}), "namespace": info.namespace}
    modified = set_last_applied(obj)
    try:
        live = k.api.get(info.resource.plural, info.namespace, info.name)
    except StatusError as err:
        if err.reason != "NotFound":
            raise add_source("retrieving current configuration of", info.source, err) from None
        live = None
    if live is None:
        if strategy != "client":
            try:
                body = prepare_for_server(k, modified, info.resource.plural, validation)
                modified = k.api.create(body, namespace=info.namespace or None, dry_run=strategy == "server",
                                        resource=info.resource.plural)
            except StatusError as err:
                raise add_source("creating", info.source, err) from None
        info.obj = modified
        return "created"
    annotations = (live.get("metadata") or {}).get("annotations") or {}
    if LAST_APPLIED not in annotations:
        k.err(MISSING_ANNOTATION.format(resource=info.resource.plural, name=info.name))
    original = last_applied(live) or {}
    merged = merge(live, modified, original)
    if merged == live:
        info.obj = live
        return "unchanged"
    if strategy == "client":
        info.obj = merged
        return "configured"
    try:
        body = prepare_for_server(k, merged, info.resource.plural, validation)
        info.obj = k.api.update(body, namespace=info.namespace or None, dry_run=strategy == "server",
                                resource=info.resource.plural)
    except StatusError as err:
        raise _patch_error(info, patch_for(live, merged), err) if err.reason != "Invalid" else err from None
    return "configured"


def run_apply(k: Kube, inv: Invocation) -> int:
    strategy, validation, printer, req = file_request(k, inv)
    errors: list[Exception] = []
    count = 0
    for info in builder.visit(k, req):
        if isinstance(info, Exception):
            errors.append(info)
            continue
        try:
            operation = apply_one(k, info, strategy, validation)
        except StatusError as err:
            errors.append(err)
            continue
        count += 1
        k.out(render_objects(printer, [info.obj or {}], single=True, operation=operation + dry_run_suffix(strategy)))
    return visited("apply", errors, count)


COMMAND = Command(
    "apply", "Apply a configuration to a resource by file name or stdin",
    flags=(DRY_RUN_FLAG,
           string_flag("field-manager", "Name of the manager used to track field ownership.",
                       default="kubectl-client-side-apply"),
           *filename_flags("The files that contain the configurations to apply."),
           bool_flag("overwrite", "Automatically resolve conflicts between the modified and live configuration by "
                     "using values from the modified configuration", default=True),
           string_flag("selector", "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l "
                       "key1=value1,key2=value2). Matching objects must satisfy all of the specified label "
                       "constraints.", "l"),
           VALIDATE_FLAG, *output_flags()),
    run=run_apply)
