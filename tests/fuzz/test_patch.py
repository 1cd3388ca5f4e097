"""Random patch documents through ``kubectl patch`` and ``kubectl run --overrides``.

Whatever the document (any JSON value, keys drawn from a pod's own fields and a few strangers,
values of every JSON type), of whichever patch type, applied by the server or by kubectl itself:
no exception escapes, and a command that fails changes nothing in the cluster.
"""
from __future__ import annotations

import json

from hypothesis import given, strategies as st

from sandbox.kubectl.context import Wait
from tests.fuzz import sandbox
from tests.fuzz.test_kubectl import run_kubectl

KEYS = ("apiVersion", "kind", "metadata", "name", "namespace", "labels", "annotations", "spec", "containers",
        "image", "restartPolicy", "activeDeadlineSeconds", "status", "phase", "env", "value", "ports",
        "containerPort", "$patch", "$setElementOrder/containers", "$retainKeys", "op", "path", "from", "a", "")
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-2**40, 2**40), st.floats(allow_nan=False),
                    st.sampled_from(("web", "nginx:1.27", "Never", "delete", "replace", "add", "remove",
                                     "/metadata/labels/a", "/spec/containers/0/image", "", "한")))
DOCUMENTS = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                          st.dictionaries(st.sampled_from(KEYS), inner, max_size=4)),
                         max_leaves=12)
TYPES = st.sampled_from(("strategic", "merge", "json"))


def _quoted(document: object) -> str:
    return "'" + json.dumps(document).replace("'", "'\\''") + "'"


@given(DOCUMENTS, TYPES, st.sampled_from(("", "--dry-run=client", "--dry-run=server")))
def test_a_patch_never_crashes_and_a_failed_one_changes_nothing(document: object, kind: str, dry_run: str) -> None:
    before = sandbox.store_state(sandbox.fresh_session())
    argv = ["patch", "pod", "web", f"--type={kind}", "-p", json.dumps(document)] + ([dry_run] if dry_run else [])
    result, printed, session = run_kubectl(argv, "")
    changed = sandbox.changed_keys(before, sandbox.store_state(session))
    if dry_run or (not isinstance(result, Wait) and result != 0):
        assert not changed, f"kubectl {argv!r} exited {result} but changed {sorted(changed)}:\n{printed}"


@given(DOCUMENTS, TYPES)
def test_run_overrides_never_crash_and_a_failed_run_creates_nothing(document: object, kind: str) -> None:
    before = sandbox.store_state(sandbox.fresh_session())
    argv = ["run", "fuzzed", "--image=nginx", f"--override-type={kind}", f"--overrides={json.dumps(document)}"]
    result, printed, session = run_kubectl(argv, "")
    if not isinstance(result, Wait) and result != 0:
        changed = sandbox.changed_keys(before, sandbox.store_state(session))
        assert not changed, f"kubectl {argv!r} exited {result} but changed {sorted(changed)}:\n{printed}"
