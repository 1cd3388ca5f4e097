"""The real kubectl 1.32 against a sandbox's API prints what Podlab's own kubectl prints.

A scripted learner session on one sandbox, its lab clock paused so that every step happens at a
chosen simulated instant: create from YAML, run, a crash loop, a liveness probe that fails,
labels, exec, logs, deletion, and the usual mistakes. At each step the real kubectl runs first,
against the live server; Podlab's kubectl then runs the same line on the sandbox as it was just
before, at the same instant and seen through the same wall-clock offset (tests/api/live.py), and
the two must print the same bytes on stdout and stderr and exit with the same status.
"""
from __future__ import annotations

import difflib

import pytest

from tests.api.live import Kubectl, Live

pytestmark = pytest.mark.usefixtures("kubectl_binary")

CRASH = """apiVersion: v1
kind: Pod
metadata:
  name: crash
  labels:
    app: crash
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "echo starting; echo oops >&2; exit 1"]
"""

PROBE = """apiVersion: v1
kind: Pod
metadata:
  name: probe
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "touch /tmp/healthy; sleep 20; rm -f /tmp/healthy; sleep 600"]
    livenessProbe:
      exec:
        command: ["cat", "/tmp/healthy"]
      initialDelaySeconds: 5
      periodSeconds: 5
"""

TYPO = """apiVersion: v1
kind: Pod
metadata:
  name: typo
spec:
  containers:
  - name: app
    image: nginx
    imagePullPolicy: Always
    ports:
    - containerport: 80
"""

# replace: a pod no node can take (deleted at once, so --force needs no simulated time to pass)
IDLE = """apiVersion: v1
kind: Pod
metadata:
  name: {name}
spec:
  nodeSelector:
    zone: nowhere
  containers:
  - name: app
    image: {image}
"""
WEB = """apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  {extra}containers:
  - name: web
    image: nginx:1.27
"""

