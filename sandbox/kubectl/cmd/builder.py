"""The resource builder: from ``TYPE NAME``, ``TYPE/NAME``, ``-f``, ``-l``, ``--all`` to objects.

A port of what verbs use of cli-runtime ``pkg/resource/builder.go``: ``ResourceTypeOrNameArgs``
(comma-separated types, ``all``, ``type/name`` pairs), ``FilenameParam`` (objects read by
manifests.py, their namespace checked against an explicit ``-n``), ``LabelSelectorParam``,
``FieldSelectorParam``, ``SelectAllParam`` and ``Latest`` (fetch the live object of a file's
object). ``visit`` yields objects and errors in kubectl's order, as ``ContinueOnError`` does.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterator

from sandbox.kubectl import manifests
from sandbox.kubectl.errors import CmdError, ResourceTypeError
from sandbox.kubectl.resources import Resource, for_kind, resolve_types
from sandbox.sim.apiserver.decode import decode
from sandbox.sim.apiserver.selectors import SelectorError, parse_label_selector
from sandbox.sim.errors import StatusError

if TYPE_CHECKING:
    from sandbox.kubectl.context import Kube

NO_RESOURCES = ("You must provide one or more resources by argument or filename.\n"
                "Example resource specifications include:\n"
                "   '-f rsrc.yaml'\n"
                "   '--filename=rsrc.json'\n"
                "   '<resource> <name>'\n"
                "   '<resource>'")


@dataclass(slots=True)
class Info:
    """resource.Info: one object, where it lives, and (for -f) the file it came from."""

    resource: Resource
    namespace: str
    name: str
    obj: dict[str, Any] | None = None
    source: str = ""

    @property
    def kind_name(self) -> str:
        return f"{self.resource.kind_lower}/{self.name}"


@dataclass(slots=True)
class Request:
    args: list[str] = field(default_factory=list)
    filenames: list[str] = field(default_factory=list)
    recursive: bool = False
    selector: str = ""
    field_selector: str = ""
    select_all: bool = False
    all_namespaces: bool = False
    list_when_no_names: bool = False   # get/describe: ``kubectl get pods`` lists them all
    latest: bool = False               # fetch the live object of every object read from a file
    validate: bool = False             # create/apply: the schema validator's apiVersion/kind checks
    namespace: str = "default"
    explicit_namespace: bool = False


@dataclass(slots=True)
class _Parsed:
    resources: list[Resource]
    names: list[str]
    pairs: list[tuple[Resource, str]]


def _parse_args(args: list[str]) -> _Parsed:
    """ResourceTypeOrNameArgs: ``TYPE[,TYPE] [NAME...]`` or ``TYPE/NAME...``."""
    with_slash = sum(1 for a in args if "/" in a)
    if with_slash and with_slash != len(args):
        raise CmdError("there is no need to specify a resource type as a separate argument when passing "
                       "arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of "
                       "'kubectl get resource resource/<resource_name>'")
    if with_slash:
        pairs = []
        for arg in args:
            kind, _, name = arg.partition("/")
            if not kind or not name or "/" in name:
                raise CmdError("arguments in resource/name form must have a single resource and name")
            pairs.append((resolve_types(kind)[0], name))
        return _Parsed([], [], pairs)
    if not args:
        return _Parsed([], [], [])
    types = resolve_types(args[0])
    if not types:
        raise ResourceTypeError(args[0])
    return _Parsed(types, args[1:], [])


def validate(req: Request) -> _Parsed:
    """The checks Builder.Do makes before anything is fetched."""
    parsed = _parse_args(req.args)
    if req.filenames and (parsed.resources or parsed.pairs):
        raise CmdError("when paths, URLs, or stdin is provided as input, you may not specify resource arguments "
                       "as well")
    if req.select_all and (req.selector or req.field_selector):
        raise CmdError("setting 'all' parameter but found a non empty selector. ")
    if (req.selector or req.select_all or req.field_selector) and (parsed.names or parsed.pairs):
        raise CmdError("name cannot be provided when a selector is specified")
    if parsed.resources and not parsed.names and not (req.selector or req.select_all or req.field_selector) \
            and not req.list_when_no_names:
        raise CmdError("resource(s) were provided, but no name was specified")
    if not (req.filenames or parsed.resources or parsed.pairs):
        raise CmdError(NO_RESOURCES)
    return parsed


def _namespace_of(resource: Resource, req: Request) -> str:
    return req.namespace if resource.namespaced else ""


def _get(k: Kube, resource: Resource, namespace: str, name: str, source: str = "") -> Info | StatusError:
    try:
        obj = k.api.get(resource.plural, namespace, name)
    except StatusError as err:
        return err
    return Info(resource, namespace, name, obj, source)


def _list(k: Kube, resource: Resource, req: Request) -> Iterator[Info | Exception]:
    namespace = None if (req.all_namespaces or not resource.namespaced) else req.namespace
    try:
        listed = k.api.list(resource.plural, namespace, req.selector, req.field_selector)
    except StatusError as err:
        yield enhance_list_error(err, resource, req.selector, req.field_selector)
        return
    for obj in listed["items"]:
        meta = obj["metadata"]
        yield Info(resource, meta.get("namespace", ""), meta["name"], obj)


def enhance_list_error(err: StatusError, resource: Resource, selector: str, field_selector: str) -> StatusError:
    """cli-runtime EnhanceListError: a 400/404 on a list says what was listed."""
    if err.reason not in ("BadRequest", "NotFound"):
        return err
    subject = f"{resource.group}/{resource.version}, Resource={resource.plural}"
    if not selector and not field_selector:
        message = f'Unable to list "{subject}": {err.message}'
    else:
        message = (f'Unable to find "{subject}" that match label selector "{selector}", field selector '
                   f'"{field_selector}": {err.message}')
    return StatusError(err.code, err.reason, message, err.details)


def _labels(obj: dict[str, Any]) -> dict[str, Any]:
    meta = obj.get("metadata")
    labels = meta.get("labels") if isinstance(meta, dict) else None
    return labels if isinstance(labels, dict) else {}


def _malformed_metadata(obj: dict[str, Any], resource: Resource) -> StatusError | None:
    """The API server's decoding error for metadata of the wrong JSON type (``metadata: web``,
    ``labels: [a]``). Real kubectl sends such an object as it is and the server refuses it; the
    verbs here read metadata first, so the refusal is given here, in the server's words."""
    meta = obj.get("metadata")
    if meta is None or (isinstance(meta, dict)
                        and all(isinstance(meta.get(f), (dict, type(None))) for f in ("labels", "annotations"))
                        and all(isinstance(meta.get(f), (str, type(None)))
                                for f in ("name", "namespace", "generateName"))):
        return None
    try:
        decode(obj, resource=resource.plural)
    except StatusError as err:
        return err
    return None


