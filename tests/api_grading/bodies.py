"""The grade requests the tests send (valid ones; test_errors.py breaks them)."""
from __future__ import annotations

NGINX = """apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx
"""
# Lesson 2's first steps as a manifest: the pod from nginx.yaml (partial credit, no commands).
MANIFESTS = {"lesson": "02-pods-from-yaml", "name": "alice",
             "submission": {"kind": "manifests", "files": [{"path": "nginx.yaml", "content": NGINX}]}}
# Lesson 1's first step typed in a shell, then time for the pod to start.
TRANSCRIPT = {"lesson": "01-what-is-a-pod", "name": "bob", "seed": 7,
              "submission": {"kind": "transcript",
                             "transcript": "$ kubectl run nginx --image=nginx\n@ +30s\n$ kubectl get pods\n"}}

