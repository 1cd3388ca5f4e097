"""kubectl delete: the message, the wait until the object is gone, grace periods, --force, --now,
selectors, files, and kubectl's errors (spec §7.4). Messages compared with kubectl 1.32.5."""
from __future__ import annotations

from tests.kubectl.test_cmd_support import Term

FORCE_WARNING = ("Warning: Immediate deletion does not wait for confirmation that the running resource has been "
                 "terminated. The resource may continue to run on the cluster indefinitely.\n")


def running(*names: str, image: str = "nginx") -> Term:
    t = Term()
    for name in names:
        t.kubectl(f"run {name} --image={image}" + (" -- sleep 3600" if image.startswith("busybox") else ""))
    t.at(30)
    return t


def test_it_prints_deleted_at_once_and_waits_until_the_pod_is_gone():
    t = running("nginx")
    r = t.kubectl("delete pod nginx")
    assert (r.out, r.err, r.code) == ('pod "nginx" deleted\n', "", 0)
    assert t.cluster.store.get("pods", "default", "nginx") is None
    assert 30 < t.cluster.now < 35  # nginx stops within a second or two of SIGTERM


def test_it_waits_the_whole_grace_period_for_a_process_that_ignores_sigterm():
    # spec G7: `sleep` as PID 1 ignores SIGTERM; the kubelet kills it after 30 s
    t = running("sleeper", image="busybox:1.36")
    assert t.kubectl("delete pod sleeper").out == 'pod "sleeper" deleted\n'
    assert t.cluster.now >= 60


def test_it_returns_at_once_without_wait():
    t = running("sleeper", image="busybox:1.36")
    assert t.kubectl("delete pod sleeper --wait=false").out == 'pod "sleeper" deleted\n'
    assert t.cluster.now == 30
    assert t.kubectl("get pod sleeper").out.splitlines()[1].split()[2] == "Terminating"


def test_it_gives_up_at_the_timeout():
    t = running("sleeper", image="busybox:1.36")
    r = t.kubectl("delete pod sleeper --timeout=5s")
    assert (r.out, r.err, r.code) == ('pod "sleeper" deleted\n',
                                      "error: timed out waiting for the condition on pods/sleeper\n", 1)


def test_it_force_deletes_with_kubectl_s_warning():
    t = running("sleeper", image="busybox:1.36")
    r = t.kubectl("delete pod sleeper --force")
    assert (r.out, r.err) == ('pod "sleeper" force deleted\n', FORCE_WARNING)
    assert r.both == FORCE_WARNING + 'pod "sleeper" force deleted\n'
    assert t.cluster.now == 30 and t.cluster.store.get("pods", "default", "sleeper") is None


def test_it_turns_grace_period_zero_into_one_without_force():
    t = running("sleeper", image="busybox:1.36")
    assert t.kubectl("delete pod sleeper --grace-period=0").out == 'pod "sleeper" deleted\n'
    assert 30 < t.cluster.now <= 33


def test_it_refuses_contradictory_flags():
    t = running("nginx")
    assert t.kubectl("delete pod nginx --force --grace-period=5").err == (
        "error: --force and --grace-period greater than 0 cannot be specified together\n")
    assert t.kubectl("delete pod nginx --now --grace-period=3").err == (
        "error: --now and --grace-period cannot be specified together\n")
    assert t.kubectl("delete pod nginx -o yaml").err == "error: unexpected -o output mode: yaml. We only support '-o name'\n"
    assert t.kubectl("delete pod nginx --cascade=x").err == (
        'error: invalid cascade value (x). Must be "background", "foreground", or "orphan"\n')
    assert t.kubectl("delete pods --all -l a=b").err == "error: setting 'all' parameter but found a non empty selector. \n"
    assert t.kubectl("delete pod nginx --all").err == "error: name cannot be provided when a selector is specified\n"
    assert t.cluster.store.get("pods", "default", "nginx") is not None


def test_it_wants_something_to_delete():
    assert Term().kubectl("delete").err == (
        "error: You must provide one or more resources by argument or filename.\n"
        "Example resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n"
        "   '<resource> <name>'\n   '<resource>'\n")
    assert Term().kubectl("delete pod").err == "error: resource(s) were provided, but no name was specified\n"


def test_it_reports_missing_objects_and_does_not_wait_then():
    t = running("sleeper", image="busybox:1.36")
    r = t.kubectl("delete pod sleeper nope")
    assert (r.out, r.err, r.code) == ('pod "sleeper" deleted\n', 'Error from server (NotFound): pods "nope" not found\n', 1)
    assert t.cluster.now == 30
    assert Term().kubectl("delete pod nope --ignore-not-found").both == ""


def test_it_deletes_by_label_and_all_and_says_when_nothing_matched():
    t = running("a", "b")
    assert t.kubectl("delete pods -l run=a").out == 'pod "a" deleted\n'
    assert t.kubectl("delete pods -l run=none").out == "No resources found\n"
    assert t.kubectl("delete pods --all").out == 'pod "b" deleted\n'


def test_it_deletes_what_a_file_names():
    t = running("nginx")
    t.write("nginx.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\nspec:\n  containers:\n"
                          "  - name: nginx\n    image: nginx\n")
    assert t.kubectl("delete -f nginx.yaml").out == 'pod "nginx" deleted\n'
    assert t.kubectl("delete -f nginx.yaml").err == (
        'Error from server (NotFound): error when deleting "nginx.yaml": pods "nginx" not found\n')


def test_it_marks_dry_runs_and_prints_names():
    t = running("nginx")
    assert t.kubectl("delete pod nginx --dry-run=client").out == 'pod "nginx" deleted (dry run)\n'
    assert t.kubectl("delete pod nginx --dry-run=server").out == 'pod "nginx" deleted (server dry run)\n'
    assert t.kubectl("delete pod/nginx -o name --dry-run=client").out == "pod/nginx\n"
    assert t.cluster.store.get("pods", "default", "nginx") is not None


def test_it_shows_the_server_s_refusal_to_delete_a_system_namespace():
    assert Term().kubectl("delete ns kube-system").err == (
        'Error from server (Forbidden): namespaces "kube-system" is forbidden: this namespace may not be deleted\n')


def test_it_waits_for_a_namespace_to_finish_terminating():
    t = Term()
    t.kubectl("create ns dev")
    t.kubectl("run nginx --image=nginx -n dev")
    t.at(30)
    assert t.kubectl("delete ns dev").out == 'namespace "dev" deleted\n'
    assert t.cluster.store.get("namespaces", "", "dev") is None
