"""kubectl apply: created, configured, unchanged, the missing-annotation warning, the three-way
merge, and the API server's refusal to change immutable pod fields.

Outputs compared with kubectl 1.32.5 against the same simulated cluster.
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
WARNING = ("Warning: resource pods/nginx is missing the kubectl.kubernetes.io/last-applied-configuration annotation "
           "which is required by kubectl apply. kubectl apply should only be used on resources created declaratively "
           "by either kubectl create --save-config or kubectl apply. The missing annotation will be patched "
           "automatically.\n")


def test_it_creates_then_reports_unchanged():
    t = Term()
    t.write("nginx.yaml", NGINX)
    assert t.kubectl("apply -f nginx.yaml").both == "pod/nginx created\n"
    assert t.kubectl("apply -f nginx.yaml").both == "pod/nginx unchanged\n"


def test_it_warns_about_an_object_made_by_create_and_patches_the_annotation_in():
    # transcript 02
    t = Term()
    t.write("nginx.yaml", NGINX)
    t.kubectl("create -f nginx.yaml")
    r = t.kubectl("apply -f nginx.yaml")
    assert (r.out, r.err, r.code) == ("pod/nginx configured\n", WARNING, 0)
    assert t.kubectl("apply -f nginx.yaml").both == "pod/nginx unchanged\n"


def test_it_records_the_applied_configuration():
    t = Term()
    t.write("nginx.yaml", NGINX)
    t.kubectl("apply -f nginx.yaml")
    assert t.kubectl("get pod nginx -o jsonpath='{.metadata.annotations.kubectl\\.kubernetes\\.io/"
                     "last-applied-configuration}'").out == (
        '{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"labels":{"app":"nginx"},"name":"nginx",'
        '"namespace":"default"},"spec":{"containers":[{"image":"nginx","name":"nginx-container"}]}}\n')


def test_it_changes_the_image_and_drops_what_the_file_no_longer_has():
    t = Term()
    t.write("nginx.yaml", NGINX)
    t.kubectl("apply -f nginx.yaml")
    t.write("nginx.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\nspec:\n  containers:\n"
                          "  - name: nginx-container\n    image: nginx:1.27\n")
    assert t.kubectl("apply -f nginx.yaml").both == "pod/nginx configured\n"
    pod = t.cluster.store.get("pods", "default", "nginx")
    assert pod["spec"]["containers"][0]["image"] == "nginx:1.27"
    assert "labels" not in pod["metadata"] or not pod["metadata"]["labels"]
    # fields the server defaulted are kept: only what the file had and dropped goes
    assert pod["spec"]["restartPolicy"] == "Always"


def test_it_shows_the_server_s_refusal_to_change_an_immutable_field():
    t = Term()
    t.write("nginx.yaml", NGINX)
    t.kubectl("apply -f nginx.yaml")
    t.write("nginx.yaml", NGINX + '    command: ["nginx", "-g", "daemon off;"]\n')
    r = t.kubectl("apply -f nginx.yaml")
    assert r.code == 1
    assert r.err.startswith('The Pod "nginx" is invalid: spec: Forbidden: pod updates may not change fields other '
                            "than `spec.containers[*].image`,")


def test_it_reports_a_typo_as_an_error_when_creating():
    t = Term()
    t.write("typo.yaml", NGINX.replace("    image: nginx", "    imagee: nginx"))
    r = t.kubectl("apply -f typo.yaml")
    assert r.err == ('Error from server (BadRequest): error when creating "typo.yaml": Pod in version "v1" cannot be '
                     'handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagee"\n')
    assert t.kubectl("get pod typo").err == 'Error from server (NotFound): pods "typo" not found\n'


def test_it_warns_about_unknown_fields_with_validate_warn():
    t = Term()
    t.write("typo.yaml", NGINX.replace("    image: nginx", "    image: nginx\n    imagee: nginx"))
    r = t.kubectl("apply -f typo.yaml --validate=warn")
    assert (r.out, r.err) == ("pod/nginx created\n", 'Warning: unknown field "spec.containers[0].imagee"\n')


def test_it_applies_standard_input_and_dry_runs():
    t = Term()
    assert t.kubectl("apply -f - --dry-run=client", stdin=NGINX).out == "pod/nginx created (dry run)\n"
    assert t.kubectl("apply -f - --dry-run=server", stdin=NGINX).out == "pod/nginx created (server dry run)\n"
    assert t.kubectl("apply -f -", stdin=NGINX).out == "pod/nginx created\n"
    assert t.kubectl("apply -f - -o name", stdin=NGINX).out == "pod/nginx\n"


def test_it_needs_a_file():
    assert Term().kubectl("apply").err == "error: must specify one of -f and -k\n"
    assert Term().kubectl("apply x").err == "error: Unexpected args: [x]\nSee 'kubectl apply -h' for help and examples\n"
    assert Term().kubectl("apply -f nope.yaml").err == 'error: the path "nope.yaml" does not exist\n'