def _from_file(k: Kube, req: Request, manifest: manifests.Manifest) -> Info | Exception:
    obj = manifest.obj
    meta = obj.get("metadata") if isinstance(obj.get("metadata"), dict) else {}
    name = str(meta.get("name") or "")
    resource = for_kind(str(obj.get("kind")), str(obj.get("apiVersion") or "v1"))
    if resource is None:
        return CmdError(f'resource mapping not found for name: "{name}" namespace: "{meta.get("namespace", "")}" '
                        f'from "{manifest.source}": no matches for kind "{obj.get("kind")}" in version '
                        f'"{obj.get("apiVersion", "")}"\nensure CRDs are installed first')
    malformed = _malformed_metadata(obj, resource)
    if malformed is not None:
        return malformed
    namespace = ""
    if resource.namespaced:
        namespace = str(meta.get("namespace") or "")
        if req.explicit_namespace and namespace and namespace != req.namespace:
            return CmdError(f'the namespace from the provided object "{namespace}" does not match the namespace '
                            f'"{req.namespace}". You must pass \'--namespace={namespace}\' to perform this operation.')
        namespace = namespace or req.namespace
    if req.latest:
        return _get(k, resource, namespace, name, manifest.source)
    return Info(resource, namespace, name, obj, manifest.source)


def visit(k: Kube, req: Request) -> Iterator[Info | Exception]:
    """Every object the request names, in order; errors in their place (ContinueOnError)."""
    parsed = validate(req)
    if req.filenames:
        try:
            wanted = parse_label_selector(req.selector) if req.selector else None
        except SelectorError as err:
            raise CmdError(str(err)) from None
        for item in manifests.read_manifests(k, req.filenames, req.recursive, req.validate):
            if isinstance(item, Exception):
                yield item
            elif wanted is None or wanted.matches(_labels(item.obj)):
                yield _from_file(k, req, item)  # FilterByLabelSelector: others are skipped silently
        return
    if parsed.pairs:
        for resource, name in parsed.pairs:
            yield _get(k, resource, _namespace_of(resource, req), name)
        return
    if parsed.names:
        for resource in parsed.resources:
            for name in parsed.names:
                yield _get(k, resource, _namespace_of(resource, req), name)
        return
    for resource in parsed.resources:
        yield from _list(k, resource, req)


def resource_types(req: Request) -> list[Resource]:
    """The types the arguments name (for messages such as ``No resources found``)."""
    parsed = _parse_args(req.args)
    return parsed.resources or [r for r, _ in parsed.pairs]
