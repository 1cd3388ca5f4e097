"""Reading -f: go-yaml's and encoding/json's messages, documents, streams, directories.

Every case in CORPUS was run through kubectl 1.32.5 (``kubectl label --local -f FILE a=b -o name``,
which needs no server) and the lines it printed are the expected ones here: a successful object
prints ``pod/<name>``.
"""
from __future__ import annotations

import pytest

from sandbox.kubectl.context import Kube
from sandbox.kubectl.manifests import Manifest, ManifestError, read_manifests, split_yaml_documents
from sandbox.kubectl.yamlreader import resolve_plain, yaml_to_python
from sandbox.sim.fs import FileSystem

CORPUS = [
    ('apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\nspec:\n  containers:\n  - name: nginx\n    image: nginx: latest\n',
     'c01.yaml', ['error: error parsing c01.yaml: error converting YAML to JSON: yaml: line 8: mapping values are not allowed in this context']),
    ('apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\n spec:\n  containers:\n  - name: nginx\n',
     'c02.yaml', ['error: error parsing c02.yaml: error converting YAML to JSON: yaml: line 4: did not find expected key']),
    ('apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n',
     'c03.yaml', ['error: error parsing c03.yaml: error converting YAML to JSON: yaml: line 4: found character that cannot start any token']),
    ('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n   image: nginx\n',
     'c04.yaml', ['error: error parsing c04.yaml: error converting YAML to JSON: yaml: line 7: did not find expected key']),
    ('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n    - name: a\n    image: nginx\n',
     'c05.yaml', ["error: error parsing c05.yaml: error converting YAML to JSON: yaml: line 7: did not find expected '-' indicator"]),
    ('apiVersion: v1\nkind: Pod\nmetadata:\n  name: "x\nspec: {}\n',
     'c06.yaml', ['error: error parsing c06.yaml: error converting YAML to JSON: yaml: line 6: found unexpected end of stream']),
    ('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels: {a: b\nspec: {}\n',
     'c07.yaml', ["error: error parsing c07.yaml: error converting YAML to JSON: yaml: line 5: did not find expected ',' or '}'"]),
    ('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels: [a, b\n',
     'c08.yaml', ["error: error parsing c08.yaml: error converting YAML to JSON: yaml: line 5: did not find expected ',' or ']'"]),
    ('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n    args: ["sh", "-c", "echo hi"\n',
     'c09.yaml', ["error: error parsing c09.yaml: error converting YAML to JSON: yaml: line 8: did not find expected ',' or ']'"]),
    ('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  - a\n',
     'c10.yaml', ['error: error parsing c10.yaml: error converting YAML to JSON: yaml: line 4: did not find expected key']),
    ('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n    command: ["sh", "-c", "echo \\q"]\n',
     'c11.yaml', ['error: error parsing c11.yaml: error converting YAML to JSON: yaml: line 8: found unknown escape character']),
    ('apiVersion: v1\nkind: Pod\nmetadata:\n  name: *x\n',
     'c12.yaml', ["error: error parsing c12.yaml: error converting YAML to JSON: yaml: unknown anchor 'x' referenced"]),
    ('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n    image: nginx\n  - name: b\n    image: nginx\n      ports: []\n',
     'c13.yaml', ['error: error parsing c13.yaml: error converting YAML to JSON: yaml: line 11: mapping values are not allowed in this context']),
    ("apiVersion: v1\nkind: Pod\nmetadata:\n  name: 'x\n",
     'c14.yaml', ['error: error parsing c14.yaml: error converting YAML to JSON: yaml: line 5: found unexpected end of stream']),
    ('apiVersion: v1\nkind: Pod\nmetadata\n  name: x\n',
     'c15.yaml', ["error: error parsing c15.yaml: error converting YAML to JSON: yaml: line 4: could not find expected ':'"]),
    ('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\ncontainers:\n- name: a\n  image: b\n  - c\n',
     'c16.yaml', ['error: error parsing c16.yaml: error converting YAML to JSON: yaml: line 8: did not find expected key']),
    ('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels:\n    app: web\n   tier: db\n',
     'c17.yaml', ['error: error parsing c17.yaml: error converting YAML to JSON: yaml: line 6: did not find expected key']),
    ('apiVersion: v1\n  kind: Pod\n',
     'c18.yaml', ['error: error parsing c18.yaml: error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context']),
    ('- a\nb: c\n',
     'c19.yaml', ["error: error parsing c19.yaml: error converting YAML to JSON: yaml: line 1: did not find expected '-' indicator"]),
    ('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  annotations:\n    a: @b\n',
     'c20.yaml', ['error: error parsing c20.yaml: error converting YAML to JSON: yaml: line 6: found character that cannot start any token']),
    ('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  annotations:\n    a: `b\n',
     'c21.yaml', ['error: error parsing c21.yaml: error converting YAML to JSON: yaml: line 6: found character that cannot start any token']),
    ('apiVersion: v1\nkind: Pod\nmetadata: {name: x, labels: {a: b}}\nspec:\n  containers:\n  - {name: a, image: nginx\n',
     'c22.yaml', ["error: error parsing c22.yaml: error converting YAML to JSON: yaml: line 6: did not find expected ',' or '}'"]),
    ('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels:\n  app: web\n',
     'c23.yaml', ['pod/x']),
    ('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n    image: nginx\n    command:\n    - sh\n    - -c\n    - |\n      echo hi\n     echo there\n',
     'c24.yaml', ['error: error parsing c24.yaml: error converting YAML to JSON: yaml: line 13: did not find expected key']),
    ('{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x",}}',
     'c25.json', ["error: error parsing c25.json: json: offset 62: invalid character '}' looking for beginning of object key string"]),
    ('{"apiVersion": "v1", "kind": "Pod" "metadata": {}}',
     'c26.json', ['error: error parsing c26.json: json: offset 36: invalid character \'"\' after object key:value pair']),
    ('{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"}',
     'c27.json', ['error: error parsing c27.json: unexpected EOF']),
    ('{"apiVersion": \'v1\'}',
     'c28.json', ["error: error parsing c28.json: json: offset 16: invalid character '\\'' looking for beginning of value"]),
    ('{"a": tru}',
     'c29.json', ["error: error parsing c29.json: json: offset 10: invalid character '}' in literal true (expecting 'e')"]),
    ('{"a": [1, 2,]}',
     'c30.json', ["error: error parsing c30.json: json: offset 13: invalid character ']' looking for beginning of value"]),
    ('{"a": 1.}',
     'c31.json', ["error: error parsing c31.json: json: offset 9: invalid character '}' after decimal point in numeric literal"]),
    ('{"a": "x\\qy"}',
     'c32.json', ["error: error parsing c32.json: json: offset 10: invalid character 'q' in string escape code"]),
    ('{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"}}\n}',
     'c33.json', ['pod/x', "error: error parsing c33.json: json: offset 64: invalid character '}' looking for beginning of value"]),
    ('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: y\n  labels:\n   a: b\n    c: d\n',
     'c35.yaml', ['pod/x', 'error: error parsing c35.yaml: error converting YAML to JSON: yaml: line 7: mapping values are not allowed in this context']),
    ('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n    image: nginx\n    ports:\n    - containerPort: 80\n    protocol: TCP\n',
     'c36.yaml', ['pod/x']),
    ('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n     image: nginx\n',
     'c37.yaml', ['error: error parsing c37.yaml: error converting YAML to JSON: yaml: line 8: mapping values are not allowed in this context']),
    ('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  -name: a\n    image: nginx\n',
     'c38.yaml', ['error: error parsing c38.yaml: error converting YAML to JSON: yaml: line 8: mapping values are not allowed in this context']),
    ('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n    image:nginx\n',
     'c39.yaml', ["error: error parsing c39.yaml: error converting YAML to JSON: yaml: line 9: could not find expected ':'"]),
    ('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n    args: ["sh", "-c", "echo hi"]]\n',
     'c40.yaml', ['error: error parsing c40.yaml: error converting YAML to JSON: yaml: line 7: did not find expected key']),
]


