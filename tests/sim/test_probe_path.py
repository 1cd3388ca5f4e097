"""The probe path's caches change nothing a learner can see (issue 8: the probed hour).

nginx and httpd keep their static-file answers per container until the file system changes
(sandbox/sim/kubelet/answers.py), log times and the Date header are formatted once per second, and
templates are split once (sandbox/sim/programs.py). The expectations below were captured from the
code before those caches existed: what the probes and the learner's curl see, the events, the
logs, and the saved JSON with and without save/load cycles in between.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from sandbox.sim.cluster import Cluster
from sandbox.sim.fs import FileSystem, Volume
from sandbox.sim.kubelet.answers import StaticAnswers
from sandbox.sim.net import HttpRequest
from tests.sim.probe_scenario import play

Sim = Any          # tests/sim/conftest.py's Sim: the ``sim`` fixture's type

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "probes" / "scenario.json"
HTML = "/usr/share/nginx/html"
PROBED_NGINX = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web"}, "spec": {"containers": [{
    "name": "web", "image": "nginx:1.27",
    "livenessProbe": {"httpGet": {"path": "/", "port": 80}, "periodSeconds": 5},
    "readinessProbe": {"tcpSocket": {"port": 80}, "periodSeconds": 5}}]}}


def _reload(cluster: Cluster) -> Cluster:
    return Cluster.from_json(json.loads(json.dumps(cluster.to_json())))


def _dump(cluster: Cluster) -> str:
    return json.dumps(cluster.to_json(), sort_keys=True)


# -- a scripted session: nginx, httpd, agnhost, an emptyDir shared with a writer -------------------
def test_the_scripted_session_prints_what_it_printed_before_the_caches():
    outputs = play().outputs
    if os.environ.get("PODLAB_REGEN") == "1":
        doc = json.loads(GOLDEN.read_text(encoding="utf-8"))
        doc["outputs"] = [o.split("\n") for o in outputs]
        GOLDEN.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    expected = ["\n".join(o) for o in json.loads(GOLDEN.read_text(encoding="utf-8"))["outputs"]]
    assert len(outputs) == len(expected)
    for got, want in zip(outputs, expected):
        assert got == want


def test_a_session_saved_and_loaded_every_seven_minutes_sees_and_saves_the_same():
    straight, reloaded = play(), play(reload_every=420)
    assert reloaded.outputs == straight.outputs
    assert reloaded.saved == straight.saved


def test_a_session_loaded_before_every_line_sees_and_saves_the_same():
    straight, reloaded = play(), play(reload_each_line=True)
    assert reloaded.outputs == straight.outputs
    assert reloaded.saved == straight.saved


# -- the benchmark's shape: probed nginx pods for half an hour --------------------------------------
def _probed(pods: int, until: float, reload_every: float | None) -> tuple[str, list[str]]:
    cluster = Cluster.default(seed=1)
    for i in range(pods):
        cluster.api.create({**PROBED_NGINX, "metadata": {"name": f"probed-{i}"}})
    t = 0.0
    while reload_every is not None and t + reload_every < until:
        t += reload_every
        cluster.advance_to(t)
        cluster = _reload(cluster)
    cluster.advance_to(until)
    logs = [cluster.api.logs("default", f"probed-{i}", None, False).text(cluster.epoch, timestamps=True)
            for i in range(pods)]
    return _dump(cluster), logs


def test_a_probed_cluster_saves_and_logs_the_same_with_or_without_reloads():
    saved, logs = _probed(6, 1800, None)
    assert logs[0].count('"GET / HTTP/1.1" 200 615 "-" "kube-probe/1.32"') == 360   # every 5 s from 4 s
    for every in (420, 137):
        assert _probed(6, 1800, every) == (saved, logs), every
    assert _probed(6, 1800, None) == (saved, logs)                               # and it repeats


# -- removing the file nginx serves: the next probe fails ------------------------------------------
def _events(sim: Sim) -> list[tuple[str, str, int, float, float]]:
    return sim.events("web")


def _get_lines(sim: Sim, previous: bool) -> list[str]:
    text = sim.cluster.api.logs("default", "web", None, previous).text(sim.cluster.epoch)
    return [line for line in text.splitlines() if "GET" in line]


LIVENESS_404 = "Liveness probe failed: HTTP probe failed with statuscode: 404"


def _remove_index(sim: Sim, reload_after_rm: bool) -> Sim:
    sim.apply(PROBED_NGINX)
    sim.at(40)                       # seven probes answered 200: their answer is kept
    assert sim.cluster.api.exec("default", "web", None, ["rm", f"{HTML}/index.html"]).exit_code == 0
    if reload_after_rm:
        sim = type(sim)(_reload(sim.cluster))
    return sim.at(62)


def _assert_failed_as_before(sim: Sim) -> None:
    assert ("Unhealthy", LIVENESS_404, 3, 44, 54) in _events(sim)
    assert ("Killing", "Container web failed liveness probe, will be restarted", 1, 54, 54) in _events(sim)
    assert _get_lines(sim, previous=True)[-4:] == [
        f'10.244.2.1 - - [06/Jan/2025:10:00:{s} +0000] "GET / HTTP/1.1" {answer} "-" "kube-probe/1.32" "-"'
        for s, answer in (("39", "200 615"), ("44", "404 153"), ("49", "404 153"), ("54", "404 153"))]
    # The new container has the image's files again: 200 from its first probe on.
    assert _get_lines(sim, previous=False) == [
        '10.244.2.1 - - [06/Jan/2025:10:00:55 +0000] "GET / HTTP/1.1" 200 615 "-" "kube-probe/1.32" "-"',
        '10.244.2.1 - - [06/Jan/2025:10:01:00 +0000] "GET / HTTP/1.1" 200 615 "-" "kube-probe/1.32" "-"']
    status = sim.container("web")
    assert (status["restartCount"], status["ready"]) == (1, True)


def test_removing_the_index_fails_the_next_liveness_probe_with_404(sim):
    _assert_failed_as_before(_remove_index(sim, reload_after_rm=False))


def test_a_reload_between_the_removal_and_the_probe_changes_nothing(sim):
    kept = _remove_index(type(sim)(Cluster.default(seed=1)), reload_after_rm=False)
    reloaded = _remove_index(type(sim)(Cluster.default(seed=1)), reload_after_rm=True)
    _assert_failed_as_before(reloaded)
    assert _dump(reloaded.cluster) == _dump(kept.cluster)


def test_a_file_written_by_another_container_into_a_shared_emptydir_is_served_at_once():
    cluster = Cluster.default(seed=2)
    cluster.api.create({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "shared"}, "spec": {
        "volumes": [{"name": "html", "emptyDir": {}}],
        "containers": [
            {"name": "nginx", "image": "nginx:1.27", "volumeMounts": [{"name": "html", "mountPath": HTML}],
             "livenessProbe": {"httpGet": {"path": "/", "port": 80}, "periodSeconds": 5, "failureThreshold": 10}},
            {"name": "writer", "image": "busybox:1.36", "command": ["sleep", "3600"],
             "volumeMounts": [{"name": "html", "mountPath": "/data"}]}]}})
    cluster.advance_to(20)
    cluster.api.exec("default", "shared", "writer", ["sh", "-c", "echo hi > /data/index.html"])
    cluster.advance_to(31)
    cluster.api.exec("default", "shared", "writer", ["rm", "/data/index.html"])
    cluster.advance_to(40)
    text = cluster.api.logs("default", "shared", "nginx", False).text(cluster.epoch)
    answers = [line.split('" ')[1].split(' "')[0] for line in text.splitlines() if "GET" in line]
    assert answers == ["404 153"] * 4 + ["200 3"] * 2 + ["404 153"] * 2     # probes at 4, 9, ... 39 s


# -- the pieces ------------------------------------------------------------------------------------
def test_a_file_system_version_grows_with_every_change_seen_through_it():
    shared = Volume()
    fs = FileSystem({"/srv/index.html": "x"}, frozenset({"/srv"}), mounts={"/data": shared})
    other = FileSystem({}, frozenset(), mounts={"/mnt": shared})
    seen = [fs.version]
    for change in (lambda: fs.write("/srv/a", "1"), lambda: fs.mkdir("/srv/d"), lambda: fs.remove("/srv/index.html"),
                   lambda: other.write("/mnt/b", "2"), lambda: other.remove("/mnt/b"),
                   lambda: fs.rename("/srv/a", "/data/a")):
        change()
        assert fs.version > seen[-1]
        seen.append(fs.version)
    fs.read("/data/a")
    fs.is_dir("/srv/d")
    assert fs.version == seen[-1]
    # Not part of what is saved.
    assert set(fs.to_json()) == {"files", "dirs", "whiteouts"} and set(shared.to_json()) == {"files", "dirs"}


def test_static_answers_are_kept_until_the_files_change():
    fs = FileSystem({f"{HTML}/index.html": "hello"}, frozenset({HTML}))
    http: dict[str, Any] = {"static": HTML, "index": "index.html", "server": "nginx/1.27.3"}
    answers = StaticAnswers()
    request = HttpRequest("GET", "10.244.1.2", 80, "/")
    first = answers.answer(fs, http, request)
    assert (first.status, first.body, first.size) == (200, "hello", 5)
    assert answers.answer(fs, http, HttpRequest("GET", "10.244.1.2", 80, "/?q=1")) is first
    head = answers.answer(fs, http, HttpRequest("HEAD", "10.244.1.2", 80, "/"))
    assert (head.status, head.body, dict(head.headers)["Content-Length"]) == (200, "", "5")
    fs.remove(f"{HTML}/index.html")
    gone = answers.answer(fs, http, request)
    assert gone.status == 404 and gone.size == 153
    fs.write(f"{HTML}/index.html", "héllo")
    assert answers.answer(fs, http, request).size == 6
    fresh = FileSystem({f"{HTML}/index.html": "other"}, frozenset({HTML}))
    assert answers.answer(fresh, http, request).body == "other"      # another file system: not its answers
