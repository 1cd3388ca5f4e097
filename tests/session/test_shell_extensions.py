"""What the learner's terminal added to the container shell (sandbox/sim/shell): deadlines for
``timeout``, isatty per command, interactive bash wording, and where a typed command ends."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from sandbox.sim.shell import Exited, ShellSyntaxError, parse, spawn
from sandbox.sim.shell.fakehost import FakeHost, run_to_end
from sandbox.sim.shell.messages import Messages
from sandbox.terminal import heredoc_delimiters, is_complete, lookup


@dataclass
class HostWithCommands(FakeHost):
    def command(self, name: str):
        return lookup(name) if name == "timeout" else None


def test_it_stops_a_container_command_at_its_deadline():
    host = HostWithCommands()
    outcome = run_to_end(spawn(["sh", "-c", "timeout 5 sleep 60; echo $? >&2; timeout 9 sleep 1; echo $?"],
                               {}), host)
    assert outcome == Exited(0)
    assert host.writes == [(5.0, "stderr", "124\n"), (6.0, "stdout", "0\n")]


def test_it_saves_a_process_waiting_under_a_deadline():
    from sandbox.sim.shell import Process, run
    host = HostWithCommands()
    proc = spawn(["sh", "-c", "timeout 5 sh -c 'sleep 2; sleep 60'; echo $?"], {})
    assert run(proc, host, 0).until == 2
    proc = Process.from_json(proc.to_json())
    assert run(proc, host, 2).until == 5          # the sleep would end at 62; the deadline is 5
    assert run(proc, host, 5) == Exited(0) and host.stdout == "124\n"


def test_it_asks_isatty_of_each_command_not_of_the_process():
    host = FakeHost()
    run_to_end(spawn(["sh", "-c", "touch /tmp/a /tmp/b; ls /tmp; ls /tmp | cat"], {}, tty=True), host)
    assert host.stdout == "a  b\na\nb\n"


def test_it_words_messages_as_interactive_bash():
    msgs = Messages("debian", "bash", "bash", interactive=True)
    assert msgs.not_found("kubeclt", 3) == "bash: kubeclt: command not found"
    with pytest.raises(ShellSyntaxError) as caught:
        parse("if true; then echo; fi fi")
    assert msgs.syntax_error(caught.value) == "bash: syntax error near unexpected token `fi'"
    with pytest.raises(ShellSyntaxError) as caught:
        parse("echo 'unclosed")
    assert msgs.syntax_error(caught.value) == ("bash: unexpected EOF while looking for matching `''\n"
                                               "bash: syntax error: unexpected end of file")
    # only bash has an interactive wording here; the container shells keep theirs
    assert Messages("busybox", "ash", "sh", interactive=True).not_found("x", 1) == "sh: x: not found"


@pytest.mark.parametrize(("line", "delimiters"), [
    ("cat <<EOF > pod.yaml", [("EOF", False)]),
    ("cat <<'EOF' | kubectl apply -f -", [("EOF", False)]),
    ('cat <<-"END" <<X', [("END", True), ("X", False)]),
    ("echo '<<EOF' # <<NOT", []),
    ("echo $(cat <<<inner)", []),
])
def test_it_finds_the_here_documents_of_a_line(line, delimiters):
    assert heredoc_delimiters(line) == delimiters


@pytest.mark.parametrize(("text", "complete"), [
    ("echo hi", True),
    ("cat <<EOF\nbody", False),
    ("cat <<EOF\nbody\nEOF", True),
    ("cat <<-EOF\n\tbody\n\tEOF", True),
    ("echo 'open", False),
    ("if true; then", False),
    ("for i in 1 2; do\necho $i\ndone", True),
    ("echo a \\", False),
    ("echo a |", False),
    ("echo )", True),                   # a syntax error: bash runs it (and says so)
])
def test_it_knows_when_bash_would_prompt_for_more(text, complete):
    assert is_complete(text) is complete