def kube(files: dict[str, str], stdin: str = "") -> Kube:
    fs = FileSystem({}, frozenset({"/root", "/root/dir", "/root/dir/sub"}))
    for name, text in files.items():
        fs.write(f"/root/{name}", text)
    return Kube(cluster=None, fs=fs, cwd="/root", stdin=stdin, out=print, err=print)  # type: ignore[arg-type]


def lines(k: Kube, names: list[str], **kwargs: bool) -> list[str]:
    out = []
    for item in read_manifests(k, names, **kwargs):
        if isinstance(item, Manifest):
            out.append(f"{item.obj['kind'].lower()}/{(item.obj.get('metadata') or {}).get('name', '')}")
        else:
            out.append(f"error: {item}")
    return out


@pytest.mark.parametrize(("text", "name", "expected"), CORPUS, ids=[c[1] for c in CORPUS])
def test_it_reads_manifests_as_kubectl_does(text, name, expected):
    assert lines(kube({name: text}), [name]) == expected


def test_it_resolves_plain_scalars_as_go_yaml_v2():
    assert [resolve_plain(s) for s in ("y", "No", "on", "OFF", "~", "", "0x1A", "010", "1_000", "1e3", "2024-01-01",
                                       "1.5", ".inf", "nginx")] == \
        [True, False, True, False, None, None, 26, 8, 1000, 1000.0, "2024-01-01", 1.5, float("inf"), "nginx"]
    # kubectl 1.32 rejects `a: 1_000` as a label value: "cannot unmarshal number ... of type string"
    assert yaml_to_python("labels:\n  on: yes\n  n: 1\n") == {"labels": {"true": True, "false": 1}}


