"""Tab completion, as the terminal asks for it: (offset of the word, candidates)."""
from __future__ import annotations

import pytest

from sandbox.completion import complete
from sandbox.session import Session


@pytest.fixture(scope="module")
def session() -> Session:
    session = Session(1)
    session.execute("kubectl run nginx --image=nginx")
    session.execute("kubectl create namespace team")
    session.execute("echo x > pod.yaml; mkdir manifests; echo y > manifests/crash.yaml")
    return session


@pytest.mark.parametrize("line, expected", [
    ("kub", (0, ["kubectl"])),
    ("kubectl ap", (8, ["api-resources", "api-versions", "apply"])),
    ("kubectl get po", (12, ["pod", "pods"])),
    ("kubectl get pods ", (17, ["nginx"])),
    ("k describe pod/", (11, ["pod/nginx"])),
    ("kubectl get pods --wat", (17, ["--watch", "--watch-only"])),
    ("kubectl run web --ima", (16, ["--image-pull-policy=", "--image="])),
    ("kubectl get pods -o ", (20, ["custom-columns=", "json", "jsonpath=", "name", "wide", "yaml"])),
    ("kubectl get pods -n t", (20, ["team"])),
    ("kubectl apply -f ", (17, ["manifests/", "pod.yaml"])),
    ("kubectl apply -f manifests/", (17, ["manifests/crash.yaml"])),
    ("cat p", (4, ["pod.yaml"])),
    ("lab node stop node0", (14, ["node01", "node02"])),
    ("kubectl cordon node0", (15, ["node01", "node02"])),
    ("kubectl patch pod ", (18, ["nginx"])),
    ("kubectl rep", (8, ["replace"])),
    ("kubectl logs nginx && kubectl del", (30, ["delete"])),
])
def test_it_completes_what_bash_with_kubectl_completion_would(session, line, expected):
    assert complete(line, session) == expected


def test_it_keeps_a_complete_word_so_the_terminal_adds_a_space(session):
    assert complete("kubectl get", session) == (8, ["get"])
