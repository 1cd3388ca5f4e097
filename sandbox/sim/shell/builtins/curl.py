"""``curl`` 7.88 as in Debian bookworm images: ``-s -S -i -I -o -O -f -m -H -X -d -L -v -w``.

Messages are curl's (lib/strerror.c and the tool's ``curl: (N) ...``); the progress meter goes to
stderr when the output is not a terminal, as curl does, with a transfer taken to last 1 ms.
"""
from __future__ import annotations

import re

from ...fs import FsError
from ..host import HttpResponse, NetError
from .base import Block, Ctx, Result, utility
from .network import CONNECT_TIMEOUT, peer_address, request, size5, split_url


# ---- curl -----------------------------------------------------------------------------------

_CURL_VALUE_OPTS = {"-o": "output", "--output": "output", "-m": "max-time", "--max-time": "max-time",
                    "--connect-timeout": "connect-timeout", "-H": "header", "--header": "header",
                    "-X": "request", "--request": "request", "-d": "data", "--data": "data",
                    "--data-raw": "data", "-w": "write-out", "--write-out": "write-out",
                    "-A": "user-agent", "--user-agent": "user-agent", "--retry": "retry", "-u": "user"}
_CURL_FLAGS = {"s": "silent", "S": "show-error", "i": "include", "I": "head", "f": "fail", "v": "verbose",
               "L": "location", "k": "insecure", "O": "remote-name", "4": "ipv4", "6": "ipv6", "N": "no-buffer"}


def _curl_meter(size: int) -> str:
    """The progress meter curl writes to stderr when its output is not a terminal."""
    speed = size5(size * 1000) if size else "0"
    head = ("  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n"
            "                                 Dload  Upload   Total   Spent    Left  Speed\n")
    pct = 100 if size else 0
    line = (f"{pct:3d} {size5(size):>5}  {pct:3d} {size5(size):>5}  {0:3d} {0:>5}  {speed:>5}  {0:>5} "
            f"--:--:-- --:--:-- --:--:-- {speed:>5}")
    return head + "\r" + line


