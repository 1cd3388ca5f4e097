"""The simulated API server's verbs: errors as Status objects, watch, selectors, logs and exec."""
from __future__ import annotations

import pytest

from sandbox.sim.errors import StatusError


def error_of(fn, *args, **kwargs) -> StatusError:
    with pytest.raises(StatusError) as caught:
        fn(*args, **kwargs)
    return caught.value


def test_it_rejects_bad_objects_and_changes_nothing(sim):
    api = sim.cluster.api
    rv = sim.cluster.store.rv
    err = error_of(api.create, {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "typo"},
                                "spec": {"containers": [{"name": "web", "imagee": "nginx"}]}})
    assert (err.code, err.reason) == (400, "BadRequest")
    assert err.message == ('Pod in version "v1" cannot be handled as a Pod: strict decoding error: '
                           'unknown field "spec.containers[0].imagee"')
    err = error_of(api.create, {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "bad"},
                                "spec": {"containers": [{"name": "web"}]}})
    assert (err.code, err.reason, err.message) == (422, "Invalid",
                                                   'Pod "bad" is invalid: spec.containers[0].image: Required value')
    assert err.details["causes"] == [{"reason": "FieldValueRequired", "message": "Required value",
                                      "field": "spec.containers[0].image"}]
    err = error_of(api.create, {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x", "namespace": "nope"},
                                "spec": {"containers": [{"name": "web", "image": "nginx"}]}})
    assert (err.code, err.message) == (404, 'namespaces "nope" not found')
    assert sim.cluster.store.rv == rv
    sim.run("web", "nginx")
    err = error_of(sim.run, "web", "nginx")
    assert (err.code, err.reason, err.message) == (409, "AlreadyExists", 'pods "web" already exists')


def test_it_defaults_a_pod_as_the_api_server_does(sim):
    pod = sim.apply({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "nginx", "labels": {"app": "nginx"}},
                     "spec": {"containers": [{"name": "nginx-container", "image": "nginx"}]}})
    spec = pod["spec"]
    assert (spec["restartPolicy"], spec["terminationGracePeriodSeconds"], spec["dnsPolicy"]) == ("Always", 30,
                                                                                                 "ClusterFirst")
    assert spec["containers"][0]["imagePullPolicy"] == "Always"
    assert spec["volumes"][0]["name"].startswith("kube-api-access-")
    assert [t["key"] for t in spec["tolerations"]] == ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"]
    assert pod["status"] == {"phase": "Pending", "qosClass": "BestEffort"}
    assert pod["metadata"]["creationTimestamp"] == "2025-01-06T10:00:00Z"


def test_it_streams_changes_to_watchers_in_resource_version_order(sim):
    start = sim.cluster.store.rv
    sim.run("web", "nginx")
    sim.at(4)
    events = sim.cluster.store.events_since(start, ["pods"])
    assert [e.type for e in events] == ["ADDED"] + ["MODIFIED"] * (len(events) - 1)
    versions = [e.resource_version for e in events]
    assert versions == sorted(versions) and len(set(versions)) == len(versions)
    assert [e.object["status"].get("phase") for e in events][-1] == "Running"
    sim.cluster.api.delete("pods", "default", "web", grace_period=0)
    assert sim.cluster.store.events_since(versions[-1], ["pods"])[-1].type == "DELETED"


def test_it_filters_lists_with_label_and_field_selectors(sim):
    sim.run("a", "nginx")
    sim.run("b", "busybox:1.36", "sh", "-c", "exit 0", restart="Never")
    sim.at(10)
    api = sim.cluster.api
    assert [p["metadata"]["name"] for p in api.list("pods", "default", label_selector="run=a")["items"]] == ["a"]
    assert [p["metadata"]["name"] for p in api.list("pods", "default", label_selector="run in (a,b)")["items"]] \
        == ["a", "b"]
    done = api.list("pods", "default", field_selector="status.phase=Succeeded")["items"]
    assert [p["metadata"]["name"] for p in done] == ["b"]


def test_it_explains_why_there_are_no_logs(sim):
    sim.run("bad", "nginx:nope")
    api = sim.cluster.api
    sim.at(1)
    assert error_of(api.logs, "default", "bad").message == (
        'container "bad" in pod "bad" is waiting to start: ContainerCreating')
    sim.at(3)
    assert error_of(api.logs, "default", "bad").message == (
        'container "bad" in pod "bad" is waiting to start: image can\'t be pulled')
    sim.at(4)
    assert error_of(api.logs, "default", "bad").message == (
        'container "bad" in pod "bad" is waiting to start: trying and failing to pull image')
    assert error_of(api.logs, "default", "bad", previous=True).message == (
        'previous terminated container "bad" in pod "bad" not found')
    assert error_of(api.logs, "default", "bad", container="web").message == "container web is not valid for pod bad"
    assert error_of(api.logs, "default", "ghost").message == 'pods "ghost" not found'


def test_it_keeps_the_previous_instance_logs(sim):
    sim.run("crash", "busybox:1.36", "sh", "-c", 'echo "run at $(date +%s)"; exit 1', command=True)
    sim.at(60)
    previous = sim.cluster.api.logs("default", "crash", previous=True).text(sim.cluster.epoch)
    # In CrashLoopBackOff both the current and the previous log are the last crashed instance's
    # (validateContainerLogStatus reads lastState.terminated in both cases).
    assert previous == "run at 1736157633\n"
    current = sim.cluster.api.logs("default", "crash").text(sim.cluster.epoch, timestamps=True)
    assert current == "2025-01-06T10:00:33.000000000Z run at 1736157633\n"


def test_it_runs_exec_in_the_container_and_refuses_a_finished_pod(sim):
    sim.run("web", "nginx")
    sim.run("done", "busybox:1.36", "true", restart="Never", command=True)
    sim.at(10)
    result = sim.cluster.api.exec("default", "web", None, ["cat", "/etc/hostname"])
    assert (result.text, result.exit_code) == ("web\n", 0)
    result = sim.cluster.api.exec("default", "web", None, ["ls", "/nope"])
    assert (result.text, result.exit_code) == ("ls: cannot access '/nope': No such file or directory\n", 2)
    assert sim.cluster.api.exec("default", "web", None, ["wget", "x"]).start_error.endswith(
        'exec: "wget": executable file not found in $PATH: unknown')
    assert error_of(sim.cluster.api.exec, "default", "done", None, ["ls"]).message == (
        "cannot exec into a container in a completed pod; current phase is Succeeded")


def test_it_deletes_a_namespace_with_its_pods(sim):
    api = sim.cluster.api
    api.create({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "lab"}})
    api.create({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "lab"},
                "spec": {"containers": [{"name": "c", "image": "busybox:1.36", "command": ["sleep", "3600"]}]}})
    sim.at(10)
    api.delete("namespaces", "", "lab")
    assert api.get("namespaces", "", "lab")["status"]["phase"] == "Terminating"
    err = error_of(api.create, {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "q", "namespace": "lab"},
                                "spec": {"containers": [{"name": "c", "image": "nginx"}]}})
    assert err.message == ('pods "q" is forbidden: unable to create new content in namespace lab because it is '
                           "being terminated")
    sim.at(41)
    assert error_of(api.get, "namespaces", "", "lab").code == 404
    assert error_of(api.delete, "namespaces", "", "default").message == (
        'namespaces "default" is forbidden: this namespace may not be deleted')
