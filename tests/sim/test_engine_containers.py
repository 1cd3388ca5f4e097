"""Pods with several containers, init containers, sidecars, volumes and the pod network (spec §8.3)."""
from __future__ import annotations

INIT_POD = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "init"}, "spec": {
    "initContainers": [{"name": "init-db", "image": "busybox:1.36", "command": ["sh", "-c", "echo init; sleep 5"]}],
    "containers": [
        {"name": "app", "image": "busybox:1.36", "command": ["sh", "-c", "echo app > /shared/x; sleep 3600"],
         "volumeMounts": [{"name": "shared", "mountPath": "/shared"}]},
        {"name": "web", "image": "nginx", "volumeMounts": [{"name": "shared", "mountPath": "/usr/share/nginx/html"}]}],
    "volumes": [{"name": "shared", "emptyDir": {}}]}}


def test_it_runs_init_containers_first_then_the_app_containers(sim):
    sim.apply(INIT_POD)
    assert sim.at(1).row("init") == "0/2 Init:0/1 0"
    assert sim.at(6).row("init") == "0/2 Init:0/1 0"
    assert sim.condition("init", "Initialized") == ("False", "ContainersNotInitialized")
    message = next(c["message"] for c in sim.pod("init")["status"]["conditions"] if c["type"] == "Initialized")
    assert message == "containers with incomplete status: [init-db]"
    assert sim.at(7).row("init") == "0/2 PodInitializing 0"
    assert sim.condition("init", "Initialized") == ("True", "")
    init_status = sim.pod("init")["status"]["initContainerStatuses"][0]
    assert init_status["ready"] is True and init_status["state"]["terminated"]["reason"] == "Completed"
    # At 8 the kubelet starts app (cached image) and pulls nginx for web (2 s).
    assert sim.at(8).row("init") == "1/2 PodInitializing 0"
    assert sim.at(10).row("init") == "2/2 Running 0"
    assert sim.phase("init") == "Running"


def test_it_shares_an_empty_dir_and_the_network_between_containers(sim):
    sim.apply(INIT_POD)
    sim.at(20)
    ip = sim.pod("init")["status"]["podIP"]
    answer = sim.cluster.http("GET", f"http://{ip}/x")
    assert (answer.status, answer.body) == (200, "app\n")
    result = sim.cluster.api.exec("default", "init", "app", ["sh", "-c", "wget -qO- http://localhost/x; hostname"])
    assert result.text == "app\ninit\n"
    logs = sim.cluster.api.logs("default", "init", "web").text(sim.cluster.epoch)
    assert logs.endswith(f'{ip} - - [06/Jan/2025:10:00:20 +0000] "GET /x HTTP/1.1" 200 4 "-" "Wget" "-"\n')


def test_it_restarts_a_failing_init_container_and_fails_the_pod_under_never(sim):
    failing = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "f"}, "spec": {
        "restartPolicy": "Never",
        "initContainers": [{"name": "i", "image": "busybox:1.36", "command": ["sh", "-c", "exit 3"]}],
        "containers": [{"name": "c", "image": "busybox:1.36", "command": ["sleep", "10"]}]}}
    sim.apply(failing)
    assert sim.at(2).row("f") == "0/1 Init:Error 0"
    assert sim.phase("f") == "Failed"
    failing["metadata"]["name"] = "g"
    failing["spec"]["restartPolicy"] = "Always"
    sim.apply(failing)
    sim.at(60)
    assert sim.row("g").startswith("0/1 Init:CrashLoopBackOff 3")
    assert sim.phase("g") == "Pending"


def test_it_starts_a_sidecar_before_the_app_and_counts_it_ready(sim):
    sim.apply({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "s"}, "spec": {
        "initContainers": [{"name": "log", "image": "busybox:1.36", "restartPolicy": "Always",
                            "command": ["sh", "-c", "sleep 3600"]}],
        "containers": [{"name": "app", "image": "busybox:1.36", "command": ["sleep", "3600"]}]}})
    assert sim.at(2).row("s") == "1/2 PodInitializing 0"
    assert sim.at(3).row("s") == "2/2 Running 0"


def test_it_keeps_the_termination_message(sim):
    sim.run("msg", "busybox:1.36", "sh", "-c", "echo 'disk full' > /dev/termination-log; exit 4",
            restart="Never", command=True)
    term = sim.at(3).container("msg")["state"]["terminated"]
    assert (term["exitCode"], term["reason"], term["message"]) == (4, "Error", "disk full\n")


def test_it_restarts_a_container_whose_image_changed(sim):
    sim.run("web", "nginx:1.26")
    sim.at(30)
    pod = sim.pod("web")
    pod["spec"]["containers"][0]["image"] = "nginx:1.27"
    sim.cluster.api.update(pod)
    assert [e[1] for e in sim.events("web") if e[0] == "Killing"] == [
        "Container web definition changed, will be restarted"]
    sim.at(33)
    status = sim.container("web")
    assert status["restartCount"] == 1 and status["image"] == "docker.io/library/nginx:1.27"
    assert status["lastState"]["terminated"]["reason"] == "Completed"       # nginx quits on SIGQUIT
