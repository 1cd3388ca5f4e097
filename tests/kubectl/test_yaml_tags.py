"""Explicit scalar tags in -f files (``!!int 1.5``, ``!!binary aGk=``): go-yaml v2's resolve() and
decode.go rules, as kubectl 1.32 applies them (sandbox/kubectl/yamltags.py).

Expected lines were printed by kubectl 1.32.5 (/usr/lib/google-cloud-sdk/bin/kubectl.1.32):
errors by ``create --validate=false --dry-run=client -f t.yaml -o jsonpath='{.metadata.labels}'
--server=http://127.0.0.1:1`` (the file is refused before any server is asked), values by
``label --local -f t.yaml z=1 -o json`` (a custom kind, so that any JSON value is kept).
"""
from __future__ import annotations

import copy
import math

import pytest

from sandbox.kubectl.yamlreader import YamlError, yaml_to_python
from sandbox.kubectl.yamltags import is_timestamp
from tests.kubectl.test_cmd_support import Term

POD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels: {x: %s}\n"
PREFIX = "error: error parsing t.yaml: error converting YAML to JSON: yaml: "

REFUSED = [
    (POD % "!!int 1.5", "cannot decode !!float `1.5` as a !!int"),
    ("!!int apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n", "cannot decode !!str `apiVersion` as a !!int"),
    ("!!int \n", "cannot decode !!null `` as a !!int"),
    (POD % "!!bool 1", "cannot decode !!int `1` as a !!bool"),
    (POD % "!!null x", "cannot decode !!str `x` as a !!null"),
    (POD % "!!timestamp foo", "cannot decode !!str `foo` as a !!timestamp"),
    (POD % '!!binary "@@@"', "!!binary value contains invalid base64 data"),
    (POD % "!!int yes", "cannot decode !!bool `yes` as a !!int"),
    # an explicit !!float takes an int64, not a uint64
    (POD % "!!float 18446744073709551615", "cannot decode !!int `18446744073709551615` as a !!float"),
    (POD % "!!timestamp 2001-02-29", "cannot decode !!str `2001-02-29` as a !!timestamp"),
    (POD % "!!timestamp 12", "cannot decode !!int `12` as a !!timestamp"),
    (POD % '!!binary "aGk"', "!!binary value contains invalid base64 data"),
    (POD % '!!int "1\\n"', "cannot decode !!str `1\n` as a !!int"),
    # go-yaml decodes depth first: the nested mapping's scalar fails before the next key's
    ("apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels: {a: {b: !!int x}, c: !!int y}\n",
     "cannot decode !!str `x` as a !!int"),
]


@pytest.mark.parametrize(("text", "problem"), REFUSED, ids=[p for _, p in REFUSED])
def test_it_refuses_a_tag_the_scalar_does_not_resolve_to_as_kubectl_does(text: str, problem: str) -> None:
    t = Term()
    t.write("t.yaml", text)
    r = t.kubectl("create --dry-run=client -f t.yaml -o jsonpath={.metadata.labels}")
    assert (r.both, r.code) == (PREFIX + problem + "\n", 1)


def test_a_refused_file_changes_nothing_in_the_sandbox() -> None:
    t = Term()
    pod = ("apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\n  labels:\n    app: %s\nspec:\n  containers:\n"
           "  - name: nginx-container\n    image: nginx\n")
    t.write("nginx.yaml", pod % "nginx")
    assert t.kubectl("apply -f nginx.yaml").both == "pod/nginx created\n"
    before = copy.deepcopy(t.cluster.store.to_json())
    for text, problem in [(pod % "!!int nginx", "cannot decode !!str `nginx` as a !!int"),
                          ("!!int apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\n",
                           "cannot decode !!str `apiVersion` as a !!int"),
                          (pod % '!!binary "@@@"', "!!binary value contains invalid base64 data")]:
        t.write("t.yaml", text)
        for verb in ("apply", "create"):
            r = t.kubectl(f"{verb} -f t.yaml")
            assert (r.both, r.code) == (PREFIX + problem + "\n", 1)
            assert t.cluster.store.to_json() == before


def test_it_sends_timestamps_as_their_text_and_binary_as_its_bytes() -> None:
    t = Term()
    t.write("t.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  annotations:\n"
                      "    a: !!timestamp 2001-12-14\n    b: !!timestamp \"2001-12-14 21:59:43.10\"\n"
                      "    c: !!binary aGk=\n    d: !!binary \"4oJB\"\n    e: !!binary |\n      aGVs\n      bG8=\n"
                      "    !!binary Zg==: !!timestamp 2001-12-14t21:59:43.10-05:00\n")
    r = t.kubectl("create --dry-run=client -f t.yaml -o jsonpath={.metadata.annotations}")
    assert (r.both, r.code) == ('{"a":"2001-12-14","b":"2001-12-14 21:59:43.10","c":"hi","d":"\ufffd\ufffdA",'
                                '"e":"hello","f":"2001-12-14t21:59:43.10-05:00"}', 0)


