"""kubectl label and kubectl annotate. Messages compared with kubectl 1.32.5 (``--local`` runs
offline; the rest against the same simulated cluster)."""
from __future__ import annotations

import pytest

from tests.kubectl.test_cmd_support import Term

NGINX = """\
apiVersion: v1
kind: Pod
metadata:
  name: nginx
  labels:
    app: nginx
  annotations:
    description: hi
spec:
  containers:
  - name: nginx
    image: nginx
"""


@pytest.fixture
def term() -> Term:
    t = Term()
    t.write("nginx.yaml", NGINX)
    t.kubectl("create -f nginx.yaml")
    return t


def labels(t: Term) -> dict[str, str]:
    return t.cluster.store.get("pods", "default", "nginx")["metadata"].get("labels") or {}


def test_it_adds_a_label(term: Term):
    assert term.kubectl("label pod nginx env=prod tier=db").out == "pod/nginx labeled\n"
    assert labels(term) == {"app": "nginx", "env": "prod", "tier": "db"}


def test_it_refuses_to_overwrite_without_the_flag(term: Term):
    r = term.kubectl("label pod nginx app=web")
    assert (r.out, r.err, r.code) == ("", "error: 'app' already has a value (nginx), and --overwrite is false\n", 1)
    assert term.kubectl("label pod nginx app=web --overwrite").out == "pod/nginx labeled\n"
    assert labels(term)["app"] == "web"


def test_it_says_not_labeled_and_unlabeled(term: Term):
    assert term.kubectl("label pod nginx app=nginx").out == "pod/nginx not labeled\n"
    assert term.kubectl("label pod nginx app-").out == "pod/nginx unlabeled\n"
    assert term.kubectl("label pod nginx app-").out == 'label "app" not found.\npod/nginx not labeled\n'


def test_it_lists_labels(term: Term):
    assert term.kubectl("label pod nginx --list").out == "app=nginx\n"


def test_it_labels_every_pod_with_all():
    t = Term()
    t.kubectl("run a --image=nginx")
    t.kubectl("run b --image=nginx")
    assert t.kubectl("label pods --all x=y").out == "pod/a labeled\npod/b labeled\n"


def test_it_rejects_bad_values_and_arguments(term: Term):
    assert term.kubectl("label pod nginx 'a=b c'").err == (
        "error: invalid label value: \"a=b c\": a valid label must be an empty string or consist of alphanumeric "
        "characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or "
        "'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')\n")
    assert term.kubectl("label pod nginx a=b c").err == "error: all resources must be specified before label changes: c\n"
    assert term.kubectl("label pod").err == "error: at least one label update is required\n"
    assert term.kubectl("label").err == (
        "error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n")
    assert term.kubectl("label pod nope a=b").err == 'Error from server (NotFound): pods "nope" not found\n'


def test_it_works_locally_on_files_with_local(term: Term):
    assert term.kubectl("label --local -f nginx.yaml app=web --overwrite -o yaml").out.startswith(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  annotations:\n    description: hi\n  labels:\n    app: web\n")
    assert term.kubectl("label --local pod nginx a=b").err == (
        "error: can only use local files by -f pod.yaml or --filename=pod.json when --local=true is set\n")
    assert labels(term) == {"app": "nginx"}


def test_it_annotates_and_words_its_overwrite_error_differently(term: Term):
    assert term.kubectl("annotate pod nginx owner=me").out == "pod/nginx annotated\n"
    assert term.kubectl("annotate pod nginx description=x").err == (
        "error: --overwrite is false but found the following declared annotation(s): 'description' already has a "
        "value (hi)\n")
    assert term.kubectl("annotate pod nginx description=x --overwrite").out == "pod/nginx annotated\n"
    assert term.kubectl("annotate pod nginx description-").out == "pod/nginx annotated\n"
    assert term.kubectl("annotate pod nginx").err == "error: at least one annotation update is required\n"
    assert term.kubectl("annotate --local '=a' -f nginx.yaml").err == (
        "error: can only use local files by -f rsrc.yaml or --filename=rsrc.json when --local=true is set\n")


def test_it_marks_dry_runs(term: Term):
    assert term.kubectl("label pod nginx env=prod --dry-run=client").out == "pod/nginx labeled (dry run)\n"
    assert term.kubectl("label pod nginx env=prod --dry-run=server").out == "pod/nginx labeled (server dry run)\n"
    assert "env" not in labels(term)
