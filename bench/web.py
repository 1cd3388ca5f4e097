"""Podlab's web benchmarks: one Daphne on loopback, driven by separate load-generator processes.

    python bench/web.py                       # every web figure, default sizes (a few minutes)
    python bench/web.py --n 100,500 --duration 30 --db postgres

Figures, each beside a baseline measured in the same run:
  * simulated learners: N WebSocket connections to ONE Daphne (its own temporary database), each
    learner with its own sandbox holding a crash-looping pod and a probed pod, sending
    ``kubectl get pods`` every ``--period`` seconds; the round trip from sending terminal.input to
    the terminal.output frame with done=true (p50, p99) and the server's CPU (from /proc). Baseline:
    a bare ``websockets`` echo server (the floor), driven by the same client at the same N and rate.
  * "open the playground": GET /playground/ (a new visitor: a new session and sandbox), following
    the redirect to the sandbox page, then its WebSocket until terminal.state; median. Baseline:
    the same visit again, to the sandbox that now exists.
  * idle sandboxes: M sandboxes each opened by a tab and closed again, then left alone; the
    server's RSS growth per sandbox (-> sandboxes per GiB), the database bytes per sandbox, and the
    server's CPU over an idle window. Baseline: the server's RSS and CPU before (nothing opened).

The server runs with DJANGO_DEBUG off (as deployed). Everything runs in a temporary directory:
the database (SQLite by default, or a fresh PostgreSQL database with ``--db postgres``), the
collected static files, the server's log. Subcommands ``seed``, ``client`` and ``echo`` are the
pieces the orchestrator starts as processes of their own.
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import http.client
import json
import os
import pathlib
import random
import resource
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from typing import Any

ROOT = pathlib.Path(__file__).resolve().parent.parent
# The checkout the server runs from (default: this one); another checkout gives a "before" figure.
SERVER_ROOT = pathlib.Path(os.environ.get("PODLAB_BENCH_ROOT") or ROOT)
VENV_BIN = pathlib.Path(sys.executable).parent
TICK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")
PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
COMMAND = "kubectl get pods"
CRASH = "kubectl run crash --image=busybox:1.36 --command -- sh -c 'echo boom; exit 1'"
PROBED = """kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx:1.27
    livenessProbe:
      httpGet: {path: /, port: 80}
      periodSeconds: 10
    readinessProbe:
      tcpSocket: {port: 80}
      periodSeconds: 10
EOF"""


# -- /proc ------------------------------------------------------------------------------------------
def cpu_seconds(pid: int) -> float:
    """utime + stime of a process, in seconds."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def rss_bytes(pid: int) -> int:
    with open(f"/proc/{pid}/statm") as f:
        return int(f.read().split()[1]) * PAGE


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


# -- seed: sandboxes made up front (a process with Django) ---------------------------------------------


def learner_session(wall: float) -> Any:
    """A learner's sandbox as the benchmarks seed it, at wall instant ``wall``: a crash-looping pod
    and a probed pod, just created (their epoch the whole second of ``wall``)."""
    from sandbox.session import Session
    from sandbox.sim.cluster import Cluster
    session = Session(1, now_wall=wall, cluster=Cluster.default(1, epoch=float(int(wall))))
    for line in (CRASH, PROBED):
        result = session.execute(line, now_wall=wall)
        assert result.exit_code == 0, (line, result.stderr)
    return session


def seed(count: int, out: str) -> None:
    """``count`` sandboxes, each owned by an anonymous session of its own, each with a crash-looping
    pod and a probed pod settled for two minutes; writes [[sandbox id, session key], ...] to ``out``."""
    import django
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sandbox.config.settings")
    django.setup()
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session as SessionRow
    from django.utils import timezone
    from datetime import timedelta

    from sandbox.models import Sandbox

    session = learner_session(time.time() - 120)
    session.tick(time.time())
    state = session.to_json()
    pods = {p["metadata"]["name"]: p["status"].get("phase") for p in session.cluster.store.list("pods")}
    assert pods == {"crash": "Running", "web": "Running"}, pods
    pairs, sessions, rows = [], [], []
    expire = timezone.now() + timedelta(days=1)
    encoded = SessionStore().encode({})
    for _ in range(count):
        key = uuid.uuid4().hex
        sid = uuid.uuid4()
        sessions.append(SessionRow(session_key=key, session_data=encoded, expire_date=expire))
        rows.append(Sandbox(id=sid, seed=1, session_key=key, state=state))
        pairs.append([str(sid), key])
    SessionRow.objects.bulk_create(sessions, batch_size=500)
    Sandbox.objects.bulk_create(rows, batch_size=200)
    pathlib.Path(out).write_text(json.dumps(pairs))