@utility("curl")
def curl(ctx: Ctx) -> Result:
    opts: dict[str, str] = {}
    headers: list[tuple[str, str]] = []
    urls: list[str] = []
    args = list(ctx.args)
    while args:
        a = args.pop(0)
        key = _CURL_VALUE_OPTS.get(a.split("=", 1)[0] if a.startswith("--") else a[:2] if a[:2] in _CURL_VALUE_OPTS else a)
        if key is not None:
            if a.startswith("--") and "=" in a:
                value = a.split("=", 1)[1]
            elif not a.startswith("--") and len(a) > 2:
                value = a[2:]
            else:
                value = args.pop(0) if args else ""
            if key == "header":
                k, _, v = value.partition(":")
                headers.append((k.strip(), v.strip()))
            else:
                opts[key] = value
        elif a.startswith("--"):
            opts[a[2:]] = "1"
        elif a.startswith("-") and len(a) > 1:
            for c in a[1:]:
                opts[_CURL_FLAGS.get(c, c)] = "1"
        else:
            urls.append(a)
    silent = "silent" in opts
    show_error = not silent or "show-error" in opts
    meter = not silent and (not ctx.tty or "output" in opts) and "verbose" not in opts
    if not urls:
        ctx.errln("curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information")
        return 2
    url = urls[0]
    parts = split_url(url)
    if parts is None:
        if show_error:
            ctx.errln("curl: (3) URL using bad/illegal format or missing URL")
        return 3
    _, host, port, path = parts
    method = opts.get("request") or ("HEAD" if "head" in opts else "POST" if "data" in opts else "GET")
    req_headers = [("Host", host if port in (80, 443) else f"{host}:{port}"),
                   ("User-Agent", opts.get("user-agent", "curl/7.88.1")), ("Accept", "*/*")] + headers
    if "data" in opts:
        req_headers.append(("Content-Type", "application/x-www-form-urlencoded"))
    result, final_url = request(ctx, method, url, req_headers, opts.get("data"), follow="location" in opts)

    def fail(code: int, message: str, after: float = 0.0) -> Result:
        text = ((_curl_meter(0) + "\n") if meter else "") + (f"curl: ({code}) {message}\n" if show_error else "")
        if after > 0:
            return Block(ctx.now + after, code, [(2, text)] if text else [])
        ctx.err(text)
        return code

    if isinstance(result, NetError):
        limit = opts.get("max-time") or opts.get("connect-timeout")
        if result.kind == "dns":
            return fail(6, f"Could not resolve host: {host}")
        if result.kind == "timeout":
            seconds = float(limit) if limit else CONNECT_TIMEOUT
            ms = int(seconds * 1000) + 1
            if limit:
                return fail(28, f"Connection timed out after {ms} milliseconds", seconds)
            return fail(28, f"Failed to connect to {host} port {port} after {ms} ms: Timeout was reached", seconds)
        if result.kind == "empty":
            return fail(52, "Empty reply from server")
        if result.kind == "tls":
            # curl on Debian bookworm speaking TLS to a plain-HTTP port (OpenSSL 3.0).
            return fail(35, "OpenSSL/3.0.15: error:0A00010B:SSL routines::wrong version number")
        reason = "No route to host" if result.kind == "unreachable" else "Couldn't connect to server"
        return fail(7, f"Failed to connect to {host} port {port} after 0 ms: {reason}")
    if "verbose" in opts:
        ip = peer_address(result, host, port)
        ctx.err(f"*   Trying {ip}...\n* Connected to {host} ({ip.rsplit(':', 1)[0]}) port {port} (#0)\n"
                + f"> {method} {path} HTTP/1.1\n" + "".join(f"> {k}: {v}\n" for k, v in req_headers) + "> \n"
                + f"< HTTP/1.1 {result.status} {result.reason}\n"
                + "".join(f"< {k}: {v}\n" for k, v in result.headers) + "< \n")
    if "fail" in opts and result.status >= 400:
        return fail(22, f"The requested URL returned error: {result.status}")
    head = f"HTTP/1.1 {result.status} {result.reason}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in result.headers) + "\r\n"
    text = head if "head" in opts else (head if "include" in opts else "") + result.body
    if "output" in opts or "remote-name" in opts:
        name = opts.get("output") or path.rsplit("/", 1)[-1] or "index.html"
        try:
            if name != "-":
                ctx.fs.write(ctx.path(name), text)
            else:
                ctx.out(text)
        except FsError as exc:
            if meter:
                ctx.err(_curl_meter(0) + "\n")
            if show_error:
                ctx.errln("curl: (23) Failure writing output to destination" if exc.errno != "ENOENT"
                          else f"Warning: Failed to open the file {name}: No such file or directory\n"
                               f"curl: (23) Failure writing output to destination")
            return 23
    else:
        ctx.out(text)
    if meter:
        ctx.err(_curl_meter(len(text.encode("utf-8"))) + "\n")
    if "verbose" in opts:
        ctx.err(f"* Connection #0 to host {host} left intact\n")
    if "write-out" in opts:
        ctx.out(_write_out(opts["write-out"], result, final_url, len(text.encode("utf-8"))))
    return 0


def _write_out(fmt: str, result: HttpResponse, url: str, size: int) -> str:
    values = {"http_code": f"{result.status:03d}", "response_code": f"{result.status:03d}",
              "size_download": str(size), "url_effective": url, "time_total": "0.001000",
              "time_connect": "0.000500", "content_type": next((v for k, v in result.headers
                                                                  if k.lower() == "content-type"), "")}
    text = re.sub(r"%\{(\w+)\}", lambda m: values.get(m.group(1), ""), fmt)
    return text.replace("\\n", "\n").replace("\\t", "\t")
