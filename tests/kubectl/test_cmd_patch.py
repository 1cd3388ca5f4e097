"""kubectl patch, and kubectl run --overrides (the same patches, applied on kubectl's side).

Messages compared with kubectl 1.32.5; tests/api/test_kubectl_differential.py runs the same kinds
of lines through the real kubectl against Podlab's API and compares every byte.
"""
from __future__ import annotations

import json

import pytest

from tests.kubectl.test_cmd_support import Term


@pytest.fixture
def term() -> Term:
    t = Term()
    assert t.kubectl("run web --image=nginx").code == 0
    t.at(30)
    return t


def _pod(term: Term) -> dict:
    return json.loads(term.kubectl("get pod web -o json").out)


def test_a_strategic_patch_of_the_image_restarts_the_container_with_it(term: Term) -> None:
    done = term.kubectl("""patch pod web -p '{"spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}'""")
    assert (done.out, done.err, done.code) == ("pod/web patched\n", "", 0)
    term.at(60)
    pod = _pod(term)
    assert pod["spec"]["containers"][0]["image"] == "nginx:1.27"
    assert pod["status"]["containerStatuses"][0]["restartCount"] == 1
    assert "Container web definition changed, will be restarted" in term.kubectl("describe pod web").out


def test_the_same_patch_again_reports_no_change(term: Term) -> None:
    line = """patch pod web -p '{"metadata":{"labels":{"tier":"front"}}}'"""
    assert term.kubectl(line).out == "pod/web patched\n"
    version = _pod(term)["metadata"]["resourceVersion"]
    assert term.kubectl(line).out == "pod/web patched (no change)\n"
    assert _pod(term)["metadata"]["resourceVersion"] == version


def test_merge_and_json_patches_and_yaml_with_go_yaml_booleans(term: Term) -> None:
    assert term.kubectl("""patch pod/web --type=merge -p '{"metadata":{"annotations":{"k":"v"}}}'""").code == 0
    assert term.kubectl("""patch pod web --type=json -p '[{"op":"add","path":"/metadata/labels/e","value":"f"}]'""").code == 0
    # Not JSON, so YAML by go-yaml v2's rules: the key y is the boolean true, a "true" label.
    assert term.kubectl("patch pod web -p 'metadata: {labels: {y: z}}'").code == 0
    meta = _pod(term)["metadata"]
    assert meta["annotations"] == {"k": "v"}
    assert meta["labels"] == {"run": "web", "e": "f", "true": "z"}


def test_a_client_dry_run_prints_the_patched_object_and_changes_nothing(term: Term) -> None:
    done = term.kubectl("""patch pod web -p '{"metadata":{"labels":{"x":"y"}}}' --dry-run=client -o jsonpath={.metadata.labels.x}""")
    assert (done.out, done.code) == ("y", 0)
    assert "x" not in _pod(term)["metadata"]["labels"]


def test_unknown_fields_are_dropped_with_the_servers_warning(term: Term) -> None:
    done = term.kubectl("""patch pod web -p '{"spec":{"foo":1}}'""")
    assert (done.out, done.err, done.code) == ("pod/web patched (no change)\n", 'Warning: unknown field "spec.foo"\n', 0)


@pytest.mark.parametrize(("line", "message"), [
    ("patch pod web", "error: must specify --patch or --patch-file containing the contents of the patch\n"),
    ("patch pod web -p '{}' --patch-file p.json", "error: cannot specify --patch and --patch-file together\n"),
    ("patch pod web --local -p '{}'", "error: cannot specify --local and server resources\n"),
    ("patch pod web --type=foo -p '{}'", 'error: --type must be one of [json merge strategic], not "foo"\n'),
    ("patch pod web -p 'foo: [bar'", 'error: unable to parse "foo: [bar": yaml: line 1: did not find expected \',\' or \']\'\n'),
    ("patch pod web --patch-file nope.json", "error: unable to read patch file: open nope.json: no such file or directory\n"),
    ("patch pod nope -p '{}'", 'Error from server (NotFound): pods "nope" not found\n'),
    ("""patch pod web --type=json -p '[{"op":"remove","path":"/metadata/labels/nope"}]'""",
     "The request is invalid: doc is missing path: '/metadata/labels/nope'\n"),
    ("""patch pod web -p '{"metadata":{"labels":{"a":1}}}'""",
     'Error from server (BadRequest): Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number '
     "into Go struct field ObjectMeta.metadata.labels of type string\n"),
])
def test_mistakes_get_kubectls_errors_and_change_nothing(term: Term, line: str, message: str) -> None:
    before = _pod(term)
    done = term.kubectl(line)
    assert (done.out, done.err, done.code) == ("", message, 1)
    assert _pod(term) == before


