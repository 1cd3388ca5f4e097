"""What the API answers with: JSON bodies, Status errors, warnings, Tables.

Errors are ``Status`` objects with the HTTP code of the Status (apimachinery pkg/api/errors), so a
client prints them as it prints a real API server's: kubectl ``Error from server (NotFound): pods
"x" not found``, the Python client an ``ApiException`` with the same reason and body.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpResponse

from sandbox.sim.errors import StatusError

JSON = "application/json"


@dataclass(slots=True)
class Reply:
    """An answer before it becomes an HttpResponse (built in sync code, sent by async views)."""

    status: int
    body: Any                                  # a JSON-able object, or bytes/str sent as they are
    content_type: str = JSON
    warnings: list[str] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)

    def response(self) -> HttpResponse:
        if isinstance(self.body, bytes):
            data = self.body
        elif isinstance(self.body, str):
            data = self.body.encode("utf-8")
        else:
            data = encode(self.body)
        resp = HttpResponse(data, status=self.status, content_type=self.content_type)
        for warning in self.warnings:
            # RFC 7234 warn-code 299 with the text quoted, as apiserver pkg/warning writes it;
            # clients print "Warning: <text>".
            resp.headers["Warning"] = _joined(resp.headers.get("Warning"), "299 - " + _quote(warning))
        for key, value in self.headers.items():
            resp.headers[key] = value
        return resp


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _joined(existing: str | None, value: str) -> str:
    return f"{existing}, {value}" if existing else value


def encode(obj: Any) -> bytes:
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def ok(body: Any, status: int = 200, **kwargs: Any) -> Reply:
    return Reply(status, body, **kwargs)


def failure(err: StatusError) -> Reply:
    body = err.status()
    # "upgrade" is the simulation's hint that the kubelet refused a stream, not part of the API.
    details = {k: v for k, v in (err.details or {}).items() if k != "upgrade"}
    if details:
        body["details"] = details
    else:
        body.pop("details", None)
    return Reply(err.code, body)


def status_error(code: int, reason: str, message: str, details: dict[str, Any] | None = None) -> StatusError:
    return StatusError(code, reason, message, details or {})


def not_found_path() -> StatusError:
    """No route: the API server's answer for a path it does not serve."""
    return status_error(404, "NotFound", "the server could not find the requested resource", {})


def unauthorized() -> StatusError:
    """A missing, wrong or revoked token: kubectl prints ``error: You must be logged in to the
    server (Unauthorized)``."""
    return status_error(401, "Unauthorized", "Unauthorized")


def method_not_allowed(verb: str, resource: str) -> StatusError:
    return status_error(405, "MethodNotAllowed",
                        f"the server does not allow this method on the requested resource ({verb} {resource})")


def not_acceptable(accept: str) -> StatusError:
    return status_error(406, "NotAcceptable", f"only the following media types are accepted: application/json, "
                        f"application/yaml, application/vnd.kubernetes.protobuf (not {accept})")


def unsupported_media_type(content_type: str) -> StatusError:
    return status_error(415, "UnsupportedMediaType", f"the body of the request was in an unknown format - "
                        f"accepted media types include: application/json, application/yaml, "
                        f"application/vnd.kubernetes.protobuf, application/cbor (not {content_type})")
