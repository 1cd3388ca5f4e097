"""A scripted sandbox whose probes go through nginx, httpd and agnhost while files change under them.

Shared by the tests of the probe path (test_probe_path.py): the pods below are probed over HTTP
and TCP while ``kubectl exec`` removes, writes, renames and re-creates the files nginx serves, a
sidecar changes an emptyDir that nginx serves from, and the learner's curl reads the answers.
``play`` runs the script, optionally saving the session to JSON and loading it back at fixed
intervals, and returns everything a learner could read: each line's output, the final
``kubectl logs`` / ``describe`` / events, and the saved JSON.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from sandbox.session import Session

PODS = """\
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx:1.27
    livenessProbe:
      httpGet: {path: /, port: 80}
      periodSeconds: 5
    readinessProbe:
      tcpSocket: {port: 80}
      periodSeconds: 5
---
apiVersion: v1
kind: Pod
metadata:
  name: shared
spec:
  volumes:
  - name: html
    emptyDir: {}
  containers:
  - name: nginx
    image: nginx:1.27
    volumeMounts:
    - {name: html, mountPath: /usr/share/nginx/html}
    ports:
    - {name: http, containerPort: 80}
    livenessProbe:
      httpGet: {path: /index.html, port: http}
      periodSeconds: 3
      failureThreshold: 5
    readinessProbe:
      httpGet: {path: /, port: 80}
      periodSeconds: 4
  - name: writer
    image: busybox:1.36
    volumeMounts:
    - {name: html, mountPath: /data}
    command: ["sh", "-c", "sleep 20; echo hello > /data/index.html; sleep 40; rm /data/index.html; sleep 30; echo again and longer > /data/index.html; sleep 3600"]
---
apiVersion: v1
kind: Pod
metadata:
  name: apache
spec:
  containers:
  - name: httpd
    image: httpd:2.4
    readinessProbe:
      httpGet:
        path: /sub
        port: 80
        httpHeaders:
        - {name: User-Agent, value: learner-probe/1.0}
      periodSeconds: 7
    livenessProbe:
      httpGet: {path: /index.html, port: 80}
      periodSeconds: 10
---
apiVersion: v1
kind: Pod
metadata:
  name: agn
spec:
  containers:
  - name: agnhost
    image: registry.k8s.io/e2e-test-images/agnhost:2.40
    args: ["liveness"]
    livenessProbe:
      httpGet: {path: /healthz, port: 8080}
      initialDelaySeconds: 3
      periodSeconds: 3
    readinessProbe:
      httpGet: {path: /redirect, port: 8080}
      periodSeconds: 4
---
apiVersion: v1
kind: Pod
metadata:
  name: netexec
spec:
  containers:
  - name: agnhost
    image: registry.k8s.io/e2e-test-images/agnhost:2.40
    args: ["netexec", "--http-port=8081"]
    livenessProbe:
      httpGet: {path: /hostname, port: 8081}
      periodSeconds: 6
    readinessProbe:
      httpGet: {path: /readyz, port: 8081}
      periodSeconds: 5
"""

IP = "$(kubectl get pod web -o jsonpath='{.status.podIP}')"
HTML = "/usr/share/nginx/html"

# (simulated instant, line): what the learner types, and when.
STEPS: list[tuple[float, str]] = [
    (0, f"kubectl apply -f - <<'EOF'\n{PODS}EOF"),
    (30, "kubectl get pods"),
    (31, f"curl -si http://{IP}/"),
    (32, f"curl -sv http://{IP}/nope 2>&1"),
    (45, f"kubectl exec web -- rm {HTML}/index.html"),
    (47, f"curl -si http://{IP}/"),
    (58, "kubectl get pods"),
    (90, f"curl -s http://{IP}/ | head -4"),
    (120, f"kubectl exec web -- mkdir {HTML}/sub"),
    (121, f"curl -si http://{IP}/sub"),
    (122, f"kubectl exec web -- sh -c 'echo sub > {HTML}/sub/index.html'"),
    (123, f"curl -si http://{IP}/sub/"),
    (130, f"kubectl exec web -- sh -c 'echo short > {HTML}/index.html'"),
    (131, f"curl -si http://{IP}/"),
    (132, f"kubectl exec web -- sh -c 'echo a much longer page than before > {HTML}/index.html'"),
    (133, f"curl -si http://{IP}/"),
    (140, f"kubectl exec web -- mv {HTML}/index.html {HTML}/moved.html"),
    (141, f"curl -si http://{IP}/moved.html"),
    (150, "kubectl exec apache -- mkdir /usr/local/apache2/htdocs/sub"),
    (170, f"kubectl exec web -- rm -r {HTML}"),
    (171, f"curl -si http://{IP}/"),
    (200, "kubectl get pods"),
    (260, f"kubectl exec web -- sh -c 'echo 0 > {HTML}/index.html'"),
    (300, "kubectl get pods"),
    (420, "kubectl exec shared -c writer -- sh -c 'echo from-exec > /data/index.html'"),
    (425, "kubectl exec shared -c nginx -- cat /usr/share/nginx/html/index.html"),
    (600, "kubectl exec shared -c writer -- rm /data/index.html"),
    (900, "kubectl get pods"),
    (1200, "kubectl logs shared -c nginx --tail=5"),
    (1800, "kubectl get pods"),
]

FINAL: list[str] = [
    "kubectl get pods -o wide",
    "kubectl logs web",
    "kubectl logs web --previous",
    "kubectl logs shared -c nginx",
    "kubectl logs apache",
    "kubectl logs agn --previous",
    "kubectl logs netexec --timestamps",
    "kubectl describe pod web",
    "kubectl describe pod shared",
    "kubectl describe pod apache",
    "kubectl describe pod agn",
    "kubectl describe pod netexec",
    "kubectl get events --sort-by=.metadata.creationTimestamp",
]


@dataclass
class Played:
    outputs: list[str]          # "@t $ line\n" + output, for each line of STEPS and FINAL
    saved: str                  # the session's JSON at the end


def _reload(s: Session) -> Session:
    return Session.from_json(json.loads(json.dumps(s.to_json())))


def play(reload_every: float | None = None, *, reload_each_line: bool = False, seed: int = 3) -> Played:
    """Run STEPS then FINAL; with ``reload_every`` the session goes through its JSON at every
    multiple of that many simulated seconds (and, with ``reload_each_line``, before each line)."""
    s = Session(seed)
    outputs: list[str] = []
    next_reload = reload_every
    for at, line in STEPS:
        while next_reload is not None and next_reload <= at:
            s.advance_to(float(next_reload))
            s = _reload(s)
            next_reload += reload_every
        s.advance_to(float(at))          # a float instant, as a loaded clock holds it
        if reload_each_line:
            s = _reload(s)
        result = s.execute(line)
        outputs.append(f"@{s.now:g} $ {line}\n{result.output}[{result.exit_code}]\n")
    for line in FINAL:
        if reload_each_line:
            s = _reload(s)
        result = s.execute(line)
        outputs.append(f"@{s.now:g} $ {line}\n{result.output}[{result.exit_code}]\n")
    return Played(outputs, json.dumps(s.to_json(), sort_keys=True))
