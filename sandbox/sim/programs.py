"""Server programs from the catalogue (nginx, httpd, redis, agnhost, goproxy...) as processes.

A server's behaviour is data (data/images.yaml); this module reads it: the lines it logs at start,
how it answers HTTP (files from the container's file system, or routes whose answer changes with
uptime), and how it reacts to stop signals. Times in templates are rendered from the simulated
instant; nothing reads a clock.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from .catalogue import ServerSpec
from .durations import go_duration
from .net import HttpRequest, HttpResponse, reason_phrase
from .timefmt import _utc

_FIELD = re.compile(r"\{([a-z_]+(?::[^{}]*)?)\}")
_FLAG_PORT = re.compile(r"\{flag:([a-z-]+):(\d+)\}")


def go_float(x: float) -> str:
    """Go's %v for a float64 (strconv 'g' with the shortest repr): 12 -> "12", 12.5 -> "12.5"."""
    text = repr(float(x))
    if text.endswith(".0"):
        text = text[:-2]
    if "e" in text:
        mant, exp = text.split("e")
        sign = "-" if exp.startswith("-") else "+"
        text = f"{mant}e{sign}{abs(int(exp)):02d}"
    return text


_TIME_FORMATS = {
    "nginx_time": lambda t, f: t.strftime("%Y/%m/%d %H:%M:%S"),
    "clf_time": lambda t, f: t.strftime("%d/%b/%Y:%H:%M:%S +0000"),
    "httpd_time": lambda t, f: t.strftime("%a %b %d %H:%M:%S.") + f"{f:06d} " + t.strftime("%Y"),
    "redis_time": lambda t, f: t.strftime("%d %b %Y %H:%M:%S.") + f"{f // 1000:03d}",
    "klog_time": lambda t, f: t.strftime("%H:%M:%S.") + f"{f:06d}",
    "go_now": lambda t, f: t.strftime("%Y-%m-%d %H:%M:%S.") + f"{f:06d}000 +0000 UTC",
}


def time_field(name: str, unix: float) -> str | None:
    """One of the log-time layouts the catalogue's templates use, or None for another name."""
    if name == "unix":
        return str(int(unix))
    fmt = _TIME_FORMATS.get(name)
    if fmt is None:
        return None
    return fmt(_utc(unix), int(round((unix - int(unix)) * 1_000_000)) % 1_000_000)


def render(template: str, values: Mapping[str, str], lookup: Callable[[str], str] | None = None,
           unix: float | None = None) -> str:
    """Fill ``{name}`` fields from ``values``, then the time layouts at ``unix``, then ``lookup``."""
    if "{" not in template:
        return template

    def sub(m: re.Match[str]) -> str:
        key = m.group(1)
        if key in values:
            return values[key]
        if unix is not None:
            text = time_field(key, unix)
            if text is not None:
                return text
        if lookup is not None:
            return lookup(key)
        return m.group(0)
    return _FIELD.sub(sub, template)


def flag_value(argv: list[str], name: str, default: str) -> str:
    """A Go-style flag from argv: --name=v, -name=v, --name v."""
    for i, arg in enumerate(argv):
        for prefix in (f"--{name}=", f"-{name}="):
            if arg.startswith(prefix):
                return arg[len(prefix):]
        if arg in (f"--{name}", f"-{name}") and i + 1 < len(argv):
            return argv[i + 1]
    return default