# -- client: the simulated learners (a process of its own, asyncio + websockets) ---------------------
async def _learners(args: argparse.Namespace) -> dict[str, Any]:
    from websockets.asyncio.client import connect

    pairs = json.loads(pathlib.Path(args.ids).read_text())[args.first:args.first + args.n]
    origin = f"http://127.0.0.1:{args.port}"
    rtts: list[float] = []
    errors = {"connect": 0, "timeout": 0, "closed": 0, "frames": 0}   # frames: error frames received
    connected = 0
    gate = asyncio.Semaphore(args.connect_concurrency)
    start = asyncio.Event()
    t0: list[float] = []

    async def learner(sid: str, key: str) -> None:
        nonlocal connected
        path = f"/ws/sandboxes/{sid}/" if args.echo is False else "/"
        try:
            async with gate:
                ws = await connect(f"ws://127.0.0.1:{args.port}{path}", origin=origin,
                                   additional_headers={"Cookie": f"sessionid={key}"}, open_timeout=30,
                                   max_size=None, compression=None)
                while True:      # up to terminal.state: the tab is ready
                    message = await asyncio.wait_for(ws.recv(), 30)
                    if '"terminal.state"' in message:
                        break
        except Exception:        # noqa: BLE001 - counted
            errors["connect"] += 1
            return
        connected += 1
        waiter: list[asyncio.Future[float] | None] = [None]

        async def read() -> None:
            try:
                async for message in ws:
                    if '"error"' in message and json.loads(message).get("type") == "error":
                        errors["frames"] += 1
                    if waiter[0] is not None and '"terminal.output"' in message:
                        frame = json.loads(message)
                        if frame.get("done"):
                            if not waiter[0].done():
                                waiter[0].set_result(time.perf_counter())
            except Exception:    # noqa: BLE001
                pass

        reader = asyncio.create_task(read())
        try:
            await start.wait()
            begin = t0[0] + random.random() * args.period
            k = 0
            while True:
                at = begin + k * args.period
                if at >= t0[0] + args.warmup + args.duration:
                    break
                await asyncio.sleep(max(0.0, at - time.perf_counter()))
                waiter[0] = asyncio.get_running_loop().create_future()
                sent = time.perf_counter()
                await ws.send(json.dumps({"type": "terminal.input", "data": COMMAND}))
                try:
                    got = await asyncio.wait_for(waiter[0], args.timeout)
                    if sent >= t0[0] + args.warmup:
                        rtts.append(got - sent)
                except asyncio.TimeoutError:
                    errors["timeout"] += 1
                waiter[0] = None
                k += 1
        except Exception:        # noqa: BLE001
            errors["closed"] += 1
        finally:
            reader.cancel()
            await ws.close()

    tasks = [asyncio.create_task(learner(sid, key)) for sid, key in pairs]
    opened = time.perf_counter()
    while connected + errors["connect"] < len(pairs):
        await asyncio.sleep(0.05)
    connect_s = time.perf_counter() - opened
    t0.append(time.perf_counter())
    start.set()
    await asyncio.sleep(args.warmup)
    cpu0, wall0, me0 = cpu_seconds(args.server_pid), time.perf_counter(), time.process_time()
    await asyncio.sleep(args.duration)
    cpu1, wall1, me1 = cpu_seconds(args.server_pid), time.perf_counter(), time.process_time()
    rss = rss_bytes(args.server_pid)
    await asyncio.gather(*tasks)
    return {"n": len(pairs), "connected": connected, "connect_s": connect_s, "samples": len(rtts),
            "p50_ms": pct(rtts, 50) * 1000, "p99_ms": pct(rtts, 99) * 1000, "max_ms": max(rtts, default=0) * 1000,
            "server_cpu": (cpu1 - cpu0) / (wall1 - wall0), "client_cpu": (me1 - me0) / (wall1 - wall0),
            "server_rss": rss, "errors": errors}