def test_it_cuts_streams_at_separator_lines_only():
    assert split_yaml_documents("a: 1\n---\nb: 2\n--- # comment\nc: 3\n") == ["a: 1\n", "b: 2\n", "c: 3\n"]
    with pytest.raises(ManifestError) as err:
        split_yaml_documents("--- foo\na: b\n")
    assert str(err.value) == "invalid Yaml document separator: foo"


def test_it_reads_standard_input_as_stdin():
    k = kube({}, stdin="apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n")
    assert [(m.source, m.obj["metadata"]["name"]) for m in read_manifests(k, ["-"])] == [("STDIN", "x")]


def test_it_walks_directories_in_name_order_and_only_with_r_into_subdirectories():
    pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {}\n"
    k = kube({"dir/b.yaml": pod.format("b"), "dir/a.json": '{"apiVersion": "v1", "kind": "Pod", "metadata": '
              '{"name": "a"}}', "dir/notes.txt": "x", "dir/sub/c.yml": pod.format("c")})
    assert [(m.source, m.obj["metadata"]["name"]) for m in read_manifests(k, ["dir"])] == [
        ("dir/a.json", "a"), ("dir/b.yaml", "b")]
    assert lines(k, ["dir/"], recursive=True) == ["pod/a", "pod/b", "pod/c"]


def test_it_expands_a_glob_kubectl_is_given_quoted():
    k = kube({"a.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n",
              "b.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: b\n"})
    assert lines(k, ["*.yaml"]) == ["pod/a", "pod/b"]


def test_it_flattens_lists_and_skips_empty_documents():
    k = kube({"l.yaml": "---\n# nothing\n---\napiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n"
              "  metadata:\n    name: a\n"})
    assert lines(k, ["l.yaml"]) == ["pod/a"]


def test_it_reports_a_missing_path_before_reading_anything():
    k = kube({"a.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n"})
    with pytest.raises(ManifestError) as err:
        lines(k, ["a.yaml", "nope.yaml"])
    assert str(err.value) == 'the path "nope.yaml" does not exist'


def test_it_checks_kind_and_api_version_when_validating():
    k = kube({"m.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p1\n---\nkind: Pod\n---\n"
                        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p3\n"})
    stop = "; if you choose to ignore these errors, turn validation off with --validate=false"
    # the stream stops at the first document that fails the check (checked with kubectl 1.32)
    assert lines(k, ["m.yaml"], validate=True) == [
        "pod/p1", f'error: error validating "m.yaml": error validating data: apiVersion not set{stop}']
    assert lines(k, ["m.yaml"]) == ["pod/p1", "pod/", "pod/p3"]
