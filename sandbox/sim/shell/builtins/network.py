"""Network clients over the host's simulated network: busybox ``wget`` and ``nc -z`` (curl is in
curl.py).

Messages imitate busybox 1.36 networking/wget.c (``Connecting to web (10.96.0.10:80)``,
``wget: can't connect to remote host (10.244.1.3): Connection refused``, ``wget: server returned
error: HTTP/1.1 500 Internal Server Error``, ``wget: download timed out``, ``wget: bad address
'x'``, the progress bar and ``'index.html' saved``) and curl's tool_msgs/strerror texts
(``curl: (7) Failed to connect to ... Couldn't connect to server``, ``(6) Could not resolve
host``, ``(22) The requested URL returned error: 404``, ``(28) ...``). A connection that times
out takes its time in simulated seconds: the command sleeps and prints its error when it ends.
"""
from __future__ import annotations

import re

from ...fs import FsError
from ..host import HttpResponse, NetError
from .base import Block, Ctx, Result, utility

WGET_TIMEOUT = 900.0          # busybox wget's default -T
CONNECT_TIMEOUT = 130.0       # what the kernel's SYN retries (tcp_syn_retries=6) add up to
_PROGRESS_BAR = "*" * 32


def split_url(url: str) -> tuple[str, str, int, str] | None:
    """(scheme, host, port, path) of an http(s) URL; the scheme defaults to http."""
    m = re.fullmatch(r"(?:(https?)://)?([^/:?#]+|\[[^\]]+\])(?::(\d+))?([/?#].*)?", url)
    if not m:
        return None
    scheme = m.group(1) or "http"
    port = int(m.group(3)) if m.group(3) else (443 if scheme == "https" else 80)
    return scheme, m.group(2), port, m.group(4) or "/"


def peer_address(result: HttpResponse | NetError, host: str, port: int) -> str:
    return result.address or f"{host}:{port}"


def size5(n: int) -> str:
    """busybox smart_ulltoa5 / curl max5data: at most five characters."""
    if n < 100_000:
        return str(n)
    for unit in "kMGT":
        n //= 1024
        if n < 10_000:
            return f"{n}{unit}"
    return f"{n}P"


def request(ctx: Ctx, method: str, url: str, headers: list[tuple[str, str]], body: str | None,
            follow: bool) -> tuple[HttpResponse | NetError, str]:
    for _ in range(10):
        result = ctx.host.http(method, url, headers, body, ctx.now)
        if not follow or isinstance(result, NetError) or result.status not in (301, 302, 303, 307, 308):
            return result, url
        location = next((v for k, v in result.headers if k.lower() == "location"), None)
        if location is None:
            return result, url
        if location.startswith("/"):
            origin = re.match(r"(?:\w+://)?[^/?#]*", url)
            base = origin.group() if origin else ""
            location = (base if "://" in base else "http://" + base) + location
        url = location
    return result, url


# ---- wget -----------------------------------------------------------------------------------

@utility("wget")
def wget(ctx: Ctx) -> Result:
    quiet, spider, show_headers = False, False, False
    output: str | None = None
    timeout = WGET_TIMEOUT
    headers: list[tuple[str, str]] = []
    post: str | None = None
    urls: list[str] = []
    args = list(ctx.args)
    while args:
        a = args.pop(0)
        if a.startswith("--"):
            name, eq, value = a[2:].partition("=")
            needs = name in ("header", "post-data", "output-document", "timeout", "user-agent", "tries")
            if needs and not eq:
                value = args.pop(0) if args else ""
            if name == "spider":
                spider = True
            elif name == "quiet":
                quiet = True
            elif name == "header":
                k, _, v = value.partition(":")
                headers.append((k.strip(), v.strip()))
            elif name == "post-data":
                post = value
            elif name == "output-document":
                output = value
            elif name == "timeout":
                timeout = float(value or 0) or WGET_TIMEOUT
            elif name == "server-response":
                show_headers = True
            continue
        if a.startswith("-") and len(a) > 1:
            j = 1
            while j < len(a):
                c = a[j]
                if c in "OTUPYto":
                    value = a[j + 1:] or (args.pop(0) if args else "")
                    if c == "O":
                        output = value
                    elif c == "T":
                        timeout = float(value or 0) or WGET_TIMEOUT
                    break
                quiet = quiet or c == "q"
                show_headers = show_headers or c == "S"
                j += 1
            continue
        urls.append(a)
    if not urls:
        ctx.errln("BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\n"
                  "Usage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n"
                  "\t[--post-data STR | --post-file FILE] [-Y on/off]\n"
                  "\t[-P DIR] [-U AGENT] [-T SEC] URL...")
        return 1
    status = 0
    for url in urls:
        result = _wget_one(ctx, url, quiet, spider, show_headers, output, timeout, headers, post)
        if not isinstance(result, int):
            return result
        status = status or result
    return status