def client_main(args: argparse.Namespace) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    result = asyncio.run(_learners(args))
    print(json.dumps(result))


# -- echo: the floor (a bare websockets server) --------------------------------------------------------
def echo_main(port: int) -> None:
    from websockets.asyncio.server import serve

    async def handler(ws: Any) -> None:
        await ws.send(json.dumps({"type": "terminal.state"}))
        async for message in ws:
            frame = json.loads(message)
            if frame.get("type") == "terminal.input":
                await ws.send(json.dumps({"type": "terminal.output", "echo": "", "data": frame["data"],
                                          "done": True, "prompt": "$ ", "status": 0}))

    async def main() -> None:
        async with serve(handler, "127.0.0.1", port, max_size=None, compression=None):
            await asyncio.Future()

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    asyncio.run(main())


# -- the orchestrator ----------------------------------------------------------------------------------
class Site:
    """A temporary database (+ static files) and the Daphne serving it."""

    def __init__(self, workdir: pathlib.Path, db: str) -> None:
        self.workdir, self.kind = workdir, db
        self.pg_name = ""
        if db == "postgres":
            self.pg_name = f"podlab_bench_{uuid.uuid4().hex[:10]}"
            url = f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{self.pg_name}"
            import psycopg
            with psycopg.connect(dbname="postgres", autocommit=True, **PG) as admin:
                admin.execute(f'CREATE DATABASE "{self.pg_name}"')
        else:
            url = f"sqlite:///{workdir / 'db.sqlite3'}"
        (workdir / "home").mkdir(exist_ok=True)
        self.env = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(SERVER_ROOT), "HOME": str(workdir / "home"),
                    "TZ": "UTC", "DJANGO_DEBUG": "false", "DJANGO_SECRET_KEY": "podlab-bench-" + "x" * 50,
                    "DJANGO_SECURE_SSL_REDIRECT": "false", "DJANGO_STATIC_ROOT": str(workdir / "static")}
        self.env.pop("DJANGO_SETTINGS_MODULE", None)
        self.env.pop("REDIS_URL", None)
        self.process: subprocess.Popen[bytes] | None = None
        self.port = 0
        self.manage("migrate", "-v0")
        self.manage("collectstatic", "--noinput", "-v0")

    def manage(self, *args: str) -> str:
        done = subprocess.run([sys.executable, "manage.py", *args], cwd=SERVER_ROOT, env=self.env, capture_output=True,
                              text=True, timeout=600)
        if done.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stderr}")
        return done.stdout

    def seed(self, count: int) -> list[list[str]]:
        out = self.workdir / "ids.json"
        subprocess.run([sys.executable, __file__, "seed", "--count", str(count), "--out", str(out)], cwd=SERVER_ROOT,
                       env=self.env, check=True, timeout=1200)
        return json.loads(out.read_text())

    def start(self) -> int:
        self.stop()
        self.port = free_port()
        log = open(self.workdir / "daphne.log", "ab")
        self.process = subprocess.Popen([str(VENV_BIN / "daphne"), "-b", "127.0.0.1", "-p", str(self.port),
                                         "sandbox.config.asgi:application"], cwd=SERVER_ROOT, env=self.env,
                                        stdout=log, stderr=subprocess.STDOUT)
        wait_http(self.port, "/healthz", self.process)
        return self.process.pid

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.process = None

    def one_state(self) -> str:
        """The JSON text of a seeded sandbox's state (all are alike)."""
        query = "SELECT state FROM sandbox_sandbox LIMIT 1"
        if self.kind == "postgres":
            import psycopg
            with psycopg.connect(dbname=self.pg_name, **PG) as db:
                return json.dumps(db.execute(query).fetchone()[0])
        with contextlib.closing(sqlite3.connect(self.workdir / "db.sqlite3")) as db:
            return db.execute(query).fetchone()[0]

    def db_bytes_per_sandbox(self) -> tuple[float, float]:
        """(bytes of the database per sandbox row, mean bytes of one row's state)."""
        if self.kind == "postgres":
            import psycopg
            with psycopg.connect(dbname=self.pg_name, **PG) as db:
                total, = db.execute("SELECT pg_database_size(current_database())").fetchone()
                rows, state = db.execute("SELECT count(*), avg(length(state::text)) FROM sandbox_sandbox").fetchone()
        else:
            import sqlite3
            with sqlite3.connect(self.workdir / "db.sqlite3") as db:
                rows, state = db.execute("SELECT count(*), avg(length(state)) FROM sandbox_sandbox").fetchone()
            total = (self.workdir / "db.sqlite3").stat().st_size
        return total / max(rows, 1), float(state or 0)

    def close(self) -> None:
        self.stop()
        if self.pg_name:
            import psycopg
            with psycopg.connect(dbname="postgres", autocommit=True, **PG) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)')


