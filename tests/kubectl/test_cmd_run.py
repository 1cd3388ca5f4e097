"""kubectl run: the generated pod, dry runs, and the errors a beginner meets first.

Every expected text here was compared with kubectl 1.32.5 (see test_cmd_support.py).
"""
from __future__ import annotations

from tests.kubectl.test_cmd_support import Term

DRY_RUN_YAML = """\
apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: nginx
  name: nginx
spec:
  containers:
  - image: nginx
    name: nginx
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
"""


def test_it_prints_the_pod_it_would_create_as_yaml():
    t = Term()
    r = t.kubectl("run nginx --image=nginx --dry-run=client -o yaml")
    assert (r.out, r.err, r.code) == (DRY_RUN_YAML, "", 0)
    # nothing was sent to the server
    assert t.kubectl("get pods").err == "No resources found in default namespace.\n"


def test_it_prints_the_generated_pod_as_json_in_go_struct_order():
    # kubectl prints its typed v1.Pod here: fields in declaration order, not sorted.
    r = Term().kubectl("run nginx --image=nginx --dry-run=client -o json")
    assert r.out == """\
{
    "kind": "Pod",
    "apiVersion": "v1",
    "metadata": {
        "name": "nginx",
        "creationTimestamp": null,
        "labels": {
            "run": "nginx"
        }
    },
    "spec": {
        "containers": [
            {
                "name": "nginx",
                "image": "nginx",
                "resources": {}
            }
        ],
        "restartPolicy": "Always",
        "dnsPolicy": "ClusterFirst"
    },
    "status": {}
}
"""


def test_it_puts_command_ports_env_and_labels_where_kubectl_does():
    r = Term().kubectl("run nginx --image=nginx --port=80 --env=A=1 --labels=a=b,c=d --command --dry-run=client "
                       "-o yaml -- sh -c 'echo hi'")
    assert r.out == """\
apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    a: b
    c: d
  name: nginx
spec:
  containers:
  - command:
    - sh
    - -c
    - echo hi
    env:
    - name: A
      value: "1"
    image: nginx
    name: nginx
    ports:
    - containerPort: 80
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
"""


def test_it_uses_arguments_after_the_dash_as_args_and_keeps_the_restart_policy():
    r = Term().kubectl("run crash --image=busybox:1.36 --restart=Never --dry-run=client -o jsonpath="
                       "'{.spec.restartPolicy} {.spec.containers[0].args}' -- sh -c 'exit 1'")
    assert r.out == 'Never ["sh","-c","exit 1"]'


def test_it_creates_the_pod_and_says_so():
    t = Term()
    assert t.kubectl("run nginx --image=nginx").out == "pod/nginx created\n"
    assert t.kubectl("get pods").out == ("NAME    READY   STATUS    RESTARTS   AGE\n"
                                         "nginx   0/1     Pending   0          0s\n")


def test_it_marks_dry_runs_in_its_message():
    t = Term()
    assert t.kubectl("run nginx --image=nginx --dry-run=client").out == "pod/nginx created (dry run)\n"
    assert t.kubectl("run nginx --image=nginx --dry-run=server").out == "pod/nginx created (server dry run)\n"
    assert t.kubectl("run nginx --image=nginx --dry-run=client -o name").out == "pod/nginx\n"


def test_it_warns_in_klog_format_for_a_bare_dry_run():
    r = Term().kubectl("run nginx --image=nginx --dry-run")
    assert r.out == "pod/nginx created (dry run)\n"
    assert r.err == ("W0106 10:00:00.000000    4242 helpers.go:702] --dry-run is deprecated and can be replaced with "
                     "--dry-run=client.\n")


def test_it_reports_an_existing_pod_as_the_server_does():
    t = Term()
    t.kubectl("run nginx --image=nginx")
    r = t.kubectl("run nginx --image=nginx")
    assert (r.out, r.err, r.code) == ("", 'Error from server (AlreadyExists): pods "nginx" already exists\n', 1)


def test_it_requires_the_image_flag_before_anything_else():
    assert Term().kubectl("run web").err == 'error: required flag(s) "image" not set\n'
    assert Term().kubectl("run").err == 'error: required flag(s) "image" not set\n'


def test_it_requires_a_name():
    r = Term().kubectl("run --image=nginx")
    assert (r.err, r.code) == ("error: NAME is required for run\nSee 'kubectl run -h' for help and examples\n", 1)


def test_it_rejects_a_bad_image_reference_without_calling_the_server():
    r = Term().kubectl("run x --image=Nginx")
    assert r.err == 'error: Invalid image name "Nginx": invalid reference format\n'


def test_it_rejects_an_unknown_restart_policy():
    assert Term().kubectl("run x --image=nginx --restart=Sometimes").err == (
        "error: invalid restart policy: Sometimes\nSee 'kubectl run -h' for help and examples\n")


def test_it_rejects_bad_dry_run_env_label_and_port_values():
    t = Term()
    assert t.kubectl("run x --image=nginx --dry-run=foo").err == (
        'error: Invalid dry-run value (foo). Must be "none", "server", or "client".\n')
    assert t.kubectl("run x --image=nginx --env=B").err == "error: invalid env: B\n"
    assert t.kubectl("run x --image=nginx --labels=a").err == "error: unexpected label spec: a\n"
    assert t.kubectl("run x --image=nginx --port=abc").err == 'error: strconv.Atoi: parsing "abc": invalid syntax\n'


def test_it_checks_the_output_format_before_creating():
    t = Term()
    r = t.kubectl("run x --image=nginx -o wide")
    assert r.err == ('error: unable to match a printer suitable for the output format "wide", allowed formats are: '
                     "go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,"
                     "templatefile,yaml\n")
    assert t.kubectl("run x --image=nginx -o jsonpath").err == "error: template format specified but no template given\n"
    assert t.cluster.store.get("pods", "default", "x") is None


def test_it_cannot_attach_in_a_one_line_terminal_and_says_so():
    r = Term().kubectl("run -i -t busybox --image=busybox --restart=Never")
    assert r.code == 1 and "not possible in Podlab's one-line terminal" in r.err


def test_it_creates_in_the_namespace_given():
    t = Term()
    assert t.kubectl("run nginx --image=nginx -n kube-system").out == "pod/nginx created\n"
    assert t.cluster.store.get("pods", "kube-system", "nginx") is not None
    assert t.kubectl("run nginx --image=nginx -n nope").err == 'Error from server (NotFound): namespaces "nope" not found\n'
