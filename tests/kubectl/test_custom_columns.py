"""``-o custom-columns=...`` and ``-o custom-columns-file=...`` (printers/custom_columns.py).

Expected outputs were recorded from the real kubectl 1.32.5 (``kubectl get pods -o custom-columns=...``
against a fake API server listing PODS). Errors are shown as kubectl prints them: stdout written
before the error, then ``error: <message>``.
"""
from __future__ import annotations

import json

import pytest

from sandbox.kubectl.printers.custom_columns import (CustomColumnsError, print_custom_columns,
                                                     print_custom_columns_file)

PODS = json.loads('[{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x", "labels": {"app": "web", "tier": "fe"}, "annotations": {"a.b/c": "dotted"}, "namespace": "default"}, "spec": {"containers": [{"name": "c1", "image": "nginx", "ports": [{"containerPort": 80}]}, {"name": "c2", "image": "busybox"}]}, "status": {"phase": "Running", "f": 1.5, "big": 1e+21, "small": 1e-06, "conditions": [{"type": "Ready", "status": "True", "lastProbeTime": null}, {"type": "PodScheduled", "status": "False"}], "containerStatuses": [{"name": "c1", "restartCount": 2, "state": {"running": {"startedAt": "2025-01-06T10:00:04Z"}}, "ready": true}, {"name": "c2", "restartCount": 0, "state": {"waiting": {"reason": "CrashLoopBackOff"}}, "ready": false}]}}, {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a-much-longer-pod-name", "labels": {}, "annotations": {"a.b/c": "dotted"}, "namespace": "default"}, "spec": {"containers": [{"name": "c1", "image": "nginx", "ports": [{"containerPort": 80}]}, {"name": "c2", "image": "busybox"}]}, "status": {"f": 1.5, "big": 1e+21, "small": 1e-06, "conditions": [{"type": "Ready", "status": "True", "lastProbeTime": null}, {"type": "PodScheduled", "status": "False"}], "containerStatuses": [{"name": "c1", "restartCount": 2, "state": {"running": {"startedAt": "2025-01-06T10:00:04Z"}}, "ready": true}, {"name": "c2", "restartCount": 0, "state": {"waiting": {"reason": "CrashLoopBackOff"}}, "ready": false}]}}]')

OUTPUTS = [
    ('NAME:.metadata.name,PHASE:status.phase', False, 'NAME                     PHASE\nx                        Running\na-much-longer-pod-name   <none>\n'),
    ('NAME:.metadata.name,PHASE:status.phase', True, 'x                        Running\na-much-longer-pod-name   <none>\n'),
    ('NAME:.metadata.name,LABELS:.metadata.labels,C:.spec.containers[*].name', False, 'NAME                     LABELS                 C\nx                        map[app:web tier:fe]   c1,c2\na-much-longer-pod-name   map[]                  c1,c2\n'),
    ('NAME:.metadata.name,LABELS:.metadata.labels,C:.spec.containers[*].name', True, 'x                        map[app:web tier:fe]   c1,c2\na-much-longer-pod-name   map[]                  c1,c2\n'),
    ('P:{.status.conditions[0].lastProbeTime},X:.spec.containers[0],Z:.nothing', False, 'P       X                                                        Z\n<nil>   map[image:nginx name:c1 ports:[map[containerPort:80]]]   <none>\n<nil>   map[image:nginx name:c1 ports:[map[containerPort:80]]]   <none>\n'),
    ('P:{.status.conditions[0].lastProbeTime},X:.spec.containers[0],Z:.nothing', True, '<nil>   map[image:nginx name:c1 ports:[map[containerPort:80]]]   <none>\n<nil>   map[image:nginx name:c1 ports:[map[containerPort:80]]]   <none>\n'),
    ('A:.status.f,B:.status.big,C:.status.small,D:.status.containerStatuses[*].ready', False, 'A     B       C       D\n1.5   1e+21   1e-06   true,false\n1.5   1e+21   1e-06   true,false\n'),
    ('A:.status.f,B:.status.big,C:.status.small,D:.status.containerStatuses[*].ready', True, '1.5   1e+21   1e-06   true,false\n1.5   1e+21   1e-06   true,false\n'),
    ('READY:.status.conditions[?(@.type=="Ready")].status', False, 'READY\nTrue\nTrue\n'),
    ('READY:.status.conditions[?(@.type=="Ready")].status', True, 'True\nTrue\n'),
    ('N:.metadata.name.*', False, 'N\n120\n97,45,109,117,99,104,45,108,111,110,103,101,114,45,112,111,100,45,110,97,109,101\n'),
    ('N:.metadata.name.*', True, '120\n97,45,109,117,99,104,45,108,111,110,103,101,114,45,112,111,100,45,110,97,109,101\n'),
]


@pytest.mark.parametrize("spec, no_headers, expected", OUTPUTS)
def test_it_prints_columns_as_kubectl_does(spec, no_headers, expected):
    assert print_custom_columns(spec, PODS, no_headers) == expected


def _run(fn, *args):
    try:
        return fn(*args)
    except CustomColumnsError as err:
        return err.partial + f"error: {err}\n"


ERRORS = [
    ('NAME', 'error: unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>\n'),
    ('NAME:.metadata.name,', 'error: unexpected custom-columns spec: , expected <header>:<json-path-expr>\n'),
    ('X:{.a', "error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'\n"),
    ('NAME:.spec.containers[5].name', 'NAME\nerror: array index out of bounds: index 5, length 2\n'),
    ('', 'error: custom-columns format specified but no custom columns given\n'),
]


@pytest.mark.parametrize("spec, expected", ERRORS)
def test_it_fails_as_kubectl_fails(spec, expected):
    assert _run(print_custom_columns, spec, PODS) == expected


FILES = [
    ('NAME   PHASE\n.metadata.name   {.status.phase}\n', 'NAME                     PHASE\nx                        Running\na-much-longer-pod-name   <none>\n'),
    ('NAME\n', 'error: invalid template, missing spec line. Expected format is one line of space separated headers, one line of space separated column specs.\n'),
    ('A B\n.a\n', "error: number of headers (2) and field specifications (1) don't match\n"),
]


@pytest.mark.parametrize("template, expected", FILES)
def test_it_reads_a_columns_file_and_ignores_no_headers(template, expected):
    assert _run(print_custom_columns_file, template, PODS) == expected


def test_it_prints_the_header_alone_for_no_objects():
    assert print_custom_columns("NAME:.metadata.name", []) == "NAME\n"
