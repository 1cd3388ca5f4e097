"""kubectl create -f and kubectl create namespace.

Expected texts compared with kubectl 1.32.5 against the same simulated cluster (transcript 02's
error when the pod exists, the strict decoding error of a typo, the schema checks of a manifest
without kind or apiVersion, several documents and files).
"""
from __future__ import annotations

from tests.kubectl.test_cmd_support import Term

NGINX = """\
apiVersion: v1
kind: Pod
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  containers:
  - name: nginx-container
    image: nginx
"""
TWO_PODS = """\
apiVersion: v1
kind: Pod
metadata:
  name: a
  labels:
    app: x
spec:
  containers:
  - name: c
    image: nginx
---
apiVersion: v1
kind: Pod
metadata:
  name: b
spec:
  containers:
  - name: c
    image: nginx
"""


def test_it_creates_from_a_file_and_reports_an_existing_object_with_the_file_name():
    t = Term()
    t.write("nginx.yaml", NGINX)
    assert t.kubectl("create -f nginx.yaml").out == "pod/nginx created\n"
    r = t.kubectl("create -f nginx.yaml")
    assert (r.err, r.code) == ('Error from server (AlreadyExists): error when creating "nginx.yaml": pods "nginx" '
                               "already exists\n", 1)


def test_it_reads_standard_input():
    t = Term()
    assert t.kubectl("create -f -", stdin=NGINX).out == "pod/nginx created\n"
    assert t.kubectl("create -f -", stdin=NGINX).err == (
        'Error from server (AlreadyExists): error when creating "STDIN": pods "nginx" already exists\n')


def test_it_creates_every_document_and_filters_by_label():
    t = Term()
    t.write("pods.yaml", TWO_PODS)
    assert t.kubectl("create -f pods.yaml -l app=x").out == "pod/a created\n"
    r = t.kubectl("create -f pods.yaml")
    assert r.out == "pod/b created\n"
    assert r.err == 'Error from server (AlreadyExists): error when creating "pods.yaml": pods "a" already exists\n'


def test_it_reads_a_directory_of_manifests():
    t = Term()
    t.fs.mkdir("/root/manifests")
    t.write("manifests/a.yaml", NGINX)
    t.write("manifests/b.json", '{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "dev"}}')
    t.write("manifests/notes.txt", "not a manifest")
    assert t.kubectl("create -f manifests/").out == "pod/nginx created\nnamespace/dev created\n"


def test_it_reports_the_server_s_strict_decoding_error():
    t = Term()
    t.write("typo.yaml", NGINX.replace("    image: nginx", "    imagee: nginx"))
    assert t.kubectl("create -f typo.yaml").err == (
        'Error from server (BadRequest): error when creating "typo.yaml": Pod in version "v1" cannot be handled as a '
        'Pod: strict decoding error: unknown field "spec.containers[0].imagee"\n')
    # --validate=false drops the unknown field; the pod then lacks an image
    assert t.kubectl("create -f typo.yaml --validate=false").err == (
        'The Pod "nginx" is invalid: spec.containers[0].image: Required value\n')


def test_it_prints_field_errors_one_per_line_when_there_are_several():
    t = Term()
    t.write("bad.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: My_Pod\nspec:\n  restartPolicy: Sometimes\n"
                        "  containers:\n  - name: c\n")
    r = t.kubectl("create -f bad.yaml")
    assert r.err.startswith('The Pod "My_Pod" is invalid: \n* metadata.name: Invalid value: "My_Pod": ')
    assert "* spec.containers[0].image: Required value\n" in r.err
    assert '* spec.restartPolicy: Unsupported value: "Sometimes": supported values: ' in r.err


def test_it_reports_a_yaml_syntax_error_with_the_file_name():
    t = Term()
    t.write("bad.yaml", NGINX.replace("    image: nginx", "    image: nginx: latest"))
    assert t.kubectl("create -f bad.yaml").err == (
        "error: error parsing bad.yaml: error converting YAML to JSON: yaml: line 10: mapping values are not allowed "
        "in this context\n")


