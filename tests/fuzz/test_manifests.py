"""Random and mutated manifests through ``kubectl apply/create/replace -f`` and the API server.

The repository's manifests (corpus.py) are mutated as text (YAML and JSON syntax, Kubernetes
words) and as data (a field deleted, replaced by another JSON value, added). No exception escapes
kubectl, the API server raises nothing but its StatusError, and a rejected object changes nothing:
when a file holds one object and the command fails, the store is as it was (with several objects,
kubectl goes on with the next after an error, so only the single-object case is exact).
"""
from __future__ import annotations

import json
from typing import Any

import yaml
from hypothesis import given, strategies as st

from sandbox.kubectl.context import Kube, Wait
from sandbox.kubectl.main import run
from sandbox.kubectl.manifests import Manifest, read_manifests
from sandbox.sim.errors import StatusError
from tests.fuzz import corpus, sandbox
from tests.fuzz.strategies import mutated

YAML_TOKENS = (
    ":", ": ", "- ", "\n", "\n  ", "  ", "\t", "{", "}", "[", "]", ",", "&a ", "*a", "!!str ", "!!binary ", "!!int ",
    "!!map ", "!!set ", "!!python/object ", "<<: ", "---\n", "...\n", "'", '"', "\\", "#", "|", ">", "|-", "? ",
    "null", "~", "true", "yes", "on", "y", "1e3", "0x1F", "0o17", "-1", "99999999999999999999", ".inf", ".nan",
    "2001-12-14", "12:30:00", "1_000", "apiVersion: v1\n", "kind: Pod\n", "kind: List\n", "kind: Namespace\n",
    "kind: Node\n", "items:\n- ", "metadata:\n  name: x\n", "name: ", "namespace: dev", "namespace: nope",
    "generateName: g-", "labels:", "spec:\n", "containers:\n", "- name: c\n  image: nginx\n", "image: ",
    "restartPolicy: ", "command: ", "args: ", "ports:", "containerPort: ", "livenessProbe:", "httpGet:",
    "exec:", "port: ", "resources:", "limits:", "cpu: ", "memory: ", "500m", "1Gi", "1e-3", "-0", "%YAML 1.1\n",
    "@", "`", "é", "한", "\x00", "\ufeff", '{"', '":', '"}', "[]", "{}", "\\u0000", "\\ud800",
)


def _text(obj: Any) -> str:
    return json.dumps(obj) if isinstance(obj, (dict, list)) else str(obj)


def run_file(verb: str, text: str) -> tuple[int | Wait, str, Any, Any, int, int]:
    session = sandbox.fresh_session()
    session.fs.write("/root/m.yaml", text)
    printed: list[str] = []
    k = Kube(cluster=session.cluster, fs=session.fs, cwd="/root", stdin="", out=printed.append,
             err=printed.append, namespace="default", env={"HOME": "/root"})
    documents = list(read_manifests(k, ["m.yaml"]))
    readable = sum(1 for m in documents if isinstance(m, Manifest))
    before = sandbox.store_state(session)
    result = run(k, [verb, "-f", "m.yaml"])
    return result, "".join(printed), before, sandbox.store_state(session), readable, len(documents)


@given(st.sampled_from(("apply", "create", "replace")), mutated(corpus.manifests(), YAML_TOKENS, 6))
def test_a_rejected_manifest_file_changes_nothing(verb: str, text: str) -> None:
    result, printed, before, after, readable, documents = run_file(verb, text)
    # kubectl goes on with the documents it could read when another one fails (the builder's
    # ContinueOnError): a file with a readable document among others may change the store.
    if isinstance(result, Wait) or result == 0 or (readable >= 1 and documents > 1):
        return
    assert before == after, f"kubectl {verb} -f exited {result} but changed the store:\n{printed}\n{text}"


# -- the API server, with mutated objects ------------------------------------------------------------
# What JSON can carry: no NaN or infinity (kubectl refuses YAML's .inf before sending: see
# test_it_refuses_yaml_infinity_as_kubectl_does).
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=10)
    | st.sampled_from(("", "v1", "Pod", "Namespace", "Node", "Event", "nginx", "web", "dev", "Always", "Never",
                       "TCP", "80", "-1", "1Gi", "100m", "app=web")),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


def _paths(value: Any, path: tuple = ()) -> list[tuple]:
    found = [path]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, path + (key,))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            found += _paths(child, path + (i,))
    return found


@st.composite
def mutated_object(draw: st.DrawFn) -> Any:
    seeds = [d for text in corpus.manifests() for d in yaml.safe_load_all(text) if d is not None]
    obj = json.loads(json.dumps(draw(st.sampled_from(seeds)), default=str))
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(_paths(obj)))
        if not path:
            if draw(st.integers(0, 9)) == 0:
                obj = draw(JSON_VALUES)
            continue
        parent = obj
        for step in path[:-1]:
            parent = parent[step]
        kind = draw(st.sampled_from(("replace", "delete", "add")))
        if kind == "delete":
            del parent[path[-1]]
        elif kind == "add" and isinstance(parent[path[-1]], dict):
            parent[path[-1]][draw(st.text(max_size=8))] = draw(JSON_VALUES)
        else:
            parent[path[-1]] = draw(JSON_VALUES)
    return obj


@given(mutated_object(), st.sampled_from(("create", "update", "create-dry-run")), st.sampled_from((None, "default", "dev")))
def test_the_api_server_rejects_bad_objects_with_a_status_and_changes_nothing(obj: Any, verb: str,
                                                                             namespace: str | None) -> None:
    session = sandbox.fresh_session()
    before = sandbox.store_state(session)
    api = session.cluster.api
    try:
        if verb == "update":
            api.update(obj, namespace=namespace)
        else:
            api.create(obj, namespace=namespace, dry_run=verb == "create-dry-run")
    except StatusError:
        assert sandbox.store_state(session) == before
        return
    if verb == "create-dry-run":
        assert sandbox.store_state(session) == before
    json.dumps(session.cluster.to_json())        # what was stored can be saved
