"""``kubectl edit`` in a terminal without an editor (k8s.io/kubectl pkg/cmd/util/editor).

kubectl would write the objects to a temporary file under its header comment and open
``$KUBE_EDITOR``/``$EDITOR``/vi on it. Podlab's terminal runs one line at a time and has no
full-screen editor, so this command does what it can honestly do: it finds the objects exactly as
kubectl would (same errors: ``Error from server (NotFound): pods "x" not found`` ...), prints the
text kubectl would have opened (header comment, then the YAML, or JSON with ``-o json``) on
standard output, and ends with exit status 1 and an error saying how to make the change instead:
the page's editor, or ``kubectl get ... -o yaml > file``, editing the file, ``kubectl apply -f``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from sandbox.kubectl.cmd import builder
from sandbox.kubectl.cmd.base import Command, Invocation
from sandbox.kubectl.cmd.common import filename_flags, output_flags, strip_managed_fields
from sandbox.kubectl.cmd.validate import VALIDATE_FLAG
from sandbox.kubectl.errors import Aggregate, CmdError
from sandbox.kubectl.flags import bool_flag, string_flag
from sandbox.kubectl.printers.json import as_list, to_json
from sandbox.kubectl.printers.yaml import to_yaml

if TYPE_CHECKING:
    from sandbox.kubectl.context import Kube

HEADER = ("# Please edit the object below. Lines beginning with a '#' will be ignored,\n"
          "# and an empty file will abort the edit. If an error occurs while saving this file will be\n"
          "# reopened with the relevant failures.\n#\n")


def run_edit(k: Kube, inv: Invocation) -> int:
    output = inv.flags["output"] or "yaml"
    if output not in ("yaml", "json"):
        # the edit printer flags only know json and yaml (seen with kubectl 1.32.5)
        raise CmdError(f'unable to match a printer suitable for the output format "{output}", allowed formats '
                       "are: json,yaml")
    req = builder.Request(args=inv.args, filenames=inv.flags["filename"], recursive=inv.flags["recursive"],
                          latest=True, namespace=inv.namespace, explicit_namespace=inv.explicit_namespace)
    infos, errors = [], []
    for item in builder.visit(k, req):
        (errors if isinstance(item, Exception) else infos).append(item)
    if errors:
        raise Aggregate(errors)
    if not infos:
        return 0
    objects = [strip_managed_fields(i.obj or {}, inv.flags["show-managed-fields"]) for i in infos]
    target = objects[0] if len(objects) == 1 else as_list(objects)
    k.out(HEADER + (to_json(target) if output == "json" else to_yaml(target)))
    first = infos[0]
    file_name = f"{first.name}.{output}"
    raise CmdError(f"Podlab's terminal has no text editor, so kubectl cannot open {first.kind_name} for "
                   f"editing. Edit it in the page's editor, or run: kubectl get {first.kind_name} -o {output} > "
                   f"{file_name}, change {file_name}, then kubectl apply -f {file_name}")


COMMAND = Command(
    "edit", "Edit a resource on the server",
    flags=(string_flag("field-manager", "Name of the manager used to track field ownership.", default="kubectl-edit"),
           *filename_flags("Filename, directory, or URL to files to use to edit the resource"),
           bool_flag("output-patch", "Output the patch if the resource is edited."),
           bool_flag("save-config", "If true, the configuration of current object will be saved in its annotation. "
                     "Otherwise, the annotation will be unchanged. This flag is useful when you want to perform "
                     "kubectl apply on this object in the future."),
           VALIDATE_FLAG,
           bool_flag("windows-line-endings", "Defaults to the line ending native to your platform."),
           *output_flags()),
    run=run_edit)
