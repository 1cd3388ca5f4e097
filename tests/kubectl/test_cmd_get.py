"""kubectl get: tables, selectors, several types, the generic printers, errors and watches.

The expected texts were compared with kubectl 1.32.5 run against the same simulated cluster.
"""
from __future__ import annotations

import pytest

from tests.kubectl.test_cmd_support import Term


@pytest.fixture
def term() -> Term:
    t = Term()
    t.kubectl("run nginx --image=nginx --labels=app=web,tier=front")
    t.kubectl("run busy --image=busybox:1.36 --restart=Never -- sh -c 'echo hello'")
    t.kubectl("run web2 --image=nginx -n kube-system")
    t.at(30)
    return t


def test_it_says_no_resources_found_on_standard_error():
    r = Term().kubectl("get pods")
    assert (r.out, r.err, r.code) == ("", "No resources found in default namespace.\n", 0)
    assert Term().kubectl("get pods -n nope").err == "No resources found in nope namespace.\n"
    assert Term().kubectl("get pods -A").err == "No resources found\n"


def test_it_prints_the_pod_table(term: Term):
    assert term.kubectl("get pods").out == ("NAME    READY   STATUS      RESTARTS   AGE\n"
                                            "busy    0/1     Completed   0          30s\n"
                                            "nginx   1/1     Running     0          30s\n")


def test_it_adds_a_namespace_column_across_namespaces(term: Term):
    assert term.kubectl("get pods -A").out == ("NAMESPACE     NAME    READY   STATUS      RESTARTS   AGE\n"
                                               "default       busy    0/1     Completed   0          30s\n"
                                               "default       nginx   1/1     Running     0          30s\n"
                                               "kube-system   web2    1/1     Running     0          30s\n")


def test_it_prints_the_wide_columns(term: Term):
    assert term.kubectl("get pods -o wide").out == (
        "NAME    READY   STATUS      RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES\n"
        "busy    0/1     Completed   0          30s   10.244.2.2   node02   <none>           <none>\n"
        "nginx   1/1     Running     0          30s   10.244.1.2   node01   <none>           <none>\n")


def test_it_shows_labels_and_label_columns(term: Term):
    assert term.kubectl("get pod nginx --show-labels").out == (
        "NAME    READY   STATUS    RESTARTS   AGE   LABELS\n"
        "nginx   1/1     Running   0          30s   app=web,tier=front\n")
    # an empty last cell still pads the one before it (kubectl does the same)
    assert term.kubectl("get pods -L app,tier").out == ("NAME    READY   STATUS      RESTARTS   AGE   APP   TIER\n"
                                                        "busy    0/1     Completed   0          30s         \n"
                                                        "nginx   1/1     Running     0          30s   web   front\n")


def test_it_filters_by_label_and_field(term: Term):
    assert term.kubectl("get pods -l 'app in (web,db)'").out == ("NAME    READY   STATUS    RESTARTS   AGE\n"
                                                                 "nginx   1/1     Running   0          30s\n")
    assert term.kubectl("get pods -l app=db").err == "No resources found in default namespace.\n"
    assert term.kubectl("get pods --field-selector=status.phase=Succeeded").out == (
        "NAME   READY   STATUS      RESTARTS   AGE\nbusy   0/1     Completed   0          30s\n")


def test_it_words_selector_errors_as_kubectl_enhances_them(term: Term):
    assert term.kubectl("get pods --field-selector=spec.foo=bar").err == (
        'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field '
        'selector "spec.foo=bar": field label not supported: spec.foo\n')
    assert term.kubectl("get pods -l 'app in (a'").err == (
        'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "app in (a", '
        "field selector \"\": unable to parse requirement: found '', expected: ',' or ')'\n")


def test_it_sorts_by_a_field(term: Term):
    assert term.kubectl("get pods --sort-by=.status.phase").out == ("NAME    READY   STATUS      RESTARTS   AGE\n"
                                                                    "nginx   1/1     Running     0          30s\n"
                                                                    "busy    0/1     Completed   0          30s\n")


def test_it_separates_types_and_prefixes_kinds(term: Term):
    assert term.kubectl("get pods,ns").out == ("NAME        READY   STATUS      RESTARTS   AGE\n"
                                               "pod/busy    0/1     Completed   0          30s\n"
                                               "pod/nginx   1/1     Running     0          30s\n"
                                               "\n"
                                               "NAME                        STATUS   AGE\n"
                                               "namespace/default           Active   30s\n"
                                               "namespace/kube-node-lease   Active   30s\n"
                                               "namespace/kube-public       Active   30s\n"
                                               "namespace/kube-system       Active   30s\n")
    # without headers there is no blank line between the types
    assert term.kubectl("get pods,ns --no-headers").out.startswith("pod/busy    0/1   Completed   0     30s\n"
                                                                   "pod/nginx   1/1   Running     0     30s\n"
                                                                   "namespace/default ")
    assert term.kubectl("get pod/nginx node/node01").out == (
        "NAME        READY   STATUS    RESTARTS   AGE\npod/nginx   1/1     Running   0          30s\n\n"
        "NAME          STATUS   ROLES    AGE   VERSION\nnode/node01   Ready    <none>   30s   v1.32.5\n")


