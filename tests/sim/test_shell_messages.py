"""What each shell says when things go wrong: busybox ash, dash (Debian's sh) and bash."""
from __future__ import annotations

import pytest

from sandbox.sim.shell import Exited, spawn
from sandbox.sim.shell.fakehost import FakeHost, run_to_end


def stderr_of(argv: list[str], flavour: str) -> tuple[object, str]:
    host = FakeHost()
    outcome = run_to_end(spawn(argv, {}, flavour=flavour), host)
    return outcome, host.stderr


@pytest.mark.parametrize(("argv", "flavour", "expected"), [
    (["sh", "-c", "foo"], "busybox", "sh: foo: not found\n"),
    (["/bin/sh", "-c", "foo"], "busybox", "/bin/sh: foo: not found\n"),
    (["sh", "-c", "foo"], "debian", "sh: 1: foo: not found\n"),
    (["sh", "-c", "echo a\n\nfoo"], "debian", "sh: 3: foo: not found\n"),
    (["bash", "-c", "foo"], "debian", "bash: line 1: foo: command not found\n"),
    (["sh", "-c", "foo", "myname"], "busybox", "myname: line 1: foo: not found\n"),
    (["sh", "-c", "/x/foo"], "busybox", "sh: /x/foo: not found\n"),
    (["bash", "-c", "/x/foo"], "debian", "bash: line 1: /x/foo: No such file or directory\n"),
])
def test_it_says_not_found(argv, flavour, expected):
    assert stderr_of(argv, flavour) == (Exited(127), expected)


def test_it_says_permission_denied_for_a_directory():
    assert stderr_of(["sh", "-c", "/tmp"], "busybox") == (Exited(126), "sh: /tmp: Permission denied\n")


@pytest.mark.parametrize(("script", "flavour", "expected"), [
    ("fi", "busybox", 'sh: syntax error: unexpected "fi"\n'),
    ("if true; then echo", "busybox", 'sh: syntax error: unexpected end of file (expecting "fi")\n'),
    ("if true; fi", "busybox", 'sh: syntax error: unexpected "fi" (expecting "then")\n'),
    ("echo 'x", "busybox", "sh: syntax error: unterminated quoted string\n"),
    ("fi", "debian", 'sh: 1: Syntax error: "fi" unexpected\n'),
    ("if true; then echo", "debian", 'sh: 1: Syntax error: end of file unexpected (expecting "fi")\n'),
    ("echo a\necho )", "debian", 'sh: 2: Syntax error: ")" unexpected\n'),
    ("echo 'x", "debian", "sh: 1: Syntax error: Unterminated quoted string\n"),
])
def test_it_words_syntax_errors(script, flavour, expected):
    assert stderr_of(["sh", "-c", script], flavour) == (Exited(2), expected)


def test_it_words_syntax_errors_like_bash():
    assert stderr_of(["bash", "-c", "echo a; fi"], "debian") == (
        Exited(2), "bash: -c: line 1: syntax error near unexpected token `fi'\nbash: -c: line 1: `echo a; fi'\n")
    assert stderr_of(["bash", "-c", "if true; then"], "debian") == (
        Exited(2), "bash: -c: line 1: syntax error: unexpected end of file\n")


def test_it_reports_a_syntax_error_in_eval_and_goes_on():
    assert stderr_of(["sh", "-c", "eval 'if'; echo $? >&2"], "busybox") == (
        Exited(0), 'sh: syntax error: unexpected end of file (expecting "then")\n2\n')


@pytest.mark.parametrize(("script", "flavour", "expected"), [
    ("kill 99", "busybox", "sh: can't kill pid 99: No such process\n"),
    ("kill 99", "debian", "sh: 1: kill: No such process\n"),
    ("cd /nope", "debian", "sh: 1: cd: can't cd to /nope\n"),
    ("sleep abc", "busybox", "sleep: invalid number 'abc'\n"),
    ("sleep abc", "debian", "sleep: invalid time interval 'abc'\nTry 'sleep --help' for more information.\n"),
    ("rm", "debian", "rm: missing operand\nTry 'rm --help' for more information.\n"),
    ("shift 5", "busybox", "sh: shift: can't shift that many\n"),
])
def test_it_words_builtin_errors(script, flavour, expected):
    assert stderr_of(["sh", "-c", script], flavour)[1] == expected


def test_it_says_when_a_script_file_is_missing():
    assert stderr_of(["sh", "/x.sh"], "busybox") == (Exited(127), "sh: can't open '/x.sh': No such file or directory\n")
    assert stderr_of(["sh", "/x.sh"], "debian") == (Exited(127), "sh: 0: cannot open /x.sh: No such file\n")


def test_it_prints_nothing_for_a_missing_program_run_directly():
    # no shell is involved: the container runtime, not a shell, reports a missing executable
    assert stderr_of(["nosuch", "arg"], "busybox") == (Exited(127), "")
