"""kubectl exec: the ``--`` rule of 1.32 (transcript 01), output and exit codes, containers, and
what ``-it`` does in a terminal that cannot be interactive (see sandbox/kubectl/cmd/exec.py)."""
from __future__ import annotations

import pytest

from tests.kubectl.test_cmd_support import Term


@pytest.fixture
def term() -> Term:
    t = Term()
    t.kubectl("run nginx --image=nginx")
    t.at(30)
    return t


def test_it_runs_a_command_after_the_double_dash(term: Term):
    assert term.kubectl("exec nginx -- cat /etc/hostname").both == "nginx\n"


def test_it_refuses_the_old_form_without_double_dash(term: Term):
    # checked with kubectl 1.32 (client side, no server needed)
    r = term.kubectl("exec -it nginx /bin/bash")
    assert (r.out, r.err, r.code) == ("", "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- "
                                          "[COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n", 1)


def test_it_needs_a_pod_and_a_command(term: Term):
    assert term.kubectl("exec").err == "error: pod, type/name or --filename must be specified\n"
    assert term.kubectl("exec nginx").err == "error: you must specify at least one command for the container\n"


def test_it_ends_with_the_command_s_exit_code(term: Term):
    r = term.kubectl("exec nginx -- sh -c 'echo out; echo err >&2; exit 3'")
    assert (r.out, r.err, r.code) == ("out\n", "err\ncommand terminated with exit code 3\n", 3)


def test_it_prints_the_runtime_s_error_for_a_missing_program(term: Term):
    # containerd's ExecSync error as the kubelet relays it (an internal error, exit 1).
    r = term.kubectl("exec nginx -- nosuchcmd")
    assert r.err.startswith('error: Internal error occurred: error executing command in container: failed to exec '
                            'in container: failed to start exec "')
    assert r.err.endswith('": OCI runtime exec failed: exec failed: unable to start container process: exec: '
                          '"nosuchcmd": executable file not found in $PATH: unknown\n')
    assert r.code == 1


def test_it_cannot_upgrade_to_a_container_that_is_not_running(term: Term):
    term.kubectl("run crash --image=busybox:1.36 -- sh -c 'exit 1'")
    term.cluster.advance_to(term.cluster.now + 5)
    r = term.kubectl("exec crash -- ls")
    assert (r.err, r.code) == ('error: unable to upgrade connection: container not found ("crash")\n', 1)


def test_it_lets_simulated_time_pass_while_the_command_runs(term: Term):
    assert term.kubectl("exec nginx -- sleep 5").code == 0
    assert term.cluster.now == 35


def test_it_reports_a_missing_pod_or_container(term: Term):
    assert term.kubectl("exec nope -- ls").err == 'Error from server (NotFound): pods "nope" not found\n'
    assert term.kubectl("exec nginx -c nope -- ls").err == (
        "Error from server (BadRequest): container nope is not valid for pod nginx\n")


def test_it_runs_an_interactive_shell_with_no_input_and_says_why():
    t = Term()
    t.kubectl("run nginx --image=nginx")
    t.at(30)
    r = t.kubectl("exec -it nginx -- sh")
    assert (r.out, r.err, r.code) == ("", "Unable to use a TTY - input is not a terminal or the right kind of file\n", 0)


def test_it_passes_standard_input_with_i(term: Term):
    assert term.kubectl("exec -i nginx -- sh", stdin="echo from stdin\n").both == "from stdin\n"


def test_it_refuses_a_finished_pod():
    t = Term()
    t.kubectl("run done --image=busybox:1.36 --restart=Never -- true")
    t.at(30)
    assert t.kubectl("exec done -- ls").err == (
        "error: cannot exec into a container in a completed pod; current phase is Succeeded\n")
