"""sigs.k8s.io/json's UnmarshalStrict, walked over the OpenAPI schema instead of Go structs.

Imitated rules (kubernetes-sigs/json internal/golang/encoding/json decode.go, kubernetes_patch.go):
* a value of the wrong JSON type is skipped and the *first* such UnmarshalTypeError is kept; its text
  is ``json: cannot unmarshal <what> into Go struct field <Struct>.<json path> of type <Go type>``
  (``number 8.5`` when a number does not fit an integer field; the path has no indices);
* types with their own UnmarshalJSON (IntOrString, Quantity, Time) abort decoding with their error;
* unknown and duplicate fields are "strict" errors with the full path (``spec.containers[0].imagee``,
  map keys joined with dots), deduplicated, at most 100, reported only if nothing else failed;
* JSON null leaves a field unset (Quantity and IntOrString decode it to their zero value).
"""
from __future__ import annotations

from typing import Any

from ..errors import go_quote
from ..timefmt import parse_rfc3339, rfc3339, rfc3339_micro
from . import schema
from .gojson import Num, Obj, encode, number_value, to_python
from .quantity import QuantityError, parse_quantity

_ABSENT = object()  # the field ends up unset
_RFC3339 = "2006-01-02T15:04:05Z07:00"
_RFC3339_MICRO = "2006-01-02T15:04:05.000000Z07:00"


class Abort(Exception):
    """An error returned (not saved) by the decoder: it ends decoding at once."""


class DecodeFailure(Exception):
    """Decoding failed; ``str()`` is the message without the apiserver's prefix."""


def _describe(value: Any) -> str:
    """UnmarshalTypeError.Value for a JSON value that does not fit."""
    if isinstance(value, Obj):
        return "object"
    if isinstance(value, list):
        return "array"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, Num):
        return "number"
    return "string"


