"""API errors shaped like Kubernetes ``Status`` objects.

The simulated API server raises ``StatusError``; kubectl (sandbox/kubectl) and the REST API
(sandbox/api) render it. The shapes follow apimachinery pkg/api/errors/errors.go (NewNotFound,
NewAlreadyExists, NewInvalid, NewBadRequest, NewConflict, NewGone ...) and the field errors
follow pkg/util/validation/field/errors.go.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# field.ErrorType -> (the text ErrorBody starts with, the StatusCause reason)
_FIELD_TYPES: dict[str, tuple[str, str]] = {
    "NotFound": ("Not found", "FieldValueNotFound"),
    "Required": ("Required value", "FieldValueRequired"),
    "Duplicate": ("Duplicate value", "FieldValueDuplicate"),
    "Invalid": ("Invalid value", "FieldValueInvalid"),
    "NotSupported": ("Unsupported value", "FieldValueNotSupported"),
    "Forbidden": ("Forbidden", "FieldValueForbidden"),
    "TooLong": ("Too long", "FieldValueTooLong"),
    "TooMany": ("Too many", "FieldValueTooMany"),
    "Internal": ("Internal error", "InternalError"),
    "TypeInvalid": ("Invalid value", "FieldValueTypeInvalid"),
}

_OMIT = object()


@dataclass(frozen=True, slots=True)
class GoRaw:
    """A bad value already rendered the way Go prints it (``[]string{"a"}``, ``core.Toleration{...}``).

    field.Error in apimachinery 1.32 prints values that are neither strings nor simple numbers with
    ``%#v`` (pkg/util/validation/field/errors.go, ErrorBody); callers render those themselves.
    """

    text: str

    def __str__(self) -> str:
        return self.text


def go_string_slice(values: list[str]) -> GoRaw:
    """``%#v`` of a []string: ``[]string{"a", "b"}``, ``[]string{}`` when empty."""
    return GoRaw("[]string{" + ", ".join(go_quote(v) for v in values) + "}")


