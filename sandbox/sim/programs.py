"""Server programs from the catalogue (nginx, httpd, redis, agnhost, goproxy...) as processes.

A server's behaviour is data (data/images.yaml); this module reads it: the lines it logs at start,
how it answers HTTP (files from the container's file system, or routes whose answer changes with
uptime), and how it reacts to stop signals. Times in templates are rendered from the simulated
instant; nothing reads a clock.
"""
from __future__ import annotations

import math
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


# Log-time layouts that show whole seconds only: the text is the same for every instant of one
# second, so it is formatted once per second (a probed sandbox logs the same second for many pods).
_SECOND_FORMATS = {
    "nginx_time": "%Y/%m/%d %H:%M:%S",
    "clf_time": "%d/%b/%Y:%H:%M:%S +0000",
}
_TIME_FORMATS = {
    "httpd_time": lambda t, f: t.strftime("%a %b %d %H:%M:%S.") + f"{f:06d} " + t.strftime("%Y"),
    "redis_time": lambda t, f: t.strftime("%d %b %Y %H:%M:%S.") + f"{f // 1000:03d}",
    "klog_time": lambda t, f: t.strftime("%H:%M:%S.") + f"{f:06d}",
    "go_now": lambda t, f: t.strftime("%Y-%m-%d %H:%M:%S.") + f"{f:06d}000 +0000 UTC",
}
HTTP_DATE = "%a, %d %b %Y %H:%M:%S GMT"     # the Date header (RFC 9110 IMF-fixdate), as nginx sends it
_SECONDS: dict[tuple[str, int], str] = {}
_SECONDS_KEPT = 1024


def strftime_second(layout: str, unix: float) -> str:
    """``_utc(unix).strftime(layout)`` for a layout without fractions: the same for a whole second,
    so it is remembered per (layout, second); a pure function of its arguments."""
    key = (layout, math.floor(unix))
    text = _SECONDS.get(key)
    if text is None:
        if len(_SECONDS) >= _SECONDS_KEPT:
            _SECONDS.clear()
        text = _SECONDS[key] = _utc(unix).strftime(layout)
    return text


def time_field(name: str, unix: float) -> str | None:
    """One of the log-time layouts the catalogue's templates use, or None for another name."""
    if name == "unix":
        return str(int(unix))
    layout = _SECOND_FORMATS.get(name)
    if layout is not None:
        return strftime_second(layout, unix)
    fmt = _TIME_FORMATS.get(name)
    if fmt is None:
        return None
    return fmt(_utc(unix), int(round((unix - int(unix)) * 1_000_000)) % 1_000_000)


_PARTS: dict[str, list[str]] = {}
_PARTS_KEPT = 512


def template_parts(template: str) -> list[str]:
    """A template split once: literal text at even indexes, ``{field}`` names at odd ones."""
    parts = _PARTS.get(template)
    if parts is None:
        if len(_PARTS) >= _PARTS_KEPT:
            _PARTS.clear()
        parts = _PARTS[template] = _FIELD.split(template)
    return parts


def render(template: str, values: Mapping[str, str], lookup: Callable[[str], str] | None = None,
           unix: float | None = None) -> str:
    """Fill ``{name}`` fields from ``values``, then the time layouts at ``unix``, then ``lookup``;
    a field none of them knows stays as it is."""
    if "{" not in template:
        return template
    parts = template_parts(template)
    out = [parts[0]]
    for i in range(1, len(parts), 2):
        key = parts[i]
        if key in values:
            out.append(values[key])
        else:
            text = time_field(key, unix) if unix is not None else None
            if text is None:
                text = lookup(key) if lookup is not None else "{" + key + "}"
            out.append(text)
        out.append(parts[i + 1])
    return "".join(out)


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
              static: Callable[[Mapping[str, Any], HttpRequest], StaticAnswer], extra: Mapping[str, str],
              listen: Mapping[str, Any] | None = None) -> tuple[HttpResponse, str | None, int | None]:
        """Answer one request: (response, access-log line or None, exit code if it asked to exit).

        ``static(http, request)`` answers from the container's files (``static_answer``, or a
        cache of it: kubelet/answers.py); ``listen`` is the listener if the caller found it."""
        if listen is None:
            listen = self.listener(spec, request.port)
        http = (listen or {}).get("http") or {}
        access = http.get("accessLog")
        exit_code: int | None = None
        values: dict[str, str] | None = None
        if "static" in http:
            answer = static(http, request)
            status, reason, headers, body, size = (answer.status, answer.reason, answer.headers,
                                                   answer.body, answer.size)
            if access:
                # The uptime values only for a log format that shows them (nginx's and httpd's don't).
                values = self._values(request, now, extra, uptime="{uptime" in access)
        else:
            values = self._values(request, now, extra, uptime=True)
            response, exit_code = _routes(http, request, now - self.started_at, values, unix)
            status, reason, headers, body = response.status, response.reason, tuple(response.headers), response.body
            size = -1
        # nginx sends Server first, then Date (ngx_http_header_filter_module.c); Go's net/http only Date.
        server = http.get("server")
        date = ("Date", strftime_second(HTTP_DATE, unix))
        headers = ((("Server", str(server)), date) if server else (date,)) + headers
        log = None
        if access:
            assert values is not None
            values["status"] = str(status)
            values["bytes"] = str(size if size >= 0 else len(body.encode()))
            log = render(access, values, unix=unix)
        return HttpResponse(status, reason, headers, body), log, exit_code

    def _values(self, request: HttpRequest, now: float, extra: Mapping[str, str], uptime: bool) -> dict[str, str]:
        """The fields a route's body or an access-log line may show."""
        values = {**extra, "client": request.client_ip, "method": request.method,
                  "path": request.target, "agent": request.header("User-Agent") or "-",
                  "hostname": extra.get("hostname", "")}
        if uptime:
            values["uptime"] = go_float(now - self.started_at)
            values["uptime_duration"] = go_duration(now - self.started_at)
        return values


@dataclass(frozen=True, slots=True)
class StaticAnswer:
    """A static-file server's answer before the headers of the moment (Server, Date): a function
    of the request line and the container's files alone."""

    status: int
    reason: str
    headers: tuple[tuple[str, str], ...]
    body: str
    size: int                      # len(body.encode()): what the access log shows as bytes


def static_answer(http: Mapping[str, Any], request: HttpRequest, read_file: Callable[[str], str | None],
                  is_dir: Callable[[str], bool]) -> StaticAnswer:
    response = _static(http, request, read_file, is_dir)
    return StaticAnswer(response.status, response.reason, tuple(response.headers), response.body,
                        len(response.body.encode()))


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