def _wget_one(ctx: Ctx, url: str, quiet: bool, spider: bool, show_headers: bool, output: str | None,
              timeout: float, headers: list[tuple[str, str]], post: str | None) -> Result:
    parts = split_url(url)
    if parts is None:
        ctx.errln(f"wget: not an http or ftp url: {url}")
        return 1
    _, host, port, path = parts
    request_headers = [("Host", host), ("User-Agent", "Wget")] + headers
    result, _ = request(ctx, "POST" if post is not None else "GET", url, request_headers, post, follow=True)
    if isinstance(result, NetError) and result.kind == "dns":
        ctx.errln(f"wget: bad address '{host}'")
        return 1
    if not quiet:
        authority = re.match(r"(?:\w+://)?(?:[^@/]*@)?([^/?#]*)", url)
        shown = authority.group(1) if authority else host    # as in the URL, ":port" included
        ctx.errln(f"Connecting to {shown} ({peer_address(result, host, port)})")
    if isinstance(result, NetError):
        if result.kind == "timeout":
            return Block(ctx.now + timeout, 1, [(2, "wget: download timed out\n")])
        if result.kind in ("empty", "tls"):
            # busybox wget reading no HTTP status line (a TCP server that is not HTTP, or TLS).
            ctx.errln("wget: error getting response: Connection reset by peer")
            return 1
        ip = peer_address(result, host, port).rsplit(":", 1)[0]
        reason = "No route to host" if result.kind == "unreachable" else "Connection refused"
        ctx.errln(f"wget: can't connect to remote host ({ip}): {reason}")
        return 1
    if show_headers:
        ctx.err(f"  HTTP/1.1 {result.status} {result.reason}\n" + "".join(f"  {k}: {v}\n" for k, v in result.headers))
    if not 200 <= result.status < 300:
        ctx.errln(f"wget: server returned error: HTTP/1.1 {result.status} {result.reason}")
        return 1
    if spider:
        if not quiet:
            ctx.errln("remote file exists")
        return 0
    body = result.body
    if output in ("-",):
        if not quiet:
            ctx.errln("writing to stdout")
            ctx.err(_wget_bar("-", body))
        ctx.out(body)
        if not quiet:
            ctx.errln("written to stdout")
        return 0
    name = output or (path.split("?")[0].split("#")[0].rsplit("/", 1)[-1] or "index.html")
    target = ctx.path(name)
    if output is None and ctx.fs.exists(target):
        ctx.errln(f"wget: can't open '{name}': File exists")   # O_EXCL without -O
        return 1
    try:
        ctx.fs.write(target, body)
    except FsError as exc:
        ctx.errln(f"wget: can't open '{name}': {exc.strerror}")
        return 1
    if not quiet:
        ctx.errln(f"saving to '{name}'")
        ctx.err(_wget_bar(name.rsplit("/", 1)[-1], body))
        ctx.errln(f"'{name}' saved")
    return 0


def _wget_bar(name: str, body: str) -> str:
    """busybox libbb/progress.c, final state, stderr not a terminal."""
    size = size5(len(body.encode("utf-8")))
    return f"{name:<20.20}{100:4d}% |{_PROGRESS_BAR}| {size:>5} {'0:00:00':>8} ETA\n"


# ---- nc -------------------------------------------------------------------------------------

@utility("nc", "netcat")
def nc(ctx: Ctx) -> Result:
    flags = "".join(a[1:] for a in ctx.args if a.startswith("-") and not a[1:].isdigit())
    values = [a for a in ctx.args if not a.startswith("-")]
    if "w" in flags and values:
        values = values[1:] if len(values) > 2 else values
    if "z" not in flags or len(values) < 2 or not values[1].isdigit():
        ctx.errln("nc: only 'nc -z HOST PORT' is simulated" if ctx.gnu else "nc: bad usage (try nc -z HOST PORT)")
        return 1
    host, port = values[0], int(values[1])
    error = ctx.host.tcp_connect(host, port, ctx.now)
    if error is None:
        if "v" in flags:
            ctx.errln(f"Connection to {host} {port} port [tcp/*] succeeded!" if ctx.gnu
                      else f"{host} ({host}:{port}) open")
        return 0
    if "v" in flags:
        reason = {"dns": "Name or service not known", "timeout": "Operation timed out"}.get(error.kind, "Connection refused")
        ctx.errln(f"nc: connect to {host} port {port} (tcp) failed: {reason}" if ctx.gnu else f"nc: {host} ({host}:{port}): {reason}")
    return 1
