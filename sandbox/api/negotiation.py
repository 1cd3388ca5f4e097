"""Content negotiation: which representation the client's Accept header asks for.

kube-apiserver reads the Accept header as a list of media types with parameters
(apiserver pkg/endpoints/handlers/negotiation): ``application/json;as=Table;v=v1;g=meta.k8s.io``
asks for a server-side Table, ``application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList``
for aggregated discovery; the first type the server can produce wins. Podlab produces JSON only:
protobuf is accepted in requests for the kinds kubectl sends that way (protobuf.py), never written,
which is allowed because every client that asks for protobuf also accepts JSON.
"""
from __future__ import annotations

from dataclasses import dataclass, field

JSON = "application/json"
TABLE_CONTENT_TYPE = "application/json;as=Table;v=v1;g=meta.k8s.io"


@dataclass(frozen=True, slots=True)
class MediaType:
    type: str
    params: dict[str, str] = field(default_factory=dict)

    def is_json_like(self) -> bool:
        return self.type in (JSON, "application/*", "*/*")


def parse_accept(header: str) -> list[MediaType]:
    """The media types of an Accept header, in the client's order (q values are ignored, as
    kube-apiserver ignores them)."""
    out: list[MediaType] = []
    for item in header.split(","):
        pieces = [p.strip() for p in item.split(";")]
        if not pieces[0]:
            continue
        params = {}
        for p in pieces[1:]:
            key, _, value = p.partition("=")
            if key and key != "q":
                params[key.strip().lower()] = value.strip().strip('"')
        out.append(MediaType(pieces[0].lower(), params))
    return out


def _first_json(header: str) -> MediaType | None:
    types = parse_accept(header) or [MediaType(JSON)]
    return next((t for t in types if t.is_json_like()), None)


def acceptable(header: str) -> bool:
    """Whether JSON (in some shape) is acceptable at all; if not the answer is 406."""
    return _first_json(header) is not None


def wants_table(header: str) -> bool:
    """``as=Table`` in meta.k8s.io v1 or v1beta1 is the first JSON type the client names."""
    first = _first_json(header)
    return bool(first and first.params.get("as") == "Table" and first.params.get("g") == "meta.k8s.io"
                and first.params.get("v") in ("v1", "v1beta1"))


def wants_metadata(header: str) -> str | None:
    """``as=PartialObjectMetadata`` / ``PartialObjectMetadataList``: the kind asked for, or None."""
    first = _first_json(header)
    kind = first.params.get("as", "") if first else ""
    if first and first.params.get("g") == "meta.k8s.io" and kind.startswith("PartialObjectMetadata"):
        return kind
    return None


def discovery_version(header: str) -> str | None:
    """The aggregated discovery version (``v2``, ``v2beta1``) asked for first, or None for the
    legacy documents (client-go discovery_client.go acceptDiscoveryFormats)."""
    first = _first_json(header)
    if first and first.params.get("g") == "apidiscovery.k8s.io" and first.params.get("as") == "APIGroupDiscoveryList" \
            and first.params.get("v") in ("v2", "v2beta1"):
        return first.params["v"]
    return None


def content_type_of(header: str) -> str:
    """The media type of a Content-Type header, lower-cased, without parameters."""
    return header.split(";", 1)[0].strip().lower()
