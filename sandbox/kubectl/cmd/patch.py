"""``kubectl patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE]`` (k8s.io/kubectl
pkg/cmd/patch/patch.go).

Validate's checks come first, in kubectl's order; then the patch is read (``--patch-file`` from the
learner's files) and turned into JSON as ``k8s.io/apimachinery/pkg/util/yaml.ToJSON`` does: a
text that starts with ``{`` is sent as it is (the server reports what is wrong with it), anything
else is YAML (go-yaml v2's rules: ``y`` is ``true``). Each object the builder finds is patched by
the API server (``--type`` strategic, the default, merge or json), which answers as it answers a
real kubectl's PATCH: the patched object, or the error of the patch, its decoding or its update's
validation (sandbox/sim/apiserver/patch.py, then ``ApiServer.update``). Unknown fields are
dropped with a warning: kubectl patch sends no ``fieldValidation``, so the server's default, Warn,
applies. The result is ``pod/web patched``, or ``patched (no change)`` when the object came back
as it was fetched; ``--dry-run=client`` and ``--local`` patch the fetched object (or the file's)
here and print it without sending anything (patchclient.py words those errors as kubectl's
libraries do).
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from sandbox.kubectl.cmd import builder
from sandbox.kubectl.cmd.base import Command, Invocation
from sandbox.kubectl.cmd.common import (DRY_RUN_FLAG, dry_run_strategy, filename_flags, make_printer, output_flags,
                                        render_objects, subresource_refusal, visited)
from sandbox.kubectl.cmd.patchclient import PATCH_TYPES, patched_locally, unstructured
from sandbox.kubectl.errors import Aggregate, CmdError
from sandbox.kubectl.flags import bool_flag, string_flag
from sandbox.kubectl.printers.name import NamePrinterError
from sandbox.kubectl.yamlreader import YamlError, yaml_to_python
from sandbox.sim.apiserver import patch as patches
from sandbox.sim.apiserver.decode import decode_request
from sandbox.sim.apiserver.schema import definition_for
from sandbox.sim.errors import StatusError, go_quote, name_mismatch
from sandbox.sim.fs import FsError, normpath

if TYPE_CHECKING:
    from sandbox.kubectl.context import Kube

def read_patch(k: Kube, inv: Invocation) -> bytes:
    """The patch as the JSON bytes kubectl sends."""
    text = inv.flags["patch"]
    if inv.flags["patch-file"]:
        try:
            text = k.fs.read(normpath(inv.flags["patch-file"], k.cwd))
        except FsError as err:
            raise CmdError(f"unable to read patch file: open {inv.flags['patch-file']}: {err.strerror.lower()}") from None
    if text.lstrip(" \t\r\n").startswith("{"):    # util/yaml.ToJSON: JSON goes through untouched
        return text.encode("utf-8")
    try:
        value = yaml_to_python(text)
    except YamlError as err:
        raise CmdError(f'unable to parse {go_quote(inv.flags["patch"])}: {err}') from None
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def server_patch(k: Kube, info: builder.Info, kind: str, body: bytes, *, dry_run: bool) -> dict[str, Any]:
    """What kube-apiserver does with the PATCH request (handlers/patch.go), Podlab's API server's
    way (sandbox/api/writes.py ``patch_object``): read the body, patch the live object, decode the
    result with the default field validation (Warn), check its name, update."""
    plural = info.resource.plural
    document = patches.parse_json(body)
    live = k.api.get(plural, info.namespace, info.name)
    result = patches.apply(kind, live, document, definition_for("", "v1", info.resource.kind))
    decoded = decode_request(json.dumps(result), resource=plural, field_validation="Warn")
    name = (decoded.obj.get("metadata") or {}).get("name")
    if name != info.name:
        raise name_mismatch(name, info.name)
    for warning in decoded.warnings:
        k.err(f"Warning: {warning}\n")
    return k.api.update(decoded.obj, namespace=info.namespace or None, dry_run=dry_run, resource=plural)


def run_patch(k: Kube, inv: Invocation) -> int:
    strategy = dry_run_strategy(k, inv)
    local = inv.flags["local"]
    # Validate
    if inv.flags["patch"] and inv.flags["patch-file"]:
        raise CmdError("cannot specify --patch and --patch-file together")
    if not inv.flags["patch"] and not inv.flags["patch-file"]:
        raise CmdError("must specify --patch or --patch-file containing the contents of the patch")
    if local and inv.args:
        raise CmdError("cannot specify --local and server resources")
    if local and strategy == "server":
        raise CmdError("cannot specify --local and --dry-run=server - did you mean --dry-run=client?")
    type_name = inv.flags["type"]
    if type_name and type_name.lower() not in PATCH_TYPES:
        raise CmdError(f"--type must be one of [json merge strategic], not {go_quote(type_name)}")
    subresource = inv.flags["subresource"]
    kind = PATCH_TYPES[(type_name or "strategic").lower()]
    # RunPatch
    body = read_patch(k, inv)
    req = builder.Request(args=list(inv.args), filenames=inv.flags["filename"], recursive=inv.flags["recursive"],
                          latest=not local, namespace=inv.namespace, explicit_namespace=inv.explicit_namespace)
    errors: list[Exception] = []
    count = 0
    for info in builder.visit(k, req):
        if isinstance(info, Exception):
            errors.append(info)
            continue
        count += 1
        before = info.obj or {}
        try:
            if local or strategy == "client":
                result = unstructured(patched_locally(kind, before, body))
            else:
                refused = subresource_refusal("patch", subresource, info.resource.plural)
                if refused is not None:
                    raise refused
                result = server_patch(k, info, kind, body, dry_run=strategy == "server")
            printer = make_printer(k, inv)
        except (CmdError, StatusError, Aggregate) as err:
            errors.append(err)
            continue
        operation = "patched" if result != before else "patched (no change)"
        try:
            k.out(render_objects(printer, [result], single=True, operation=operation))
        except NamePrinterError as err:       # a client-side result without a kind
            errors.append(CmdError(str(err)))
    return visited("patch", errors, count)


COMMAND = Command(
    "patch", "Update fields of a resource",
    flags=(
        DRY_RUN_FLAG,
        string_flag("field-manager", "Name of the manager used to track field ownership.", default="kubectl-patch"),
        *filename_flags("Filename, directory, or URL to files identifying the resource to update"),
        bool_flag("local", "If true, patch will operate on the content of the file, not the server-side resource."),
        string_flag("patch", "The patch to be applied to the resource JSON file.", "p"),
        string_flag("patch-file", "A file containing a patch to be applied to the resource."),
        string_flag("subresource", "If specified, patch will operate on the subresource of the requested object. "
                    "This flag is beta and may change in the future."),
        string_flag("type", "The type of patch being provided; one of [json merge strategic]", default="strategic"),
        *output_flags(),
    ),
    run=run_patch)
