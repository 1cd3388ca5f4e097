"""Value tests and field paths: the comparisons every check shares (lessons/checks/values.py, paths.py)."""
from __future__ import annotations

import pytest

from lessons.checks.paths import PathError, parse_path, resolve
from lessons.checks.values import MISSING, mismatch, passes, want
from lessons.schema.model import ValueTest as V

POD = {
    "metadata": {"name": "web", "labels": {"app": "web", "app.kubernetes.io/name": "shop"}},
    "spec": {"containers": [
        {"name": "web", "image": "nginx:1.27", "ports": [{"containerPort": 80}]},
        {"name": "side", "image": "busybox", "ports": [{"containerPort": 9000}, {"containerPort": 9001}]},
    ], "restartPolicy": "Always", "hostNetwork": False},
    "status": {"conditions": [{"type": "Ready", "status": "True"}], "podIP": None},
}


@pytest.mark.parametrize(("test", "actual", "expected"), [
    (V("equals", 80), 80, True),
    (V("equals", 80), "80", True),          # numbers compare as numbers
    (V("equals", "80"), 80, True),
    (V("equals", 80.0), 80, True),
    (V("equals", True), "True", True),      # YAML true equals a condition's "True"
    (V("equals", "true"), True, True),
    (V("equals", False), "True", False),
    (V("equals", "Running"), "Running", True),
    (V("equals", "Running"), "running", False),
    (V("equals", "Running"), MISSING, False),
    (V("not", "Running"), "Pending", True),
    (V("not", "Running"), "Running", False),
    (V("not", "Running"), MISSING, True),
    (V("regex", "^nginx"), "nginx:1.27", True),
    (V("regex", "ErrImagePull|ImagePullBackOff"), "ImagePullBackOff", True),
    (V("regex", "^nginx"), "docker.io/nginx", False),
    (V("regex", "x"), MISSING, False),
    (V("gt", 2), 3, True), (V("gt", 3), 3, False),
    (V("gte", 3), 3, True), (V("gte", 3), 2, False),
    (V("lt", 3), 2, True), (V("lt", 3), 3, False),
    (V("lte", 3), 3, True), (V("lte", 3), 4, False),
    (V("gte", 1), "abc", False),
    (V("gte", 1), "2", True),
    (V("exists", True), "", True),
    (V("exists", True), MISSING, False),
    (V("exists", True), None, False),       # a JSON null is no value
    (V("exists", False), MISSING, True),
    (V("exists", False), "x", False),
    (V("in", ("Running", "Completed")), "Completed", True),
    (V("in", ("Running", "Completed")), "Error", False),
    (V("in", (1, 2)), "2", True),
    (V("contains", "image"), "image: nginx", True),
    (V("contains", "nginx"), ["busybox", "nginx"], True),
    (V("contains", "redis"), ["busybox", "nginx"], False),
    (V("contains", "app"), {"app": "web"}, True),
])
def test_it_applies_each_operator(test, actual, expected):
    assert passes(test, actual) is expected


@pytest.mark.parametrize(("test", "actual", "text"), [
    (V("equals", "Running"), "ContainerCreating", "ContainerCreating, not Running"),
    (V("not", "Running"), "Running", "Running (want anything but Running)"),
    (V("regex", "^nginx"), "httpd", 'httpd (want a match for "^nginx")'),
    (V("gte", 3), 1, "1 (want >= 3)"),
    (V("gt", 3), 1, "1 (want > 3)"),
    (V("lt", 3), 5, "5 (want < 3)"),
    (V("lte", 3), 5, "5 (want <= 3)"),
    (V("gte", 3), "abc", "abc, not a number (want >= 3)"),
    (V("exists", True), MISSING, "not set"),
    (V("exists", False), "10.244.1.3", "set (10.244.1.3)"),
    (V("in", ("Running", "Completed")), "Error", "Error (want one of Running, Completed)"),
    (V("contains", "x"), "abc", 'abc (want something containing "x")'),
    (V("equals", True), False, "false, not true"),
])
def test_it_says_what_was_found_and_what_was_wanted(test, actual, text):
    assert mismatch(actual, test) == text


def test_it_words_the_wanted_value():
    assert want(V("gte", 2)) == ">= 2"
    assert want(V("exists", False)) == "not set"


@pytest.mark.parametrize(("path", "values"), [
    ("spec.restartPolicy", ["Always"]),
    ("spec.containers[0].image", ["nginx:1.27"]),
    ("spec.containers[-1].name", ["side"]),
    ("spec.containers[5].name", []),
    ("spec.containers[*].name", ["web", "side"]),
    ("spec.containers[*].ports[*].containerPort", [80, 9000, 9001]),
    ("spec.containers[name=side].image", ["busybox"]),
    ("spec.containers[name='side'].image", ["busybox"]),
    ("spec.containers[name=none].image", []),
    ("spec.containers[*].ports[containerPort=80].containerPort", [80]),
    ('metadata.labels."app.kubernetes.io/name"', ["shop"]),
    ("metadata.labels['app.kubernetes.io/name']", ["shop"]),
    ("metadata.labels[*]", ["web", "shop"]),
    ("status.podIP", []),                                  # null is not a value
    ("spec.hostNetwork", [False]),
    ("spec.nothing.deeper", []),
    ("spec.restartPolicy.deeper", []),
])
def test_it_resolves_field_paths(path, values):
    assert resolve(POD, path) == values


@pytest.mark.parametrize("path", ["", "a..b", ".a", "a.", "a[", 'a."b', "a[x]", "a[=1]"])
def test_it_rejects_a_malformed_path(path):
    with pytest.raises(PathError):
        parse_path(path)
