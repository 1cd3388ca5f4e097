"""What crosses the simulated pod network: requests, answers and connection errors.

Kept apart from the code that routes them so the container shell (curl, wget), the prober and the
sandbox's own curl share one vocabulary.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence, Union


@dataclass(frozen=True, slots=True)
class HttpRequest:
    method: str
    host: str                      # the IP or name the client connected to
    port: int
    target: str                    # path plus query, e.g. /echo?msg=hi
    headers: tuple[tuple[str, str], ...] = ()
    body: str = ""
    client_ip: str = ""

    @property
    def path(self) -> str:
        return self.target.split("?", 1)[0] or "/"

    @property
    def query(self) -> dict[str, str]:
        if "?" not in self.target:
            return {}
        out: dict[str, str] = {}
        for part in self.target.split("?", 1)[1].split("&"):
            if part:
                k, _, v = part.partition("=")
                out.setdefault(k, v)
        return out

    def header(self, name: str) -> str:
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return ""


@dataclass(slots=True)
class HttpResponse:
    status: int
    reason: str
    headers: Sequence[tuple[str, str]] = field(default_factory=list)
    body: str = ""
    address: str = ""              # the peer, "10.244.1.3:80", when known (wget prints it)


@dataclass(slots=True)
class NetError:
    """A connection that failed: kind is refused | timeout | unreachable | dns | empty | tls."""

    kind: str
    message: str = ""
    address: str = ""


HttpResult = Union[HttpResponse, NetError]


REASONS = {
    200: "OK", 201: "Created", 204: "No Content", 301: "Moved Permanently", 302: "Found",
    304: "Not Modified", 400: "Bad Request", 403: "Forbidden", 404: "Not Found",
    405: "Method Not Allowed", 500: "Internal Server Error", 502: "Bad Gateway",
    503: "Service Unavailable",
}


def reason_phrase(status: int) -> str:
    return REASONS.get(status, "Unknown")