def _go_value(value: Any) -> str:
    """How field.Error prints a bad value: strings quoted (%q), numbers and bools with %v."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
        return str(int(value))  # %v of float64(2) is "2"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return go_quote(value)
    return str(value)


def go_quote(text: str) -> str:
    """Go's %q for the strings that appear in API messages."""
    out = ['"']
    for ch in text:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\x{ord(ch):02x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


@dataclass(frozen=True, slots=True)
class FieldError:
    """One field.Error: ``spec.containers[0].image: Required value``."""

    type: str
    field: str
    bad_value: Any = _OMIT
    detail: str = ""

    def body(self) -> str:
        text = _FIELD_TYPES[self.type][0]
        if self.type not in ("Required", "Forbidden", "TooLong", "Internal") and self.bad_value is not _OMIT:
            text = f"{text}: {self.bad_value_text()}"
        if self.detail:
            text = f"{text}: {self.detail}"
        return text

    def bad_value_text(self) -> str:
        return _go_value(self.bad_value)

    def __str__(self) -> str:
        return f"{self.field}: {self.body()}" if self.field else self.body()

    def cause(self) -> dict[str, Any]:
        return {"reason": _FIELD_TYPES[self.type][1], "message": self.body(), "field": self.field}


def required(path: str, detail: str = "") -> FieldError:
    return FieldError("Required", path, _OMIT, detail)


def invalid(path: str, value: Any, detail: str) -> FieldError:
    return FieldError("Invalid", path, value, detail)


def not_supported(path: str, value: Any, supported: list[str]) -> FieldError:
    detail = "supported values: " + ", ".join(go_quote(s) for s in supported) if supported else ""
    return FieldError("NotSupported", path, value, detail)


def forbidden(path: str, detail: str) -> FieldError:
    return FieldError("Forbidden", path, _OMIT, detail)


def duplicate(path: str, value: Any) -> FieldError:
    return FieldError("Duplicate", path, value)


def not_found_field(path: str, value: Any, detail: str = "") -> FieldError:
    """field.NotFound (``Not found: "x"``); the name avoids clashing with the 404 helper below."""
    return FieldError("NotFound", path, value, detail)


def too_long(path: str, max_length: int) -> FieldError:
    """field.TooLong: ``Too long: may not be more than 262144 bytes`` (the value is never printed)."""
    unit = "byte" if max_length == 1 else "bytes"
    return FieldError("TooLong", path, _OMIT, f"may not be more than {max_length} {unit}")


def too_many(path: str, actual: int, max_quantity: int) -> FieldError:
    """field.TooMany: ``Too many: 5: must have at most 3 items``."""
    unit = "item" if max_quantity == 1 else "items"
    return FieldError("TooMany", path, actual, f"must have at most {max_quantity} {unit}")


def internal_field_error(path: str, message: str) -> FieldError:
    return FieldError("Internal", path, _OMIT, message)


def aggregate(errs: list[FieldError]) -> str:
    """utilerrors.NewAggregate(...).Error(): one message, or ``[a, b]`` for several."""
    msgs: list[str] = []
    for e in errs:
        s = str(e)
        if s not in msgs:
            msgs.append(s)
    if len(msgs) == 1:
        return msgs[0]
    return "[" + ", ".join(msgs) + "]"


@dataclass(slots=True)
class StatusError(Exception):
    """A failed API call: the body of the Status object the API server answers with."""

    code: int
    reason: str
    message: str
    details: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.message

    def status(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "kind": "Status",
            "apiVersion": "v1",
            "metadata": {},
            "status": "Failure",
            "message": self.message,
            "reason": self.reason,
            "code": self.code,
        }
        if self.details:
            body["details"] = self.details
        return body


def _details(resource: str, name: str, group: str = "") -> dict[str, Any]:
    d: dict[str, Any] = {"name": name}
    if group:
        d["group"] = group
    d["kind"] = resource
    return d


def _qualified(resource: str, group: str) -> str:
    return f"{resource}.{group}" if group else resource


def not_found(resource: str, name: str, group: str = "") -> StatusError:
    return StatusError(404, "NotFound", f'{_qualified(resource, group)} "{name}" not found',
                       _details(resource, name, group))


def already_exists(resource: str, name: str, group: str = "") -> StatusError:
    return StatusError(409, "AlreadyExists", f'{_qualified(resource, group)} "{name}" already exists',
                       _details(resource, name, group))


def conflict(resource: str, name: str, why: str, group: str = "") -> StatusError:
    return StatusError(409, "Conflict",
                       f'Operation cannot be fulfilled on {_qualified(resource, group)} "{name}": {why}',
                       _details(resource, name, group))


def invalid_object(kind: str, name: str, errs: list[FieldError], group: str = "") -> StatusError:
    qualified = f"{kind}.{group}" if group else kind
    details: dict[str, Any] = {"name": name}
    if group:
        details["group"] = group
    details["kind"] = kind
    details["causes"] = [e.cause() for e in errs]
    return StatusError(422, "Invalid", f'{qualified} "{name}" is invalid: {aggregate(errs)}', details)


def bad_request(message: str) -> StatusError:
    return StatusError(400, "BadRequest", message)


def name_mismatch(name: Any, on_url: str) -> StatusError:
    """A PUT or PATCH whose object names another object than its URL (rest.BeforeUpdate)."""
    return bad_request(f"the name of the object ({name}) does not match the name on the URL ({on_url})")


def forbidden_error(resource: str, name: str, why: str, group: str = "") -> StatusError:
    """errors.NewForbidden: ``pods "x" is forbidden: ...``; ``pods is forbidden: ...`` without a name
    (an admission plugin sees no name yet when the object uses generateName)."""
    subject = f'{_qualified(resource, group)} "{name}"' if name else _qualified(resource, group)
    return StatusError(403, "Forbidden", f"{subject} is forbidden: {why}", _details(resource, name, group))


def request_entity_too_large(limit: int) -> StatusError:
    """errors.NewRequestEntityTooLargeError(fmt.Sprintf("limit is %d", limit)): a body past the
    API server's limit (apiserver's limitedReadBody)."""
    return StatusError(413, "RequestEntityTooLarge", f"Request entity too large: limit is {limit}")


def exceeded_quota(resource: str, name: str, quota: str, key: str, used: int, limited: int) -> StatusError:
    """What ResourceQuota admission answers (admission.NewForbidden around its error):
    ``pods "x" is forbidden: exceeded quota: q, requested: pods=1, used: pods=10, limited: pods=10``."""
    return forbidden_error(resource, name, f"exceeded quota: {quota}, requested: {key}=1, used: {key}={used}, "
                                           f"limited: {key}={limited}")


def gone(message: str) -> StatusError:
    return StatusError(410, "Expired", message)


def method_not_supported(resource: str, action: str) -> StatusError:
    return StatusError(405, "MethodNotAllowed",
                       f"{action} is not supported on resources of kind {go_quote(resource)}")  # %q, not Python's repr
