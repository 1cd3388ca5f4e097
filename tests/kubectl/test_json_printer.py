"""``kubectl get -o json`` (sandbox/kubectl/printers/json.py) and ``-o name`` (name.py).

tests/golden/yaml/<case>/output.json holds what the real kubectl 1.32.5 printed for input.json
(see test_yaml_printer.py); PODLAB_REGEN=1 rewrites them with this printer.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from sandbox.kubectl.printers.json import as_list, go_format_float, to_json
from sandbox.kubectl.printers.name import NamePrinterError, to_name

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "yaml"
CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "output.json").is_file())


@pytest.mark.parametrize("name", CASES)
def test_it_prints_golden_objects_as_kubectl_does(name):
    folder = GOLDEN / name
    obj = json.loads((folder / "input.json").read_text(encoding="utf-8"))
    actual = to_json(obj)
    expected_file = folder / "output.json"
    if os.environ.get("PODLAB_REGEN") == "1":
        expected_file.write_text(actual, encoding="utf-8")
    assert actual == expected_file.read_text(encoding="utf-8")


def test_it_indents_by_four_and_sorts_keys_bytewise():
    assert to_json({"b": 1, "B": [], "a": {"y": None, "x": True}}) == (
        '{\n    "B": [],\n    "a": {\n        "x": true,\n        "y": null\n    },\n    "b": 1\n}\n')


def test_it_escapes_html_and_line_separators_as_go_does():
    # json.Marshal HTML-escapes; \b and \f have short forms since Go 1.22; DEL stays raw (kubectl 1.32)
    out = to_json({"s": "<a>&\u2028\x01\b\f\x7fé日"})
    assert out == '{\n    "s": "\\u003ca\\u003e\\u0026\\u2028\\u0001\\b\\f\x7fé日"\n}\n'


@pytest.mark.parametrize("value, json_text, g_text", [
    (1.5, "1.5", "1.5"), (2.0, "2", "2"), (1e21, "1e+21", "1e+21"), (1e-7, "1e-7", "1e-07"),
    (0.000001, "0.000001", "1e-06"), (1234567.5, "1234567.5", "1.2345675e+06"), (-0.5, "-0.5", "-0.5"),
])
def test_it_formats_floats_like_go(value, json_text, g_text):
    assert go_format_float(value, "json") == json_text
    assert go_format_float(value, "g") == g_text


def test_it_wraps_several_objects_in_a_list_with_an_empty_resource_version():
    assert as_list([]) == {"apiVersion": "v1", "items": [], "kind": "List", "metadata": {"resourceVersion": ""}}


def test_it_names_core_and_grouped_kinds():
    # kubectl 1.32: `kubectl label --local -o name` gives pod/x, deployment.apps/Web, event.events.k8s.io/x.123
    assert to_name({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "nginx"}}) == "pod/nginx\n"
    assert to_name({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "Web"}}) == "deployment.apps/Web\n"
    assert to_name({"apiVersion": "events.k8s.io/v1", "kind": "Event", "metadata": {"name": "x.1"}}) == \
        "event.events.k8s.io/x.1\n"


def test_it_names_each_item_and_appends_the_operation():
    pods = [{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": n}} for n in ("a", "b")]
    assert to_name(pods) == "pod/a\npod/b\n"
    assert to_name(pods[0], "created (dry run)") == "pod/a created (dry run)\n"
    assert to_name([]) == ""


def test_it_refuses_an_object_without_kind():
    with pytest.raises(NamePrinterError, match="missing apiVersion or kind"):
        to_name({"metadata": {"name": "x"}})