class StrictUnmarshaler:
    def __init__(self) -> None:
        self.saved: str | None = None
        self.strict: list[str] = []
        self._seen: set[str] = set()
        self._fields: list[str] = []  # errorContext.FieldStack
        self._struct: str | None = None  # errorContext.Struct
        self._path: list[str] = []  # strictFieldStack

    # -- errors -----------------------------------------------------------------------------
    def _type_error(self, what: str, go: str) -> str:
        if self._struct is not None or self._fields:
            return (f"json: cannot unmarshal {what} into Go struct field "
                    f"{self._struct or ''}.{'.'.join(self._fields)} of type {go}")
        return f"json: cannot unmarshal {what} into Go value of type {go}"

    def _save(self, what: str, go: str) -> Any:
        if self.saved is None:
            self.saved = self._type_error(what, go)
        return _ABSENT

    def _strict_error(self, kind: str, name: str) -> None:
        path = "".join(self._path) + "." + name if self._path else name
        message = f"{kind} {go_quote(path)}"  # strconv.Quote
        if len(self.strict) < 100 and message not in self._seen:
            self._seen.add(message)
            self.strict.append(message)

    # -- entry point ------------------------------------------------------------------------
    def unmarshal(self, body: Any, ref: str) -> dict[str, Any]:
        """The decoded object; raises DecodeFailure for a type error. Unknown and duplicate fields
        are left in ``self.strict`` for the caller, who decides by the field validation level."""
        try:
            result = self._value(schema.struct_type(ref), body, _ABSENT)
        except Abort as failure:
            raise DecodeFailure(str(failure)) from None
        if self.saved is not None:
            raise DecodeFailure(self.saved)
        return {} if result is _ABSENT else result

    # -- values -----------------------------------------------------------------------------
    def _value(self, t: schema.GoType, v: Any, existing: Any) -> Any:
        custom = getattr(self, f"_custom_{t.kind}", None)
        if custom is not None:
            return custom(t, v)
        if v is None:  # pointers, maps and slices become nil; primitives keep what they had
            return existing if t.kind in ("string", "bool", "int", "float") else _ABSENT
        return getattr(self, f"_decode_{t.kind}")(t, v, existing)

    def _zero(self, t: schema.GoType) -> Any:
        """The zero value an element gets from a JSON null inside a list or map."""
        return {"struct": {}, "string": "", "bool": False, "int": 0, "float": 0,
                "quantity": "0", "intorstr": 0}.get(t.kind)

    def _decode_struct(self, t: schema.GoType, v: Any, existing: Any) -> Any:
        if not isinstance(v, Obj):
            return self._save(_describe(v), t.go)
        known = schema.fields(t.ref)
        out: dict[str, Any] = dict(existing) if isinstance(existing, dict) else {}
        seen: set[str] = set()
        fields_len, struct, path_len = len(self._fields), self._struct, len(self._path)
        for key, member in v.items:
            ft = known.get(key)
            if ft is None:
                self._strict_error("unknown field", key)
                continue
            if key in seen:
                self._strict_error("duplicate field", key)
            seen.add(key)
            self._fields.append(key)
            self._struct = schema.struct_name(t.ref)
            self._path.append("." + key if self._path else key)
            result = self._value(ft, member, out.get(key, _ABSENT))
            if result is _ABSENT:
                out.pop(key, None)
            else:
                out[key] = result
            del self._fields[fields_len:]
            self._struct = struct
            del self._path[path_len:]
        return out

    def _decode_slice(self, t: schema.GoType, v: Any, existing: Any) -> Any:
        if not isinstance(v, list):
            return self._save(_describe(v), t.go)
        assert t.elem is not None
        out = []
        path_len = len(self._path)
        for i, member in enumerate(v):
            self._path.append(f"[{i}]")
            result = self._value(t.elem, member, _ABSENT)
            out.append(self._zero(t.elem) if result is _ABSENT else result)
            del self._path[path_len:]
        return out

    def _decode_map(self, t: schema.GoType, v: Any, existing: Any) -> Any:
        if not isinstance(v, Obj):
            return self._save(_describe(v), t.go)
        assert t.elem is not None
        out: dict[str, Any] = dict(existing) if isinstance(existing, dict) else {}
        seen: set[str] = set()
        path_len = len(self._path)
        for key, member in v.items:
            if key in seen:
                self._strict_error("duplicate field", key)
            seen.add(key)
            self._path.append("." + key if self._path else key)
            result = self._value(t.elem, member, _ABSENT)
            out[key] = self._zero(t.elem) if result is _ABSENT else result
            del self._path[path_len:]
        return out

    def _decode_string(self, t: schema.GoType, v: Any, existing: Any) -> Any:
        return v if isinstance(v, str) else self._save(_describe(v), t.go)

    def _decode_bool(self, t: schema.GoType, v: Any, existing: Any) -> Any:
        return v if isinstance(v, bool) else self._save(_describe(v), t.go)

    def _decode_int(self, t: schema.GoType, v: Any, existing: Any) -> Any:
        if not isinstance(v, Num):
            return self._save(_describe(v), t.go)
        number = _parse_int(v.text, t.bits)
        return self._save(f"number {v.text}", t.go) if number is None else number

    def _decode_float(self, t: schema.GoType, v: Any, existing: Any) -> Any:
        if not isinstance(v, Num):
            return self._save(_describe(v), t.go)
        return number_value(v.text)

    def _decode_any(self, t: schema.GoType, v: Any, existing: Any) -> Any:
        return to_python(v)

    # -- types with their own UnmarshalJSON -------------------------------------------------
    def _custom_raw(self, t: schema.GoType, v: Any) -> Any:
        return _ABSENT if v is None else to_python(v)

    def _custom_intorstr(self, t: schema.GoType, v: Any) -> Any:
        """intstr.IntOrString.UnmarshalJSON: a quoted value is a string, anything else an int32."""
        if isinstance(v, str):
            return v
        if v is None:
            return 0
        if isinstance(v, Num):
            number = _parse_int(v.text, 32)
            if number is not None:
                return number
            raise Abort(self._type_error(f"number {v.text}", "int32"))
        raise Abort(self._type_error(_describe(v), "int32"))

    def _custom_quantity(self, t: schema.GoType, v: Any) -> Any:
        """resource.Quantity.UnmarshalJSON: the unquoted text, trimmed, through ParseQuantity."""
        if v is None:
            return "0"
        text = v if isinstance(v, str) else (v.text if isinstance(v, Num) else encode(v))
        try:
            return str(parse_quantity(text.strip()))
        except QuantityError as error:
            raise Abort(str(error)) from None

    def _custom_time(self, t: schema.GoType, v: Any, layout: str = _RFC3339) -> Any:
        """metav1.Time.UnmarshalJSON: a string in RFC 3339, else encoding/json's error for a string."""
        if v is None:
            return _ABSENT
        if not isinstance(v, str):
            raise Abort(self._type_error(_describe(v), "string"))
        try:
            unix = parse_rfc3339(v)
        except ValueError:
            # time.Parse's message for the first element that fails is approximated by the year.
            raise Abort(f'parsing time "{v}" as "{layout}": cannot parse "{v}" as "2006"') from None
        return rfc3339(unix) if layout == _RFC3339 else rfc3339_micro(unix)

    def _custom_microtime(self, t: schema.GoType, v: Any) -> Any:
        return self._custom_time(t, v, _RFC3339_MICRO)


def _parse_int(text: str, bits: int) -> int | None:
    """strconv.ParseInt(s, 10, 64) followed by reflect's overflow check for the field's size."""
    body = text[1:] if text[:1] in "+-" else text
    if not body.isdigit():
        return None
    number = int(text)
    limit = 2 ** ((bits or 64) - 1)
    return number if -limit <= number < limit else None
