"""Reading the protobuf bodies kubectl sends for a few typed requests.

kubectl's typed clients (``kubectl create namespace``) send ``application/vnd.kubernetes.protobuf``:
the magic ``k8s\\0`` and a runtime.Unknown envelope (apimachinery pkg/runtime/types.proto: typeMeta
= 1, raw = 2) around the object's message (k8s.io/api core/v1 generated.proto). Only the kinds a
client may send this way to the resources Podlab serves are described here; the result is the JSON
shape the rest of the server works with. Answers are always JSON, which every such client accepts.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Iterator

MAGIC = b"k8s\x00"

# field number -> (json name, type); type is "string", "int", "bytes", "map", "time",
# "[]string", or a message name in MESSAGES ("[]" prefix for repeated messages).
MESSAGES: dict[str, dict[int, tuple[str, str]]] = {
    "Unknown": {1: ("typeMeta", "TypeMeta"), 2: ("raw", "bytes"), 3: ("contentEncoding", "string"),
                4: ("contentType", "string")},
    "TypeMeta": {1: ("apiVersion", "string"), 2: ("kind", "string")},
    "ObjectMeta": {1: ("name", "string"), 2: ("generateName", "string"), 3: ("namespace", "string"),
                   5: ("uid", "string"), 6: ("resourceVersion", "string"), 7: ("generation", "int"),
                   8: ("creationTimestamp", "time"), 9: ("deletionTimestamp", "time"),
                   10: ("deletionGracePeriodSeconds", "int"), 11: ("labels", "map"), 12: ("annotations", "map"),
                   14: ("finalizers", "[]string")},
    "Namespace": {1: ("metadata", "ObjectMeta"), 2: ("spec", "NamespaceSpec"), 3: ("status", "NamespaceStatus")},
    "NamespaceSpec": {1: ("finalizers", "[]string")},
    "NamespaceStatus": {1: ("phase", "string")},
}
KINDS = {"Namespace"}


class ProtobufError(ValueError):
    pass


def _varint(data: bytes, i: int) -> tuple[int, int]:
    value, shift = 0, 0
    while True:
        if i >= len(data):
            raise ProtobufError("truncated varint")
        byte = data[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, i


def fields(data: bytes) -> Iterator[tuple[int, Any]]:
    """(field number, value) pairs: ints for varints, bytes for length-delimited fields."""
    i = 0
    while i < len(data):
        key, i = _varint(data, i)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, i = _varint(data, i)
        elif wire == 2:
            size, i = _varint(data, i)
            value, i = data[i:i + size], i + size
        elif wire == 1:
            value, i = int.from_bytes(data[i:i + 8], "little"), i + 8
        elif wire == 5:
            value, i = int.from_bytes(data[i:i + 4], "little"), i + 4
        else:
            raise ProtobufError(f"unsupported wire type {wire}")
        yield number, value


def _time(data: bytes) -> str:
    seconds = dict(fields(data)).get(1, 0)
    return (dt.datetime(1970, 1, 1) + dt.timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%SZ")


def decode_message(data: bytes, message: str) -> dict[str, Any]:
    spec = MESSAGES[message]
    out: dict[str, Any] = {}
    for number, value in fields(data):
        if number not in spec:
            continue
        name, kind = spec[number]
        if kind == "string":
            out[name] = value.decode("utf-8")
        elif kind in ("int", "bytes"):
            out[name] = value
        elif kind == "time":
            out[name] = _time(value)
        elif kind == "map":
            entry = dict(fields(value))
            out.setdefault(name, {})[entry.get(1, b"").decode("utf-8")] = entry.get(2, b"").decode("utf-8")
        elif kind == "[]string":
            out.setdefault(name, []).append(value.decode("utf-8"))
        elif kind.startswith("[]"):
            out.setdefault(name, []).append(decode_message(value, kind[2:]))
        else:
            out[name] = decode_message(value, kind)
    return out


def decode_object(body: bytes) -> dict[str, Any]:
    """The JSON object of a ``k8s\\0``-framed protobuf body; ProtobufError if it cannot be read."""
    if not body.startswith(MAGIC):
        raise ProtobufError("provided data does not appear to be a protobuf message, expected prefix "
                            f"{list(MAGIC)}")
    envelope = decode_message(body[len(MAGIC):], "Unknown")
    meta = envelope.get("typeMeta") or {}
    kind = meta.get("kind", "")
    if kind not in KINDS:
        raise ProtobufError(f"protobuf bodies of kind {kind!r} are not supported; send JSON")
    obj = decode_message(envelope.get("raw", b""), kind)
    return {"apiVersion": meta.get("apiVersion", "v1"), "kind": kind, **obj}
