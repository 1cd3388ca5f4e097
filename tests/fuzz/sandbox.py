"""A learner's sandbox for the fuzz tests: pods in several states and manifests on disk, loaded
fresh from JSON for each example (a millisecond), so that every example starts the same."""
from __future__ import annotations

import copy
import json
from functools import cache
from typing import Any

from sandbox.session import Session

SETUP = (
    "kubectl run web --image=nginx --labels=app=web",
    "kubectl run box --image=busybox:1.36 -- sleep 3600",
    "kubectl run crash --image=busybox:1.36 --restart=OnFailure -- sh -c 'exit 1'",
    "kubectl create namespace dev",
    "kubectl run api -n dev --image=httpd --labels=app=api,tier=back",
    "kubectl get pod web -o yaml > web.yaml",
    "kubectl get pod web -o json > web.json",
    "lab advance 30s",
)


@cache
def _prepared() -> str:
    session = Session(seed=1)
    for line in SETUP:
        assert session.execute(line).exit_code == 0, line
    return json.dumps(session.to_json())


def fresh_session() -> Session:
    return Session.from_json(json.loads(_prepared()))


def store_state(session: Session) -> dict[str, Any]:
    """What the API server stores (every object, the resourceVersion counter): a failed command
    must leave it exactly as it was."""
    return copy.deepcopy(session.cluster.store.to_json())


def changed_keys(before: dict[str, Any], after: dict[str, Any]) -> set[tuple[str, str, str]]:
    def index(state: dict[str, Any]) -> dict[tuple[str, str, str], Any]:
        return {(r, o["metadata"].get("namespace", ""), o["metadata"]["name"]): o
                for r, items in state["objects"].items() for o in items}
    a, b = index(before), index(after)
    return {k for k in a.keys() | b.keys() if a.get(k) != b.get(k)}