def test_a_patch_file_is_read_from_the_learners_files(term: Term) -> None:
    term.write("image.yaml", "spec:\n  containers:\n  - name: web\n    image: nginx:1.27\n")
    assert term.kubectl("patch pod web --patch-file image.yaml").out == "pod/web patched\n"
    assert _pod(term)["spec"]["containers"][0]["image"] == "nginx:1.27"


def test_patching_status_is_refused_as_the_api_server_refuses_it(term: Term) -> None:
    done = term.kubectl("""patch pod web --subresource=status -p '{"status":{"phase":"Failed"}}'""")
    assert done.err == ("Error from server (MethodNotAllowed): the server does not allow this method on the requested "
                        "resource (patch pods/status)\n")


def test_run_overrides_merge_into_the_generated_pod() -> None:
    term = Term()
    done = term.kubectl("""run once --image=busybox --overrides='{"spec":{"restartPolicy":"Never","nope":1}}' -- true""")
    assert (done.out, done.code) == ("pod/once created\n", 0)
    spec = json.loads(term.kubectl("get pod once -o json").out)["spec"]
    assert spec["restartPolicy"] == "Never" and "nope" not in spec


def test_run_overrides_strategic_merges_containers_by_name() -> None:
    line = ("""run a --image=nginx --override-type=strategic --dry-run=client -o json """
            """--overrides='{"spec":{"containers":[{"name":"a","env":[{"name":"X","value":"1"}]}]}}'""")
    container = json.loads(Term().kubectl(line).out)["spec"]["containers"][0]
    assert (container["image"], container["env"]) == ("nginx", [{"name": "X", "value": "1"}])


@pytest.mark.parametrize(("flags", "message"), [
    ("--overrides='{}' --override-type=foo", "error: invalid override type: foo\n"),
    ("""--overrides='{"spec":'""", "error: Invalid JSON Patch\n"),
    ("""--overrides='{}' --override-type=json""", "error: json: cannot unmarshal object into Go value of type jsonpatch.Patch\n"),
    ("""--overrides='{"spec":{"restartPolicy":1}}'""",
     "error: json: cannot unmarshal number into Go struct field PodSpec.spec.restartPolicy of type v1.RestartPolicy\n"),
])
def test_run_overrides_mistakes_create_nothing(flags: str, message: str) -> None:
    term = Term()
    done = term.kubectl(f"run a --image=nginx {flags}")
    assert (done.out, done.err, done.code) == ("", message, 1)
    assert term.kubectl("get pods").err == "No resources found in default namespace.\n"


def test_an_override_type_alone_changes_nothing() -> None:
    assert Term().kubectl("run a --image=nginx --override-type=foo --dry-run=client").out == "pod/a created (dry run)\n"


def test_a_patch_nested_past_the_limit_is_refused_before_it_is_parsed(term: Term) -> None:
    deep = '{"a":' * 3000 + "1" + "}" * 3000
    before = _pod(term)
    for line, message in ((f"patch pod web -p '{deep}'", "Error from server (BadRequest): error decoding patch: "
                                                          "exceeded max depth of 100\n"),
                          (f"patch pod web --dry-run=client -p '{deep}'", "error: exceeded max depth of 100\n"),
                          (f"run deep --image=nginx --overrides='{deep}'", "error: exceeded max depth of 100\n")):
        done = term.kubectl(line)
        assert (done.out, done.err, done.code) == ("", message, 1)
    assert _pod(term) == before
    assert "deep" not in term.kubectl("get pods").out