def wait_http(port: int, path: str, process: subprocess.Popen[bytes] | None, timeout: float = 30) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", path)
            conn.getresponse().read()
            return
        except OSError:
            if process is not None and process.poll() is not None:
                break
            time.sleep(0.1)
    raise RuntimeError(f"nothing answered on port {port}")


def run_clients(port: int, server_pid: int, ids: pathlib.Path, n: int, args: argparse.Namespace,
                echo: bool = False) -> dict[str, Any]:
    """N learners split over ``args.clients`` load-generator processes; their figures merged."""
    share = [n // args.clients + (1 if i < n % args.clients else 0) for i in range(args.clients)]
    procs, first = [], 0
    for count in share:
        cmd = [sys.executable, __file__, "client", "--port", str(port), "--server-pid", str(server_pid),
               "--ids", str(ids), "--first", str(first), "--n", str(count), "--period", str(args.period),
               "--duration", str(args.duration), "--warmup", str(args.period)]
        if echo:
            cmd.append("--echo")
        procs.append(subprocess.Popen(cmd, stdout=subprocess.PIPE, cwd=ROOT))
        first += count
    results = [json.loads(p.communicate()[0]) for p in procs]
    if len(results) == 1:
        return results[0]
    # several clients: percentiles cannot be merged exactly; report the worst client's
    merged = dict(results[0])
    for key in ("n", "connected", "samples"):
        merged[key] = sum(r[key] for r in results)
    for key in ("p50_ms", "p99_ms", "max_ms", "connect_s"):
        merged[key] = max(r[key] for r in results)
    merged["client_cpu"] = sum(r["client_cpu"] for r in results)
    merged["errors"] = {k: sum(r["errors"][k] for r in results) for k in results[0]["errors"]}
    return merged


def stack_floor(site: Site, ids: pathlib.Path, n: int, args: argparse.Namespace, app: str) -> dict[str, Any]:
    """The same learners against Daphne and a Channels echo consumer (bench/stackfloor.py ``app``:
    ``application`` echoes, ``saving`` saves a state the size of a seeded sandbox's first)."""
    port = free_port()
    state = site.workdir / "floor-state.json"
    if not state.exists():
        state.write_text(site.one_state(), encoding="utf-8")
    env = {**os.environ, "STACKFLOOR_DB": str(site.workdir / f"floor-{app}.sqlite3"), "STACKFLOOR_STATE": str(state)}
    server = subprocess.Popen([str(VENV_BIN / "daphne"), "-b", "127.0.0.1", "-p", str(port), f"stackfloor:{app}"],
                              cwd=pathlib.Path(__file__).resolve().parent, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, env=env)
    try:
        wait_http(port, "/", server)
    except RuntimeError:
        pass                     # no HTTP on a WebSocket-only app: it is up once it answers at all
    try:
        return run_clients(port, server.pid, ids, n, args, echo=True)
    finally:
        server.terminate()
        server.wait()


def learners(site: Site, ids: pathlib.Path, args: argparse.Namespace) -> list[dict[str, Any]]:
    out = []
    for n in args.n:
        echo_port = free_port()
        echo = subprocess.Popen([sys.executable, __file__, "echo", "--port", str(echo_port)], cwd=ROOT)
        try:
            wait_http(echo_port, "/", None)
        except RuntimeError:
            pass
        floor = run_clients(echo_port, echo.pid, ids, n, args, echo=True)
        echo.terminate()
        echo.wait()
        stack = stack_floor(site, ids, n, args, "application")
        saving = stack_floor(site, ids, n, args, "saving")
        pid = site.start()       # a fresh server for each N
        real = run_clients(site.port, pid, ids, n, args)
        site.stop()
        print(f"  N={n}: podlab p50 {real['p50_ms']:.1f} ms p99 {real['p99_ms']:.1f} ms cpu {real['server_cpu']:.0%}"
              f" | echo p50 {floor['p50_ms']:.2f} ms p99 {floor['p99_ms']:.2f} ms cpu {floor['server_cpu']:.0%}"
              f" | daphne+channels echo p50 {stack['p50_ms']:.2f} ms p99 {stack['p99_ms']:.2f} ms"
              f" cpu {stack['server_cpu']:.0%} | +save p50 {saving['p50_ms']:.2f} ms p99 {saving['p99_ms']:.2f} ms"
              f" cpu {saving['server_cpu']:.0%} | errors {real['errors']}", file=sys.stderr, flush=True)
        out.append({"n": n, "podlab": real, "echo": floor, "stack": stack, "saving": saving})
    return out


def _visit(port: int, cookie: str | None) -> tuple[float, str, str]:
    """GET /playground/ -> the sandbox page -> its WebSocket until terminal.state: (seconds, id, cookie)."""
    from websockets.sync.client import connect
    began = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Cookie": f"sessionid={cookie}"} if cookie else {}
    conn.request("GET", "/playground/", headers=headers)
    resp = conn.getresponse()
    resp.read()
    assert resp.status == 302, resp.status
    location = resp.getheader("Location")
    for value in resp.headers.get_all("Set-Cookie") or []:
        if value.startswith("sessionid="):
            cookie = value.split(";", 1)[0].split("=", 1)[1]
    conn.request("GET", location, headers={"Cookie": f"sessionid={cookie}"})
    resp = conn.getresponse()
    resp.read()
    assert resp.status == 200, resp.status
    sid = location.rstrip("/").rsplit("/", 1)[1]
    with connect(f"ws://127.0.0.1:{port}/ws/sandboxes/{sid}/", origin=f"http://127.0.0.1:{port}",
                 additional_headers={"Cookie": f"sessionid={cookie}"}, compression=None) as ws:
        while '"terminal.state"' not in ws.recv(timeout=30):
            pass
    conn.close()
    return time.perf_counter() - began, sid, cookie or ""


def ready(site: Site, args: argparse.Namespace) -> dict[str, Any]:
    site.start()
    _visit(site.port, None)   # warm the server (imports, caches) once
    first, again = [], []
    for _ in range(args.visits):
        seconds, _sid, cookie = _visit(site.port, None)
        first.append(seconds)
        again.append(_visit(site.port, cookie)[0])
    site.stop()
    return {"visits": args.visits, "new_ms": statistics.median(first) * 1000, "new_p90_ms": pct(first, 90) * 1000,
            "again_ms": statistics.median(again) * 1000}


async def _open_close(port: int, pairs: list[list[str]], concurrency: int) -> int:
    from websockets.asyncio.client import connect
    gate = asyncio.Semaphore(concurrency)
    failed = 0

    async def one(sid: str, key: str) -> None:
        nonlocal failed
        async with gate:
            try:
                async with connect(f"ws://127.0.0.1:{port}/ws/sandboxes/{sid}/", origin=f"http://127.0.0.1:{port}",
                                   additional_headers={"Cookie": f"sessionid={key}"}, open_timeout=30,
                                   max_size=None, compression=None) as ws:
                    while '"terminal.state"' not in await asyncio.wait_for(ws.recv(), 30):
                        pass
            except Exception:        # noqa: BLE001
                failed += 1

    await asyncio.gather(*(one(sid, key) for sid, key in pairs))
    return failed


def idle(site: Site, pairs: list[list[str]], args: argparse.Namespace) -> dict[str, Any]:
    pid = site.start()
    asyncio.run(_open_close(site.port, pairs[:20], 4))          # warm: imports, caches, first turns
    time.sleep(2)
    rss0 = rss_bytes(pid)
    cpu0 = cpu_seconds(pid)
    time.sleep(args.idle / 2)
    base_cpu = (cpu_seconds(pid) - cpu0) / (args.idle / 2)
    opened = pairs[20:20 + args.idle_sandboxes]
    began = time.perf_counter()
    failed = asyncio.run(_open_close(site.port, opened, 8))
    open_s = time.perf_counter() - began
    time.sleep(3)
    rss1 = rss_bytes(pid)
    cpu1 = cpu_seconds(pid)
    time.sleep(args.idle)
    idle_cpu = (cpu_seconds(pid) - cpu1) / args.idle
    site.stop()
    db_per, state_per = site.db_bytes_per_sandbox()
    grown = max(rss1 - rss0, 0) / max(len(opened), 1)
    return {"sandboxes": len(opened), "failed": failed, "open_s": open_s, "rss_before": rss0, "rss_after": rss1,
            "rss_per_sandbox": grown, "per_gib": (2 ** 30 / grown) if grown else float("inf"),
            "idle_cpu": idle_cpu, "base_cpu": base_cpu, "db_per_sandbox": db_per, "state_per_sandbox": state_per}


def table(results: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    rows = []
    for r in results.get("learners", []):
        p, e = r["podlab"], r["echo"]
        errors = sum(p["errors"].values())
        rows.append((f"{r['n']} learners, 1 cmd / {results['period']:g} s: round trip p50 / p99",
                     f"{p['p50_ms']:.1f} / {p['p99_ms']:.1f} ms ({p['samples']} rt"
                     + (f", {errors} errors" if errors else "") + ")",
                     f"{e['p50_ms']:.2f} / {e['p99_ms']:.2f} ms: echo server",
                     f"{p['p50_ms'] / e['p50_ms']:.1f}x" if e["p50_ms"] else "-"))
        for key, what in (("stack", "stack floor: Daphne + a Channels echo consumer"),
                          ("saving", "  + a locked save of the state per frame")):
            if key in r:
                st = r[key]
                rows.append((f"  {what}", "", f"{st['p50_ms']:.2f} / {st['p99_ms']:.2f} ms, {st['server_cpu']:.0%} of a core",
                             f"{p['p50_ms'] / st['p50_ms']:.1f}x" if st["p50_ms"] else "-"))
        rows.append((f"{r['n']} learners: server CPU, RSS",
                     f"{p['server_cpu']:.0%} of a core, {p['server_rss'] / 2**20:.0f} MiB",
                     f"{e['server_cpu']:.0%}, {e['server_rss'] / 2**20:.0f} MiB: echo (client {p['client_cpu']:.0%})",
                     f"{p['server_cpu'] / e['server_cpu']:.1f}x" if e["server_cpu"] else "-"))
    if "ready" in results:
        r = results["ready"]
        rows.append((f"open the playground -> terminal.state (median of {r['visits']})",
                     f"{r['new_ms']:.1f} ms (p90 {r['new_p90_ms']:.1f})", f"{r['again_ms']:.1f} ms: the same, sandbox exists",
                     f"{r['new_ms'] / r['again_ms']:.1f}x"))
    if "idle" in results:
        r = results["idle"]
        per = "inf" if r["per_gib"] == float("inf") else f"{r['per_gib']:,.0f}"
        rows.append((f"{r['sandboxes']} sandboxes opened, closed: RSS growth",
                     f"{r['rss_per_sandbox'] / 1024:.2f} KiB each (-> {per} per GiB)",
                     f"{r['rss_before'] / 2**20:.0f} MiB: the server before", ""))
        rows.append(("  their database bytes", f"{r['db_per_sandbox'] / 1024:.1f} KiB each",
                     f"{r['state_per_sandbox'] / 1024:.1f} KiB: the state JSON", ""))
        rows.append((f"  idle server CPU over {results['idle_window']:g} s", f"{r['idle_cpu']:.2%} of a core",
                     f"{r['base_cpu']:.2%}: before opening them", ""))
    return rows


def print_table(rows: list[tuple[str, str, str, str]]) -> None:
    header = ("figure", "measured", "baseline", "ratio")
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(4)]
    for row in [header] + rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--n", type=lambda s: [int(x) for x in s.split(",")], default=[100, 250, 500, 1000],
                        help="learner counts (default 100,250,500,1000)")
    parser.add_argument("--duration", type=float, default=20, help="seconds measured per N (default 20)")
    parser.add_argument("--period", type=float, default=5, help="seconds between a learner's commands")
    parser.add_argument("--clients", type=int, default=1, help="load-generator processes (default 1)")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--visits", type=int, default=20, help="playground visits timed (default 20)")
    parser.add_argument("--idle-sandboxes", type=int, default=1000)
    parser.add_argument("--idle", type=float, default=30, help="idle window, seconds (default 30)")
    parser.add_argument("--skip", default="", help="comma list of parts to skip: learners,ready,idle")


