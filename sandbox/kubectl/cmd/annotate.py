"""``kubectl annotate`` (k8s.io/kubectl pkg/cmd/annotate/annotate.go): label.py's steps applied to
``metadata.annotations``, with annotate's own overwrite message (``--overwrite is false but found
the following declared annotation(s): 'description' already has a value (hi)``)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from sandbox.kubectl.cmd.base import Command, Invocation
from sandbox.kubectl.cmd.label import ANNOTATION, edit_flags, run_edit

if TYPE_CHECKING:
    from sandbox.kubectl.context import Kube


def run_annotate(k: Kube, inv: Invocation) -> int:
    return run_edit(k, inv, ANNOTATION)


COMMAND = Command("annotate", "Update the annotations on a resource", flags=edit_flags(ANNOTATION),
                  run=run_annotate)
