"""Random argv through Podlab's kubectl (sandbox.kubectl.main.run), called as the shell calls it.

No exception escapes, and a command that fails leaves the API server's store as it was: every
object and the resourceVersion counter. Some commands fail *after* doing part of their work, as
kubectl does: they act on each named object in turn and report the ones that failed at the end
(``delete pod a b`` deletes a when b is missing; ``label``, ``annotate``, ``patch``, ``apply -f``
and ``create -f`` with several objects likewise). For those, the weaker property: only objects the
command named, or the files and selectors it was given could match, changed; and a command with
a single target changes nothing.
"""
from __future__ import annotations

from hypothesis import given, strategies as st

from sandbox.kubectl.context import Kube, Wait
from sandbox.kubectl.main import run
from tests.fuzz import corpus, sandbox
from tests.fuzz.strategies import kubectl_argv

# Verbs that go on after a failure with the next object (kubectl's "continue on error" loops:
# delete.go, label.go, annotate.go, patch.go, apply.go and create.go aggregate their errors).
PARTIAL_VERBS = {"delete", "label", "annotate", "patch", "apply", "create", "replace"}
# Ways to name more than one object at once.
MANY = ("-f", "--filename", "-l", "--selector", "--all", "-A", "--all-namespaces", "--field-selector", "-R",
        "-k", "--kustomize")


def run_kubectl(argv: list[str], stdin: str) -> tuple[int | Wait, str, sandbox.Session]:
    session = sandbox.fresh_session()
    printed: list[str] = []
    k = Kube(cluster=session.cluster, fs=session.fs, cwd="/root", stdin=stdin, out=printed.append,
             err=printed.append, namespace="default", env={"HOME": "/root"})
    return run(k, list(argv)), "".join(printed), session


def may_change_on_failure(argv: list[str]) -> bool:
    verb = next((w for w in argv if not w.startswith("-")), "")
    if verb not in PARTIAL_VERBS:
        return False
    if any(w == flag or w.startswith(flag + "=") or (len(flag) == 2 and w.startswith(flag)) for w in argv
           for flag in MANY):
        return True
    return sum(1 for w in argv if not w.startswith("-")) > 3   # verb, type and two names at least


@given(kubectl_argv(corpus.kubectl_argvs()), st.sampled_from(("",) + corpus.manifests()[:4]))
def test_a_failed_command_leaves_the_cluster_as_it_was(argv: list[str], stdin: str) -> None:
    session = sandbox.fresh_session()
    before = sandbox.store_state(session)
    result, printed, session = run_kubectl(argv, stdin)
    if isinstance(result, Wait) or result == 0:
        return
    changed = sandbox.changed_keys(before, sandbox.store_state(session))
    if may_change_on_failure(argv):
        return
    assert not changed, f"kubectl {argv!r} exited {result} but changed {sorted(changed)}:\n{printed}"