def run_web(args: argparse.Namespace) -> dict[str, Any]:
    skip = set(filter(None, args.skip.split(",")))
    workdir = pathlib.Path(tempfile.mkdtemp(prefix="podlab-bench-"))
    site = Site(workdir, args.db)
    results: dict[str, Any] = {"db": args.db, "period": args.period, "duration": args.duration,
                               "idle_window": args.idle}
    try:
        need = max([*(args.n if "learners" not in skip else [0]), args.idle_sandboxes + 20 if "idle" not in skip else 0])
        began = time.perf_counter()
        pairs = site.seed(need)
        print(f"  seeded {need} sandboxes in {time.perf_counter() - began:.1f} s ({args.db})", file=sys.stderr)
        ids = workdir / "ids.json"
        if "learners" not in skip:
            results["learners"] = learners(site, ids, args)
        if "ready" not in skip:
            results["ready"] = ready(site, args)
        if "idle" not in skip:
            results["idle"] = idle(site, pairs, args)
    finally:
        site.close()
    return results


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] in ("seed", "client", "echo"):
        parser = argparse.ArgumentParser()
        sub = sys.argv[1]
        if sub == "seed":
            parser.add_argument("--count", type=int)
            parser.add_argument("--out")
            a = parser.parse_args(sys.argv[2:])
            sys.path.insert(0, str(SERVER_ROOT))
            seed(a.count, a.out)
        elif sub == "echo":
            parser.add_argument("--port", type=int)
            echo_main(parser.parse_args(sys.argv[2:]).port)
        else:
            for name, kind in (("--port", int), ("--server-pid", int), ("--first", int), ("--n", int),
                               ("--period", float), ("--duration", float), ("--warmup", float)):
                parser.add_argument(name, type=kind)
            parser.add_argument("--ids")
            parser.add_argument("--echo", action="store_true")
            parser.add_argument("--timeout", type=float, default=10)
            parser.add_argument("--connect-concurrency", type=int, default=32)
            client_main(parser.parse_args(sys.argv[2:]))
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_arguments(parser)
    args = parser.parse_args()
    results = run_web(args)
    save_results("web", results)
    print_table(table(results))


def save_results(name: str, results: dict[str, Any]) -> pathlib.Path:
    """bench/results/<name>-<time>.json (git-ignored)."""
    folder = ROOT / "bench" / "results"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps({"server_root": str(SERVER_ROOT), **results}, indent=1, default=str))
    return path


if __name__ == "__main__":
    main()
