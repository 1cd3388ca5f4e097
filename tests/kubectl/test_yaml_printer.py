"""``kubectl get -o yaml`` (sandbox/kubectl/printers/yaml.py).

Golden cases live in tests/golden/yaml/<case>/: input.json is the object (a JSON array is printed
as kubectl's List), output.yaml what kubectl prints. Every output.yaml there was produced by the
real kubectl 1.32.5 (``kubectl run --dry-run=client -o yaml``, or ``kubectl get -o yaml`` against
a fake API server serving input.json), not by this printer; PODLAB_REGEN=1 rewrites them with
this printer, so review any diff it makes.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from sandbox.kubectl.printers.goyaml_resolve import resolves_to_string, sorted_keys
from sandbox.kubectl.printers.yaml import YamlError, to_yaml

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "yaml"
CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "input.json").is_file())


@pytest.mark.parametrize("name", CASES)
def test_it_prints_golden_objects_as_kubectl_does(name):
    folder = GOLDEN / name
    obj = json.loads((folder / "input.json").read_text(encoding="utf-8"))
    actual = to_yaml(obj)
    expected_file = folder / "output.yaml"
    if os.environ.get("PODLAB_REGEN") == "1":
        expected_file.write_text(actual, encoding="utf-8")
    assert actual == expected_file.read_text(encoding="utf-8")


def test_it_prints_the_run_dry_run_pod_of_the_spec():
    # spec §11.1 and conformance/01-pod-basics.transcript
    pod = {"apiVersion": "v1", "kind": "Pod",
           "metadata": {"creationTimestamp": None, "labels": {"run": "nginx"}, "name": "nginx"},
           "spec": {"containers": [{"image": "nginx", "name": "nginx", "resources": {}}],
                    "dnsPolicy": "ClusterFirst", "restartPolicy": "Always"},
           "status": {}}
    assert to_yaml(pod) == (
        "apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: null\n  labels:\n    run: nginx\n"
        "  name: nginx\nspec:\n  containers:\n  - image: nginx\n    name: nginx\n    resources: {}\n"
        "  dnsPolicy: ClusterFirst\n  restartPolicy: Always\nstatus: {}\n")


@pytest.mark.parametrize("text, plain", [
    ("Running", True), ("True", False), ("true", False), ("y", False), ("Y", False), ("yes", False),
    ("on", False), ("off", False), ("n", False), ("1", False), ("0", False), ("1.0", False),
    ("1e3", False), (".5", False), ("0x1F", False), ("0o17", False), ("012", False), ("08", False),
    ("1_000", False), ("+1", False), ("null", False), ("~", False), ("", False), (".inf", False),
    ("2025-01-06T10:00:04Z", False), ("2025-01-06", False), ("2025-1-6 1:02:03", False),
    ("2025-02-30", True), ("2025-01-06T10:00:04", True), ("1:20", False), ("1e400", True),
    ("NaN", True), ("0o", True), ("docker.io/library/nginx:latest", True), ("172.18.0.2", True),
    ("10.244.0.5", True), ("node01", True), ("-x", True),
])
def test_it_knows_which_strings_would_change_type_unquoted(text, plain):
    # encode.go stringv: resolve() must give !!str and isBase60Float must be false
    assert resolves_to_string(text) is plain


def test_it_quotes_timestamps_and_condition_statuses():
    # spec §4.1: `status: "True"` and `lastTransitionTime: "2025-01-06T10:00:04Z"` are quoted
    out = to_yaml({"status": "True", "lastTransitionTime": "2025-01-06T10:00:04Z", "ip": "10.244.0.5"})
    assert out == 'ip: 10.244.0.5\nlastTransitionTime: "2025-01-06T10:00:04Z"\nstatus: "True"\n'


def test_it_sorts_keys_with_numbers_in_numeric_order():
    # go-yaml's keyList.Less, not a byte order: s2 before s10, non-letters before letters
    assert sorted_keys(["s10", "s2", "s1", "b", "A", "_a", "9", "10"]) == ["_a", "9", "10", "A", "b", "s1", "s2", "s10"]


def test_it_does_not_indent_sequences_under_their_key():
    out = to_yaml({"spec": {"containers": [{"args": ["sh", "-c", "exit 1"], "name": "c"}]}})
    assert out == "spec:\n  containers:\n  - args:\n    - sh\n    - -c\n    - exit 1\n    name: c\n"


def test_it_prints_empty_collections_in_flow_style():
    assert to_yaml({"a": {}, "b": [], "c": [[], {}]}) == "a: {}\nb: []\nc:\n- []\n- {}\n"


def test_it_uses_literal_blocks_for_multi_line_strings():
    assert to_yaml({"a": "x\ny\n", "b": "x\ny", "c": "x\n\n"}) == "a: |\n  x\n  y\nb: |-\n  x\n  y\nc: |+\n  x\n\n"


def test_it_folds_long_plain_strings_past_column_80():
    out = to_yaml({"message": "word " * 20 + "end"})
    first, second = out.splitlines()
    assert len(first) > 80 and second.startswith("  word")


def test_it_prints_floats_through_json_as_kubectl_does():
    # sigs.k8s.io/yaml goes through JSON: 2.0 is an integer, others use Go's 'g' format
    assert to_yaml({"a": 2.0, "b": 1234567.5, "c": 0.00001, "d": 1.5}) == "a: 2\nb: 1.2345675e+06\nc: 1e-05\nd: 1.5\n"


def test_it_prints_several_objects_as_a_list():
    out = to_yaml([{"kind": "Pod", "apiVersion": "v1", "metadata": {"name": "a"}}])
    assert out == ('apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: a\n'
                   'kind: List\nmetadata:\n  resourceVersion: ""\n')


def test_it_folds_nel_like_go_yaml_reading_the_json_back():
    # encoding/json leaves U+0085 raw and go-yaml reads it as a line break (kubectl 1.32)
    assert to_yaml({"a": "x\u0085y", "b": "x \u0085\u0085 y"}) == "a: x y\nb: |-\n  x\n  y\n"


def test_it_fails_like_kubectl_on_characters_go_yaml_cannot_read():
    # kubectl 1.32: `error: yaml: control characters are not allowed`
    with pytest.raises(YamlError, match="yaml: control characters are not allowed"):
        to_yaml({"a": "del\x7f"})
    with pytest.raises(YamlError, match=r"yaml: line 1: did not find expected ',' or '}'"):
        to_yaml({"a\u0085b": "v"})
