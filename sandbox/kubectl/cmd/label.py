"""``kubectl label`` and, through the same steps, ``kubectl annotate`` (k8s.io/kubectl
pkg/cmd/label/label.go, pkg/cmd/annotate/annotate.go).

Arguments split into resources and ``key=value``/``key-`` changes (``GetResourcesAndPairs``);
without ``--overwrite`` a different existing value is refused (``'app' already has a value
(nginx), and --overwrite is false``); the change is sent as a JSON merge patch of metadata, and
the result is reported as ``pod/nginx labeled``, ``not labeled`` or ``unlabeled`` (labels) or
``annotated``. ``--local`` works on the files alone, as kubectl's does.
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sandbox.kubectl.cmd import builder
from sandbox.kubectl.cmd.base import Command, Invocation
from sandbox.kubectl.cmd.common import (DRY_RUN_FLAG, dry_run_strategy, dry_run_suffix, filename_flags, make_printer,
                                        output_flags, render_objects)
from sandbox.kubectl.errors import Aggregate, CmdError
from sandbox.kubectl.flags import Flag, bool_flag, string_flag
from sandbox.kubectl.printers.json import marshal_compact
from sandbox.sim.errors import StatusError

if TYPE_CHECKING:
    from sandbox.kubectl.context import Kube

_LABEL_VALUE = re.compile(r"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")
LABEL_VALUE_ERROR = ("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', "
                     "and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or "
                     "'12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")


@dataclass(frozen=True, slots=True)
class Edit:
    """What differs between label and annotate."""

    verb: str          # label / annotate
    field: str         # labels / annotations
    pair: str          # label / annotation (GetResourcesAndPairs, ParsePairs)
    done: str          # labeled / annotated
    example_file: str  # "pod.yaml" (label) / "rsrc.yaml" (annotate) in the --local message


LABEL = Edit("label", "labels", "label", "labeled", "pod")
ANNOTATION = Edit("annotate", "annotations", "annotation", "annotated", "rsrc")


def split_pairs(args: list[str], pair: str) -> tuple[list[str], list[str]]:
    """GetResourcesAndPairs: resources first, then changes."""
    resources: list[str] = []
    pairs: list[str] = []
    for s in args:
        change = ("=" in s and not s.startswith("=")) or (s.endswith("-") and s != "-")
        if change:
            pairs.append(s)
        elif pairs:
            raise CmdError(f"all resources must be specified before {pair} changes: {s}")
        else:
            resources.append(s)
    return resources, pairs


def parse_pairs(pairs: list[str], pair: str) -> tuple[dict[str, str], list[str]]:
    """ParsePairs(spec, pair, supportRemove=true)."""
    new: dict[str, str] = {}
    remove: list[str] = []
    invalid: list[str] = []
    for arg in pairs:
        if "=" in arg and not arg.startswith("="):
            key, _, value = arg.partition("=")
            new[key] = value
        elif arg.endswith("-") and arg != "-":
            remove.append(arg[:-1])
        else:
            invalid.append(arg)
    if invalid:
        raise CmdError(f"invalid {pair} format: {', '.join(invalid)}")
    return new, remove


def _overwrite_errors(current: dict[str, str], new: dict[str, str], edit: Edit) -> None:
    conflicts = [(k, current[k]) for k, v in new.items() if k in current and current[k] != v]
    if not conflicts:
        return
    if edit is LABEL:
        errs = [CmdError(f"'{k}' already has a value ({v}), and --overwrite is false") for k, v in conflicts]
        raise errs[0] if len(errs) == 1 else Aggregate(errs)  # type: ignore[misc]
    found = "; ".join(f"'{k}' already has a value ({v})" for k, v in conflicts)
    raise CmdError(f"--overwrite is false but found the following declared annotation(s): {found}")


def edited(obj: dict[str, Any], edit: Edit, new: dict[str, str], remove: list[str], overwrite: bool,
           resource_version: str) -> dict[str, Any]:
    out = copy.deepcopy(obj)
    meta = out.setdefault("metadata", {})
    current = dict(meta.get(edit.field) or {})
    if not overwrite:
        _overwrite_errors(current, new, edit)
    current.update(new)
    for key in remove:
        current.pop(key, None)
    meta[edit.field] = current
    if resource_version:
        meta["resourceVersion"] = resource_version
    return out


def _message(before: dict[str, Any], after: dict[str, Any], overwrite: bool, edit: Edit) -> str:
    """updateDataChangeMsg (label); annotate always says annotated."""
    if edit is ANNOTATION:
        return edit.done
    old, new = marshal_compact(before), marshal_compact(after)
    if old == new:
        return "not labeled"
    if not overwrite and len(new) < len(old):
        return "unlabeled"
    return "labeled"


def run_edit(k: Kube, inv: Invocation, edit: Edit) -> int:
    strategy = dry_run_strategy(k, inv)
    resources, pairs = split_pairs(inv.args, edit.pair)
    new, remove = parse_pairs(pairs, edit.pair)
    if edit is LABEL:
        for key, value in new.items():
            if len(value) > 63 or not _LABEL_VALUE.match(value):
                raise CmdError(f'invalid label value: "{key}={value}": {LABEL_VALUE_ERROR}')
    listing = inv.flags["list"]
    if listing and inv.flags["output"]:
        raise CmdError("--list and --output may not be specified together")
    printer = make_printer(k, inv)
    if inv.flags["all"] and inv.flags["selector"]:
        raise CmdError("cannot set --all and --selector at the same time")
    local = inv.flags["local"]
    if local:
        if strategy == "server":
            raise CmdError("cannot specify --local and --dry-run=server - did you mean --dry-run=client?")
        if resources:
            raise CmdError(f"can only use local files by -f {edit.example_file}.yaml or --filename="
                           f"{edit.example_file}.json when --local=true is set")
        if not inv.flags["filename"]:
            raise CmdError(f"one or more files must be specified as -f {edit.example_file}.yaml or --filename="
                           f"{edit.example_file}.json")
    elif not resources and not inv.flags["filename"]:
        raise CmdError("one or more resources must be specified as <resource> <name> or <resource>/<name>")
    if not new and not remove and not listing:
        raise CmdError(f"at least one {edit.pair} update is required")
    req = builder.Request(args=[] if local else resources, filenames=inv.flags["filename"],
                          recursive=inv.flags["recursive"], selector="" if local else inv.flags["selector"],
                          field_selector="" if local else inv.flags["field-selector"],
                          select_all=inv.flags["all"], all_namespaces=inv.flags["all-namespaces"],
                          latest=not local, namespace=inv.namespace, explicit_namespace=inv.explicit_namespace)
    errors: list[Exception] = []
    for info in builder.visit(k, req):
        if isinstance(info, Exception):
            errors.append(info)
            continue
        before = info.obj or {}
        try:
            if listing:
                for key in sorted((before.get("metadata") or {}).get(edit.field) or {}):
                    k.out(f"{key}={before['metadata'][edit.field][key]}\n")
                continue
            if not (local or strategy == "client") and edit is LABEL:
                for key in remove:
                    if key not in ((before.get("metadata") or {}).get("labels") or {}):
                        k.out(f'label "{key}" not found.\n')
            after = edited(before, edit, new, remove, inv.flags["overwrite"], inv.flags["resource-version"])
            message = _message(before, after, inv.flags["overwrite"], edit)
            result = after
            if not (local or strategy == "client"):
                result = k.api.update(after, namespace=info.namespace or None, dry_run=strategy == "server",
                                      resource=info.resource.plural)
        except (CmdError, StatusError, Aggregate) as err:
            errors.append(err)
            continue
        k.out(render_objects(printer, [result], single=True, operation=message + dry_run_suffix(strategy)))
    if errors:
        raise Aggregate(errors)
    return 0


def edit_flags(edit: Edit) -> tuple[Flag, ...]:
    what = "labels" if edit is LABEL else "annotation"
    return (
        bool_flag("all", "Select all resources, in the namespace of the specified resource types" +
                  ("" if edit is LABEL else ".")),
        bool_flag("all-namespaces", "If true, check the specified action in all namespaces.", "A"),
        DRY_RUN_FLAG,
        string_flag("field-manager", "Name of the manager used to track field ownership.",
                    default=f"kubectl-{edit.verb}"),
        string_flag("field-selector", "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. "
                    "--field-selector key1=value1,key2=value2). The server only supports a limited number of field "
                    "queries per type."),
        *filename_flags(f"Filename, directory, or URL to files identifying the resource to update the {what}"),
        bool_flag("list", f"If true, display the {edit.field} for a given resource."),
        bool_flag("local", f"If true, {edit.pair} will NOT contact api-server but run locally."),
        bool_flag("overwrite", f"If true, allow {edit.field} to be overwritten, otherwise reject {edit.pair} updates "
                  f"that overwrite existing {edit.field}."),
        string_flag("resource-version", f"If non-empty, the {what if edit is LABEL else 'annotation'} update will "
                    "only succeed if this is the current resource-version for the object. Only valid when "
                    "specifying a single resource."),
        string_flag("selector", "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l "
                    "key1=value1,key2=value2). Matching objects must satisfy all of the specified label "
                    "constraints.", "l"),
        *output_flags(),
    )


def run_label(k: Kube, inv: Invocation) -> int:
    return run_edit(k, inv, LABEL)


COMMAND = Command("label", "Update the labels on a resource", flags=edit_flags(LABEL), run=run_label)