# (simulated instant, command line, standard input)
SESSION: list[tuple[float, str, str | None]] = [
    (0, "kubectl get pods", None),
    (0, "kubectl get nodes", None),
    (0, "kubectl get nodes -o wide", None),
    (0, "kubectl get ns", None),
    (0, "kubectl run web --image=nginx --dry-run=client -o yaml", None),
    (0, "kubectl run web --image=nginx --labels=app=web,tier=front", None),
    (0, "kubectl apply -f -", CRASH),
    (0, "kubectl create -f -", PROBE),
    (0, "kubectl create -f -", PROBE),
    (0, "kubectl get pods", None),
    (6, "kubectl get pods", None),
    (6, "kubectl get pods -o wide", None),
    (6, "kubectl get pods --show-labels", None),
    (6, "kubectl get pods -L app", None),
    (6, "kubectl get pods -o name", None),
    (6, "kubectl get pods -l app=web", None),
    (6, "kubectl get pods --field-selector=status.phase=Running", None),
    (6, "kubectl get pods --sort-by=.metadata.name -o custom-columns=NAME:.metadata.name,PHASE:.status.phase", None),
    (6, "kubectl get pod web -o jsonpath={.status.podIP}", None),
    (6, "kubectl get pods -o jsonpath='{range .items[*]}{.metadata.name} {.status.phase}{\"\\n\"}{end}'", None),
    (6, "kubectl get pod web -o yaml", None),
    (6, "kubectl get pod web -o json", None),
    (6, "kubectl describe pod web", None),
    (6, "kubectl logs web --tail=3", None),
    (6, "kubectl logs crash", None),
    (6, "kubectl exec web -- cat /etc/hostname", None),
    (6, "kubectl exec web -- sh -c 'echo to-err >&2; exit 3'", None),
    (6, "kubectl label pod web env=dev", None),
    (6, "kubectl label pod web app=other", None),
    (6, "kubectl annotate pod web note=hello", None),
    (6, "kubectl apply -f -", CRASH.replace("app: crash", "app: crash\n    tier: back")),
    (6, "kubectl logs web --since=2s", None),
    (6, "kubectl logs -l run=web", None),
    (75, "kubectl get pods", None),
    (75, "kubectl describe pod crash", None),
    (75, "kubectl logs crash --previous", None),
    (75, "kubectl get pod crash -o jsonpath={.status.containerStatuses[0].restartCount}", None),
    (75, "kubectl get events", None),
    (75, "kubectl get events --field-selector involvedObject.name=probe", None),
    (75, "kubectl describe pod probe", None),
    (75, "kubectl get ns default -o yaml", None),
    (75, "kubectl describe node node01", None),
    (75, "kubectl describe ns default", None),
    (75, "kubectl get events -A -o yaml", None),
    (75, "kubectl events --for pod/crash", None),
    (75, "kubectl wait --for=condition=Ready pod/web --timeout=5s", None),
    (75, "kubectl explain pods.spec.containers.livenessProbe", None),
    (75, "kubectl version", None),
    (75, "kubectl get all", None),
    (75, "kubectl run extra --image=nginx --dry-run=server -o yaml", None),
    (75, "kubectl create -f - --dry-run=server -o name", TYPO.replace("containerport", "containerPort")),
    (75, "kubectl label pods --all team=blue", None),
    (75, "kubectl label pod web env-", None),
    (75, "kubectl exec -it web -- sh -c 'echo tty'", None),
    # patch: strategic (the default), merge, json; YAML; no change; dry runs; the server's refusals
    (75, "kubectl patch pod web -p '{\"metadata\":{\"labels\":{\"tier\":\"front\"}}}'", None),
    (75, "kubectl patch pod web -p '{\"metadata\":{\"labels\":{\"tier\":\"front\"}}}'", None),
    (75, "kubectl patch pod/web --type=merge -p '{\"metadata\":{\"annotations\":{\"k\":\"v\"}}}'", None),
    (75, "kubectl patch pod web --type=json -p '[{\"op\":\"add\",\"path\":\"/metadata/labels/e\",\"value\":\"f\"}]'",
     None),
    (75, "kubectl patch pod web -p '{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.27\"}]}}'",
     None),
    (75, "kubectl patch pod web -p 'metadata: {labels: {y: z}}' -o jsonpath={.metadata.labels}", None),
    (75, "kubectl patch pod web -p '{\"metadata\":{\"labels\":{\"true\":null}}}' -o name", None),
    (75, "kubectl patch pod web -p '{\"spec\":{\"activeDeadlineSeconds\":600}}' --dry-run=server", None),
    (75, "kubectl patch pod web -p '{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.28\"}]}}' "
         "--dry-run=client -o jsonpath={.spec.containers[0].image}", None),
    (75, "kubectl patch pod web --type=merge -p '{\"metadata\":{\"labels\":{\"tier\":\"back\"}}}' --dry-run=client",
     None),
    (75, "kubectl patch pod web -p '{\"spec\":{\"foo\":1}}'", None),
    (75, "kubectl patch pod web -p '{\"spec\":{\"restartPolicy\":\"Never\"}}'", None),
    (75, "kubectl patch pod web -p '{\"metadata\":{\"labels\":{\"a\":1}}}'", None),
    (75, "kubectl patch pod web -p '{\"metadata\":{\"name\":\"other\"}}'", None),
    (75, "kubectl patch pod web --type=json -p '[{\"op\":\"remove\",\"path\":\"/metadata/labels/nope\"}]'", None),
    (75, "kubectl patch pod web --type=json -p '[{\"op\":\"remove\",\"path\":\"/metadata/labels/nope\"}]' "
         "--dry-run=client", None),
    (75, "kubectl patch pod web --type=json -p '{}'", None),
    (75, "kubectl patch pod web --type=json -p '{}' --dry-run=client", None),
    (75, "kubectl patch pod web -p '[1]'", None),
    (75, "kubectl patch pod web -p 'foo: [bar'", None),
    (75, "kubectl patch pod web --type=foo -p '{}'", None),
    (75, "kubectl patch pod web", None),
    (75, "kubectl patch pod -p '{}'", None),
    (75, "kubectl patch -p '{}'", None),
    (75, "kubectl patch pod nope -p '{}'", None),
    (75, "kubectl patch pod web nope -p '{}'", None),
    (75, "kubectl patch pod web --local -p '{}'", None),
    (75, "kubectl patch pod web -p '{}' --patch-file /nope", None),
    (75, "kubectl patch pod web --patch-file /nope", None),
    (75, "kubectl patch pod web --subresource=status -p '{\"status\":{\"phase\":\"Failed\"}}'", None),
    (75, "kubectl patch pod web --subresource=scale -p '{}'", None),
    (75, "kubectl patch pod web --subresource=foo -p '{}'", None),
    (75, "kubectl patch node node01 -p '{\"metadata\":{\"labels\":{\"disk\":\"ssd\"}}}'", None),
    (75, "kubectl patch ns default --type=merge -p '{\"metadata\":{\"labels\":{\"team\":\"a\"}}}' -o yaml", None),
    (75, "kubectl patch pod web -p '{}' -o foo", None),
    # applied by kubectl itself (--dry-run=client): its libraries' refusals, its unstructured decoding
    (75, "kubectl patch pod web --type=merge -p 'null' --dry-run=client", None),
    (75, "kubectl patch pod web --type=merge -p '[1]' --dry-run=client", None),
    (75, "kubectl patch pod web --type=merge -p 'true' --dry-run=client", None),
    (75, "kubectl patch pod web --type=merge -p '{\"apiVersion\":null}' --dry-run=client -o name", None),
    (75, "kubectl patch pod web --type=merge -p '{\"metadata\":true}' --dry-run=client", None),
    (75, "kubectl patch pod web --type=merge -p '{\"kind\":null}' --dry-run=client", None),
    (75, "kubectl patch pod web --type=strategic -p '[1]' --dry-run=client", None),
    (75, "kubectl patch pod web --type=strategic -p 'null' --dry-run=client", None),
    (75, "kubectl patch pod web --type=json -p 'null' --dry-run=client", None),
    (75, "kubectl patch pod web --type=json -p '[{\"op\":\"replace\",\"path\":\"/kind\",\"value\":1}]' "
         "--dry-run=client -o name", None),
    (75, "kubectl patch pod web --type=merge -p '{\"metadata\":{\"labels\":{\"z\":\"1\"}}}' --dry-run=client -o json",
     None),
    # run --overrides: a merge patch by default, then kubectl's typed decoding
    (75, "kubectl run o1 --image=nginx --overrides='{\"spec\":{\"restartPolicy\":\"Never\",\"nope\":1}}' "
         "--dry-run=client -o yaml", None),
    (75, "kubectl run o1 --image=nginx --override-type=strategic "
         "--overrides='{\"spec\":{\"containers\":[{\"name\":\"o1\",\"env\":[{\"name\":\"X\",\"value\":\"1\"}]}]}}' "
         "--dry-run=client -o yaml", None),
    (75, "kubectl run o1 --image=nginx --override-type=json "
         "--overrides='[{\"op\":\"add\",\"path\":\"/metadata/labels/x\",\"value\":\"y\"}]' --dry-run=client -o yaml",
     None),
    (75, "kubectl run o2 --image=nginx --overrides='{\"spec\":{\"nodeName\":\"node01\"}}' -o jsonpath={.spec.nodeName}",
     None),
    (75, "kubectl run o1 --image=nginx --overrides='{\"metadata\":{\"name\":\"o3\"}}'", None),
    (75, "kubectl run o1 --image=nginx --overrides='{\"kind\":\"Namespace\"}' --dry-run=client", None),
    (75, "kubectl run o1 --image=nginx --overrides='{\"spec\":' --dry-run=client", None),
    (75, "kubectl run o1 --image=nginx --overrides='{\"spec\":' --override-type=strategic --dry-run=client", None),
    (75, "kubectl run o1 --image=nginx --overrides='{\"spec\":' --override-type=json --dry-run=client", None),
    (75, "kubectl run o1 --image=nginx --overrides='{\"spec\":{\"restartPolicy\":1}}' --dry-run=client", None),
    (75, "kubectl run o1 --image=nginx --overrides='{\"metadata\":{\"labels\":{\"a\":1}}}' --dry-run=client", None),
    (75, "kubectl run o1 --image=nginx --overrides='{}' --override-type=foo --dry-run=client", None),
    (75, "kubectl run o1 --image=nginx --override-type=foo --dry-run=client", None),
    (75, "kubectl run o1 --image=nginx --overrides='{}' --override-type=json --dry-run=client", None),
    (75, "kubectl run o1 --image=nginx --overrides='[{\"op\":\"remove\",\"path\":\"/spec/nope\"}]' "
         "--override-type=json --dry-run=client", None),
    (75, "kubectl run o1 --image=nginx --overrides='[1]' --dry-run=client", None),
    (75, "kubectl run o1 --image=nginx --overrides='{\"apiVersion\":null}' --dry-run=client", None),
    (75, "kubectl run o1 --image=nginx --overrides='[1]' --override-type=strategic --dry-run=client", None),
    (75, "kubectl run o1 --image=nginx --overrides='null' --dry-run=client", None),
    (75, "kubectl run o1 --image=nginx --overrides='null' --override-type=json --dry-run=client", None),
    # mistakes
    (80, "kubectl get pod nope", None),
    (80, "kubectl describe pod nope", None),
    (80, "kubectl logs nope", None),
    (80, "kubectl delete pod nope", None),
    (80, "kubectl get foo", None),
    (80, "kubectl get pods -n nope", None),
    (80, "kubectl run Bad_Name --image=nginx", None),
    (80, "kubectl apply -f -", TYPO),
    (80, "kubectl create ns default", None),
    (80, "kubectl create ns dev", None),
    (80, "kubectl logs web -c nope", None),
    (80, "kubectl exec crash -- ls", None),
    # deletion
    (80, "kubectl delete pod crash --dry-run=server", None),
    (80, "kubectl delete pod crash --wait=false", None),
    (80, "kubectl get pods", None),
    (80, "kubectl describe pod crash", None),
    (82, "kubectl delete pod probe --grace-period=0 --force", None),
    (82, "kubectl get pods -A", None),
    (82, "kubectl create -f -", IDLE.format(name="idle", image="nginx")),
    (82, "kubectl replace -f -", WEB.format(extra="")),
    (82, "kubectl replace -f -", WEB.format(extra="restartPolicy: Never\n  ")),
    (82, "kubectl replace -f -", IDLE.format(name="nope", image="nginx")),
    (82, "kubectl replace -f - --dry-run=client", WEB.format(extra="")),
    (82, "kubectl replace -f - --validate=strict", WEB.format(extra="foo: 1\n  ")),
    (82, "kubectl replace", None),
    (82, "kubectl replace web", None),
    (82, "kubectl replace -f - --grace-period=5", WEB.format(extra="")),
    (82, "kubectl replace -f - --timeout=5s", WEB.format(extra="")),
    (82, "kubectl replace -f - --subresource=foo", WEB.format(extra="")),
    (82, "kubectl replace -f - --subresource=status", WEB.format(extra="")),
    (82, "kubectl replace -f /nope.yaml", None),
    (82, "kubectl replace --force -f -", IDLE.format(name="idle", image="nginx:1.27")),
    (82, "kubectl replace --force -f -", IDLE.format(name="fresh", image="nginx")),
    (82, "kubectl replace --force -f - -o name", IDLE.format(name="idle", image="nginx:1.28")),
    (82, "kubectl replace --force --grace-period=0 -f -", IDLE.format(name="idle", image="nginx:1.29")),
    (82, "kubectl replace --force -f - --dry-run=client", IDLE.format(name="idle", image="nginx")),
    (82, "kubectl get pod idle -o jsonpath={.spec.containers[0].image}", None),
    # cordon and uncordon: names, a selector, dry runs, a missing node (nothing is touched), usage
    (82, "kubectl cordon node02", None),
    (82, "kubectl cordon node02", None),
    (82, "kubectl get nodes", None),
    (82, "kubectl describe node node02", None),
    (82, "kubectl uncordon node02 --dry-run=client", None),
    (82, "kubectl uncordon node02 --dry-run=server", None),
    (82, "kubectl cordon node02 --dry-run=client", None),
    (82, "kubectl uncordon node02", None),
    (82, "kubectl uncordon node02", None),
    (82, "kubectl cordon node01 nope node02", None),
    (82, "kubectl cordon -l kubernetes.io/hostname=node01", None),
    (82, "kubectl uncordon -l kubernetes.io/os=linux", None),
    (82, "kubectl cordon -l nope=1", None),
    (82, "kubectl cordon", None),
    (82, "kubectl uncordon node01 -l a=b", None),
    (82, "kubectl cordon --dry-run=foo node01", None),
    (82, "kubectl cordon node01 -o name", None),
    (82, "kubectl run deadline --image=busybox:1.36 --overrides='{\"spec\":{\"activeDeadlineSeconds\":10}}' "
         "-- sleep 600", None),
    (120, "kubectl get pods", None),
    (120, "kubectl describe pod deadline", None),
    (120, "kubectl events --for pod/deadline", None),
    (120, "kubectl run once --image=busybox:1.36 --restart=Never -- sh -c 'echo done'", None),
    (130, "kubectl get pods -o wide", None),
    (130, "kubectl logs once --timestamps", None),
]


def _diff(name: str, want: str, got: str) -> str:
    return "".join(difflib.unified_diff(want.splitlines(True), got.splitlines(True), f"podlab {name}",
                                        f"kubectl 1.32 {name}"))


def test_it_prints_what_podlab_prints_through_a_learner_session(live: Live) -> None:
    sandbox = live.create_sandbox(seed=3)             # manage.py sandbox create / kubeconfig, as documented
    kubectl = Kubectl(live, sandbox, command=True)
    live.backdate(sandbox)
    live.pause_at(sandbox, 0.0)
    failures = []
    for instant, line, stdin in SESSION:
        live.pause_at(sandbox, instant)
        real, podlab = kubectl.both(line, stdin)
        if (real.stdout, real.stderr, real.code) != (podlab.stdout, podlab.stderr, podlab.code):
            failures.append(f"$ {line}   (at {instant:g}s; exit {podlab.code} vs {real.code})\n"
                            + _diff("stdout", podlab.stdout, real.stdout) + _diff("stderr", podlab.stderr, real.stderr))
    assert not failures, "\n".join(failures)
