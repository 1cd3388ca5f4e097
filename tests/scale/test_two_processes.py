"""One sandbox served by two Daphne processes at once (issue 8's scale-out): PostgreSQL holds it,
Redis tells the processes, and nothing a learner or kubectl does is lost, doubled or reordered.

The learner logs in on process A and opens the playground on process B (the session is in the
database, so any process reads it); one tab is connected to A, another to B; the real kubectl
writes through B's Kubernetes API while another kubectl watches through A's. Every tab must see
every change, whichever process made it: the pods in its cluster frames, the lines typed in the
other tab with their output, and the output of a line still running (a ``kubectl get pods -w``
in the terminal) when a change made elsewhere gives it something to print.
"""
from __future__ import annotations

import asyncio
import re
import subprocess
import time
from collections import Counter
from pathlib import Path

from sandbox.session import Session
from sandbox.turns import SCREEN_LIMIT

from .conftest import KUBECTL, PASSWORD, Browser, Scaled, Tab

STEPS = 21                 # alternating: tab A, tab B, kubectl through B's API
WATCH_FORMAT = '{.metadata.name}{"\\n"}'


async def kubectl(config: Path, *args: str, env: dict[str, str]) -> str:
    process = await asyncio.create_subprocess_exec(KUBECTL, "--kubeconfig", str(config), *args, env=env,
                                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0, f"kubectl {' '.join(args)}: {err.decode()}"
    return out.decode()


def order_of(words: list[str]) -> list[str]:
    seen: list[str] = []
    for word in words:
        if word not in seen:
            seen.append(word)
    return seen


def data_of(tab: Tab) -> str:
    return "".join(f["data"] for f in tab.frames if f["type"] == "terminal.output")


def echoes_of(tab: Tab) -> str:
    return "".join(f["echo"] for f in tab.frames if f["type"] == "terminal.output")


async def run_line(tab: Tab, line: str, expect: str) -> None:
    """Types ``line`` in ``tab`` and waits for its own reply (done, with ``expect`` in it)."""
    before = len(tab.frames)
    await tab.send(type="terminal.input", data=line)
    await tab.until(lambda frames: any(f["type"] == "terminal.output" and f["done"] and expect in f["data"]
                                       for f in frames[before:]), f"the reply to {line!r}")


async def open_tabs(scaled: Scaled) -> tuple[Browser, str, Tab, Tab, dict[str, Path]]:
    a, b = scaled.servers
    browser = Browser()
    browser.log_in(a.url, "learner", PASSWORD)
    url, _ = browser.get(b.url + "/playground/")          # B reads the session A wrote
    sandbox_id = re.search(r"/sandboxes/([0-9a-f-]{36})/", url).group(1)
    configs = {}
    for server in (a, b):
        _, text = browser.get(f"{server.url}/sandboxes/{sandbox_id}/kubeconfig")
        assert f"server: {server.url}/k8s/" in text
        configs[server.name] = scaled.workdir / f"kubeconfig-{server.name}"
        configs[server.name].write_text(text)
    tab_a = await Tab("a", a, sandbox_id, browser).open()
    tab_b = await Tab("b", b, sandbox_id, browser).open()
    for tab in (tab_a, tab_b):
        await tab.until(lambda frames: any(f["type"] == "terminal.state" for f in frames), "terminal.state")
    return browser, sandbox_id, tab_a, tab_b, configs


async def test_two_processes_serve_one_sandbox_without_losing_or_reordering_anything(scaled):
    started = time.monotonic()
    browser, sandbox_id, tab_a, tab_b, configs = await open_tabs(scaled)
    env = scaled.env
    tabs = (tab_a, tab_b)

    # -- a watch through A's API while kubectl creates a pod through B's ---------------------
    watch = await asyncio.create_subprocess_exec(
        KUBECTL, "--kubeconfig", str(configs["A"]), "get", "pods", "-w", "-o", f"jsonpath={WATCH_FORMAT}",
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    watched: list[str] = []

    async def read_watch() -> None:
        assert watch.stdout is not None
        async for raw in watch.stdout:
            watched.append(raw.decode().strip())

    watch_reader = asyncio.create_task(read_watch())
    try:
        # ... and a line in tab A that prints in a later turn, a wake-up that either process may take
        await tab_a.send(type="terminal.input", data="sleep 1; echo slept")
        await tab_b.until(lambda frames: "sleep 1; echo slept" in echoes_of(tab_b), "the line typed in tab A")
        await asyncio.sleep(0.5)             # kubectl's watch request is open by now
        assert "pod/web created" in await kubectl(configs["B"], "run", "web", "--image=nginx", env=env)

        async def wait_watch(name: str) -> None:
            deadline = time.monotonic() + 10
            while name not in watched:
                assert time.monotonic() < deadline, f"A's watch did not see {name}: {watched}"
                await asyncio.sleep(0.05)

        await wait_watch("web")
        for tab in tabs:
            await tab.until(lambda frames: "web" in tab.pods_seen(), "the pod web in the cluster frames")
            await tab.until(lambda frames: any(f["type"] == "terminal.output" and f["done"]
                                               and f["data"] == "slept\n" for f in frames),
                            "the sleeping line's output")
        # ... a line that runs until Ctrl-C, typed in tab B and stopped from tab A
        await tab_b.send(type="terminal.input", data="sleep 600")
        await tab_a.until(lambda frames: "sleep 600" in echoes_of(tab_a), "the line typed in tab B")
        await tab_a.send(type="terminal.interrupt")
        for tab in tabs:
            await tab.until(lambda frames: any(f["type"] == "terminal.output" and f["done"] and f["status"] == 130
                                               for f in frames), "the interrupted line")

        # -- numbered steps alternating between tab A, tab B and kubectl through B's API -----------
        lines = {tab_a: [], tab_b: []}
        for i in range(1, STEPS + 1):
            source = (tab_a, tab_b, None)[i % 3]
            if source is None:
                out = await kubectl(configs["B"], "run", f"p{i}", "--image=nginx", f"--labels=step={i}", env=env)
                assert out == f"pod/p{i} created\n"
            else:
                line = f"kubectl run p{i} --image=nginx --labels=step={i}; echo step-{i}"
                lines[source].append(line)
                await run_line(source, line, f"step-{i}\n")
        names = ["web"] + [f"p{i}" for i in range(1, STEPS + 1)]
        await wait_watch(names[-1])
        for tab in tabs:
            seen = await tab.until(lambda frames: set(tab.pods_seen()) == set(names) and tab.pods_seen(),
                                   "every pod", timeout=10)
            # never a pod before one created earlier (a delta may bring several at once)
            firsts = [seen[name] for name in names]
            assert firsts == sorted(firsts), (tab.name, seen)

        # -- what each tab saw -------------------------------------------------------------------
        typed = {i: (tab_a, tab_b, None)[i % 3] for i in range(1, STEPS + 1)}
        tab_steps = [i for i, source in typed.items() if source is not None]
        for tab in tabs:
            # the output of every line typed in either tab, once each, in the order typed
            assert [int(n) for n in re.findall(r"^step-(\d+)$", data_of(tab), re.M)] == tab_steps, tab.name
            # the echo of the lines typed in the other tab (the typing tab echoed its own)
            other = [i for i in tab_steps if typed[i] is not tab]
            assert [int(n) for n in re.findall(r"echo step-(\d+)$", echoes_of(tab), re.M)] == other, tab.name
            # the line that printed in a wake-up: once, whichever process ran the wake-up
            assert data_of(tab).count("slept\n") == 1, tab.name
            assert data_of(tab).count("^C\n") == 1, tab.name
        assert order_of(watched) == names

        # -- the state PostgreSQL holds ----------------------------------------------------------
        await asyncio.sleep(0.3)
        state = scaled.state(sandbox_id)
        session = Session.from_json(state)
        stored = {p["metadata"]["name"]: p for p in session.cluster.store.list("pods")}
        assert sorted(stored) == sorted(names)
        for i in range(1, STEPS + 1):
            assert stored[f"p{i}"]["metadata"]["labels"]["step"] == str(i)
        expected_history = ["sleep 1; echo slept", "sleep 600"] + [line for i in tab_steps
                                                      for line in [f"kubectl run p{i} --image=nginx --labels=step={i}; "
                                                                   f"echo step-{i}"]]
        assert session.history == expected_history
        screen = scaled.screen(sandbox_id)
        assert [int(n) for n in re.findall(r"^step-(\d+)$", screen, re.M)] == tab_steps

        # -- a burst from both tabs and both APIs at once: the row lock serialises them -----------
        burst = 6
        a_lines = [f"kubectl label pod web ta{j}=x" for j in range(burst)]
        b_lines = [f"kubectl label pod web tb{j}=x" for j in range(burst)]

        async def type_all(tab: Tab, texts: list[str]) -> None:
            for text in texts:                      # typed ahead: the runner queues them in order
                await tab.send(type="terminal.input", data=text)

        async def api_all(config: Path, key: str) -> None:
            for j in range(burst):
                await kubectl(config, "label", "pod", "web", f"{key}{j}=x", env=env)

        await asyncio.gather(type_all(tab_a, a_lines), type_all(tab_b, b_lines),
                             api_all(configs["A"], "ka"), api_all(configs["B"], "kb"))
        for tab in tabs:
            await tab.until(lambda frames: data_of(tab).count("labeled") >= 2 * burst, "every labeled reply")
        session = Session.from_json(scaled.state(sandbox_id))
        labels = session.cluster.store.get("pods", "default", "web")["metadata"]["labels"]
        wanted = {f"{k}{j}" for k in ("ta", "tb", "ka", "kb") for j in range(burst)}
        assert wanted <= set(labels), sorted(wanted - set(labels))
        later = session.history[len(expected_history):]
        assert Counter(later) == Counter(a_lines + b_lines)
        assert [h for h in later if h in a_lines] == a_lines and [h for h in later if h in b_lines] == b_lines

    finally:
        if watch.returncode is None:
            watch.terminate()
        await watch.wait()
        await watch_reader
        for tab in tabs:
            await tab.close()
    assert time.monotonic() - started < 60


async def test_a_turn_waits_while_another_process_holds_the_row(scaled):
    """select_for_update on PostgreSQL: a process holding the sandbox's row makes a turn of a
    Daphne process wait for its commit, and neither change is lost."""
    browser, sandbox_id, tab_a, tab_b, _ = await open_tabs(scaled)
    holder = subprocess.Popen(
        [*scaled.manage_command("shell", "-v0", "-c", (
            "import time\nfrom sandbox.sandboxes import open_sandbox\n"
            f"with open_sandbox({sandbox_id!r}) as (row, session):\n"
            "    session.execute('kubectl label node node01 held=yes')\n"
            "    print('locked', flush=True)\n"
            "    time.sleep(2)\n"))],
        env=scaled.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=scaled.root)
    assert holder.stdout is not None
    assert await asyncio.to_thread(holder.stdout.readline) == "locked\n", holder.stderr.read() if holder.stderr else ""
    held = time.monotonic()
    await run_line(tab_a, "kubectl label node node01 typed=yes", "labeled")
    waited = time.monotonic() - held
    assert await asyncio.to_thread(holder.wait, 20) == 0
    assert waited > 1.5, f"the turn ran after {waited:.2f} s, while the row was held"
    labels = Session.from_json(scaled.state(sandbox_id)).cluster.store.get("nodes", "", "node01")["metadata"]["labels"]
    assert labels["held"] == "yes" and labels["typed"] == "yes"
    # tab B, on the other process, saw the line typed in tab A
    await tab_b.until(lambda frames: "node/node01 labeled" in data_of(tab_b), "tab A's reply on tab B")
    for tab in (tab_a, tab_b):
        await tab.close()


async def test_postgresql_appends_the_terminal_text_and_keeps_its_last_characters(scaled):
    """The ``screen`` column grows in PostgreSQL's own UPDATE (``right(screen || text, n)``):
    past SCREEN_LIMIT characters the start goes, counted in characters as Python counts them."""
    browser, sandbox_id, tab_a, tab_b, _ = await open_tabs(scaled)
    wide = "파드" * 17_000 + "\n"                 # 34,001 characters, 102,001 bytes
    await run_line(tab_a, "printf '파드%.0s' $(seq 1 17000); echo", "파드\n")
    assert scaled.screen(sandbox_id) == wide[-SCREEN_LIMIT:]
    await run_line(tab_b, "echo tail", "tail\n")
    assert scaled.screen(sandbox_id) == (wide + "controlplane:~$ echo tail\ntail\n")[-SCREEN_LIMIT:]
    for tab in (tab_a, tab_b):
        await tab.close()