def test_it_checks_kind_and_api_version_before_sending():
    t = Term()
    t.write("nokind.yaml", "apiVersion: v1\nmetadata:\n  name: x\n")
    t.write("noapi.yaml", "kind: Pod\nmetadata:\n  name: x\n")
    assert t.kubectl("create -f nokind.yaml").err == (
        'error: error validating "nokind.yaml": error validating data: kind not set; if you choose to ignore these '
        "errors, turn validation off with --validate=false\n")
    assert t.kubectl("create -f noapi.yaml").err == (
        'error: error validating "noapi.yaml": error validating data: apiVersion not set; if you choose to ignore '
        "these errors, turn validation off with --validate=false\n")
    assert t.kubectl("create -f nokind.yaml --validate=false").err == (
        'error: unable to decode "nokind.yaml": Object \'Kind\' is missing in \'{"apiVersion":"v1","metadata":'
        '{"name":"x"}}\'\n')


def test_it_says_kinds_the_server_does_not_serve_have_no_mapping():
    t = Term()
    t.write("deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n")
    assert t.kubectl("create -f deploy.yaml").err == (
        'error: resource mapping not found for name: "web" namespace: "" from "deploy.yaml": no matches for kind '
        '"Deployment" in version "apps/v1"\nensure CRDs are installed first\n')


def test_it_keeps_going_after_a_bad_file_and_prints_several_errors_without_prefix():
    t = Term()
    t.write("ok.yaml", NGINX)
    t.write("bad.yaml", "a: b: c\n")
    r = t.kubectl("create -f bad.yaml -f ok.yaml -f nope.yaml")
    # a missing path is found before anything is read
    assert r.err == 'error: the path "nope.yaml" does not exist\n'
    r = t.kubectl("create -f bad.yaml -f ok.yaml")
    assert r.out == "pod/nginx created\n"
    assert r.err == ("error: error parsing bad.yaml: error converting YAML to JSON: yaml: mapping values are not "
                     "allowed in this context\n")


def test_it_refuses_a_namespace_that_contradicts_the_file():
    t = Term()
    t.write("dev.yaml", NGINX.replace("  name: nginx\n", "  name: nginx\n  namespace: dev\n"))
    assert t.kubectl("create -f dev.yaml -n default").err == (
        'error: the namespace from the provided object "dev" does not match the namespace "default". You must pass '
        "'--namespace=dev' to perform this operation.\n")


def test_it_needs_a_file_and_no_arguments():
    assert Term().kubectl("create").err == "error: must specify one of -f and -k\n"
    assert Term().kubectl("create foo").err == "error: Unexpected args: [foo]\nSee 'kubectl create -h' for help and examples\n"


def test_it_saves_the_configuration_when_asked():
    t = Term()
    t.write("nginx.yaml", NGINX)
    t.kubectl("create -f nginx.yaml --save-config")
    assert t.kubectl("get pod nginx -o jsonpath={.metadata.annotations}").out == (
        '{"kubectl.kubernetes.io/last-applied-configuration":"{\\"apiVersion\\":\\"v1\\",\\"kind\\":\\"Pod\\",'
        '\\"metadata\\":{\\"annotations\\":{},\\"labels\\":{\\"app\\":\\"nginx\\"},\\"name\\":\\"nginx\\",'
        '\\"namespace\\":\\"default\\"},\\"spec\\":{\\"containers\\":[{\\"image\\":\\"nginx\\",\\"name\\":'
        '\\"nginx-container\\"}]}}\\n"}')
    # so apply has nothing to say
    assert t.kubectl("apply -f nginx.yaml").both == "pod/nginx unchanged\n"


def test_it_creates_a_namespace():
    t = Term()
    assert t.kubectl("create namespace dev").out == "namespace/dev created\n"
    assert t.kubectl("create ns dev").err == 'Error from server (AlreadyExists): namespaces "dev" already exists\n'
    assert t.kubectl("create ns Dev").err.startswith('The Namespace "Dev" is invalid: metadata.name: Invalid value: '
                                                     '"Dev": a lowercase RFC 1123 label must consist of')
    assert t.kubectl("create ns").err == ("error: exactly one NAME is required, got 0\n"
                                          "See 'kubectl create namespace -h' for help and examples\n")


def test_it_prints_a_namespace_dry_run_as_kubectl_s_typed_object():
    t = Term()
    assert t.kubectl("create ns bar --dry-run=client -o yaml").out == (
        "apiVersion: v1\nkind: Namespace\nmetadata:\n  creationTimestamp: null\n  name: bar\nspec: {}\nstatus: {}\n")
    assert t.kubectl("create ns bar --dry-run=client -o json").out == (
        '{\n    "kind": "Namespace",\n    "apiVersion": "v1",\n    "metadata": {\n        "name": "bar",\n'
        '        "creationTimestamp": null\n    },\n    "spec": {},\n    "status": {}\n}\n')
