"""kubectl wait: conditions, jsonpath, delete, create, timeouts; compared with kubectl 1.32.5."""
from __future__ import annotations

from tests.kubectl.test_cmd_support import Term


def test_it_waits_for_a_condition_in_simulated_time():
    t = Term()
    t.kubectl("run nginx --image=nginx")
    r = t.kubectl("wait --for=condition=Ready pod/nginx")
    assert (r.out, r.err, r.code) == ("pod/nginx condition met\n", "", 0)
    assert 0 < t.cluster.now < 10


def test_it_compares_condition_names_and_values_case_insensitively():
    t = Term()
    t.kubectl("run nginx --image=nginx")
    t.at(30)
    assert t.kubectl("wait --for=condition=ready=TRUE pod/nginx").out == "pod/nginx condition met\n"


def test_it_waits_for_a_jsonpath_value():
    t = Term()
    t.kubectl("run nginx --image=nginx")
    assert t.kubectl("wait --for=jsonpath='{.status.phase}'=Running pod/nginx").out == "pod/nginx condition met\n"
    assert t.kubectl("wait --for=jsonpath='{.status.conditions[?(@.type==\"Ready\")].status}'=True "
                     "pod/nginx").out == "pod/nginx condition met\n"


def test_it_times_out_with_kubectl_s_message():
    t = Term()
    t.kubectl("run done --image=busybox:1.36 --restart=Never -- true")
    r = t.kubectl("wait --for=condition=Ready pod/done --timeout=20s")
    assert (r.out, r.err, r.code) == ("", "error: timed out waiting for the condition on pods/done\n", 1)
    assert t.cluster.now == 20


def test_it_times_out_every_object_left_once_the_deadline_passes():
    # kubectl 1.32 printed these lines, without "error: ", for the same three pods
    t = Term()
    t.kubectl("run aaa --image=busybox:1.36 --restart=Never -- true")
    t.kubectl("run nginx --image=nginx")
    t.kubectl("run web --image=nginx")
    r = t.kubectl("wait --for=condition=Ready pods --all --timeout=10s")
    assert r.err == ("timed out waiting for the condition on pods/aaa\n"
                     "timed out waiting for the condition on pods/nginx\n"
                     "timed out waiting for the condition on pods/web\n")


def test_it_checks_once_with_a_zero_timeout():
    t = Term()
    t.kubectl("run nginx --image=nginx")
    assert t.kubectl("wait --for=condition=Ready pod/nginx --timeout=0").err == (
        "error: condition not met for pods/nginx\n")


def test_it_waits_for_deletion_and_for_creation():
    t = Term()
    t.kubectl("run nginx --image=nginx")
    t.at(30)
    t.kubectl("delete pod nginx --wait=false")
    assert t.kubectl("wait --for=delete pod/nginx --timeout=60s").out == "pod/nginx condition met\n"
    assert t.kubectl("wait --for=delete pod/nginx").both == ""
    assert t.kubectl("wait --for=create pod/later --timeout=1s").err == "error: timed out waiting for the condition\n"


def test_it_rejects_unknown_conditions_and_missing_objects():
    t = Term()
    assert t.kubectl("wait").err == 'error: unrecognized condition: ""\n'
    assert t.kubectl("wait pod/x --for=foo").err == 'error: unrecognized condition: "foo"\n'
    assert t.kubectl("wait --for=jsonpath= pod/x").err == "error: jsonpath expression cannot be empty\n"
    assert t.kubectl("wait --for=condition=Ready pod/nope").err == (
        'Error from server (NotFound): pods "nope" not found\n')
    assert t.kubectl("wait --for=condition=Ready pods --all").err == "error: no matching resources found\n"
