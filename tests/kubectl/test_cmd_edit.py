"""kubectl edit in a terminal with no editor (the behaviour Podlab chose: see
sandbox/kubectl/cmd/edit.py): the objects are found as kubectl finds them, the text kubectl would
have opened is printed, and the command fails saying how to make the change instead."""
from __future__ import annotations

from tests.kubectl.test_cmd_support import Term

HEADER = ("# Please edit the object below. Lines beginning with a '#' will be ignored,\n"
          "# and an empty file will abort the edit. If an error occurs while saving this file will be\n"
          "# reopened with the relevant failures.\n#\n")


def test_it_prints_what_kubectl_would_open_and_explains_the_way_to_edit():
    t = Term()
    t.kubectl("run nginx --image=nginx")
    r = t.kubectl("edit pod/nginx")
    assert r.out == HEADER + t.kubectl("get pod nginx -o yaml").out
    assert (r.err, r.code) == (
        "error: Podlab's terminal has no text editor, so kubectl cannot open pod/nginx for editing. Edit it in the "
        "page's editor, or run: kubectl get pod/nginx -o yaml > nginx.yaml, change nginx.yaml, then kubectl apply "
        "-f nginx.yaml\n", 1)
    assert t.kubectl("edit pod nginx -o json").out == HEADER + t.kubectl("get pod nginx -o json").out


def test_it_reports_what_it_cannot_find_as_kubectl_does():
    assert Term().kubectl("edit pod nope").err == 'Error from server (NotFound): pods "nope" not found\n'
    assert Term().kubectl("edit").err.startswith("error: You must provide one or more resources by argument or "
                                                 "filename.\n")