def test_it_gets_all_as_the_pods_podlab_has(term: Term):
    assert term.kubectl("get all").out == term.kubectl("get pods").out


def test_it_prints_found_names_then_the_errors(term: Term):
    r = term.kubectl("get pods nginx nope busy")
    assert r.out == ("NAME    READY   STATUS      RESTARTS   AGE\n"
                     "nginx   1/1     Running     0          30s\n"
                     "busy    0/1     Completed   0          30s\n")
    assert (r.err, r.code) == ('Error from server (NotFound): pods "nope" not found\n', 1)
    assert term.kubectl("get pods nope --ignore-not-found").both == ""


def test_it_says_a_missing_pod_is_not_found():
    r = Term().kubectl("get pod nginx")
    assert (r.out, r.err, r.code) == ("", 'Error from server (NotFound): pods "nginx" not found\n', 1)


def test_it_names_an_unknown_resource_type():
    assert Term().kubectl("get foo").err == 'error: the server doesn\'t have a resource type "foo"\n'
    assert Term().kubectl("get deployments").err == 'error: the server doesn\'t have a resource type "deployments"\n'
    # "pods.v1" is resource "pods" in a group called "v1"
    assert Term().kubectl("get pods.v1").err == 'error: the server doesn\'t have a resource type "pods"\n'


def test_it_accepts_short_names_and_kinds(term: Term):
    assert term.kubectl("get po").out == term.kubectl("get PODS").out == term.kubectl("get Pod").out
    assert term.kubectl("get no").out.startswith("NAME           STATUS   ROLES           AGE   VERSION\n")
    assert term.kubectl("get ns").out.startswith("NAME              STATUS   AGE\ndefault           Active   30s\n")


def test_it_prints_jsonpath_without_a_newline(term: Term):
    assert term.kubectl("get pod nginx -o jsonpath='{.status.phase}'").out == "Running"
    assert term.kubectl("get pods -o jsonpath='{range .items[*]}{.metadata.name}{\"\\n\"}{end}'").out == \
        "busy\nnginx\n"
    assert term.kubectl("get pods busy nginx -o jsonpath='{.items[*].metadata.name}'").out == "busy nginx"


def test_it_prints_names_and_custom_columns(term: Term):
    assert term.kubectl("get pods -o name").out == "pod/busy\npod/nginx\n"
    assert term.kubectl("get pods -o custom-columns=NAME:.metadata.name,STATUS:.status.phase").out == (
        "NAME    STATUS\nbusy    Succeeded\nnginx   Running\n")
    term.write("cols.txt", "NAME   PHASE\n.metadata.name   .status.phase\n")
    assert term.kubectl("get pods -o custom-columns-file=cols.txt").out == (
        "NAME    PHASE\nbusy    Succeeded\nnginx   Running\n")


def test_it_prints_one_object_or_a_list_as_yaml_and_json(term: Term):
    assert term.kubectl("get ns default -o yaml").out == ('apiVersion: v1\nkind: Namespace\nmetadata:\n'
                                                          '  creationTimestamp: "2025-01-06T10:00:00Z"\n'
                                                          '  labels:\n    kubernetes.io/metadata.name: default\n'
                                                          '  name: default\n  resourceVersion: "1"\n'
                                                          f'  uid: {term.cluster.store.get("namespaces", "", "default")["metadata"]["uid"]}\n'
                                                          'spec:\n  finalizers:\n  - kubernetes\nstatus:\n'
                                                          '  phase: Active\n')
    empty = Term().kubectl("get pods -o json")
    assert empty.out == ('{\n    "apiVersion": "v1",\n    "items": [],\n    "kind": "List",\n    "metadata": {\n'
                         '        "resourceVersion": ""\n    }\n}\n')


def test_it_rejects_bad_output_formats():
    t = Term()
    assert t.kubectl("get pods -o foo").err == (
        'error: unable to match a printer suitable for the output format "foo", allowed formats are: '
        "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,"
        "jsonpath-file,name,template,templatefile,wide,yaml\n")
    assert t.kubectl("get pods -o custom-columns").err == (
        "error: custom-columns format specified but no custom columns given\n")
    assert t.kubectl("get pods -o custom-columns=A").err == (
        "error: unexpected custom-columns spec: A, expected <header>:<json-path-expr>\n")
    assert t.kubectl("get pods -o jsonpath='{.a'").err == "error: error parsing jsonpath {.a, unclosed action\n"
    assert t.kubectl("get pods -o jsonpath-file=nope").err == (
        "error: error reading --template nope, open nope: no such file or directory\n")
    assert t.kubectl("get pods --show-labels -o yaml").err == (
        "error: --show-labels option cannot be used with yaml printer\n")