DECODED = [
    ("!!float 5", 5.0), ("!!float 1_0", 10.0), ("!!float -0b11", -3.0), ("!!float 0x_1", 1.0),
    ("!!float -0x8000000000000000", -9.223372036854775808e18), ("!!float .5", 0.5), ("!!bool yes", True),
    ("!!bool \"on\"", True), ("!!int \"7\"", 7), ("!!int 0x10", 16), ("!!int 0b_1", 1), ("!!int -0", 0),
    ("!!null ~", None), ("!!null", None), ("!!null \"\"", None), ("!!str 5", "5"),
    ("!!timestamp 2001-1-1", "2001-1-1"), ("!!timestamp \"2001-12-14   21:59:43\"", "2001-12-14   21:59:43"),
    ("!!binary", ""), ("!!binary \"/w==\"", "\ufffd"), ("!!binary \"7aCA\"", "\ufffd" * 3),
    ("!!binary \"AA==\"", "\x00"), ("!!binary \"aG==\"", "h"), ("!!binary \"Y\\rQ\\r=\\n=\"", "a"),
    # go-yaml ignores these tags on a mapping or a sequence
    ("!!int {<<: {a: 1}, b: 2}", {"a": 1, "b": 2}), ("!!timestamp [1]", [1]),
]


@pytest.mark.parametrize(("value", "expected"), DECODED, ids=[v for v, _ in DECODED])
def test_it_decodes_a_tagged_scalar_to_the_value_kubectl_sends(value: str, expected: object) -> None:
    decoded = yaml_to_python(f"x: {value}\n")["x"]
    assert decoded == expected and type(decoded) is type(expected)


@pytest.mark.parametrize(("value", "problem"), [
    ("!!int 99999999999999999999", "cannot decode !!float `99999999999999999999` as a !!int"),
    ("!!int 08", "cannot decode !!float `08` as a !!int"),
    ("!!float 0x8000000000000000", "cannot decode !!int `0x8000000000000000` as a !!float"),
    ("!!int \"1 \"", "cannot decode !!str `1 ` as a !!int"),
    ("!!bool ~", "cannot decode !!null `~` as a !!bool"),
    ("!!binary \"aGk=\\naGk=\"", "!!binary value contains invalid base64 data"),
    ("!!binary \"aG\\tk=\"", "!!binary value contains invalid base64 data"),
    ("!!binary \"ab=\"", "!!binary value contains invalid base64 data"),
])
def test_it_names_the_tag_the_text_resolves_to(value: str, problem: str) -> None:
    with pytest.raises(YamlError) as err:
        yaml_to_python(f"x: {value}\n")
    assert str(err.value) == f"yaml: {problem}"


def test_an_infinite_float_is_left_to_json_as_kubectl_does() -> None:
    assert math.isinf(yaml_to_python("x: !!float .inf\n")["x"])


@pytest.mark.parametrize(("text", "parses"), [
    ("2001-12-14", True), ("2000-02-29", True), ("2400-02-29", True), ("0000-02-29", True),
    ("2001-12-14T21:59:43Z", True), ("2001-12-14T21:59:43,5Z", True), ("2001-12-14 21:59:43,5", True),
    ("2001-12-14 21:59:43.1234567890123", True), ("2001-12-14t21:59:43.10+24:00", True),
    ("2001-12-14t21:59:43.10+05:60", True), ("2001-12-14T1:2:3Z", True),
    ("2001-02-29", False), ("1900-02-29", False), ("2001-13-01", False), ("2001-01-00", False),
    ("2001-12-14 24:00:00", False), ("2001-12-14 23:59:60", False), ("2001-12-14T21:59:43z", False),
    ("2001-12-14 21:59:43.", False), ("2001-12-14t21:59:43.10+25:00", False), ("2001-12-14t21:59:43+0500", False),
    ("2001-12-14 21:59", False), ("2001-12-14 ", False), ("2001-12-14T21:59:43", False),
    ("2001-12-14 21:59:43Z", False), ("20011-12-14", False), ("2001-123-4", False), ("2001-12-14T21:59:43.5", False),
    ("2001-12-14\t21:59:43", False), ("2001-12-14T21:59:43-0a:00", False), ("2001-12-14T21:59:43-05:0", False),
])
def test_it_reads_timestamps_with_go_time_parse_and_go_yaml_layouts(text: str, parses: bool) -> None:
    # each checked with kubectl 1.32: `!!timestamp <text>` decodes, or is refused as a !!str
    assert is_timestamp(text) is parses
