"""Flags and steps several verbs share: ``--dry-run``, ``-o`` (PrintFlags), ``-f``, klog warnings.

Ports of kubectl ``pkg/cmd/util/helpers.go`` (``GetDryRunStrategy``, ``AddDryRunFlag``) and
cli-runtime ``pkg/genericclioptions`` (``PrintFlags.ToPrinter``: json/yaml, name, templates;
``NamePrinter`` with its operation, ``pod/nginx created (dry run)``).
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sandbox.kubectl.cmd.base import Invocation
from sandbox.kubectl.errors import Aggregate, CmdError
from sandbox.kubectl.flags import Flag, bool_flag, slice_flag, string_flag
from sandbox.sim.errors import StatusError
from sandbox.sim.fs import FsError, normpath

if TYPE_CHECKING:
    from sandbox.kubectl.context import Kube

KLOG_PID = 4242  # the process id klog prints; any fixed number keeps runs identical

DRY_RUN_FLAG = string_flag(
    "dry-run", 'Must be "none", "server", or "client". If client strategy, only print the object that would be '
    "sent, without sending it. If server strategy, submit server-side request without persisting the resource.",
    default="none", no_opt="unchanged")
OUTPUT_USAGE = ("Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, "
                "jsonpath, jsonpath-as-json, jsonpath-file).")
TEMPLATE_FLAG = string_flag(
    "template", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The "
    "template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].")
ALLOW_MISSING_FLAG = bool_flag(
    "allow-missing-template-keys", "If true, ignore any errors in templates when a field or map key is missing in "
    "the template. Only applies to golang and jsonpath output formats.", default=True)
SHOW_MANAGED_FLAG = bool_flag(
    "show-managed-fields", "If true, keep the managedFields when printing objects in JSON or YAML format.")


def output_flags(usage: str = OUTPUT_USAGE) -> tuple[Flag, ...]:
    return (string_flag("output", usage, "o"), TEMPLATE_FLAG, ALLOW_MISSING_FLAG, SHOW_MANAGED_FLAG)


def filename_flags(what: str, recursive: bool = False) -> tuple[Flag, ...]:
    """cmdutil.AddFilenameOptionFlags (without -k: Podlab has no kustomize)."""
    return (slice_flag("filename", what, "f"),
            bool_flag("recursive", "Process the directory used in -f, --filename recursively. Useful when you want "
                      "to manage related manifests organized within the same directory.", "R", default=recursive))


# -- klog ----------------------------------------------------------------------------------------
def klog_warning(k: Kube, where: str, message: str) -> None:
    """A klog ``W`` line on standard error, stamped with the simulated time (kubectl's local time
    is UTC on the sandbox host): ``W0106 10:00:00.000000    4242 helpers.go:702] message``."""
    when = _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc) + _dt.timedelta(seconds=k.unix_now)
    k.err(f"W{when:%m%d %H:%M:%S}.{when.microsecond:06d} {KLOG_PID:7d} {where}] {message}\n")


# -- --dry-run -----------------------------------------------------------------------------------
def dry_run_strategy(k: Kube, inv: Invocation) -> str:
    """GetDryRunStrategy: "none", "client" or "server" (booleans and a bare flag are deprecated)."""
    value = inv.flags["dry-run"]
    if value in ("1", "t", "T", "TRUE", "true", "True"):
        klog_warning(k, "helpers.go:716", f"--dry-run={value} is deprecated (boolean value) and can be replaced "
                     "with --dry-run=client.")
        return "client"
    if value in ("0", "f", "F", "FALSE", "false", "False"):
        klog_warning(k, "helpers.go:718", f"--dry-run={value} is deprecated (boolean value) and can be replaced "
                     "with --dry-run=none.")
        return "none"
    if value == "unchanged":
        klog_warning(k, "helpers.go:702", "--dry-run is deprecated and can be replaced with --dry-run=client.")
        return "client"
    if value in ("client", "server", "none"):
        return value
    raise CmdError(f'Invalid dry-run value ({value}). Must be "none", "server", or "client".')


def visited(verb: str, errors: list[Exception], count: int) -> int:
    """The end of a verb that visits objects with ContinueOnError: every error met, together; or,
    when the builder found nothing at all, ``no objects passed to <verb>``."""
    if errors:
        raise Aggregate(errors)
    if count == 0:
        raise CmdError(f"no objects passed to {verb}")
    return 0


def subresource_refusal(verb: str, subresource: str, plural: str) -> StatusError | None:
    """What Podlab's API server answers a ``verb`` of ``--subresource``: pods/status belongs to the
    kubelet (405), no other subresource is served (404); None for the object itself."""
    if not subresource:
        return None
    if subresource == "status":
        return StatusError(405, "MethodNotAllowed", "the server does not allow this method on the requested "
                           f"resource ({verb} {plural}/status)")
    return StatusError(404, "NotFound", "the server could not find the requested resource")


def dry_run_suffix(strategy: str) -> str:
    return {"client": " (dry run)", "server": " (server dry run)"}.get(strategy, "")


# -- -o ------------------------------------------------------------------------------------------
GENERIC_FORMATS = ("go-template", "go-template-file", "json", "jsonpath", "jsonpath-as-json", "jsonpath-file",
                   "name", "template", "templatefile", "yaml")
TEMPLATE_FORMATS = ("go-template", "go-template-file", "template", "templatefile", "jsonpath", "jsonpath-file",
                    "jsonpath-as-json")


@dataclass(frozen=True, slots=True)
class Printer:
    """What PrintFlags.ToPrinter chose: a format and, for templates, the template text."""

    format: str                 # "" (the name printer with an operation), json, yaml, name, jsonpath
    template: str = ""
    allow_missing: bool = True

    @property
    def is_default(self) -> bool:
        return self.format == ""


def make_printer(k: Kube, inv: Invocation, extra_formats: tuple[str, ...] = (),
                 output: str | None = None) -> Printer:
    """PrintFlags.ToPrinter for ``-o``: raises kubectl's errors for unknown or unusable formats."""
    text = inv.flags.get("output", "") if output is None else output
    fmt, has_value, template = text.partition("=")
    if not has_value and inv.flags.get("template"):
        template = inv.flags["template"]
    allow = bool(inv.flags.get("allow-missing-template-keys", True))
    if fmt in ("", "json", "yaml", "name") or fmt in extra_formats:
        if fmt.startswith("custom-columns"):
            _check_custom_columns(k, fmt, template)
        return Printer(fmt, template, allow)
    if fmt in TEMPLATE_FORMATS:
        if not template:
            raise CmdError("template format specified but no template given")
        if fmt in ("go-template", "go-template-file", "template", "templatefile"):
            raise CmdError(f"-o {fmt} is not available in Podlab (it has no Go template engine); "
                           "use -o jsonpath='{...}' instead")
        if fmt == "jsonpath-file":
            template = read_template_file(k, template)
        _check_jsonpath(template)
        return Printer("jsonpath-as-json" if fmt == "jsonpath-as-json" else "jsonpath", template, allow)
    allowed = sorted(set(GENERIC_FORMATS) | set(extra_formats))
    raise CmdError(f'unable to match a printer suitable for the output format "{text}", allowed formats are: '
                   + ",".join(allowed))