@dataclass(slots=True)
class ServerProcess:
    """A running server program: its spec name, argv and the instant it started."""

    name: str
    argv: list[str]
    started_at: float

    def to_json(self) -> dict[str, Any]:
        return {"kind": "server", "name": self.name, "argv": self.argv, "started_at": self.started_at}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ServerProcess:
        return cls(data["name"], list(data["argv"]), float(data["started_at"]))

    # -- what the spec says ----------------------------------------------------------------------
    def _port(self, listen: Mapping[str, Any]) -> int:
        port = listen["port"]
        if isinstance(port, str):
            m = _FLAG_PORT.fullmatch(port)
            if m:
                return int(flag_value(self.argv, m.group(1), m.group(2)))
            return int(port)
        return int(port)

    def ports(self, spec: ServerSpec) -> list[int]:
        return [self._port(listen) for listen in spec.listen]

    def listener(self, spec: ServerSpec, port: int) -> Mapping[str, Any] | None:
        for listen in spec.listen:
            if self._port(listen) == port:
                return listen
        return None

    def start_logs(self, spec: ServerSpec, unix: float, extra: Mapping[str, str]) -> list[str]:
        return [render(line, extra, unix=unix) for line in spec.logs]

    def stop_reaction(self, spec: ServerSpec, signal: str) -> Mapping[str, Any] | None:
        """How the program reacts to ``signal``; None when it ignores it (it is PID 1)."""
        return spec.signals.get(signal)

    # -- HTTP ------------------------------------------------------------------------------------
    def serve(self, spec: ServerSpec, request: HttpRequest, now: float, unix: float,
              read_file: Callable[[str], str | None], is_dir: Callable[[str], bool],
              extra: Mapping[str, str]) -> tuple[HttpResponse, str | None, int | None]:
        """Answer one request: (response, access-log line or None, exit code if it asked to exit)."""
        listen = self.listener(spec, request.port)
        http = (listen or {}).get("http") or {}
        values = {**extra, "client": request.client_ip, "method": request.method,
                  "path": request.target, "agent": request.header("User-Agent") or "-",
                  "hostname": extra.get("hostname", ""),
                  "uptime": go_float(now - self.started_at),
                  "uptime_duration": go_duration(now - self.started_at)}
        exit_code: int | None = None
        if "static" in http:
            response = _static(http, request, read_file, is_dir)
        else:
            response, exit_code = _routes(http, request, now - self.started_at, values, unix)
        headers = list(response.headers)
        if http.get("server"):
            headers.insert(0, ("Server", str(http["server"])))
        date = _utc(unix).strftime("%a, %d %b %Y %H:%M:%S GMT")
        headers.insert(1 if http.get("server") else 0, ("Date", date))
        response = HttpResponse(response.status, response.reason, tuple(headers), response.body)
        log = None
        if http.get("accessLog"):
            log = render(http["accessLog"], {**values, "status": str(response.status),
                                             "bytes": str(len(response.body.encode()))}, unix=unix)
        return response, log, exit_code


def _html_error(status: int, server: str) -> str:
    title = f"{status} {reason_phrase(status)}"
    return (f"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n"
            f"<hr><center>{server}</center>\r\n</body>\r\n</html>\r\n")


def _static(http: Mapping[str, Any], request: HttpRequest, read_file: Callable[[str], str | None],
            is_dir: Callable[[str], bool]) -> HttpResponse:
    root = str(http["static"])
    path = posixpath.normpath("/" + request.path.lstrip("/"))
    full = posixpath.join(root, path.lstrip("/")) if path != "/" else root
    if is_dir(full):
        if not request.path.endswith("/"):
            loc = f"http://{request.host}{'' if request.port == 80 else ':' + str(request.port)}{request.path}/"
            return HttpResponse(301, "Moved Permanently",
                                (("Content-Type", "text/html"), ("Location", loc)),
                                _html_error(301, str(http.get("server", ""))))
        full = posixpath.join(full, str(http.get("index", "index.html")))
    body = read_file(full)
    if body is None:
        body = _html_error(404, str(http.get("server", "")))
        return HttpResponse(404, "Not Found", (("Content-Type", "text/html"),
                                              ("Content-Length", str(len(body.encode())))), body)
    if request.method == "HEAD":
        return HttpResponse(200, "OK", (("Content-Type", "text/html"),
                                        ("Content-Length", str(len(body.encode()))),
                                        ("Connection", "keep-alive"), ("Accept-Ranges", "bytes")), "")
    return HttpResponse(200, "OK", (("Content-Type", "text/html"), ("Content-Length", str(len(body.encode()))),
                                    ("Connection", "keep-alive"), ("Accept-Ranges", "bytes")), body)


def _routes(http: Mapping[str, Any], request: HttpRequest, uptime: float,
            values: Mapping[str, str], unix: float) -> tuple[HttpResponse, int | None]:
    """Go net/http style answers from route data (agnhost, goproxy)."""
    for route in http.get("routes") or ():
        if route["path"] not in ("*", request.path):
            continue
        phase = next(p for p in route["phases"] if "until" not in p or uptime <= float(p["until"]))
        status = int(phase.get("status", 200))

        def lookup(key: str) -> str:
            if key.startswith("query:"):
                return request.query.get(key[6:], "")
            return ""

        body = render(str(phase.get("body", "")), values, lookup, unix)
        headers: list[tuple[str, str]] = []
        if "location" in phase:
            headers.append(("Location", str(phase["location"])))
        headers += [("Content-Length", str(len(body.encode()))),
                    ("Content-Type", "text/plain; charset=utf-8")]
        exit_code = None
        if "exit" in phase:
            code = render(str(phase["exit"]), values, lookup, unix)
            exit_code = int(code) if code.lstrip("-").isdigit() else 0
        return HttpResponse(status, reason_phrase(status), tuple(headers), body), exit_code
    body = "404 page not found\n"
    return HttpResponse(404, "Not Found", (("Content-Type", "text/plain; charset=utf-8"),
                                           ("X-Content-Type-Options", "nosniff"),
                                           ("Content-Length", str(len(body))),), body), None
