"""A container's log keeps the same lines as a plain list would, with the older ones sealed (logbuffer.py)."""
from __future__ import annotations

import json
import random

from sandbox.sim.cluster import Cluster
from sandbox.sim.kubelet.logbuffer import CHUNK, LogBuffer
from sandbox.sim.kubelet.runtime import LOG_LINES_KEPT

PROBED = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web"}, "spec": {"containers": [{
    "name": "web", "image": "nginx:1.27", "livenessProbe": {"httpGet": {"path": "/", "port": 80}, "periodSeconds": 1}}]}}


def _reloaded(buffer: LogBuffer) -> LogBuffer:
    return LogBuffer.from_json(json.loads(json.dumps(buffer.to_json())))


def test_it_keeps_the_newest_lines_as_a_list_would_whatever_the_saves_in_between():
    rng = random.Random(7)
    expected: list[tuple] = []
    buffer = LogBuffer()
    for i in range(3 * CHUNK + 50):
        row = (float(i), rng.choice(["stdout", "stderr"]), f"line {i} " + "x" * rng.randrange(40))
        expected.append(row)
        buffer.append(row)
        buffer.keep(CHUNK + 17)
        del expected[:-(CHUNK + 17)]
        if i % 37 == 0:
            buffer = _reloaded(buffer)
        assert len(buffer) == len(expected)
    assert buffer.rows() == expected
    buffer.seal()
    assert buffer.rows() == expected
    assert buffer.sealed and all(isinstance(text, str) for _, _, text in buffer.sealed)


def test_its_saved_form_does_not_depend_on_where_it_was_saved_and_loaded():
    def build(reload_every: int | None) -> dict:
        buffer = LogBuffer()
        for i in range(5 * CHUNK + 3):
            buffer.append((float(i), "stdout", f"GET / {i}"))
            buffer.keep(2 * CHUNK + 5)
            if reload_every and i % reload_every == 0:
                buffer = _reloaded(buffer)
        return buffer.to_json()
    assert build(None) == build(11) == build(CHUNK)


def test_the_last_line_is_never_sealed_so_a_partial_line_can_still_grow():
    buffer = LogBuffer()
    for i in range(CHUNK):
        buffer.append((float(i), "stdout", f"{i}"))
    buffer.seal()
    assert not buffer.sealed                          # the chunk's last row is the log's last row
    buffer.append((9.0, "stdout", "part", True))      # line number CHUNK: the first of the next chunk
    buffer = _reloaded(buffer)                        # saving seals what is whole
    assert len(buffer.sealed) == 1 and buffer.sealed[0][:2] == [0, CHUNK] and len(buffer.tail) == 1
    assert buffer.last() == (9.0, "stdout", "part", True)
    buffer.set_last((9.0, "stdout", "partial line"))
    buffer.append((10.0, "stdout", "next"))
    assert [row[2] for row in buffer.rows()[-3:]] == [f"{CHUNK - 1}", "partial line", "next"]


def test_a_log_saved_as_a_plain_list_still_loads():
    rows = [[1.0, "stdout", "hello"], [2.0, "stderr", "oops", True]]
    buffer = LogBuffer.from_json(rows)
    assert buffer.rows() == [tuple(row) for row in rows] and buffer.last() == (2.0, "stderr", "oops", True)


def test_three_hours_of_probes_every_second_keep_the_newest_lines_and_save_small():
    cluster = Cluster.default(seed=1)
    cluster.api.create(PROBED)
    cluster.advance_to(3 * 3600)
    text = cluster.api.logs("default", "web").text(cluster.epoch)
    lines = text.splitlines()
    assert len(lines) == LOG_LINES_KEPT and lines[-1].endswith('"GET / HTTP/1.1" 200 615 "-" "kube-probe/1.32" "-"')
    saved = json.dumps(cluster.to_json())
    # 5,000 access-log lines are about 600 KiB as rows; sealed, the whole cluster is a fraction of that.
    assert len(saved) < 150_000, len(saved)
    reloaded = Cluster.from_json(json.loads(saved))
    assert reloaded.api.logs("default", "web").text(reloaded.epoch) == text