def read_template_file(k: Kube, path: str, what: str = "--template") -> str:
    """The template file of -o jsonpath-file (``error reading --template f, ...``) or
    custom-columns-file (``error reading template f, ...``)."""
    try:
        return k.fs.read(normpath(path, k.cwd))
    except FsError as err:
        raise CmdError(f"error reading {what} {path}, open {path}: {err.strerror.lower()}") from None


def _check_jsonpath(template: str) -> None:
    from sandbox.kubectl.jsonpath import JsonPathError, parse_template
    try:
        parse_template(template)
    except JsonPathError as err:
        raise CmdError(str(err)) from None


def _check_custom_columns(k: Kube, fmt: str, spec: str) -> None:
    from sandbox.kubectl.printers.custom_columns import CustomColumnsError, parse_spec, parse_template_file
    try:
        if fmt == "custom-columns-file":
            if not spec:
                raise CustomColumnsError("custom-columns-file format specified but no custom columns file given")
            parse_template_file(read_template_file(k, spec, "template"))
        else:
            parse_spec(spec)
    except CustomColumnsError as err:
        raise CmdError(str(err)) from None


def kind_name(obj: dict[str, Any]) -> str:
    """The name printer's ``pod/nginx`` (``kind.group`` for grouped kinds)."""
    from sandbox.kubectl.printers.name import to_name
    return to_name(obj).rstrip("\n")


def strip_managed_fields(obj: dict[str, Any], keep: bool) -> dict[str, Any]:
    if keep or "managedFields" not in (obj.get("metadata") or {}):
        return obj
    meta = {k: v for k, v in obj["metadata"].items() if k != "managedFields"}
    return {**obj, "metadata": meta}


def render_objects(printer: Printer, objects: list[dict[str, Any]], *, single: bool,
                   operation: str = "", typed: bool = False) -> str:
    """The text a generic printer writes for these objects: one object when ``single``, else a
    ``List`` (kubectl get's printGeneric); the name printer prints one line per object."""
    from sandbox.kubectl.printers.json import as_list, to_json
    from sandbox.kubectl.printers.name import to_name
    from sandbox.kubectl.printers.yaml import to_yaml
    if printer.format in ("", "name"):
        op = operation if printer.format == "" else ""
        return "".join(to_name(o, op) for o in objects)
    target: Any = objects[0] if single and len(objects) == 1 else as_list(objects)
    if printer.format == "json":
        if typed:
            from sandbox.kubectl.cmd.typed_json import typed_json
            return typed_json(target)
        return to_json(target)
    if printer.format == "yaml":
        return to_yaml(target)
    if printer.format in ("jsonpath", "jsonpath-as-json"):
        from sandbox.kubectl.jsonpath import JsonPathError, evaluate
        try:
            return evaluate(printer.template, target, allow_missing_keys=printer.allow_missing,
                            output_json=printer.format == "jsonpath-as-json")
        except JsonPathError as err:
            raise CmdError(str(err)) from None
    raise CmdError(f"unsupported output format {printer.format}")


def file_request(k: Kube, inv: Invocation) -> tuple[str, str, Any, Any]:
    """create -f and apply -f: their shared checks, then (dry-run strategy, field validation,
    printer, builder request)."""
    from sandbox.kubectl.cmd import builder
    from sandbox.kubectl.cmd.validate import field_validation
    from sandbox.kubectl.errors import UsageError
    if inv.args:
        raise UsageError(inv.path, f"Unexpected args: [{' '.join(inv.args)}]")
    if not inv.flags["filename"]:
        raise CmdError("must specify one of -f and -k")
    strategy = dry_run_strategy(k, inv)
    validation = field_validation(inv)
    printer = make_printer(k, inv)
    req = builder.Request(filenames=inv.flags["filename"], recursive=inv.flags["recursive"],
                          selector=inv.flags["selector"], namespace=inv.namespace,
                          explicit_namespace=inv.explicit_namespace, validate=validation != "Ignore")
    return strategy, validation, printer, req