def test_it_wants_a_resource_type():
    r = Term().kubectl("get")
    assert r.err == ('You must specify the type of resource to get. Use "kubectl api-resources" for a complete list '
                     "of supported resources.\n\nerror: Required resource not specified.\n"
                     'Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl '
                     "explain pods).\nSee 'kubectl get -h' for help and examples\n")


def test_it_refuses_a_type_before_type_name_pairs():
    assert Term().kubectl("get pod/nginx pods").err == (
        "error: there is no need to specify a resource type as a separate argument when passing arguments in "
        "resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource "
        "resource/<resource_name>'\n")


def test_it_prints_the_event_table(term: Term):
    assert term.kubectl("get ev --field-selector=involvedObject.name=busy").out == (
        "LAST SEEN   TYPE     REASON      OBJECT     MESSAGE\n"
        "30s         Normal   Scheduled   pod/busy   Successfully assigned default/busy to node02\n"
        '28s         Normal   Pulled      pod/busy   Container image "busybox:1.36" already present on machine\n'
        "28s         Normal   Created     pod/busy   Created container busy\n"
        "28s         Normal   Started     pod/busy   Started container busy\n")


def test_it_watches_with_one_header_and_growing_columns():
    # kubectl 1.32 printed the same rows for this sequence (ages are taken when each change happens)
    t = Term()
    out: list[str] = []
    err: list[str] = []
    k = t.kube(out, err, [])
    from sandbox.kubectl.context import WAITERS
    from sandbox.kubectl.main import run
    wait = run(k, ["get", "pods", "-w"])
    t.kubectl("run nginx --image=nginx")
    t.drive(k, wait, until=5)
    t.kubectl("delete pod nginx --wait=false")
    t.drive(k, wait, until=10)
    assert wait.waiter == "watch" and "watch" in WAITERS
    assert "".join(out) == ("NAME    READY   STATUS    RESTARTS   AGE\n"
                            "nginx   0/1     Pending   0          0s\n"
                            "nginx   0/1     Pending   0          0s\n"
                            "nginx   0/1     ContainerCreating   0          1s\n"
                            "nginx   0/1     ContainerCreating   0          2s\n"
                            "nginx   1/1     Running             0          4s\n"
                            "nginx   1/1     Terminating         0          5s\n"
                            "nginx   0/1     Completed           0          6s\n"
                            "nginx   0/1     Completed           0          7s\n")


def test_it_lists_first_then_watches_and_only_watches_with_watch_only(term: Term):
    first = term.kubectl("get pod nginx -w", until=31)
    assert first.out == "NAME    READY   STATUS    RESTARTS   AGE\nnginx   1/1     Running   0          30s\n"
    assert term.kubectl("get pods --watch-only", until=32).out == ""


def test_it_watches_one_resource_type_only():
    assert Term().kubectl("get pods,nodes -w").err == "error: you may only specify a single resource type\n"
    assert Term().kubectl("get pods -w --sort-by=.metadata.name", until=1).err == (
        "warning: --watch requested, --sort-by will be ignored for watch events received\n")


def test_it_sorts_strings_byte_by_byte_as_kubectl_1_32_does():
    # kubectl 1.32 printed web1, web10, web2 (no natural order) for these names
    t = Term()
    for name in ("web10", "web2", "web1", "a1b"):
        t.kubectl(f"run {name} --image=nginx")
    assert t.kubectl("get pods --sort-by=.metadata.name -o name").out == "pod/a1b\npod/web1\npod/web10\npod/web2\n"
    assert t.kubectl("get pods --sort-by=.metadata.name --no-headers").out.split("\n")[2].startswith("web10 ")


def test_it_handles_a_sort_field_no_object_has_as_kubectl_does():
    # kubectl 1.32: the table printer's error is swallowed (nothing printed, exit 0); -o name reports it
    t = Term()
    t.kubectl("run a --image=nginx")
    t.kubectl("run b --image=nginx")
    r = t.kubectl("get pods --sort-by=.foo")
    assert (r.out, r.err, r.code) == ("", "No resources found in default namespace.\n", 0)
    assert t.kubectl("get pods --sort-by=.foo -o name").err == (
        'error: couldn\'t find any field with path "{.foo}" in the list of objects\n')
    assert t.kubectl("get pods --sort-by='{.a' -o name").err == (
        "error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or "
        "'{.name1.name2}'\n")
