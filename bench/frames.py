"""Where one round trip's time goes: a single tab on an idle Daphne, frame kind by frame kind.

    python bench/frames.py [--count 30] [--db sqlite|postgres]

Each row adds one layer to the one before: a frame the consumer refuses by itself (Daphne and
Channels only), a completion (the turn thread and one SELECT), the line ``true`` (a whole turn:
lock, run, save, frames), and ``kubectl get pods`` (kubectl too). Baseline: the same client
against the bare echo server of bench/web.py. The median of ``--count`` round trips each, with a
pause between them so that nothing queues.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import web  # noqa: E402  (bench/web.py: the site, the seed, the echo server)

DONE = '"done": true'
CASES: tuple[tuple[str, dict, Callable[[str], bool]], ...] = (
    ("a refused frame -> error", {"type": "nope"}, lambda m: '"error"' in m),
    ("terminal.complete", {"type": "terminal.complete", "line": "kubectl g"}, lambda m: "completions" in m),
    ("the line `true`", {"type": "terminal.input", "data": "true"}, lambda m: "terminal.output" in m and DONE in m),
    ("the line `kubectl get pods`", {"type": "terminal.input", "data": "kubectl get pods"},
     lambda m: "terminal.output" in m and DONE in m),
)


async def _median(url: str, cookie: str | None, frame: dict, until: Callable[[str], bool], count: int,
                  ready: str = '"terminal.state"') -> float:
    from websockets.asyncio.client import connect
    headers = {"Cookie": f"sessionid={cookie}"} if cookie else {}
    async with connect(url, origin=url.replace("ws://", "http://").split("/ws/")[0], additional_headers=headers,
                       compression=None, max_size=None) as ws:
        while ready not in await asyncio.wait_for(ws.recv(), 10):
            pass
        await asyncio.sleep(0.5)
        times = []
        for _ in range(count):
            began = time.perf_counter()
            await ws.send(json.dumps(frame))
            while not until(await asyncio.wait_for(ws.recv(), 10)):
                pass
            times.append(time.perf_counter() - began)
            await asyncio.sleep(0.1)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=30)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()
    echo_port = web.free_port()
    echo = subprocess.Popen([sys.executable, web.__file__, "echo", "--port", str(echo_port)], cwd=web.ROOT)
    site = web.Site(pathlib.Path(tempfile.mkdtemp(prefix="podlab-frames-")), args.db)
    try:
        time.sleep(1)
        floor = asyncio.run(_median(f"ws://127.0.0.1:{echo_port}/", None, {"type": "terminal.input", "data": "x"},
                                    lambda m: "terminal.output" in m, args.count))
        sid, key = site.seed(1)[0]
        site.start()
        url = f"ws://127.0.0.1:{site.port}/ws/sandboxes/{sid}/"
        rows = [(label, f"{asyncio.run(_median(url, key, frame, until, args.count)):.2f} ms",
                 f"{floor:.2f} ms: echo server", "") for label, frame, until in CASES]
    finally:
        site.close()
        echo.terminate()
    for i, row in enumerate(rows):
        measured = float(row[1].split()[0])
        rows[i] = (f"one tab, idle server: {row[0]} (p50 of {args.count})", row[1], row[2], f"{measured / floor:.1f}x")
    web.print_table(rows)


if __name__ == "__main__":
    main()
