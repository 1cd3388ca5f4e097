"""``kubectl get`` (k8s.io/kubectl pkg/cmd/get/get.go).

Tables come from the server-side printers (sandbox/kubectl/printers); one table per resource type,
a blank line between types, ``pod/`` prefixes when several kinds are printed, ``No resources
found in default namespace.`` on standard error when nothing was printed and nothing failed.
``-o json|yaml|name|jsonpath|custom-columns`` print one object when one was named and a ``List``
otherwise (printGeneric). Errors (``Error from server (NotFound): pods "x" not found``) come after
what could be printed. ``-w``/``--watch-only`` are in getwatch.py.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sandbox.kubectl.cmd import builder, getwatch
from sandbox.kubectl.cmd.base import Command, Invocation, Result
from sandbox.kubectl.cmd.builder import Info
from sandbox.kubectl.cmd.common import Printer, filename_flags, make_printer, output_flags, read_template_file, \
    render_objects, strip_managed_fields
from sandbox.kubectl.cmd.sorting import sort_objects
from sandbox.kubectl.errors import Aggregate, CmdError, UsageError
from sandbox.kubectl.flags import Flag, bool_flag, int_flag, slice_flag, string_flag
from sandbox.kubectl.printers import PrintOptions, TablePrinter, build_table
from sandbox.sim.errors import StatusError

if TYPE_CHECKING:
    from sandbox.kubectl.context import Kube

GET_FORMATS = ("custom-columns", "custom-columns-file", "wide")
GET_OUTPUT_USAGE = ("Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, "
                    "jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide). See "
                    "custom columns [https://kubernetes.io/docs/reference/kubectl/#custom-columns], golang template "
                    "[http://golang.org/pkg/text/template/#pkg-overview] and jsonpath template "
                    "[https://kubernetes.io/docs/reference/kubectl/jsonpath/].")


def print_options(inv: Invocation, *, with_namespace: bool, kind: str = "") -> PrintOptions:
    return PrintOptions(wide=inv.flags["output"] == "wide", no_headers=inv.flags["no-headers"],
                        with_namespace=with_namespace, show_labels=inv.flags["show-labels"],
                        column_labels=tuple(inv.flags["label-columns"]), kind=kind)


def custom_columns(k: Kube, printer: Printer, objects: list[dict[str, Any]], no_headers: bool) -> str:
    from sandbox.kubectl.printers.custom_columns import (CustomColumnsError, print_custom_columns,
                                                         print_custom_columns_file)
    try:
        if printer.format == "custom-columns-file":
            return print_custom_columns_file(read_template_file(k, printer.template, "template"), objects)
        return print_custom_columns(printer.template, objects, no_headers)
    except CustomColumnsError as err:
        k.out(err.partial)
        raise CmdError(str(err)) from None


def _single_item_implied(req: builder.Request) -> bool:
    """IntoSingleItemImplied: one name, one type/name, or one file."""
    if req.filenames:
        return len(req.filenames) == 1 and req.filenames[0] != "-"
    args = req.args
    return (len(args) == 1 and "/" in args[0]) or (len(args) == 2 and "," not in args[0] and "/" not in args[0])


def _not_found(err: Exception) -> bool:
    return isinstance(err, StatusError) and err.reason == "NotFound"


def print_generic(k: Kube, inv: Invocation, req: builder.Request, printer: Printer) -> int:
    infos, errors = _collect(k, req)
    if inv.flags["ignore-not-found"]:
        errors = [e for e in errors if not _not_found(e)]
    single = _single_item_implied(req)
    if errors and single:
        raise Aggregate(errors)
    if not infos and inv.flags["ignore-not-found"]:
        if errors:
            raise Aggregate(errors)
        return 0
    objects = [strip_managed_fields(i.obj or {}, inv.flags["show-managed-fields"]) for i in infos]
    if inv.flags["sort-by"]:
        objects = sort_objects(objects, inv.flags["sort-by"])
    if printer.format.startswith("custom-columns"):
        k.out(custom_columns(k, printer, objects, inv.flags["no-headers"]))
    else:
        k.out(render_objects(printer, objects, single=single and len(objects) == 1))
    if errors:
        raise Aggregate(errors)
    return 0


def _collect(k: Kube, req: builder.Request) -> tuple[list[Info], list[Exception]]:
    infos: list[Info] = []
    errors: list[Exception] = []
    for item in builder.visit(k, req):
        if isinstance(item, Exception):
            errors.append(item)
        else:
            infos.append(item)
    return infos, errors


def _groups(infos: list[Info]) -> list[list[Info]]:
    """Consecutive infos of one resource share a printer (shouldGetNewPrinterForMapping)."""
    groups: list[list[Info]] = []
    for info in infos:
        if groups and groups[-1][0].resource == info.resource:
            groups[-1].append(info)
        else:
            groups.append([info])
    return groups


def print_tables(k: Kube, inv: Invocation, req: builder.Request) -> int:
    infos, errors = _collect(k, req)
    if inv.flags["ignore-not-found"]:
        errors = [e for e in errors if not _not_found(e)]
    with_kind = inv.flags["show-kind"] or len({i.resource for i in infos}) > 1
    written = ""
    with_namespace = False
    for group in _groups(infos):
        resource = group[0].resource
        kind = resource.kind_lower if with_kind else ""
        # EnsureWithNamespace mutates flags every later printer shares (PrintFlags.Copy is shallow):
        # once a namespaced type has had the column, a cluster-scoped type after it gets it too
        with_namespace = with_namespace or (req.all_namespaces and resource.namespaced)
        options = print_options(inv, with_namespace=with_namespace, kind=kind)
        objects = [i.obj or {} for i in group]
        if inv.flags["sort-by"] and len(objects) > 1:
            try:
                objects = sort_objects(objects, inv.flags["sort-by"])
            except CmdError:
                # kubectl's SortingPrinter fails and get.go's human-readable loop ignores what
                # PrintObj returns: nothing is printed (kubernetes/kubernetes#141147, open in 2026)
                continue
        printer = TablePrinter(options)
        printer.print(build_table(resource.plural, objects, k.unix_now))
        text = printer.flush()
        if text and written and not inv.flags["no-headers"]:
            text = "\n" + text
        written += text
        k.out(text)
    if not written and not inv.flags["ignore-not-found"] and not errors:
        namespaced = not req.all_namespaces and all(i.resource.namespaced for i in infos) and \
            all(r.namespaced for r in builder.resource_types(req))
        k.err(f"No resources found in {req.namespace} namespace.\n" if namespaced else "No resources found\n")
    if errors:
        raise Aggregate(errors)
    return 0


def run_get(k: Kube, inv: Invocation) -> Result:
    watching = inv.flags["watch"] or inv.flags["watch-only"]
    if watching and inv.flags["sort-by"]:
        k.err("warning: --watch requested, --sort-by will be ignored for watch events received\n")
    if not watching and not inv.args and not inv.flags["filename"]:
        k.err('You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of '
              "supported resources.\n\n")
        raise UsageError(inv.path, 'Required resource not specified.\nUse "kubectl explain <resource>" for a detailed '
                         "description of that resource (e.g. kubectl explain pods).")
    output = inv.flags["output"]
    if inv.flags["show-labels"] and output not in ("", "wide"):
        raise CmdError(f"--show-labels option cannot be used with {output.partition('=')[0]} printer")
    if inv.flags["output-watch-events"] and not watching:
        raise CmdError("--output-watch-events option can only be used with --watch or --watch-only")
    all_namespaces = inv.flags["all-namespaces"]
    req = builder.Request(args=inv.args, filenames=inv.flags["filename"], recursive=inv.flags["recursive"],
                          selector=inv.flags["selector"], field_selector=inv.flags["field-selector"],
                          all_namespaces=all_namespaces, list_when_no_names=True, latest=True,
                          namespace=inv.namespace, explicit_namespace=inv.explicit_namespace and not all_namespaces)
    builder.validate(req)
    printer = make_printer(k, inv, GET_FORMATS)
    if watching:
        return getwatch.start(k, inv, req, printer)
    if printer.format in ("", "wide"):
        return print_tables(k, inv, req)
    return print_generic(k, inv, req, printer)


def get_flags() -> tuple[Flag, ...]:
    out, *rest = output_flags(GET_OUTPUT_USAGE)
    return (
        bool_flag("all-namespaces", "If present, list the requested object(s) across all namespaces. Namespace in "
                  "current context is ignored even if specified with --namespace.", "A"),
        int_flag("chunk-size", "Return large lists in chunks rather than all at once. Pass 0 to disable. This flag "
                 "is beta and may change in the future.", default=500),
        string_flag("field-selector", "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. "
                    "--field-selector key1=value1,key2=value2). The server only supports a limited number of field "
                    "queries per type."),
        *filename_flags("Filename, directory, or URL to files identifying the resource to get from a server."),
        bool_flag("ignore-not-found", "If the requested object does not exist the command will return exit code 0."),
        slice_flag("label-columns", "Accepts a comma separated list of labels that are going to be presented as "
                   "columns. Names are case-sensitive. You can also use multiple flag options like -L label1 -L "
                   "label2...", "L"),
        bool_flag("no-headers", "When using the default or custom-column output format, don't print headers "
                  "(default print headers)."),
        out, *rest,
        bool_flag("output-watch-events", "Output watch event objects when --watch or --watch-only is used. Existing "
                  "objects are output as initial ADDED events."),
        string_flag("selector", "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l "
                    "key1=value1,key2=value2). Matching objects must satisfy all of the specified label "
                    "constraints.", "l"),
        bool_flag("show-kind", "If present, list the resource type for the requested object(s)."),
        bool_flag("show-labels", "When printing, show all labels as the last column (default hide labels column)"),
        string_flag("sort-by", "If non-empty, sort list types using this field specification.  The field "
                    "specification is expressed as a JSONPath expression (e.g. '{.metadata.name}'). The field in the "
                    "API resource specified by this JSONPath expression must be an integer or a string."),
        bool_flag("watch", "After listing/getting the requested object, watch for changes.", "w"),
        bool_flag("watch-only", "Watch for changes to the requested object(s), without listing/getting first."),
    )


COMMAND = Command("get", "Display one or many resources", flags=get_flags(), run=run_get)
