"""Strict decoding of a request body, as kube-apiserver 1.32 does it before anything else.

The pipeline imitated (apimachinery pkg/runtime/serializer/json/json.go Serializer.Decode, the
versioning codec, and apiserver pkg/endpoints/handlers/create.go + rest.go transformDecodeError):

1. ``SimpleMetaFactory.Interpret`` reads apiVersion and kind with plain encoding/json;
2. the kind and version are defaulted from the endpoint (``gvkWithDefaults``);
3. a missing kind or version, or one the scheme does not know, fails;
4. the body is unmarshalled strictly into the versioned type (unmarshal.py);
5. the versioned object must convert to the endpoint's kind;
6. the handler rejects an apiVersion other than the endpoint's.

With a ``resource`` every failure is wrapped as the handler does
(``Pod in version "v1" cannot be handled as a Pod: ...``); without one the bare decoder error is
raised, as a universal deserializer would return it. Both raise StatusError 400 (BadRequest).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..errors import StatusError, bad_request
from . import schema
from .gojson import Num, Obj, encode, from_python, parse_body
from .unmarshal import DecodeFailure, StrictUnmarshaler

# legacyscheme.Scheme's name: naming.GetNameFromCallsite of pkg/api/legacyscheme/scheme.go line 30
# as a -trimpath release build reports it (1.25+ clusters print exactly this).
SCHEME_NAME = "pkg/api/legacyscheme/scheme.go:30"

_FIND_KIND = 'struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }'


@dataclass(frozen=True, slots=True)
class Endpoint:
    group: str
    version: str
    kind: str

    @property
    def group_version(self) -> str:
        return f"{self.group}/{self.version}" if self.group else self.version


# The REST resources Podlab serves, keyed as the caller names them.
RESOURCES: dict[str, Endpoint] = {
    "pods": Endpoint("", "v1", "Pod"),
    "namespaces": Endpoint("", "v1", "Namespace"),
    "nodes": Endpoint("", "v1", "Node"),
    "events": Endpoint("", "v1", "Event"),
    "events.events.k8s.io": Endpoint("events.k8s.io", "v1", "Event"),
}

# Kinds that convert to the same internal type (core.Event backs both Event APIs).
_INTERNAL = {("", "Event"): "core.Event", ("events.k8s.io", "Event"): "core.Event"}


@dataclass(frozen=True, slots=True)
class Decoded:
    """The decoded object, and the strict-decoding warnings when field validation is Warn."""

    obj: dict[str, Any]
    warnings: tuple[str, ...] = ()


def decode(obj: object, *, resource: str | None = None, sort_keys: bool = True) -> dict[str, Any]:
    """Decode ``obj`` strictly (fieldValidation=Strict, kubectl's default) and return a normalised copy.

    ``obj`` is a dict (as parsed from YAML/JSON; keys are visited sorted, as in the JSON kubectl
    sends, unless ``sort_keys=False``) or a raw JSON body (str/bytes, visited in text order, with
    duplicate keys detected). Raises StatusError 400 with kube-apiserver's message.
    """
    return decode_request(obj, resource=resource, sort_keys=sort_keys).obj


def decode_request(obj: object, *, resource: str | None = None, field_validation: str = "Strict",
                   sort_keys: bool = True) -> Decoded:
    """``decode`` with the ``fieldValidation`` query parameter: Strict, Warn (the server default:
    unknown/duplicate fields become warnings) or Ignore."""
    endpoint = RESOURCES.get(resource) if resource else None
    if resource and endpoint is None:
        raise KeyError(f"unknown resource {resource!r}")
    if isinstance(obj, (str, bytes)):
        raw = obj.decode("utf-8") if isinstance(obj, bytes) else obj
        try:
            body = parse_body(raw)
        except ValueError as error:
            raise _unrecognized(endpoint, f"couldn't get version/kind; json parse error: {_syntax(error)}", raw) from None
    else:
        body = from_python(obj, sort_keys=sort_keys)
        raw = encode(body)
    return _decode(body, raw, endpoint, field_validation)


def _decode(body: Any, raw: str, endpoint: Endpoint | None, field_validation: str) -> Decoded:
    api_version, kind = _interpret(body, endpoint, raw)
    group, version = _parse_group_version(api_version, endpoint, raw)
    if endpoint is not None:  # gvkWithDefaults(actual, endpoint GVK)
        kind = kind or endpoint.kind
        if not version and (not group or group == endpoint.group):
            group, version = endpoint.group, endpoint.version

    def fail(message: str) -> StatusError:
        if endpoint is None:
            return bad_request(message)
        if not kind:
            return _unrecognized(endpoint, message, raw)
        return bad_request(f'{kind} in version "{version}" cannot be handled as a {endpoint.kind}: {message}')

    if not kind:
        raise fail(f"Object 'Kind' is missing in '{raw}'")
    if not version:
        raise fail(f"Object 'apiVersion' is missing in '{raw}'")
    gv = f"{group}/{version}" if group else version
    ref = schema.definition_for(group, version, kind)
    if ref is None:
        raise fail(f'no kind "{kind}" is registered for version "{gv}" in scheme "{SCHEME_NAME}"')
    unmarshaler = StrictUnmarshaler()
    try:
        result = unmarshaler.unmarshal(body, ref)
    except DecodeFailure as failure:
        raise fail(str(failure)) from None
    if endpoint is not None:
        # The versioning codec converts to the endpoint's internal type; only Event has two
        # external kinds for one internal type.
        source = _INTERNAL.get((group, kind), _internal_name(group, kind))
        target = _INTERNAL.get((endpoint.group, endpoint.kind), _internal_name(endpoint.group, endpoint.kind))
        if source != target:
            raise fail(f"converting ({schema.go_name(ref)}) to ({target}): unknown conversion")
    warnings: tuple[str, ...] = ()
    if unmarshaler.strict:
        if field_validation == "Strict":
            raise fail("strict decoding error: " + ", ".join(unmarshaler.strict))
        if field_validation == "Warn":  # handlers/create.go addStrictDecodingWarnings
            warnings = tuple(unmarshaler.strict)
    if endpoint is not None and gv != endpoint.group_version:
        raise bad_request(f"the API version in the data ({gv}) does not match the expected "
                          f"API version ({endpoint.group_version})")
    result["apiVersion"], result["kind"] = gv, kind
    return Decoded(result, warnings)


def _internal_name(group: str, kind: str) -> str:
    """The internal type a kind converts to: pkg/apis/core for the legacy group, pkg/apis/<group> else."""
    return f"{group.split('.')[0] if group else 'core'}.{kind}"


def _interpret(body: Any, endpoint: Endpoint | None, raw: str) -> tuple[str, str]:
    """SimpleMetaFactory.Interpret: encoding/json into {APIVersion, Kind}, matching keys case-insensitively."""
    if not isinstance(body, Obj):
        what = "array" if isinstance(body, list) else "number" if isinstance(body, Num) else (
            "bool" if isinstance(body, bool) else "string")
        if body is None:
            return "", ""
        raise _unrecognized(endpoint, "couldn't get version/kind; json parse error: "
                                      f"json: cannot unmarshal {what} into Go value of type {_FIND_KIND}", raw)
    found = {"apiversion": "", "kind": ""}
    for key, value in body.items:
        slot = key.lower()
        if slot not in found or value is None:
            continue
        if not isinstance(value, str):
            what = "object" if isinstance(value, Obj) else "array" if isinstance(value, list) else (
                "bool" if isinstance(value, bool) else "number")
            name = "apiVersion" if slot == "apiversion" else "kind"
            raise _unrecognized(endpoint, "couldn't get version/kind; json parse error: "
                                          f"json: cannot unmarshal {what} into Go struct field .{name} of type string", raw)
        found[slot] = value
    return found["apiversion"], found["kind"]


def _parse_group_version(api_version: str, endpoint: Endpoint | None, raw: str) -> tuple[str, str]:
    """schema.ParseGroupVersion."""
    if not api_version or api_version == "/":
        return "", ""
    if api_version.count("/") == 0:
        return "", api_version
    if api_version.count("/") == 1:
        group, _, version = api_version.partition("/")
        return group, version
    raise _unrecognized(endpoint, f"unexpected GroupVersion string: {api_version}", raw)


def _unrecognized(endpoint: Endpoint | None, message: str, raw: str) -> StatusError:
    """transformDecodeError without a kind: ``the object provided is unrecognized (must be of type Pod)``."""
    if endpoint is None:
        return bad_request(message)
    return bad_request(f"the object provided is unrecognized (must be of type {endpoint.kind}): "
                       f"{message} ({_summarize(raw)})")


def _summarize(raw: str) -> str:
    """summarizeData(body, 30): the first 30 bytes, or their hex when the body is not an object."""
    data = raw.encode("utf-8")
    if not data:
        return "<empty>"
    if data[:1] == b"{":
        return data[:30].decode("utf-8", "replace") + " ..." if len(data) > 30 else raw
    return data[:30].hex() + " ..." if len(data) > 30 else data.hex()


def _syntax(error: ValueError) -> str:
    """Python's JSON syntax error in roughly Go's words (the exact offsets differ: approximated)."""
    if isinstance(error, json.JSONDecodeError):
        return f"invalid character looking for beginning of value (offset {error.pos})"
    return str(error)
